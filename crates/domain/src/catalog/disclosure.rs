//! The 20-day disclosure rule (政务公开): catalog information must be published within 20
//! days of the day it was made. The hall's plan says "以信息制定之日起20日内必须公开"; the
//! days are calendar days, not working days, because the plan counts 日, not 工作日.

use chrono::NaiveDate;
use serde::Serialize;

/// Calendar days allowed between making an item and publishing it (the plan's 20日 rule).
pub const DISCLOSURE_DAYS: i64 = 20;

/// Where an item stands against the 20-day rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum DisclosureStatus {
    /// Published on or before the last allowed day.
    OnTime,
    /// Published, but `days` after the last allowed day.
    Late { days: i64 },
    /// Not published and the last allowed day passed `days` ago.
    Overdue { days: i64 },
    /// Not published yet; `days_left` days remain (0 = today is the last day).
    Pending { days_left: i64 },
}

impl DisclosureStatus {
    /// Late and overdue items are what the administrator must look at.
    pub fn is_flagged(self) -> bool {
        matches!(self, Self::Late { .. } | Self::Overdue { .. })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::OnTime => "on_time",
            Self::Late { .. } => "late",
            Self::Overdue { .. } => "overdue",
            Self::Pending { .. } => "pending",
        }
    }
}

/// The last day on which an item made on `created_on` may still be published on time.
pub fn disclosure_deadline(created_on: NaiveDate) -> NaiveDate {
    created_on + chrono::Duration::days(DISCLOSURE_DAYS)
}

/// Judges an item made on `created_on` and published on `published_on` (None = not yet), as
/// of `today` in the hall's time zone.
pub fn disclosure_status(
    created_on: NaiveDate,
    published_on: Option<NaiveDate>,
    today: NaiveDate,
) -> DisclosureStatus {
    let deadline = disclosure_deadline(created_on);
    match published_on {
        Some(p) if p <= deadline => DisclosureStatus::OnTime,
        Some(p) => DisclosureStatus::Late {
            days: (p - deadline).num_days(),
        },
        None if today > deadline => DisclosureStatus::Overdue {
            days: (today - deadline).num_days(),
        },
        None => DisclosureStatus::Pending {
            days_left: (deadline - today).num_days(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_twentieth_day_is_still_on_time() {
        let made = d("2026-10-01");
        let today = d("2026-11-27");
        assert_eq!(
            disclosure_status(made, Some(d("2026-10-01")), today),
            DisclosureStatus::OnTime
        );
        assert_eq!(
            disclosure_status(made, Some(d("2026-10-21")), today),
            DisclosureStatus::OnTime
        );
        assert_eq!(
            disclosure_status(made, Some(d("2026-10-26")), today),
            DisclosureStatus::Late { days: 5 }
        );
    }

    #[test]
    fn unpublished_items_count_down_then_overdue() {
        let made = d("2026-11-20");
        assert_eq!(
            disclosure_status(made, None, d("2026-11-27")),
            DisclosureStatus::Pending { days_left: 13 }
        );
        assert_eq!(
            disclosure_status(made, None, d("2026-12-10")),
            DisclosureStatus::Pending { days_left: 0 }
        );
        assert_eq!(
            disclosure_status(made, None, d("2026-12-11")),
            DisclosureStatus::Overdue { days: 1 }
        );
    }

    #[test]
    fn only_late_and_overdue_are_flagged() {
        assert!(!DisclosureStatus::OnTime.is_flagged());
        assert!(!DisclosureStatus::Pending { days_left: 3 }.is_flagged());
        assert!(DisclosureStatus::Late { days: 1 }.is_flagged());
        assert!(DisclosureStatus::Overdue { days: 1 }.is_flagged());
    }

    fn date() -> impl Strategy<Value = NaiveDate> {
        (0i64..3000).prop_map(|n| d("2020-01-01") + chrono::Duration::days(n))
    }

    proptest! {
        #[test]
        fn published_status_depends_only_on_the_gap(made in date(), gap in 0i64..200, t1 in date(), t2 in date()) {
            let published = made + chrono::Duration::days(gap);
            let a = disclosure_status(made, Some(published), t1);
            prop_assert_eq!(a, disclosure_status(made, Some(published), t2));
            prop_assert_eq!(a.is_flagged(), gap > DISCLOSURE_DAYS);
            if let DisclosureStatus::Late { days } = a {
                prop_assert_eq!(days, gap - DISCLOSURE_DAYS);
            }
        }

        #[test]
        fn unpublished_is_pending_until_the_deadline_then_overdue(made in date(), after in -50i64..200) {
            let today = made + chrono::Duration::days(after);
            let s = disclosure_status(made, None, today);
            match s {
                DisclosureStatus::Pending { days_left } => {
                    prop_assert!(after <= DISCLOSURE_DAYS);
                    prop_assert_eq!(days_left, DISCLOSURE_DAYS - after);
                }
                DisclosureStatus::Overdue { days } => {
                    prop_assert!(after > DISCLOSURE_DAYS);
                    prop_assert_eq!(days, after - DISCLOSURE_DAYS);
                }
                other => prop_assert!(false, "unexpected {:?}", other),
            }
        }
    }
}
