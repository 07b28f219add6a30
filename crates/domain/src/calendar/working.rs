//! The hall's working days and the working-day arithmetic of time limits and bookings.

use super::year::HolidayYear;
use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::BTreeMap;
use std::ops::Bound::{Excluded, Included};

/// Which dates are working days, from the loaded yearly arrangements.
///
/// A listed holiday is off, a listed make-up day (调休) is worked; any other date is worked
/// Monday to Friday and off at the weekend. A year with no arrangement loaded follows the
/// weekday rule alone, which is likely wrong around its holidays: check [`Self::covers`] or
/// [`Self::uncovered_years`] and warn ("2027 年节假日安排尚未发布", the text of
/// [`super::CalendarError::NotPublished`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkingCalendar {
    years: BTreeMap<i32, HolidayYear>,
}

impl WorkingCalendar {
    /// A calendar of these arrangements; of two for the same year, the later one counts.
    pub fn new(years: impl IntoIterator<Item = HolidayYear>) -> Self {
        years.into_iter().fold(Self::default(), Self::with_year)
    }

    /// The arrangements shipped in `data/holidays/` (2025 and 2026).
    pub fn bundled() -> Self {
        const FILES: [&str; 2] = [
            include_str!("../../../../data/holidays/2025.json"),
            include_str!("../../../../data/holidays/2026.json"),
        ];
        Self::new(FILES.map(|text| {
            HolidayYear::parse_json(text).expect("the shipped holiday files are valid")
        }))
    }

    /// Adds a year's arrangement, replacing any loaded for the same year (an admin loading
    /// a newly published or corrected file).
    pub fn with_year(mut self, year: HolidayYear) -> Self {
        self.years.insert(year.year(), year);
        self
    }

    /// Whether the official arrangement for `year` is loaded.
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    /// The years with an arrangement loaded, in order.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.keys().copied()
    }

    pub fn year(&self, year: i32) -> Option<&HolidayYear> {
        self.years.get(&year)
    }

    /// The years from `a`'s to `b`'s (either order) with no arrangement loaded: the years a
    /// count between them may have got wrong.
    pub fn uncovered_years(&self, a: NaiveDate, b: NaiveDate) -> Vec<i32> {
        let (from, to) = (a.min(b).year(), a.max(b).year());
        (from..=to).filter(|y| !self.covers(*y)).collect()
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.listed(date) {
            Some(day) => !day.is_off_day(),
            None => !is_weekend(date),
        }
    }

    /// The holiday a listed date belongs to, e.g. "春节" (make-up working days included).
    pub fn day_name(&self, date: NaiveDate) -> Option<&str> {
        self.listed(date).map(|day| day.name())
    }

    /// The deadline of an `n`-working-day limit started on `start` (the acceptance date):
    /// Day 1 is the first working day after `start`, so this is the `n`-th working day after
    /// it, and `start` itself when `n` is 0. Takes time proportional to `n`.
    ///
    /// # Panics
    /// Past the last date chrono represents (year 262142); see
    /// [`Self::checked_add_working_days`].
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        self.checked_add_working_days(start, n)
            .expect("working-day deadline beyond the last representable date")
    }

    /// [`Self::add_working_days`], or `None` past the last representable date.
    pub fn checked_add_working_days(&self, start: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut date = start;
        for _ in 0..n {
            date = self.checked_next_working_day(date)?;
        }
        Some(date)
    }

    /// How many working days lie after `from_exclusive` up to and including `to_inclusive`:
    /// the working days used of a limit started on `from_exclusive`, or remaining until a
    /// deadline `to_inclusive` counted from today. Negative (`-working_days_between(to,
    /// from)`) when `to_inclusive` is before `from_exclusive`, 0 when they are equal.
    /// `working_days_between(d, add_working_days(d, n)) == n`.
    pub fn working_days_between(&self, from_exclusive: NaiveDate, to_inclusive: NaiveDate) -> i64 {
        if to_inclusive < from_exclusive {
            return -self.working_days_between(to_inclusive, from_exclusive);
        }
        let mut count = weekdays_up_to(to_inclusive) - weekdays_up_to(from_exclusive);
        for (_, listed) in self
            .years
            .range(from_exclusive.year()..=to_inclusive.year())
        {
            for (date, day) in listed.days_in((Excluded(from_exclusive), Included(to_inclusive))) {
                match (day.is_off_day(), is_weekend(date)) {
                    (true, false) => count -= 1,
                    (false, true) => count += 1,
                    _ => {}
                }
            }
        }
        count
    }

    /// The first working day strictly after `date`.
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        self.add_working_days(date, 1)
    }

    /// The next `n` working days after `today`, in order: the dates offered when booking
    /// "1 to `n` working days ahead".
    pub fn working_days_ahead(&self, today: NaiveDate, n: u32) -> Vec<NaiveDate> {
        let mut date = today;
        (0..n)
            .map(|_| {
                date = self.next_working_day(date);
                date
            })
            .collect()
    }

    fn checked_next_working_day(&self, date: NaiveDate) -> Option<NaiveDate> {
        let mut date = date.succ_opt()?;
        while !self.is_working_day(date) {
            date = date.succ_opt()?;
        }
        Some(date)
    }

    fn listed(&self, date: NaiveDate) -> Option<&super::HolidayDay> {
        self.years.get(&date.year())?.day(date)
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Monday-to-Friday dates from a fixed origin up to `date`, up to a constant: day 1 of the
/// common era (0001-01-01) was a Monday, so day `k` is a weekday unless `k % 7` is 6 or 0.
fn weekdays_up_to(date: NaiveDate) -> i64 {
    let k = i64::from(date.num_days_from_ce());
    5 * k.div_euclid(7) + k.rem_euclid(7).min(5)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn cal() -> WorkingCalendar {
        WorkingCalendar::bundled()
    }

    #[test]
    fn zero_days_is_the_start_itself() {
        let c = cal();
        let sat = ymd(2026, 2, 21);
        assert_eq!(c.add_working_days(sat, 0), sat);
        assert_eq!(c.working_days_between(sat, sat), 0);
        assert!(c.working_days_ahead(sat, 0).is_empty());
    }

    #[test]
    fn a_loaded_year_replaces_the_bundled_one() {
        let text = concat!(
            r#"{"year": 2026, "papers": [], "days": "#,
            r#"[{"name": "测试", "date": "2026-03-02", "isOffDay": true}]}"#
        );
        let c = cal().with_year(HolidayYear::parse_json(text).unwrap());
        assert!(c.is_working_day(ymd(2026, 2, 17)));
        assert!(!c.is_working_day(ymd(2026, 3, 2)));
        assert_eq!(c.day_name(ymd(2026, 3, 2)), Some("测试"));
        assert!(c.covers(2025) && c.covers(2026));
        // Of two files for one year given to `new`, the later counts.
        let both = WorkingCalendar::new(
            cal()
                .year(2026)
                .cloned()
                .into_iter()
                .chain(c.year(2026).cloned()),
        );
        assert_eq!(both.year(2026), c.year(2026));
    }

    #[test]
    fn an_empty_calendar_follows_the_weekdays() {
        let c = WorkingCalendar::default();
        assert!(!c.covers(2026));
        assert!(c.is_working_day(ymd(2026, 2, 17)));
        assert!(!c.is_working_day(ymd(2026, 2, 14)));
        assert_eq!(c.add_working_days(ymd(2026, 2, 13), 1), ymd(2026, 2, 16));
    }

    #[test]
    fn checked_add_stops_at_the_end_of_time() {
        let c = WorkingCalendar::default();
        assert_eq!(c.checked_add_working_days(NaiveDate::MAX, 1), None);
        assert_eq!(
            c.checked_add_working_days(NaiveDate::MAX, 0),
            Some(NaiveDate::MAX)
        );
    }

    /// Dates from 2024 to 2028: before, inside and after the bundled data.
    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (0u64..5 * 366).prop_map(|k| ymd(2024, 1, 1) + chrono::Days::new(k))
    }

    /// The bundled dates listed as off (`true`) or as make-up working days (`false`).
    fn listed_days(off: bool) -> Vec<NaiveDate> {
        let c = cal();
        let listed: Vec<_> = c.years.values().flat_map(|y| y.days()).collect();
        listed
            .into_iter()
            .filter(|(_, day)| day.is_off_day() == off)
            .map(|(d, _)| d)
            .collect()
    }

    proptest! {
        #[test]
        fn a_deadline_is_a_working_day(start in any_date(), n in 1u32..400) {
            let c = cal();
            prop_assert!(c.is_working_day(c.add_working_days(start, n)));
        }

        #[test]
        fn deadlines_grow_with_the_limit(start in any_date(), n in 0u32..400) {
            let c = cal();
            prop_assert!(c.add_working_days(start, n) < c.add_working_days(start, n + 1));
            prop_assert!(c.add_working_days(start, n) >= start);
        }

        #[test]
        fn between_undoes_add(start in any_date(), n in 0u32..400) {
            let c = cal();
            let end = c.add_working_days(start, n);
            prop_assert_eq!(c.working_days_between(start, end), i64::from(n));
            prop_assert_eq!(c.working_days_between(end, start), -i64::from(n));
        }

        #[test]
        fn between_counts_day_by_day(a in any_date(), b in any_date()) {
            let c = cal();
            let (from, to) = (a.min(b), a.max(b));
            let naive = from
                .iter_days()
                .skip(1)
                .take_while(|d| *d <= to)
                .filter(|d| c.is_working_day(*d))
                .count();
            prop_assert_eq!(c.working_days_between(from, to), naive as i64);
            prop_assert_eq!(c.working_days_between(to, from), -(naive as i64));
        }

        #[test]
        fn an_unlisted_weekday_is_worked_and_an_unlisted_weekend_is_not(d in any_date()) {
            let c = cal();
            prop_assume!(c.day_name(d).is_none());
            prop_assert_eq!(c.is_working_day(d), !is_weekend(d));
        }

        #[test]
        fn a_make_up_day_is_a_worked_weekend(d in proptest::sample::select(listed_days(false))) {
            let c = cal();
            prop_assert!(is_weekend(d));
            prop_assert!(c.is_working_day(d));
            prop_assert!(c.day_name(d).is_some());
        }

        #[test]
        fn a_holiday_is_off(d in proptest::sample::select(listed_days(true))) {
            let c = cal();
            prop_assert!(!c.is_working_day(d));
            prop_assert!(c.day_name(d).is_some());
        }

        #[test]
        fn the_next_working_day_is_the_first_after(d in any_date()) {
            let c = cal();
            let next = c.next_working_day(d);
            prop_assert!(next > d && c.is_working_day(next));
            let mut skipped = d.iter_days().skip(1).take_while(|x| *x < next);
            prop_assert!(skipped.all(|x| !c.is_working_day(x)));
        }

        #[test]
        fn bookable_days_are_the_next_working_days(today in any_date(), n in 0u32..10) {
            let c = cal();
            let ahead = c.working_days_ahead(today, n);
            prop_assert_eq!(ahead.len(), n as usize);
            for (i, d) in ahead.iter().enumerate() {
                prop_assert_eq!(*d, c.add_working_days(today, i as u32 + 1));
            }
        }
    }
}
