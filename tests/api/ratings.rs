//! 好差评: a served ticket and a completed case are each rated once, bad reviews open a
//! follow-up due in working days that must be answered before it is closed, and overdue ones
//! are flagged.

use crate::helpers::{assert_error, TestApp};
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use onetrip_domain::calendar::WorkingCalendar;
use reqwest::Method;
use serde_json::{json, Value};

/// Friday 2026-09-25, 10:00 in Shanghai: the National Day holiday (Oct 1–7, make-up days on
/// Sep 27 and Oct 10) falls inside a deadline of five working days counted from here.
const NOW: &str = "2026-09-25T02:00:00Z";

/// Issues an A ticket at the kiosk, calls it at `counter` and finishes it; its id.
async fn served_ticket(app: &TestApp, kiosk: &str, clerk: &str, counter: &str) -> i64 {
    let issued = app.issue(kiosk, "A").await;
    assert_eq!(issued.status(), 201);
    let r = app.call_next(clerk, counter).await;
    assert_eq!(r.status(), 200, "call-next");
    let body: Value = r.json().await.unwrap();
    let id = body["ticket"]["id"].as_i64().unwrap();
    assert_eq!(app.ticket_op(clerk, id, "finish", None).await.status(), 200);
    id
}

async fn rate(
    app: &TestApp,
    token: Option<&str>,
    body: Value,
    key: Option<&str>,
) -> reqwest::Response {
    let mut rb = app
        .request(Method::POST, "/api/v1/ratings", token)
        .json(&body);
    if let Some(k) = key {
        rb = rb.header("Idempotency-Key", k);
    }
    rb.send().await.unwrap()
}

fn day(v: &Value) -> NaiveDate {
    v.as_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn a_finished_ticket_is_rated_once_at_the_counter_that_served_it() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let other = app.token_for("clerk2", &["clerk"]).await;

    // Not before the service is finished.
    assert_eq!(app.issue(&kiosk, "A").await.status(), 201);
    let called: Value = app.call_next(&clerk, "1").await.json().await.unwrap();
    let id = called["ticket"]["id"].as_i64().unwrap();
    assert_error(
        rate(
            &app,
            Some(&clerk),
            json!({"ticket_id": id, "level": 5}),
            None,
        )
        .await,
        409,
        "illegal_transition",
    )
    .await;
    assert_eq!(
        app.ticket_op(&clerk, id, "finish", None).await.status(),
        200
    );

    // Validation: level 1..=5, exactly one subject, no anonymous ticket ratings.
    for bad in [
        json!({"ticket_id": id, "level": 0}),
        json!({"ticket_id": id, "level": 6}),
        json!({"level": 5}),
        json!({"ticket_id": id, "tracking_code": "ABCDEFGHJKMNPQRS", "level": 5}),
        json!({"ticket_id": id, "level": 5, "comment": "好".repeat(501)}),
    ] {
        assert_error(
            rate(&app, Some(&clerk), bad, None).await,
            422,
            "invalid_input",
        )
        .await;
    }
    assert_error(
        rate(&app, None, json!({"ticket_id": id, "level": 5}), None).await,
        401,
        "unauthenticated",
    )
    .await;
    // Another counter's screen may not rate it (clerk2 holds counter 2).
    assert_eq!(app.call_next(&other, "2").await.status(), 204);
    assert_error(
        rate(
            &app,
            Some(&other),
            json!({"ticket_id": id, "level": 1}),
            None,
        )
        .await,
        403,
        "forbidden",
    )
    .await;

    let r = rate(
        &app,
        Some(&clerk),
        json!({"ticket_id": id, "level": 5, "comment": "  办事很快，态度很好  "}),
        None,
    )
    .await;
    assert_eq!(r.status(), 201);
    let rating: Value = r.json().await.unwrap();
    assert_eq!(rating["subject"], "ticket");
    assert_eq!(rating["ticket_number"], "A001");
    assert_eq!(rating["level"], 5);
    assert_eq!(rating["level_label"], "非常满意");
    assert_eq!(
        rating["has_comment"], true,
        "the text is not echoed to the screen"
    );
    let admin = app.token_for("admin-ratings", &["admin"]).await;
    let report = app.get_json("/api/v1/ratings", Some(&admin)).await;
    assert_eq!(
        report["ratings"][0]["comment"], "办事很快，态度很好",
        "{report}"
    );
    assert_eq!(rating["channel"], "counter");
    assert_eq!(rating["counter"], "1");
    assert_eq!(rating["counter_name"], "1号综合窗口");
    assert!(rating["follow_up_due"].is_null());
    assert!(rating.get("clerk_name").is_none(), "no names: {rating}");

    // 一次一评: a second rating of the same service, from anywhere, is refused.
    for token in [&clerk, &kiosk] {
        assert_error(
            rate(
                &app,
                Some(token),
                json!({"ticket_id": id, "level": 1}),
                None,
            )
            .await,
            409,
            "already_rated",
        )
        .await;
    }

    // At the kiosk, a retried request with the same key gets the first rating back.
    let second = served_ticket(&app, &kiosk, &clerk, "1").await;
    let body = json!({"ticket_id": second, "level": 4});
    let r = rate(&app, Some(&kiosk), body.clone(), Some("rate-1")).await;
    assert_eq!(r.status(), 201);
    let first: Value = r.json().await.unwrap();
    assert_eq!(first["channel"], "kiosk");
    let r = rate(&app, Some(&kiosk), body, Some("rate-1")).await;
    assert_eq!(r.status(), 200);
    let again: Value = r.json().await.unwrap();
    assert_eq!(again["id"], first["id"]);

    // The admin's report records the counter and the clerk.
    let admin = app.token_for("admin1", &["admin"]).await;
    let report = app.get_json("/api/v1/ratings", Some(&admin)).await;
    assert_eq!(report["total"], 2);
    assert_eq!(report["bad"], 0);
    assert_eq!(
        report["totals"][0],
        json!({"level": 5, "label": "非常满意", "count": 1})
    );
    assert_eq!(report["totals"][1]["count"], 1);
    assert_eq!(report["ratings"][1]["clerk_name"], "测试clerk1");
    assert_eq!(report["ratings"][1]["category"], "A");
    let only5 = app
        .get_json("/api/v1/ratings?level=5&counter=1", Some(&admin))
        .await;
    assert_eq!(only5["total"], 1);
    assert_eq!(only5["ratings"].as_array().unwrap().len(), 1);
    let r = app
        .request(Method::GET, "/api/v1/ratings", Some(&clerk))
        .send()
        .await
        .unwrap();
    assert_error(r, 403, "forbidden").await;
}

fn person() -> Value {
    json!({"kind": "person", "name": "张三", "id_number": "11010519491231002X", "phone": "13800138000"})
}

#[tokio::test]
async fn a_case_is_rated_publicly_by_its_tracking_code_once_decided() {
    let app = TestApp::spawn().await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let approver = app.approver("gwh1", "GWH").await;
    let (status, case) = app
        .post_json(
            "/api/v1/cases",
            &clerk,
            json!({"matter": "GWH-001", "applicant": person(),
                   "materials": [{"code": "01", "state": "provided"}, {"code": "02", "state": "provided"}],
                   "delivery": {"method": "window"}}),
        )
        .await;
    assert_eq!(status, 201, "{case}");
    let code = case["tracking_code"].as_str().unwrap();
    let body = json!({"tracking_code": code, "level": 2, "comment": "等得太久"});
    assert_error(
        rate(&app, None, body.clone(), None).await,
        409,
        "illegal_transition",
    )
    .await;
    assert_error(
        rate(
            &app,
            None,
            json!({"tracking_code": "ABCDEFGHJKMNPQRS", "level": 5}),
            None,
        )
        .await,
        404,
        "not_found",
    )
    .await;

    let task = case["tasks"][0]["id"].as_i64().unwrap();
    let (s, _) = app
        .post_json(&format!("/api/v1/tasks/{task}/claim"), &approver, json!({}))
        .await;
    assert_eq!(s, 200);
    let (s, _) = app
        .post_json(
            &format!("/api/v1/tasks/{task}/approve"),
            &approver,
            json!({"opinion": "符合条件，准予"}),
        )
        .await;
    assert_eq!(s, 200);

    let r = rate(&app, None, body.clone(), None).await;
    assert_eq!(r.status(), 201);
    let text = r.text().await.unwrap();
    for personal in ["张三", "11010519491231002X", "13800138000", "测试"] {
        assert!(!text.contains(personal), "{personal} in {text}");
    }
    let rating: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(rating["subject"], "case");
    assert_eq!(rating["channel"], "qr");
    assert_eq!(rating["case_no"], case["case_no"]);
    assert_eq!(rating["matter"], "GWH-001");
    assert!(
        rating["follow_up_due"].is_string(),
        "a bad review: {rating}"
    );
    // 一事一评, also by case number at the kiosk.
    assert_error(rate(&app, None, body, None).await, 409, "already_rated").await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    assert_error(
        rate(
            &app,
            Some(&kiosk),
            json!({"case_no": case["case_no"], "level": 5}),
            None,
        )
        .await,
        409,
        "already_rated",
    )
    .await;

    let admin = app.token_for("admin1", &["admin"]).await;
    let report = app
        .get_json("/api/v1/ratings?matter=GWH-001&level=2", Some(&admin))
        .await;
    assert_eq!(report["total"], 1);
    assert_eq!(report["bad"], 1);
    let r = &report["ratings"][0];
    assert_eq!(r["clerk_name"], "测试clerk1");
    assert_eq!(r["follow_up_state"], "open");
}

#[tokio::test]
async fn a_bad_review_opens_a_follow_up_due_in_working_days_answered_then_closed() {
    let (app, clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let admin = app.token_for("admin1", &["admin"]).await;
    let id = served_ticket(&app, &kiosk, &clerk, "1").await;
    let r = rate(
        &app,
        Some(&kiosk),
        json!({"ticket_id": id, "level": 1, "comment": "态度差"}),
        None,
    )
    .await;
    assert_eq!(r.status(), 201);
    let rating: Value = r.json().await.unwrap();
    let cal = WorkingCalendar::bundled();
    let rated_on = NaiveDate::from_ymd_opt(2026, 9, 25).unwrap();
    let due = cal.add_working_days(rated_on, 5);
    assert_eq!(day(&rating["follow_up_due"]), due);
    assert!(
        due > NaiveDate::from_ymd_opt(2026, 10, 7).unwrap(),
        "the holiday is skipped"
    );

    let list = app.get_json("/api/v1/follow-ups", Some(&admin)).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    let f = &list[0];
    assert_eq!(f["state"], "open");
    assert_eq!(f["overdue"], false);
    assert_eq!(day(&f["due_on"]), due);
    assert_eq!(f["rating"]["level"], 1);
    assert_eq!(f["rating"]["counter"], "1");
    assert_eq!(f["rating"]["clerk_name"], "测试clerk1");
    let fid = f["id"].as_i64().unwrap();
    let path = |op: &str| format!("/api/v1/follow-ups/{fid}/{op}");

    // Only the admin; a reply before closing; a reply is not empty.
    let (s, _) = app
        .post_json(&path("reply"), &clerk, json!({"reply": "已整改"}))
        .await;
    assert_eq!(s, 403);
    let (s, body) = app.post_json(&path("close"), &admin, json!({})).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (409, Some("illegal_transition")),
        "{body}"
    );
    let (s, body) = app
        .post_json(&path("reply"), &admin, json!({"reply": "  "}))
        .await;
    assert_eq!((s, body["code"].as_str()), (422, Some("invalid_input")));

    clock.advance(Duration::hours(1));
    let (s, replied) = app
        .post_json(
            &path("reply"),
            &admin,
            json!({"reply": "已约谈窗口人员并致电致歉"}),
        )
        .await;
    assert_eq!(s, 200, "{replied}");
    assert_eq!(replied["state"], "replied");
    assert_eq!(replied["reply"], "已约谈窗口人员并致电致歉");
    let (s, _) = app
        .post_json(&path("reply"), &admin, json!({"reply": "再答复"}))
        .await;
    assert_eq!(s, 409, "one reply");
    let (s, closed) = app
        .post_json(&path("close"), &admin, json!({"note": "群众表示满意"}))
        .await;
    assert_eq!(s, 200, "{closed}");
    assert_eq!(closed["state"], "closed");
    assert_eq!(closed["close_note"], "群众表示满意");
    let (s, _) = app.post_json(&path("close"), &admin, json!({})).await;
    assert_eq!(s, 409, "closed is final");
    let (s, _) = app
        .post_json("/api/v1/follow-ups/999/close", &admin, json!({}))
        .await;
    assert_eq!(s, 404);

    let open = app
        .get_json("/api/v1/follow-ups?state=open", Some(&admin))
        .await;
    assert_eq!(open.as_array().unwrap().len(), 0);
    let closed = app
        .get_json("/api/v1/follow-ups?state=closed", Some(&admin))
        .await;
    assert_eq!(closed.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_follow_up_past_its_deadline_is_flagged_overdue_until_closed() {
    let (app, clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let id = served_ticket(&app, &kiosk, &clerk, "1").await;
    let r = rate(
        &app,
        Some(&kiosk),
        json!({"ticket_id": id, "level": 2}),
        None,
    )
    .await;
    assert_eq!(r.status(), 201);
    let due = day(&r.json::<Value>().await.unwrap()["follow_up_due"]);

    // The last day is still in time …
    let at_due = Utc
        .from_utc_datetime(&due.and_hms_opt(9, 0, 0).unwrap())
        .with_timezone(&Utc);
    clock.set(at_due);
    let admin = app.token_for("admin1", &["admin"]).await;
    let list = app.get_json("/api/v1/follow-ups", Some(&admin)).await;
    assert_eq!(list[0]["overdue"], false);
    assert_eq!(
        app.get_json("/api/v1/follow-ups?overdue=true", Some(&admin))
            .await
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let ctx = app.server().context();
    assert_eq!(
        onetrip::service::ratings::flag_overdue(ctx).await.unwrap(),
        0
    );
    // … the next day it is overdue, answered or not, until it is closed; the watcher tells the
    // admin once.
    clock.set(at_due + Duration::days(1));
    let admin = app.login_again("admin1").await;
    let mut events = Box::pin(crate::events::subscribe(&app, &admin, None).await);
    assert_eq!(
        onetrip::service::ratings::flag_overdue(ctx).await.unwrap(),
        1
    );
    assert_eq!(
        onetrip::service::ratings::flag_overdue(ctx).await.unwrap(),
        0
    );
    let flagged = crate::events::next_of_kind(&mut events, "follow_up_overdue").await;
    let flagged: Value = serde_json::from_str(&flagged.data).unwrap();
    assert_eq!(day(&flagged["due_on"]), due);
    let audit = app
        .get_json("/api/v1/audit?action=follow_up_overdue", Some(&admin))
        .await;
    assert_eq!(audit["entries"].as_array().unwrap().len(), 1, "{audit}");
    let overdue = app
        .get_json("/api/v1/follow-ups?overdue=true", Some(&admin))
        .await;
    assert_eq!(overdue.as_array().unwrap().len(), 1);
    assert_eq!(overdue[0]["overdue"], true);
    let fid = overdue[0]["id"].as_i64().unwrap();
    let (s, replied) = app
        .post_json(
            &format!("/api/v1/follow-ups/{fid}/reply"),
            &admin,
            json!({"reply": "已回访"}),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(replied["overdue"], true);
    let (s, closed) = app
        .post_json(
            &format!("/api/v1/follow-ups/{fid}/close"),
            &admin,
            json!({}),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(closed["overdue"], false);
    assert_eq!(
        app.get_json("/api/v1/follow-ups?overdue=true", Some(&admin))
            .await
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[tokio::test]
async fn a_double_tap_gives_exactly_one_rating() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let id = served_ticket(&app, &kiosk, &clerk, "1").await;
    let tries = (0..10).map(|i| {
        let (app, kiosk, clerk) = (&app, &kiosk, &clerk);
        async move {
            let token = if i % 2 == 0 { kiosk } else { clerk };
            rate(app, Some(token), json!({"ticket_id": id, "level": 1}), None)
                .await
                .status()
                .as_u16()
        }
    });
    let mut statuses = futures::future::join_all(tries).await;
    statuses.sort_unstable();
    assert_eq!(statuses[0], 201);
    assert!(statuses[1..].iter().all(|s| *s == 409), "{statuses:?}");
    let admin = app.token_for("admin1", &["admin"]).await;
    let report = app.get_json("/api/v1/ratings", Some(&admin)).await;
    assert_eq!(report["total"], 1);
    let follow_ups = app.get_json("/api/v1/follow-ups", Some(&admin)).await;
    assert_eq!(follow_ups.as_array().unwrap().len(), 1, "one follow-up");
}
