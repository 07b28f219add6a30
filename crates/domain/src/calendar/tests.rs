//! The calendar against the shipped arrangements, with dates counted by hand from
//! `data/holidays/2025.json` and `2026.json`.

use super::{CalendarError, WorkingCalendar};
use chrono::{Datelike, NaiveDate, Weekday};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn cal() -> WorkingCalendar {
    WorkingCalendar::bundled()
}

#[test]
fn bundled_covers_2025_and_2026_only() {
    let c = cal();
    assert_eq!(c.years().collect::<Vec<_>>(), [2025, 2026]);
    assert!(!c.covers(2027));
    assert_eq!(
        c.uncovered_years(ymd(2026, 12, 20), ymd(2025, 1, 1)),
        [] as [i32; 0]
    );
    assert_eq!(
        c.uncovered_years(ymd(2026, 12, 20), ymd(2027, 1, 15)),
        [2027]
    );
    assert_eq!(
        CalendarError::NotPublished(2027).to_string(),
        "2027 年节假日安排尚未发布"
    );
}

#[test]
fn spring_festival_2026() {
    let c = cal();
    // 2026-02-14 (Sat) and 2026-02-28 (Sat) are make-up working days.
    for d in [ymd(2026, 2, 14), ymd(2026, 2, 28)] {
        assert_eq!(d.weekday(), Weekday::Sat);
        assert!(c.is_working_day(d), "{d}");
        assert_eq!(c.day_name(d), Some("春节"));
    }
    // 2026-02-15 (Sun) to 2026-02-23 (Mon) are off, weekdays included.
    for day in 15..=23 {
        let d = ymd(2026, 2, day);
        assert!(!c.is_working_day(d), "{d}");
        assert_eq!(c.day_name(d), Some("春节"));
    }
    assert!(c.is_working_day(ymd(2026, 2, 24)));
    assert_eq!(c.day_name(ymd(2026, 2, 24)), None);
    // Accepted Thu 2026-02-12, 5 working days: 02-13 Fri (1), 02-14 Sat make-up (2),
    // [02-15..02-23 holiday], 02-24 Tue (3), 02-25 (4), 02-26 Thu (5).
    assert_eq!(c.add_working_days(ymd(2026, 2, 12), 5), ymd(2026, 2, 26));
    // ...then 02-27 Fri (6), 02-28 Sat make-up (7), [03-01 Sun], 03-02 (8), 03-03 (9),
    // 03-04 Wed (10).
    assert_eq!(c.add_working_days(ymd(2026, 2, 12), 10), ymd(2026, 3, 4));
    assert_eq!(
        c.working_days_between(ymd(2026, 2, 12), ymd(2026, 2, 26)),
        5
    );
    assert_eq!(
        c.working_days_between(ymd(2026, 2, 26), ymd(2026, 2, 12)),
        -5
    );
    assert_eq!(
        c.working_days_between(ymd(2026, 2, 14), ymd(2026, 2, 23)),
        0
    );
}

#[test]
fn new_year_2026_across_the_year_end() {
    let c = cal();
    assert_eq!(ymd(2026, 1, 4).weekday(), Weekday::Sun);
    assert!(c.is_working_day(ymd(2026, 1, 4)));
    assert_eq!(c.day_name(ymd(2026, 1, 4)), Some("元旦"));
    assert!(!c.is_working_day(ymd(2026, 1, 1)));
    assert!(!c.is_working_day(ymd(2026, 1, 2)));
    // Accepted Mon 2025-12-29, 5 working days: 12-30 Tue (1), 12-31 Wed (2),
    // [01-01..01-03 holiday], 01-04 Sun make-up (3), 01-05 Mon (4), 01-06 Tue (5).
    assert_eq!(c.add_working_days(ymd(2025, 12, 29), 5), ymd(2026, 1, 6));
    assert_eq!(
        c.working_days_between(ymd(2025, 12, 29), ymd(2026, 1, 6)),
        5
    );
    assert_eq!(c.next_working_day(ymd(2025, 12, 31)), ymd(2026, 1, 4));
}

#[test]
fn national_day_2026() {
    let c = cal();
    for d in [ymd(2026, 9, 20), ymd(2026, 10, 10)] {
        assert!(c.is_working_day(d), "{d}");
        assert_eq!(c.day_name(d), Some("国庆节"));
    }
    assert_eq!(ymd(2026, 9, 20).weekday(), Weekday::Sun);
    assert_eq!(ymd(2026, 10, 10).weekday(), Weekday::Sat);
    // Mid-Autumn Fri 09-25 to Sun 09-27 and National Day Thu 10-01 to Wed 10-07 are off.
    assert!(!c.is_working_day(ymd(2026, 9, 25)));
    for day in 1..=7 {
        assert!(!c.is_working_day(ymd(2026, 10, day)));
    }
    // Accepted Fri 2026-09-18: [09-19 Sat], 09-20 Sun make-up (1), 09-21..09-24 (2..5),
    // [09-25..09-27 Mid-Autumn], 09-28 Mon (6).
    assert_eq!(c.add_working_days(ymd(2026, 9, 18), 5), ymd(2026, 9, 24));
    assert_eq!(c.add_working_days(ymd(2026, 9, 18), 6), ymd(2026, 9, 28));
    // Accepted Wed 2026-09-30: [10-01..10-07], 10-08 Thu (1), 10-09 Fri (2),
    // 10-10 Sat make-up (3), [10-11 Sun], 10-12 Mon (4), 10-13 Tue (5).
    assert_eq!(c.add_working_days(ymd(2026, 9, 30), 3), ymd(2026, 10, 10));
    assert_eq!(c.add_working_days(ymd(2026, 9, 30), 5), ymd(2026, 10, 13));
    assert_eq!(
        c.working_days_ahead(ymd(2026, 9, 30), 5),
        [
            ymd(2026, 10, 8),
            ymd(2026, 10, 9),
            ymd(2026, 10, 10),
            ymd(2026, 10, 12),
            ymd(2026, 10, 13)
        ]
    );
}

#[test]
fn an_uncovered_year_counts_weekdays_and_says_so() {
    let c = cal();
    // Accepted Sun 2026-12-20, 20 working days: Dec 21-25 and 28-31 (9), then 2027 with
    // no arrangement: Fri 01-01 (10), Jan 4-8 (15), Jan 11-15 (20).
    let deadline = c.add_working_days(ymd(2026, 12, 20), 20);
    assert_eq!(deadline, ymd(2027, 1, 15));
    assert!(c.is_working_day(ymd(2027, 1, 1)));
    assert_eq!(c.uncovered_years(ymd(2026, 12, 20), deadline), [2027]);
}
