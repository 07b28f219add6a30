//! The yearly government-information-disclosure report (政府信息公开工作年度报告): requests of
//! the 依申请公开 matters received in the year and how they were answered.
//!
//! A request is one task of such a matter in a case accepted in the year, or one 不予受理
//! notice naming the matter given in the year.

use super::cases::judge;
use chrono::NaiveDate;
use chrono_tz::Tz;
use onetrip_store::TaskFact;
use serde::Serialize;
use utoipa::ToSchema;

/// The catalog kind whose matters are disclosure requests.
pub const DISCLOSURE_KIND: &str = "依申请公开";

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DisclosureReport {
    pub year: i32,
    /// The matters counted (codes), e.g. `GWH-001`.
    pub matters: Vec<String>,
    /// Every request: accepted ones and those refused at intake.
    pub received: usize,
    /// Accepted ones (a case was opened).
    pub accepted: usize,
    /// Answered: decided (公开 or 不予公开) or refused at intake.
    pub answered: usize,
    /// Still being handled.
    pub pending: usize,
    /// Decided by the legal deadline.
    pub on_time: usize,
    /// Decided after it, or open past it.
    pub overdue: usize,
    /// Given the legal extension (延期答复).
    pub extended: usize,
    pub by_outcome: Vec<OutcomeCount>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OutcomeCount {
    /// `approved`, `rejected`, `refused`, `terminated` or `pending`.
    pub outcome: String,
    /// 予以公开, 不予公开, 不予受理, 终止办理, 办理中.
    pub label: String,
    pub count: usize,
}

const OUTCOMES: [(&str, &str); 5] = [
    ("approved", "予以公开"),
    ("rejected", "不予公开"),
    ("refused", "不予受理"),
    ("terminated", "终止办理"),
    ("pending", "办理中"),
];

fn outcome_of(status: &str) -> &'static str {
    match status {
        "approved" => "approved",
        "rejected" => "rejected",
        "terminated" => "terminated",
        _ => "pending",
    }
}

pub fn aggregate(
    year: i32,
    matters: Vec<String>,
    tasks: &[TaskFact],
    refused: usize,
    today: NaiveDate,
    tz: Tz,
) -> DisclosureReport {
    let mut counts = [0usize; OUTCOMES.len()];
    let (mut on_time, mut overdue, mut extended) = (0, 0, 0);
    for t in tasks {
        let o = outcome_of(&t.status);
        let i = OUTCOMES.iter().position(|(k, _)| *k == o).expect("known");
        counts[i] += 1;
        let j = judge(t, today, tz);
        on_time += usize::from(j.on_time);
        overdue += usize::from(j.overdue);
        extended += usize::from(t.extension_days > 0);
    }
    counts[2] = refused;
    DisclosureReport {
        year,
        matters,
        received: tasks.len() + refused,
        accepted: tasks.len(),
        answered: counts[0] + counts[1] + refused,
        pending: counts[4],
        on_time,
        overdue,
        extended,
        by_outcome: OUTCOMES
            .iter()
            .zip(counts)
            .map(|((k, l), count)| OutcomeCount {
                outcome: k.to_string(),
                label: l.to_string(),
                count,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn task(status: &str, decided_day: Option<u32>, extension: i64) -> TaskFact {
        let d = |n| NaiveDate::from_ymd_opt(2026, 3, n).unwrap();
        TaskFact {
            case_id: 1,
            case_status: status.into(),
            accepted_on: d(1),
            matter: "GWH-001".into(),
            department: "GWH".into(),
            status: status.into(),
            legal_due: d(20),
            decided_at: decided_day.map(|n| Utc.with_ymd_and_hms(2026, 3, n, 2, 0, 0).unwrap()),
            extension_days: extension,
        }
    }

    #[test]
    fn requests_by_outcome_with_refusals_and_extensions() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        let r = aggregate(
            2026,
            vec!["GWH-001".into()],
            &[
                task("approved", Some(10), 0),
                task("rejected", Some(25), 20),
                task("returned", None, 0),
            ],
            2,
            today,
            chrono_tz::Asia::Shanghai,
        );
        assert_eq!(
            (r.received, r.accepted, r.answered, r.pending),
            (5, 3, 4, 1)
        );
        assert_eq!((r.on_time, r.overdue, r.extended), (1, 1, 1));
        let counts: Vec<_> = r.by_outcome.iter().map(|o| o.count).collect();
        assert_eq!(counts, [1, 1, 2, 0, 1]);
        assert_eq!(r.by_outcome[2].label, "不予受理");
    }
}
