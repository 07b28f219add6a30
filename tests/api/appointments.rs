//! Appointments: slots, the booking rules, cancelling, and checking in at the kiosk.

use crate::helpers::{assert_error, TestApp};
use chrono::Duration;
use onetrip_domain::identity::id_check_char;
use reqwest::Method;
use serde_json::{json, Value};

/// Friday 27 November 2026, 10:00 in Shanghai.
const NOW: &str = "2026-11-27T02:00:00Z";

fn person(n: u32) -> String {
    let first17 = format!("11010519850612{n:03}");
    format!("{first17}{}", id_check_char(&first17))
}

async fn book(app: &TestApp, who: u32, date: &str, slot: &str) -> reqwest::Response {
    app.request(Method::POST, "/api/v1/public/appointments", None)
        .json(&json!({
            "category": "A", "date": date, "slot_start": slot,
            "id_number": person(who), "name": "欧阳娜娜", "phone": "138 0013 8000",
        }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn slots_list_the_next_five_working_days() {
    let (app, _clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    let r = app
        .request(
            Method::GET,
            "/api/v1/public/appointment-slots?category=A",
            None,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    let dates: Vec<&str> = v["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        [
            "2026-11-30",
            "2026-12-01",
            "2026-12-02",
            "2026-12-03",
            "2026-12-04"
        ]
    );
    assert_eq!(v["days"][0]["label"], "星期一");
    assert_eq!(v["days"][0]["slots"].as_array().unwrap().len(), 6);
    assert_eq!(
        v["days"][0]["slots"][0],
        json!({"start": "09:00", "end": "10:00", "capacity": 4, "remaining": 4})
    );
    assert!(!v["rules"].as_array().unwrap().is_empty());
    let bad = app
        .request(
            Method::GET,
            "/api/v1/public/appointment-slots?category=Q",
            None,
        )
        .send()
        .await
        .unwrap();
    assert_error(bad, 422, "invalid_input").await;
}

#[tokio::test]
async fn booking_rules_are_enforced() {
    let (app, _clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    let r = book(&app, 1, "2026-11-30", "09:00").await;
    assert_eq!(r.status(), 201);
    let a: Value = r.json().await.unwrap();
    assert_eq!(a["code"].as_str().unwrap().len(), 8);
    assert_eq!(a["name_masked"], "欧**娜");
    assert_eq!(a["phone_masked"], "138****8000");
    assert_eq!(a["status"], "booked");
    assert!(
        !a.to_string().contains(&person(1)),
        "ID number must not come back"
    );

    assert_error(book(&app, 1, "2026-11-30", "10:00").await, 409, "conflict").await;
    assert_eq!(book(&app, 1, "2026-12-01", "10:00").await.status(), 201);
    for who in 2..=4 {
        assert_eq!(book(&app, who, "2026-11-30", "09:00").await.status(), 201);
    }
    let full = assert_error(book(&app, 5, "2026-11-30", "09:00").await, 409, "conflict").await;
    assert!(full["message"].as_str().unwrap().contains("约满"));
    assert_error(
        book(&app, 5, "2026-11-28", "09:00").await,
        422,
        "invalid_input",
    )
    .await;
    assert_error(
        book(&app, 5, "2026-11-27", "09:00").await,
        422,
        "invalid_input",
    )
    .await;
    assert_error(
        book(&app, 5, "2026-12-07", "09:00").await,
        422,
        "invalid_input",
    )
    .await;
    assert_error(
        book(&app, 5, "2026-11-30", "09:30").await,
        422,
        "invalid_input",
    )
    .await;

    let slots: Value = app
        .get_json("/api/v1/public/appointment-slots?category=A", None)
        .await;
    assert_eq!(slots["days"][0]["slots"][0]["remaining"], 0);
}

#[tokio::test]
async fn cancelling_needs_the_id_number_and_two_hours_notice() {
    let (app, clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    let a: Value = book(&app, 1, "2026-11-30", "09:00")
        .await
        .json()
        .await
        .unwrap();
    let code = a["code"].as_str().unwrap();
    let cancel = |who: u32| {
        app.request(
            Method::POST,
            &format!("/api/v1/public/appointments/{code}/cancel"),
            None,
        )
        .json(&json!({"id_number": person(who)}))
        .send()
    };
    assert_error(cancel(2).await.unwrap(), 404, "not_found").await;
    // Monday 07:30 in Shanghai: 90 minutes before the slot.
    clock.set("2026-11-29T23:30:00Z".parse().unwrap());
    assert_error(cancel(1).await.unwrap(), 409, "illegal_transition").await;
    clock.set("2026-11-29T22:00:00Z".parse().unwrap());
    let c: Value = cancel(1).await.unwrap().json().await.unwrap();
    assert_eq!(c["status"], "cancelled");
    // The place is free again, and the person may book that day again.
    clock.set(NOW.parse().unwrap());
    assert_eq!(book(&app, 1, "2026-11-30", "09:00").await.status(), 201);
}

#[tokio::test]
async fn check_in_puts_an_on_time_appointment_first() {
    let (app, clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let on_time: Value = book(&app, 1, "2026-11-30", "09:00")
        .await
        .json()
        .await
        .unwrap();
    let late: Value = book(&app, 2, "2026-11-30", "09:00")
        .await
        .json()
        .await
        .unwrap();
    let check_in = |code: &Value| {
        app.request(
            Method::POST,
            &format!(
                "/api/v1/appointments/{}/check-in",
                code["code"].as_str().unwrap()
            ),
            Some(&kiosk),
        )
        .send()
    };
    // Friday: not the day.
    assert_error(check_in(&on_time).await.unwrap(), 409, "illegal_transition").await;
    // Monday 08:20: too early, come back at 08:30.
    clock.set("2026-11-30T00:20:00Z".parse().unwrap());
    let early = assert_error(check_in(&on_time).await.unwrap(), 409, "illegal_transition").await;
    assert!(
        early["message"].as_str().unwrap().contains("08:30"),
        "{early}"
    );
    // 08:40: a walk-in takes a ticket, then the appointment checks in — and is called first.
    clock.set("2026-11-30T00:40:00Z".parse().unwrap());
    app.issue(&kiosk, "A").await;
    let r = check_in(&on_time).await.unwrap();
    assert_eq!(r.status(), 201);
    let c: Value = r.json().await.unwrap();
    assert_eq!(c["on_time"], true);
    assert_eq!(c["ticket"]["priority"], "appointment");
    assert_eq!(c["appointment"]["status"], "checked_in");
    assert_error(check_in(&on_time).await.unwrap(), 409, "illegal_transition").await;
    // Logged in on Monday morning: Friday's sessions have expired.
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let first: Value = app.call_next(&clerk, "1").await.json().await.unwrap();
    assert_eq!(first["ticket"]["number"], c["ticket"]["number"]);
    assert_eq!(first["reason"], "预约到号优先");

    // 09:20 is past the window: the late one joins the normal queue.
    clock.set("2026-11-30T01:20:00Z".parse().unwrap());
    let l: Value = check_in(&late).await.unwrap().json().await.unwrap();
    assert_eq!(l["on_time"], false);
    assert_eq!(l["ticket"]["priority"], "normal");
}

#[tokio::test]
async fn repeated_no_shows_block_booking_for_a_month() {
    let (app, clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    for date in ["2026-11-30", "2026-12-01", "2026-12-02"] {
        assert_eq!(book(&app, 7, date, "14:30").await.status(), 201);
    }
    // Thursday 3 December: three appointments missed.
    clock.advance(Duration::days(6));
    let blocked = assert_error(book(&app, 7, "2026-12-07", "09:00").await, 409, "conflict").await;
    assert!(
        blocked["message"].as_str().unwrap().contains("暂停预约"),
        "{blocked}"
    );
    assert_eq!(book(&app, 8, "2026-12-07", "09:00").await.status(), 201);
}
