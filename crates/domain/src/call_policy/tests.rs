use super::*;
use chrono::TimeZone;
use proptest::prelude::*;

fn at(min: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 1, 0, 0).unwrap() + Duration::minutes(min)
}

fn cat(c: &str) -> CategoryCode {
    CategoryCode::parse(c).unwrap()
}

fn cand(id: i64, c: &str, p: Priority, min: i64) -> Candidate {
    Candidate {
        ticket_id: id,
        category: cat(c),
        priority: p,
        queued_at: at(min),
        transferred_here: false,
    }
}

fn share(c: &str, weight: u8, calls_today: i64) -> CategoryShare {
    CategoryShare {
        category: cat(c),
        weight,
        calls_today,
    }
}

fn run(candidates: &[Candidate], shares: &[CategoryShare], now_min: i64) -> Option<Choice> {
    pick(&PolicyInput {
        candidates,
        shares,
        now: at(now_min),
        max_wait: Duration::minutes(30),
    })
}

#[test]
fn nobody_waiting_means_no_call() {
    assert_eq!(run(&[], &[share("A", 1, 0)], 0), None);
}

#[test]
fn the_order_is_transfer_appointment_green_cap_weight() {
    let shares = [share("A", 1, 0), share("B", 1, 0)];
    let mut transferred = cand(1, "A", Priority::Normal, 10);
    transferred.transferred_here = true;
    let all = [
        transferred,
        cand(2, "A", Priority::Appointment, 9),
        cand(3, "B", Priority::Green, 8),
        cand(4, "B", Priority::Normal, 0),
    ];
    let order: Vec<i64> = (0..4)
        .map(|skip| run(&all[skip..], &shares, 40).unwrap().ticket_id)
        .collect();
    assert_eq!(order, [1, 2, 3, 4]);
    assert!(run(&all[3..], &shares, 40)
        .unwrap()
        .reason
        .contains("超过 30 分钟"));
}

#[test]
fn weights_share_calls_between_categories() {
    // B has weight 3: it should get three calls for each of A's.
    let shares = |a: i64, b: i64| [share("A", 1, a), share("B", 3, b)];
    let heads = [
        cand(1, "A", Priority::Normal, 0),
        cand(2, "B", Priority::Normal, 1),
    ];
    let mut calls = (0i64, 0i64);
    for _ in 0..8 {
        let c = run(&heads, &shares(calls.0, calls.1), 5).unwrap();
        if c.ticket_id == 1 {
            calls.0 += 1;
        } else {
            calls.1 += 1;
        }
    }
    assert_eq!(calls, (2, 6));
}

#[test]
fn a_category_the_counter_does_not_serve_is_never_picked_by_weight() {
    let heads = [cand(1, "C", Priority::Normal, 0)];
    assert_eq!(run(&heads, &[share("A", 1, 0)], 1), None);
}

proptest! {
    #[test]
    fn green_and_appointments_always_go_before_normal_tickets(
        raw in proptest::collection::vec((0usize..3, 0i64..20, 0usize..3), 1..12),
        calls in proptest::collection::vec(0i64..10, 3),
    ) {
        let prios = [Priority::Appointment, Priority::Green, Priority::Normal];
        let cats = ["A", "B", "C"];
        let cs: Vec<Candidate> = raw.iter().enumerate()
            .map(|(i, (p, m, c))| cand(i as i64, cats[*c], prios[*p], *m))
            .collect();
        let shares: Vec<CategoryShare> = cats.iter().zip(&calls).map(|(c, n)| share(c, 2, *n)).collect();
        let choice = run(&cs, &shares, 25).unwrap();
        let chosen = cs.iter().find(|c| c.ticket_id == choice.ticket_id).unwrap();
        let best_rank = cs.iter().map(|c| c.priority.rank()).min().unwrap();
        prop_assert_eq!(chosen.priority.rank(), best_rank);
    }

    #[test]
    fn no_ticket_waits_past_the_cap_while_a_younger_normal_one_is_called(
        mins in proptest::collection::vec(0i64..60, 1..10),
    ) {
        let cs: Vec<Candidate> = mins.iter().enumerate()
            .map(|(i, m)| cand(i as i64, ["A", "B"][i % 2], Priority::Normal, *m))
            .collect();
        let choice = run(&cs, &[share("A", 1, 0), share("B", 9, 0)], 60).unwrap();
        let chosen = cs.iter().find(|c| c.ticket_id == choice.ticket_id).unwrap();
        let overdue = cs.iter().filter(|c| at(60) - c.queued_at >= Duration::minutes(30)).count();
        if overdue > 0 {
            prop_assert!(cs.iter().all(|c| c.queued_at >= chosen.queued_at));
        }
    }
}
