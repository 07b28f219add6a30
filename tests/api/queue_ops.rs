//! The complete queue: counter sessions, call operations, priorities, transfers, estimates.

use crate::helpers::{assert_error, TestApp};
use onetrip_domain::identity::id_check_char;
use reqwest::Method;
use serde_json::{json, Value};

fn id_number(first17: &str) -> String {
    format!("{first17}{}", id_check_char(first17))
}

async fn called(app: &TestApp, clerk: &str, counter: &str) -> Value {
    let r = app.call_next(clerk, counter).await;
    assert_eq!(r.status(), 200, "call-next at {counter}");
    r.json::<Value>().await.unwrap()
}

fn id_of(v: &Value) -> i64 {
    v["ticket"]["id"]
        .as_i64()
        .or_else(|| v["id"].as_i64())
        .unwrap()
}

#[tokio::test]
async fn one_clerk_per_counter_and_one_counter_per_clerk() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let wang = app.token_for("wang", &["clerk"]).await;
    let li = app.token_for("lijun", &["clerk"]).await;
    let open = |token: String, counter: &'static str| {
        app.request(
            Method::POST,
            &format!("/api/v1/counters/{counter}/session"),
            Some(&token),
        )
        .send()
    };
    let session: Value = open(wang.clone(), "1").await.unwrap().json().await.unwrap();
    assert_eq!(session["counter"], "1");
    assert_eq!(session["paused"], false);
    // Opening again is harmless; another clerk is refused; the same clerk elsewhere too.
    assert_eq!(open(wang.clone(), "1").await.unwrap().status(), 200);
    assert_error(open(li.clone(), "1").await.unwrap(), 409, "conflict").await;
    assert_error(open(wang.clone(), "2").await.unwrap(), 409, "conflict").await;
    app.issue(&kiosk, "A").await;
    assert_error(app.call_next(&li, "1").await, 409, "conflict").await;

    // Paused counters do not call; resumed ones do.
    let pause = app
        .request(Method::POST, "/api/v1/counters/1/pause", Some(&wang))
        .send()
        .await
        .unwrap();
    assert_eq!(pause.json::<Value>().await.unwrap()["paused"], true);
    assert_error(app.call_next(&wang, "1").await, 409, "illegal_transition").await;
    app.request(Method::POST, "/api/v1/counters/1/resume", Some(&wang))
        .send()
        .await
        .unwrap();
    let a1 = called(&app, &wang, "1").await;

    // Leaving with a ticket in hand is refused; after finishing it is allowed.
    let close = || {
        app.request(Method::DELETE, "/api/v1/counters/1/session", Some(&wang))
            .send()
    };
    assert_error(close().await.unwrap(), 409, "illegal_transition").await;
    app.ticket_op(&wang, id_of(&a1), "finish", None).await;
    assert_eq!(close().await.unwrap().status(), 204);
    assert_eq!(open(li.clone(), "1").await.unwrap().status(), 200);
}

#[tokio::test]
async fn recall_no_show_and_reinstatement() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let other = app.token_for("clerk2", &["clerk"]).await;
    for _ in 0..3 {
        app.issue(&kiosk, "D").await;
    }
    let d1 = called(&app, &clerk, "4").await;
    let id = id_of(&d1);
    let desk = app.get_json("/api/v1/counters/4/desk", Some(&clerk)).await;
    assert_eq!(desk["current"]["number"], "D001");
    assert_eq!(desk["current_reason"], d1["reason"]);
    // Only the clerk holding the ticket acts on it.
    assert_error(
        app.ticket_op(&other, id, "recall", None).await,
        403,
        "forbidden",
    )
    .await;
    // No-show needs two recalls first.
    assert_error(
        app.ticket_op(&clerk, id, "no-show", None).await,
        409,
        "illegal_transition",
    )
    .await;
    for n in 1..=2 {
        let r: Value = app
            .ticket_op(&clerk, id, "recall", None)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(r["recall_count"], n);
    }
    let queue: Value = app.get_json("/api/v1/queue", Some(&kiosk)).await;
    assert_eq!(queue["recent_calls"][0]["recall"], true);
    let gone: Value = app
        .ticket_op(&clerk, id, "no-show", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(gone["status"], "no_show");
    let desk = app.get_json("/api/v1/counters/4/desk", Some(&other)).await;
    assert!(desk["current"].is_null());
    assert_eq!(desk["no_shows"][0]["number"], "D001");
    // Illegal moves are errors, not silent no-ops.
    assert_error(
        app.ticket_op(&clerk, id, "finish", None).await,
        409,
        "illegal_transition",
    )
    .await;

    // The citizen comes back: reinstated at the end of the line, by any clerk.
    let back: Value = app
        .ticket_op(&other, id, "reinstate", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(back["status"], "waiting");
    assert_eq!(back["waiting_ahead"], 2);
    let order: Vec<String> = [
        app.serve_next(&clerk, "4").await,
        app.serve_next(&clerk, "4").await,
        app.serve_next(&clerk, "4").await,
    ]
    .into_iter()
    .map(Option::unwrap)
    .collect();
    assert_eq!(order, ["D002", "D003", "D001"]);
}

#[tokio::test]
async fn start_and_finish_follow_the_state_machine() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let t: Value = app.issue(&kiosk, "E").await.json().await.unwrap();
    let id = t["id"].as_i64().unwrap();
    assert_error(
        app.ticket_op(&clerk, id, "start", None).await,
        409,
        "illegal_transition",
    )
    .await;
    called(&app, &clerk, "2").await;
    let s: Value = app
        .ticket_op(&clerk, id, "start", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(s["status"], "serving");
    assert!(s["started_at"].is_string());
    assert_error(
        app.ticket_op(&clerk, id, "start", None).await,
        409,
        "illegal_transition",
    )
    .await;
    assert_error(
        app.ticket_op(&clerk, id, "recall", None).await,
        409,
        "illegal_transition",
    )
    .await;
    let f: Value = app
        .ticket_op(&clerk, id, "finish", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(f["status"], "done");
    assert_error(
        app.ticket_op(&clerk, id, "finish", None).await,
        409,
        "illegal_transition",
    )
    .await;
}

#[tokio::test]
async fn transfers_keep_the_original_issue_time() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let c1 = app.token_for("clerk1", &["clerk"]).await;
    let c2 = app.token_for("clerk2", &["clerk"]).await;
    let c3 = app.token_for("clerk3", &["clerk"]).await;
    let a1: Value = app.issue(&kiosk, "A").await.json().await.unwrap();
    for _ in 0..3 {
        app.issue(&kiosk, "C").await;
    }
    called(&app, &c1, "1").await;
    let id = a1["id"].as_i64().unwrap();

    // To another category: it waits in C, ahead of the C tickets issued after it.
    let moved: Value = app
        .ticket_op(&c1, id, "transfer", Some(json!({"category": "C"})))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(moved["status"], "waiting");
    assert_eq!(moved["number"], "A001");
    assert_eq!(moved["queue_category"], "C");
    assert_eq!(moved["issued_at"], a1["issued_at"]);
    assert_eq!(moved["waiting_ahead"], 0);
    let again = called(&app, &c2, "6").await;
    assert_eq!(again["ticket"]["number"], "A001");

    // To one counter: only that counter calls it, and before its own lines.
    let to3: Value = app
        .ticket_op(&c2, id, "transfer", Some(json!({"counter": "3"})))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(to3["target_counter"], "3");
    assert_eq!(app.serve_next(&c1, "1").await.as_deref(), Some("C001"));
    let at3 = called(&app, &c3, "3").await;
    assert_eq!(at3["ticket"]["number"], "A001");
    assert_eq!(at3["reason"], "转来本窗口的号优先");

    let bad = app
        .ticket_op(
            &c3,
            id,
            "transfer",
            Some(json!({"category": "C", "counter": "2"})),
        )
        .await;
    assert_error(bad, 422, "invalid_input").await;
    let same = app
        .ticket_op(&c3, id, "transfer", Some(json!({"counter": "3"})))
        .await;
    assert_error(same, 422, "invalid_input").await;
}

#[tokio::test]
async fn id_numbers_give_the_elderly_priority_and_one_ticket_per_line() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let issue = |body: Value| {
        app.request(Method::POST, "/api/v1/tickets", Some(&kiosk))
            .json(&body)
            .send()
    };
    let young = id_number("11010519900307123");
    let elder = id_number("11010519500101004");
    let n1: Value = issue(json!({"category": "B", "id_number": young}))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(n1["priority"], "normal");
    let again = issue(json!({"category": "B", "id_number": young}))
        .await
        .unwrap();
    let body = assert_error(again, 409, "conflict").await;
    assert!(body["message"].as_str().unwrap().contains("B001"));
    // Another line is fine.
    assert_eq!(
        issue(json!({"category": "D", "id_number": young}))
            .await
            .unwrap()
            .status(),
        201
    );
    let g: Value = issue(json!({"category": "B", "id_number": elder}))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(g["priority"], "green");
    assert_eq!(g["waiting_ahead"], 0, "green goes before normal");
    let flagged: Value = issue(json!({"category": "B", "green": true}))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(flagged["priority"], "green");
    let bad = issue(json!({"category": "B", "id_number": "110105199003071230"}))
        .await
        .unwrap();
    assert_error(bad, 422, "invalid_input").await;

    let first = called(&app, &clerk, "5").await;
    assert_eq!(first["ticket"]["number"], "B002");
    assert_eq!(first["reason"], "绿色通道优先");
    app.ticket_op(&clerk, id_of(&first), "finish", None).await;
    // Served and done: the person may take a new ticket of the same line.
    let n1_id = n1["id"].as_i64().unwrap();
    let _ = n1_id;
}

#[tokio::test]
async fn a_matter_picks_its_category() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let r = app
        .request(Method::POST, "/api/v1/tickets", Some(&kiosk))
        .json(&json!({"matter": "GWH-001"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let t: Value = r.json().await.unwrap();
    assert_eq!(t["number"], "E001");
    assert_eq!(t["matter"], "GWH-001");
    let unknown = app
        .request(Method::POST, "/api/v1/tickets", Some(&kiosk))
        .json(&json!({"matter": "NOPE-1"}))
        .send()
        .await
        .unwrap();
    assert_error(unknown, 422, "invalid_input").await;
    let neither = app
        .request(Method::POST, "/api/v1/tickets", Some(&kiosk))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_error(neither, 422, "invalid_input").await;
}

#[tokio::test]
async fn estimates_follow_service_times_and_their_error_is_reported() {
    let (app, clock) = TestApp::spawn_at("2026-11-27T01:00:00Z".parse().unwrap()).await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    // Nobody served yet: the default of 6 minutes a person.
    for _ in 0..4 {
        app.issue(&kiosk, "E").await;
    }
    let t: Value = app.issue(&kiosk, "E").await.json().await.unwrap();
    assert_eq!(t["waiting_ahead"], 4);
    assert_eq!(t["estimated_wait_minutes"], 24);
    // Serve two in 10 minutes each at one counter.
    for _ in 0..2 {
        let c = called(&app, &clerk, "2").await;
        clock.advance(chrono::Duration::minutes(10));
        app.ticket_op(&clerk, id_of(&c), "finish", None).await;
    }
    let t: Value = app.issue(&kiosk, "E").await.json().await.unwrap();
    assert_eq!(t["waiting_ahead"], 3);
    assert_eq!(t["estimated_wait_minutes"], 30);
    let queue: Value = app.get_json("/api/v1/queue", Some(&kiosk)).await;
    let stats = &queue["stats"];
    assert_eq!(stats["called_today"], 2);
    // E001 waited 0 (told 0), E002 waited 10 (told 6): errors 0 and 4, median 2.
    assert_eq!(stats["estimate_median_abs_error_minutes"], 2.0);
    assert_eq!(stats["average_wait_minutes"], 5.0);
    let e = queue["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "E")
        .unwrap();
    assert_eq!(e["waiting"], 4);
    assert_eq!(e["longest_wait_minutes"], 20);
}

#[tokio::test]
async fn the_public_tracking_page_shows_position_without_personal_data() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let id = id_number("11010519900307123");
    app.issue(&kiosk, "A").await;
    let t: Value = app
        .request(Method::POST, "/api/v1/tickets", Some(&kiosk))
        .json(&json!({"category": "A", "id_number": id}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let code = t["track_code"].as_str().unwrap();
    assert!(code.len() >= 16);
    let r = app
        .request(Method::GET, &format!("/api/v1/track/ticket/{code}"), None)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    assert!(!text.contains(&id[..10]), "ID number leaked: {text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["number"], "A002");
    assert_eq!(v["waiting_ahead"], 1);
    assert_eq!(v["category_name"], "企业服务");
    let missing = app
        .request(Method::GET, "/api/v1/track/ticket/nope", None)
        .send()
        .await
        .unwrap();
    assert_error(missing, 404, "not_found").await;
}

#[tokio::test]
async fn a_failed_print_is_kept_for_reprinting() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let t: Value = app.issue(&kiosk, "A").await.json().await.unwrap();
    assert_eq!(t["slip_status"], "pending");
    let id = t["id"].as_i64().unwrap();
    let failed: Value = app
        .ticket_op(&kiosk, id, "slip-status", Some(json!({"printed": false})))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(failed["slip_status"], "failed");
    assert_eq!(failed["status"], "waiting", "still a real ticket in line");
    let printed: Value = app
        .ticket_op(&kiosk, id, "slip-status", Some(json!({"printed": true})))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(printed["slip_status"], "printed");
}

#[tokio::test]
async fn logging_out_frees_the_counter_unless_a_ticket_is_in_hand() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let wang = app.token_for("wang", &["clerk"]).await;
    let zhao = app.token_for("zhao", &["clerk"]).await;
    app.issue(&kiosk, "A").await;
    let a1 = called(&app, &wang, "1").await;
    let logout = |t: &str| {
        app.request(Method::POST, "/api/v1/auth/logout", Some(t))
            .send()
    };
    assert_eq!(logout(&wang).await.unwrap().status(), 204);
    // A001 is still in hand at counter 1: the counter stays held.
    assert_error(app.call_next(&zhao, "1").await, 409, "conflict").await;
    let password = "wang-password";
    let wang = app.login("wang", password).await;
    app.ticket_op(&wang, id_of(&a1), "finish", None).await;
    assert_eq!(logout(&wang).await.unwrap().status(), 204);
    assert_eq!(app.call_next(&zhao, "1").await.status(), 204);
    let desk = app.get_json("/api/v1/counters/1/desk", Some(&zhao)).await;
    assert_eq!(desk["session"]["clerk"], "测试zhao");
    assert_eq!(desk["recalls_before_no_show"], 2);
}
