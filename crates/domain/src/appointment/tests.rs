use super::*;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn shanghai() -> Tz {
    "Asia/Shanghai".parse().unwrap()
}

#[test]
fn bookable_days_skip_holidays_and_start_tomorrow() {
    let cal = WorkingCalendar::bundled();
    let rules = AppointmentRules::default();
    // Wednesday 30 September 2026: National Day follows; 10 October (Sat) is a make-up day.
    let days = bookable_days(&rules, &cal, d("2026-09-30"));
    assert_eq!(
        days,
        [
            d("2026-10-08"),
            d("2026-10-09"),
            d("2026-10-10"),
            d("2026-10-12"),
            d("2026-10-13")
        ]
    );
    assert_eq!(
        check_date(&rules, &cal, d("2026-09-30"), d("2026-10-01")),
        Err(BookingError::NotWorkingDay(d("2026-10-01")))
    );
    assert!(matches!(
        check_date(&rules, &cal, d("2026-09-30"), d("2026-10-14")),
        Err(BookingError::OutOfRange { .. })
    ));
    assert!(matches!(
        check_date(&rules, &cal, d("2026-09-30"), d("2026-09-30")),
        Err(BookingError::OutOfRange { .. })
    ));
    assert_eq!(
        check_date(&rules, &cal, d("2026-09-30"), d("2026-10-10")),
        Ok(())
    );
}

#[test]
fn check_in_window_is_thirty_minutes_early_to_fifteen_late() {
    let rules = AppointmentRules::default();
    let slot = slot_at(&rules, NaiveTime::from_hms_opt(9, 0, 0).unwrap()).unwrap();
    let starts = slot_start(d("2026-11-30"), slot, shanghai());
    assert_eq!(starts.to_rfc3339(), "2026-11-30T01:00:00+00:00");
    assert_eq!(
        check_in(&rules, starts, starts - Duration::minutes(31)),
        CheckIn::TooEarly(starts - Duration::minutes(30))
    );
    assert_eq!(
        check_in(&rules, starts, starts - Duration::minutes(30)),
        CheckIn::OnTime
    );
    assert_eq!(
        check_in(&rules, starts, starts + Duration::minutes(15)),
        CheckIn::OnTime
    );
    assert_eq!(
        check_in(&rules, starts, starts + Duration::minutes(16)),
        CheckIn::Late
    );
}

#[test]
fn cancelling_needs_two_hours_notice() {
    let rules = AppointmentRules::default();
    let starts = slot_start(d("2026-11-30"), rules.slots[0], shanghai());
    assert!(check_cancel(&rules, starts, starts - Duration::hours(3)).is_ok());
    assert_eq!(
        check_cancel(&rules, starts, starts - Duration::minutes(119)),
        Err(BookingError::TooLateToCancel(2))
    );
}

#[test]
fn three_no_shows_in_a_month_block_booking_for_a_month() {
    let rules = AppointmentRules::default();
    let now: DateTime<Utc> = "2026-11-27T02:00:00Z".parse().unwrap();
    let days_ago = |n: i64| now - Duration::days(n);
    assert!(check_no_shows(&rules, &[days_ago(3), days_ago(10)], now, shanghai()).is_ok());
    let blocked = check_no_shows(
        &rules,
        &[days_ago(3), days_ago(10), days_ago(20)],
        now,
        shanghai(),
    );
    assert_eq!(
        blocked,
        Err(BookingError::Blocked {
            count: 3,
            until: d("2026-12-24")
        })
    );
    // An old no-show no longer counts.
    assert!(check_no_shows(
        &rules,
        &[days_ago(3), days_ago(10), days_ago(40)],
        now,
        shanghai()
    )
    .is_ok());
}

#[test]
fn codes_avoid_look_alike_characters() {
    assert!(is_valid_code("K7QH2MXR"));
    for bad in ["K7QH2MX0", "K7QH2MXI", "k7qh2mxr", "K7QH2MX", "K7QH2MXRR"] {
        assert!(!is_valid_code(bad), "{bad}");
    }
}

proptest! {
    #[test]
    fn every_bookable_day_is_a_working_day_in_range(offset in 0i64..700) {
        let cal = WorkingCalendar::bundled();
        let rules = AppointmentRules::default();
        let today = d("2025-01-01") + Duration::days(offset);
        let days = bookable_days(&rules, &cal, today);
        prop_assert_eq!(days.len(), 5);
        for day in days {
            prop_assert!(cal.is_working_day(day));
            prop_assert!(day > today);
            prop_assert!(check_date(&rules, &cal, today, day).is_ok());
        }
    }
}
