use super::*;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn cal() -> WorkingCalendar {
    WorkingCalendar::bundled()
}

fn closed(from: &str, to: &str) -> Suspension {
    Suspension {
        from: d(from),
        to: Some(d(to)),
    }
}

/// 2026 春节: 14 Feb (Sat) and 28 Feb (Sat) are worked, 15–23 Feb are off.
/// Accepted Tuesday 10 Feb, 10 working days:
/// D1 11 Feb, D2 12, D3 13, D4 Sat 14 (调休), [15–23 off], D5 Tue 24, D6 25, D7 26, D8 27,
/// D9 Sat 28 (调休), D10 Mon 2 Mar.
#[test]
fn spring_festival_deadline_counts_make_up_days() {
    let c = cal();
    let clock = LegalClock::new(d("2026-02-10"), 10);
    assert_eq!(clock.due(&c), d("2026-03-02"));
    assert_eq!(clock.due_on(&c, d("2026-02-20")), d("2026-03-02"));
    assert_eq!(clock.working_days_left(&c, d("2026-02-10")), 10);
    assert_eq!(clock.working_days_left(&c, d("2026-02-14")), 6);
    // The whole holiday costs nothing: still 6 left on its last day.
    assert_eq!(clock.working_days_left(&c, d("2026-02-23")), 6);
    assert_eq!(clock.working_days_left(&c, d("2026-03-02")), 0);
    assert_eq!(clock.working_days_left(&c, d("2026-03-03")), -1);
}

/// Same case, returned for 补正 on Thu 12 Feb (D2), items supplied Tue 24 Feb.
/// Stopped: the working days after 12 Feb up to 24 Feb — 13 Feb, Sat 14 Feb, 24 Feb (3 days).
/// D1 11 Feb, D2 12, D3 25, D4 26, D5 27, D6 Sat 28, D7 2 Mar, D8 3, D9 4, D10 Thu 5 Mar.
/// Extended by 5: D11 Fri 6 Mar, D12 9, D13 10, D14 11, D15 Thu 12 Mar.
/// Promised 3 days: D3 = 25 Feb (suspensions count, the extension does not).
#[test]
fn spring_festival_with_a_suspension_and_an_extension() {
    let c = cal();
    let mut clock = LegalClock::new(d("2026-02-10"), 10);
    clock.suspend(d("2026-02-12")).unwrap();
    assert!(clock.is_suspended());
    // While waiting: `due` is the due date as it stood when the clock stopped...
    assert_eq!(clock.due(&c), d("2026-03-02"));
    // ...`due_on` moves by one working day per working day of waiting (13 Feb; 13 and 14 Feb)...
    assert_eq!(clock.due_on(&c, d("2026-02-13")), d("2026-03-03"));
    assert_eq!(clock.due_on(&c, d("2026-02-20")), d("2026-03-04"));
    // ...so the days left stand still: 10 − 2 used.
    for today in ["2026-02-12", "2026-02-13", "2026-02-14", "2026-02-20"] {
        assert_eq!(clock.working_days_left(&c, d(today)), 8, "{today}");
    }
    clock.resume(d("2026-02-24")).unwrap();
    assert!(!clock.is_suspended());
    assert_eq!(clock.suspensions, [closed("2026-02-12", "2026-02-24")]);
    assert_eq!(clock.due(&c), d("2026-03-05"));
    assert_eq!(clock.due_on(&c, d("2026-02-24")), d("2026-03-05"));
    assert_eq!(clock.suspended_working_days(&c, d("2026-03-05")), 3);
    assert_eq!(clock.working_days_left(&c, d("2026-02-24")), 8);
    assert_eq!(clock.working_days_left(&c, d("2026-02-25")), 7);
    assert_eq!(clock.promised(3).due(&c), d("2026-02-25"));

    assert_eq!(clock.extend(5, 5, " 需现场核查 ").unwrap(), "需现场核查");
    assert_eq!(clock.total_days(), 15);
    assert_eq!(clock.due(&c), d("2026-03-12"));
    assert_eq!(clock.promised(3).due(&c), d("2026-02-25"));
    assert_eq!(
        clock.extend(5, 1, "再次延期"),
        Err(CaseError::AlreadyExtended)
    );
}

/// 2026 国庆/中秋: Sun 20 Sep is worked, 25–27 Sep and 1–7 Oct are off, Sat 10 Oct is worked.
/// Accepted Friday 18 Sep, 15 working days:
/// D1 Sun 20 Sep (调休), D2 21, D3 22, D4 23, D5 24, [25–27 off], D6 28, D7 29, D8 30,
/// [1–7 Oct off], D9 Thu 8 Oct, D10 9, D11 Sat 10 (调休), D12 12, D13 13, D14 14, D15 Thu 15 Oct.
#[test]
fn national_day_deadline_counts_make_up_days() {
    let c = cal();
    let clock = LegalClock::new(d("2026-09-18"), 15);
    assert_eq!(clock.due(&c), d("2026-10-15"));
    assert_eq!(clock.working_days_left(&c, d("2026-09-19")), 15);
    assert_eq!(clock.working_days_left(&c, d("2026-09-20")), 14);
    assert_eq!(clock.working_days_left(&c, d("2026-10-07")), 7);
}

/// Same case, returned Tue 29 Sep (D7), supplied Fri 9 Oct.
/// Stopped: 30 Sep, 8 Oct, 9 Oct (the holiday was not a working day anyway).
/// D8 Sat 10 Oct, D9 12, D10 13, D11 14, D12 15, D13 16, D14 19, D15 Tue 20 Oct.
/// Extended by 10: D16 21, D17 22, D18 23, D19 26, D20 27, D21 28, D22 29, D23 30,
/// D24 Mon 2 Nov, D25 Tue 3 Nov.
#[test]
fn national_day_with_a_suspension_and_an_extension() {
    let c = cal();
    let mut clock = LegalClock::new(d("2026-09-18"), 15);
    clock.suspend(d("2026-09-29")).unwrap();
    assert_eq!(clock.working_days_left(&c, d("2026-09-29")), 8);
    assert_eq!(clock.working_days_left(&c, d("2026-10-05")), 8);
    assert_eq!(clock.light(&c, d("2026-10-05"), 3), Light::Green);
    clock.resume(d("2026-10-09")).unwrap();
    assert_eq!(clock.due(&c), d("2026-10-20"));
    assert_eq!(clock.suspended_working_days(&c, d("2026-10-20")), 3);
    // Lights with 3 days' warning: green at 4 left, yellow from 3 to 0, red after.
    let light_on = |clock: &LegalClock, day: &str| clock.light(&c, d(day), 3);
    assert_eq!(clock.working_days_left(&c, d("2026-10-14")), 4);
    assert_eq!(light_on(&clock, "2026-10-14"), Light::Green);
    assert_eq!(light_on(&clock, "2026-10-15"), Light::Yellow);
    assert_eq!(light_on(&clock, "2026-10-20"), Light::Yellow);
    assert_eq!(light_on(&clock, "2026-10-21"), Light::Red);
    assert_eq!(clock.working_days_left(&c, d("2026-10-24")), -3);

    clock.extend(10, 10, "涉及第三方意见征询").unwrap();
    assert_eq!(clock.due(&c), d("2026-11-03"));
    assert_eq!(light_on(&clock, "2026-10-21"), Light::Green);
}

/// 政府信息公开申请: 20 working days, extendable once by 20 (promised 15).
/// Accepted Wed 16 Sep 2026: D1 17, D2 18, D3 Sun 20 (调休), D4 21, D5 22, D6 23, D7 24,
/// D8 28, D9 29, D10 30, D11 8 Oct, D12 9, D13 Sat 10 (调休), D14 12, D15 13, D16 14,
/// D17 15, D18 16, D19 19, D20 Tue 20 Oct.
/// Extended by 20: D21 21 Oct … D28 30 Oct, D29 2 Nov … D33 6 Nov, D34 9 … D38 13,
/// D39 16, D40 Tue 17 Nov.
#[test]
fn information_disclosure_is_extended_once_by_twenty() {
    let (limit, promised, allowance) = (20, 15, 20u16);
    let c = cal();
    let mut clock = LegalClock::new(d("2026-09-16"), limit);
    assert_eq!(clock.due(&c), d("2026-10-20"));
    assert_eq!(clock.promised(promised).due(&c), d("2026-10-13"));
    assert_eq!(
        clock.extend(allowance, 21, "需征求第三方意见"),
        Err(CaseError::ExtensionTooLong { days: 21, max: 20 })
    );
    clock.extend(allowance, 20, "需征求第三方意见").unwrap();
    assert_eq!(clock.due(&c), d("2026-11-17"));
    assert_eq!(clock.promised(promised).due(&c), d("2026-10-13"));
    assert_eq!(
        clock
            .extend(allowance, 1, "还需时间")
            .unwrap_err()
            .to_string(),
        "每个任务只能延期一次，本任务已延期"
    );
    assert_eq!(clock.due(&c), d("2026-11-17"));
}

#[test]
fn extension_checks_name_the_first_obstacle() {
    assert_eq!(check_extension(20, false, 20, "理由"), Ok(()));
    assert_eq!(check_extension(20, false, 1, "理由"), Ok(()));
    assert_eq!(
        check_extension(0, false, 5, "理由"),
        Err(CaseError::ExtensionNotAllowed)
    );
    assert_eq!(
        check_extension(20, true, 5, "理由"),
        Err(CaseError::AlreadyExtended)
    );
    assert_eq!(
        check_extension(20, false, 0, "理由"),
        Err(CaseError::ExtensionZero)
    );
    assert_eq!(
        check_extension(20, false, 21, "理由")
            .unwrap_err()
            .to_string(),
        "本事项最多可延期 20 个工作日，申请延期 21 个工作日"
    );
    assert_eq!(
        check_extension(20, false, 5, "  ").unwrap_err().to_string(),
        "请填写延期理由"
    );
    assert_eq!(
        check_extension(20, false, 5, &"理".repeat(201))
            .unwrap_err()
            .to_string(),
        "延期理由不能超过200个字"
    );
    assert_eq!(check_extension(20, false, 5, &"理".repeat(200)), Ok(()));
}

/// Due Friday 13 Mar 2026 (accepted Fri 6 Mar, 5 days: 9–13 Mar).
#[test]
fn the_weekend_after_the_deadline_is_overdue() {
    let c = cal();
    let clock = LegalClock::new(d("2026-03-06"), 5);
    assert_eq!(clock.due(&c), d("2026-03-13"));
    let left = |day: &str| clock.working_days_left(&c, d(day));
    assert_eq!(left("2026-03-12"), 1);
    assert_eq!(left("2026-03-13"), 0);
    assert_eq!(left("2026-03-14"), -1);
    assert_eq!(left("2026-03-15"), -1);
    assert_eq!(left("2026-03-16"), -1);
    assert_eq!(left("2026-03-17"), -2);
    assert_eq!(clock.light(&c, d("2026-03-14"), 3), Light::Red);
}

#[test]
fn a_task_returned_on_its_last_day_is_not_overdue_while_waiting() {
    let c = cal();
    let mut clock = LegalClock::new(d("2026-03-06"), 5);
    clock.suspend(d("2026-03-13")).unwrap();
    assert_eq!(clock.working_days_left(&c, d("2026-03-18")), 0);
    clock.resume(d("2026-03-18")).unwrap();
    assert_eq!(clock.working_days_left(&c, d("2026-03-18")), 0);
    assert_eq!(clock.working_days_left(&c, d("2026-03-19")), -1);
    // Returned when already overdue: the count of days overdue stands still too.
    let mut late = LegalClock::new(d("2026-03-06"), 5);
    late.suspend(d("2026-03-17")).unwrap();
    assert_eq!(late.working_days_left(&c, d("2026-03-17")), -2);
    assert_eq!(late.working_days_left(&c, d("2026-03-24")), -2);
    assert_eq!(late.due_on(&c, d("2026-03-24")), d("2026-03-13"));
}

#[test]
fn suspend_and_resume_are_checked() {
    let mut clock = LegalClock::new(d("2026-03-02"), 5);
    assert_eq!(clock.resume(d("2026-03-03")), Err(CaseError::NotSuspended));
    clock.suspend(d("2026-03-04")).unwrap();
    assert_eq!(
        clock.suspend(d("2026-03-05")),
        Err(CaseError::AlreadySuspended)
    );
    assert_eq!(
        clock.resume(d("2026-03-03")).unwrap_err().to_string(),
        "补正日期 2026-03-03 早于退回补正的日期 2026-03-04"
    );
    clock.resume(d("2026-03-04")).unwrap();
    // Supplied the day it was returned: nothing stopped.
    assert_eq!(clock.due(&WorkingCalendar::bundled()), d("2026-03-09"));
}

/// Accepted Fri 13 Feb 2026, pledge for 5 working days: D1 Sat 14 Feb (调休), D2 Tue 24,
/// D3 25, D4 26, D5 Fri 27 Feb.
#[test]
fn a_pledge_deadline_counts_working_days() {
    let due = pledge_deadline(d("2026-02-13"), &cal(), 5);
    assert_eq!(due, d("2026-02-27"));
    assert!(!pledge_lapsed(due, d("2026-02-27")));
    assert!(pledge_lapsed(due, d("2026-02-28")));
}

#[test]
fn lights_by_days_left() {
    assert_eq!(light(10, 3), Light::Green);
    assert_eq!(light(4, 3), Light::Green);
    assert_eq!(light(3, 3), Light::Yellow);
    assert_eq!(light(0, 3), Light::Yellow);
    assert_eq!(light(-1, 3), Light::Red);
    assert_eq!(light(1, 0), Light::Green);
    assert_eq!(light(0, 0), Light::Yellow);
    assert_eq!(serde_json::to_value(Light::Yellow).unwrap(), "yellow");
    assert_eq!(Light::Red.as_str(), "red");
}

#[test]
fn a_clock_serialises_for_the_store() {
    let mut clock = LegalClock::new(d("2026-02-10"), 10);
    clock.suspend(d("2026-02-12")).unwrap();
    let v = serde_json::to_value(&clock).unwrap();
    assert_eq!(
        v,
        serde_json::json!({
            "accepted_on": "2026-02-10", "limit_days": 10, "extension_days": 0,
            "suspensions": [{"from": "2026-02-12", "to": null}],
        })
    );
    assert_eq!(serde_json::from_value::<LegalClock>(v).unwrap(), clock);
}

/// Dates in the bundled years.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0u64..600).prop_map(|k| d("2025-01-01") + chrono::Days::new(k))
}

fn any_clock() -> impl Strategy<Value = LegalClock> {
    (
        any_date(),
        0u32..40,
        0u32..20,
        prop::collection::vec((1u64..60, 0u64..20), 0..3),
    )
        .prop_map(|(accepted_on, limit_days, extension_days, gaps)| {
            // Closed suspensions one after another, each after the last.
            let mut at = accepted_on;
            let suspensions = gaps
                .into_iter()
                .map(|(after, length)| {
                    let from = at + chrono::Days::new(after);
                    at = from + chrono::Days::new(length);
                    Suspension { from, to: Some(at) }
                })
                .collect();
            LegalClock {
                accepted_on,
                limit_days,
                extension_days,
                suspensions,
            }
        })
}

proptest! {
    #[test]
    fn without_suspensions_the_due_date_is_the_calendar_deadline(
        accepted in any_date(),
        limit in 0u32..60,
        extension in 0u32..30,
    ) {
        let c = cal();
        let clock = LegalClock { extension_days: extension, ..LegalClock::new(accepted, limit) };
        let due = clock.due(&c);
        prop_assert_eq!(due, c.add_working_days(accepted, limit + extension));
        prop_assert_eq!(clock.working_days_left(&c, accepted), i64::from(limit + extension));
        prop_assert_eq!(clock.working_days_left(&c, due), 0);
    }

    #[test]
    fn days_left_match_the_calendar_until_due_and_go_negative_after(
        clock in any_clock(),
        offset in 0u64..200,
    ) {
        let c = cal();
        let today = clock.accepted_on + chrono::Days::new(offset);
        let due = clock.due(&c);
        let left = clock.working_days_left(&c, today);
        let suspended_after_today = clock.suspensions.iter().any(|s| s.to.unwrap() > today);
        if today <= due && !suspended_after_today {
            prop_assert_eq!(left, c.working_days_between(today, due));
        }
        let stood_still = clock.suspensions.iter().any(|s| s.from <= due && s.to.unwrap() >= today);
        if !stood_still {
            prop_assert_eq!(left < 0, today > due);
        }
        prop_assert_eq!(clock.light(&c, today, 3) == Light::Red, left < 0);
    }

    #[test]
    fn suspensions_and_extensions_only_push_the_deadline_back(clock in any_clock()) {
        let c = cal();
        let plain = LegalClock { suspensions: vec![], ..clock.clone() };
        prop_assert!(clock.due(&c) >= plain.due(&c));
        let stopped = clock.suspended_working_days(&c, clock.due(&c));
        prop_assert_eq!(
            c.working_days_between(clock.accepted_on, clock.due(&c)),
            i64::from(clock.total_days() + stopped)
        );
        let longer = LegalClock { extension_days: clock.extension_days + 1, ..clock.clone() };
        prop_assert!(longer.due(&c) > clock.due(&c));
        prop_assert!(c.is_working_day(clock.due(&c)) || clock.total_days() == 0);
    }

    #[test]
    fn an_open_suspension_freezes_the_days_left(
        clock in any_clock(),
        from_offset in 0u64..60,
        waited in 0u64..60,
    ) {
        let c = cal();
        let mut clock = clock;
        let last = clock.suspensions.last().map_or(clock.accepted_on, |s| s.to.unwrap());
        let from = last + chrono::Days::new(from_offset);
        clock.suspend(from).unwrap();
        let today = from + chrono::Days::new(waited);
        prop_assert_eq!(
            clock.working_days_left(&c, today),
            clock.working_days_left(&c, from)
        );
        prop_assert!(clock.due_on(&c, today) >= clock.due(&c));
        // Resuming today gives the due date `due_on` promised.
        let promised = clock.due_on(&c, today);
        clock.resume(today).unwrap();
        prop_assert_eq!(clock.due(&c), promised);
    }
}
