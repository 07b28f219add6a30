//! One year's official holiday arrangement, parsed from the holiday-cn JSON format.

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::{RangeBounds, RangeInclusive};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("节假日文件格式错误：{0}")]
    Malformed(String),
    #[error(
        "节假日文件的年份须在 {min}–{max} 之间，收到 {0}",
        min = HolidayYear::YEARS.start(),
        max = HolidayYear::YEARS.end()
    )]
    YearOutOfRange(i64),
    #[error("日期须为 YYYY-MM-DD 格式，收到“{0}”")]
    BadDate(String),
    #[error("日期 {date} 不属于 {year} 年")]
    DateOutsideYear { date: NaiveDate, year: i32 },
    #[error("日期 {0} 重复出现")]
    DuplicateDate(NaiveDate),
    #[error("日期 {0} 缺少节日名称")]
    EmptyName(NaiveDate),
    /// Also the notice to show for a year the calendar does not cover.
    #[error("{0} 年节假日安排尚未发布")]
    NotPublished(i32),
}

/// A date the arrangement lists: a holiday (off) or a make-up working day (调休, worked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayDay {
    name: String,
    is_off_day: bool,
}

impl HolidayDay {
    /// The holiday it belongs to, e.g. "春节" (also for its make-up working days).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `true` for a holiday, `false` for a make-up working day.
    pub fn is_off_day(&self) -> bool {
        self.is_off_day
    }
}

/// One year's arrangement: every date it lists lies in that year, once, with a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayYear {
    year: i32,
    papers: Vec<String>,
    days: BTreeMap<NaiveDate, HolidayDay>,
}

#[derive(Deserialize)]
struct RawYear {
    year: i64,
    #[serde(default)]
    papers: Vec<String>,
    days: Vec<RawDay>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawDay {
    name: String,
    date: String,
    is_off_day: bool,
}

impl HolidayYear {
    /// Four-digit years, so that dates read and print as `YYYY-MM-DD`.
    pub const YEARS: RangeInclusive<i32> = 1900..=9999;

    /// Parses a holiday-cn file (`{"year", "papers", "days": [{"name", "date", "isOffDay"}]}`).
    ///
    /// A file whose `days` is empty is how holiday-cn publishes a year the State Council has
    /// not announced yet; it is refused ([`CalendarError::NotPublished`]) so that loading it
    /// never makes the calendar claim official data for that year.
    pub fn parse_json(text: &str) -> Result<HolidayYear, CalendarError> {
        let raw: RawYear =
            serde_json::from_str(text).map_err(|e| CalendarError::Malformed(e.to_string()))?;
        let year = i32::try_from(raw.year)
            .ok()
            .filter(|y| Self::YEARS.contains(y))
            .ok_or(CalendarError::YearOutOfRange(raw.year))?;
        if raw.days.is_empty() {
            return Err(CalendarError::NotPublished(year));
        }
        let mut days = BTreeMap::new();
        for d in raw.days {
            let date = parse_date(&d.date)?;
            if date.year() != year {
                return Err(CalendarError::DateOutsideYear { date, year });
            }
            let name = d.name.trim();
            if name.is_empty() {
                return Err(CalendarError::EmptyName(date));
            }
            let day = HolidayDay {
                name: name.to_string(),
                is_off_day: d.is_off_day,
            };
            if days.insert(date, day).is_some() {
                return Err(CalendarError::DuplicateDate(date));
            }
        }
        Ok(HolidayYear {
            year,
            papers: raw.papers,
            days,
        })
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    /// Addresses of the State Council notices the arrangement was taken from.
    pub fn papers(&self) -> &[String] {
        &self.papers
    }

    /// The listed dates, in date order.
    pub fn days(&self) -> impl Iterator<Item = (NaiveDate, &HolidayDay)> + '_ {
        self.days.iter().map(|(date, day)| (*date, day))
    }

    /// The listed dates within `range`, in date order.
    pub(super) fn days_in(
        &self,
        range: impl RangeBounds<NaiveDate>,
    ) -> impl Iterator<Item = (NaiveDate, &HolidayDay)> + '_ {
        self.days.range(range).map(|(date, day)| (*date, day))
    }

    /// The listed entry for `date`, if any.
    pub fn day(&self, date: NaiveDate) -> Option<&HolidayDay> {
        self.days.get(&date)
    }
}

/// Strictly `YYYY-MM-DD`: zero-padded, nothing before or after.
fn parse_date(s: &str) -> Result<NaiveDate, CalendarError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|d| d.format("%Y-%m-%d").to_string() == s)
        .ok_or_else(|| CalendarError::BadDate(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn file(year: i64, days: &str) -> String {
        format!(r#"{{"year": {year}, "papers": ["https://www.gov.cn/"], "days": [{days}]}}"#)
    }

    fn day(name: &str, date: &str, off: bool) -> String {
        format!(r#"{{"name": "{name}", "date": "{date}", "isOffDay": {off}}}"#)
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_shipped_2026_file_parses() {
        let y =
            HolidayYear::parse_json(include_str!("../../../../data/holidays/2026.json")).unwrap();
        assert_eq!(y.year(), 2026);
        assert_eq!(y.papers().len(), 1);
        let spring = y.day(ymd(2026, 2, 17)).unwrap();
        assert_eq!((spring.name(), spring.is_off_day()), ("春节", true));
        let make_up = y.day(ymd(2026, 1, 4)).unwrap();
        assert_eq!((make_up.name(), make_up.is_off_day()), ("元旦", false));
        assert!(y.day(ymd(2026, 3, 2)).is_none());
        let dates: Vec<_> = y.days().map(|(d, _)| d).collect();
        assert!(dates.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn an_unpublished_year_is_refused() {
        // holiday-cn's placeholder for a year not yet announced (as in its 2027.json).
        let text = r#"{"$schema": "x", "$id": "y", "year": 2027, "papers": [], "days": []}"#;
        let e = HolidayYear::parse_json(text).unwrap_err();
        assert_eq!(e, CalendarError::NotPublished(2027));
        assert_eq!(e.to_string(), "2027 年节假日安排尚未发布");
    }

    #[test]
    fn a_date_outside_the_year_is_refused() {
        let text = file(2026, &day("元旦", "2027-01-01", true));
        let e = HolidayYear::parse_json(&text).unwrap_err();
        assert_eq!(e.to_string(), "日期 2027-01-01 不属于 2026 年");
    }

    #[test]
    fn a_duplicate_date_is_refused() {
        let days = [
            day("春节", "2026-02-16", true),
            day("春节", "2026-02-16", false),
        ];
        let e = HolidayYear::parse_json(&file(2026, &days.join(","))).unwrap_err();
        assert_eq!(e.to_string(), "日期 2026-02-16 重复出现");
    }

    #[test]
    fn an_empty_name_is_refused() {
        let e = HolidayYear::parse_json(&file(2026, &day("  ", "2026-05-01", true))).unwrap_err();
        assert_eq!(e.to_string(), "日期 2026-05-01 缺少节日名称");
    }

    #[test]
    fn bad_years_are_refused() {
        for year in [0, 1899, 10_000, i64::MAX] {
            let e = HolidayYear::parse_json(&file(year, "")).unwrap_err();
            assert_eq!(e, CalendarError::YearOutOfRange(year));
        }
        let e = HolidayYear::parse_json(&file(-5, "")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "节假日文件的年份须在 1900–9999 之间，收到 -5"
        );
    }

    #[test]
    fn dates_must_be_zero_padded_iso() {
        for bad in [
            "2026-5-1",
            "2026-05-01 ",
            "2026/05/01",
            "2026-02-30",
            "",
            "五一",
        ] {
            let e = HolidayYear::parse_json(&file(2026, &day("劳动节", bad, true))).unwrap_err();
            assert_eq!(e, CalendarError::BadDate(bad.to_string()), "{bad:?}");
        }
    }

    #[test]
    fn malformed_json_gets_a_chinese_message() {
        for bad in [
            "",
            "[]",
            r#"{"year": 2026}"#,
            r#"{"year": "2026", "days": []}"#,
        ] {
            let e = HolidayYear::parse_json(bad).unwrap_err();
            assert!(matches!(e, CalendarError::Malformed(_)), "{bad:?}: {e:?}");
            assert!(e.to_string().starts_with("节假日文件格式错误："));
        }
    }

    #[test]
    fn papers_may_be_missing_and_names_are_trimmed() {
        let text = concat!(
            r#"{"year": 2030, "days": "#,
            r#"[{"name": " 元旦 ", "date": "2030-01-01", "isOffDay": true}]}"#
        );
        let y = HolidayYear::parse_json(text).unwrap();
        assert!(y.papers().is_empty());
        assert_eq!(y.day(ymd(2030, 1, 1)).unwrap().name(), "元旦");
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,64}") {
            let _ = HolidayYear::parse_json(&s);
        }

        /// Files shaped like holiday-cn's with any values in their fields, and the shipped
        /// file with a piece cut or replaced: never a panic, and what is accepted holds only
        /// named days of its own year, in range.
        #[test]
        fn shaped_and_damaged_files_are_accepted_only_when_sound(
            year in prop_oneof![Just(2026i64), any::<i64>(), 1890i64..10010],
            days in proptest::collection::vec((
                "\\PC{0,4}",
                prop_oneof!["20[0-9]{2}-[01][0-9]-[0-3][0-9]", "[+-]?[0-9]{1,6}-[0-9]{1,3}-[0-9]{1,3}", "\\PC{0,12}"],
                prop_oneof![Just("true"), Just("false"), Just("null"), Just("1"), Just("\"x\"")],
            ), 0..6),
            cut in any::<proptest::sample::Index>(),
            len in 0usize..40,
            patch in "\\PC{0,6}",
        ) {
            let json: Vec<String> = days
                .iter()
                .map(|(name, date, off)| format!(
                    r#"{{"name": {}, "date": {}, "isOffDay": {off}}}"#,
                    serde_json::Value::from(name.as_str()),
                    serde_json::Value::from(date.as_str()),
                ))
                .collect();
            let shipped = include_str!("../../../../data/holidays/2026.json");
            let mut damaged = shipped.to_string();
            let mut at = cut.index(damaged.len());
            while !damaged.is_char_boundary(at) { at -= 1; }
            let mut end = (at + len).min(damaged.len());
            while !damaged.is_char_boundary(end) { end += 1; }
            damaged.replace_range(at..end, &patch);
            for text in [file(year, &json.join(",")), damaged] {
                if let Ok(y) = HolidayYear::parse_json(&text) {
                    prop_assert!(HolidayYear::YEARS.contains(&y.year()));
                    prop_assert!(y.days().next().is_some());
                    for (date, day) in y.days() {
                        prop_assert_eq!(date.year(), y.year());
                        prop_assert!(!day.name().is_empty());
                        prop_assert_eq!(day.name(), day.name().trim());
                    }
                }
            }
        }

        #[test]
        fn a_valid_listing_round_trips(
            year in 1900i32..=9999,
            entries in proptest::collection::btree_map(0u32..365, any::<bool>(), 1..40),
        ) {
            let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
            let days: Vec<_> = entries
                .iter()
                .map(|(&offset, &off)| (start + chrono::Days::new(offset.into()), off))
                .collect();
            let json: Vec<_> = days
                .iter()
                .map(|(d, off)| day("节日", &d.to_string(), *off))
                .collect();
            let parsed = HolidayYear::parse_json(&file(year.into(), &json.join(","))).unwrap();
            let back: Vec<_> = parsed.days().map(|(d, h)| (d, h.is_off_day())).collect();
            prop_assert_eq!(back, days);
        }
    }
}
