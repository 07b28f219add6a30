use crate::helpers::{assert_error, TestApp};
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::HashSet;

#[tokio::test]
async fn categories_and_matters_are_public() {
    let app = TestApp::spawn().await;
    let cats: Value = app.get_json("/api/v1/categories", None).await;
    let codes: Vec<&str> = cats
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["A", "B", "C", "D", "E"]);
    assert_eq!(cats[0]["waiting"], 0);
    let matters: Value = app.get_json("/api/v1/matters", None).await;
    let matters = matters.as_array().unwrap();
    assert!(matters.len() >= 20);
    let gov_info = matters
        .iter()
        .find(|m| m["name"] == "政府信息公开申请")
        .expect("政府信息公开申请");
    assert_eq!(gov_info["legal_limit_days"], 20);
    assert!(!gov_info["materials"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_ticket_is_issued_numbered_and_called() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;

    let r = app.issue(&kiosk, "A").await;
    assert_eq!(r.status(), 201);
    let a1: Value = r.json().await.unwrap();
    assert_eq!(a1["number"], "A001");
    assert_eq!(a1["category"], "A");
    assert_eq!(a1["category_name"], "企业服务");
    assert_eq!(a1["priority"], "normal");
    assert_eq!(a1["status"], "waiting");
    assert_eq!(a1["waiting_ahead"], 0);
    assert!(a1["issued_at"].is_string());
    let a2: Value = app.issue(&kiosk, "A").await.json().await.unwrap();
    assert_eq!(a2["number"], "A002");
    assert_eq!(a2["waiting_ahead"], 1);
    let b1: Value = app.issue(&kiosk, "B").await.json().await.unwrap();
    assert_eq!(b1["number"], "B001");
    assert_eq!(b1["waiting_ahead"], 0);

    let cats: Value = app.get_json("/api/v1/categories", None).await;
    assert_eq!(cats[0]["waiting"], 2);
    assert_eq!(cats[1]["waiting"], 1);

    // Earliest first across the counter's categories.
    let r = app.call_next(&clerk, "1").await;
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["counter"], json!({"code": "1", "name": "1号综合窗口"}));
    assert_eq!(body["ticket"]["number"], "A001");
    assert_eq!(body["ticket"]["status"], "called");
    assert_eq!(body["ticket"]["counter"], "1");
    assert!(!body["reason"].as_str().unwrap().is_empty());
    let id = body["ticket"]["id"].as_i64().unwrap();
    // The counter deals with its current ticket before calling the next.
    assert_error(app.call_next(&clerk, "1").await, 409, "illegal_transition").await;
    assert_eq!(
        app.ticket_op(&clerk, id, "finish", None).await.status(),
        200
    );
    let mut called = vec!["A001".to_string()];
    called.push(app.serve_next(&clerk, "1").await.unwrap());
    // B001 is left called, so the counter shows it as serving.
    let b: Value = app.call_next(&clerk, "1").await.json().await.unwrap();
    called.push(b["ticket"]["number"].as_str().unwrap().to_string());
    // Counter 1 favours A 3:1, but with one call each made the rotation still reaches B.
    assert_eq!(called.len(), 3);
    let mut sorted = called.clone();
    sorted.sort();
    assert_eq!(sorted, ["A001", "A002", "B001"]);
    assert_eq!(
        app.ticket_op(&clerk, b["ticket"]["id"].as_i64().unwrap(), "finish", None)
            .await
            .status(),
        200
    );
    let empty = app.call_next(&clerk, "1").await;
    assert_eq!(empty.status(), 204);
    assert!(empty.bytes().await.unwrap().is_empty());

    let queue: Value = app.get_json("/api/v1/queue", Some(&kiosk)).await;
    assert_eq!(queue["recent_calls"][0]["number"], called[2]);
    assert_eq!(queue["recent_calls"][0]["counter_name"], "1号综合窗口");
    let counter1 = queue["counters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "1")
        .unwrap();
    assert_eq!(counter1["open"], true);
    assert!(
        counter1["serving"].is_null(),
        "a finished ticket is not being served"
    );

    let one: Value = app
        .get_json(&format!("/api/v1/tickets/{}", a1["id"]), Some(&kiosk))
        .await;
    assert_eq!(one["status"], "done");
}

#[tokio::test]
async fn bad_categories_and_counters_are_explained() {
    let app = TestApp::spawn().await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    assert_error(app.issue(&clerk, "Z").await, 422, "invalid_input").await;
    assert_error(app.issue(&clerk, "AB").await, 422, "invalid_input").await;
    assert_error(app.call_next(&clerk, "99").await, 404, "not_found").await;
    // 7号 is the output window: it hands out results, it does not call tickets.
    assert_error(app.call_next(&clerk, "7").await, 422, "invalid_input").await;
    assert_error(app.call_next(&clerk, "3%20号").await, 422, "invalid_input").await;
}

#[tokio::test]
async fn a_retried_request_returns_the_same_ticket() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let send = |key: &'static str| {
        app.request(Method::POST, "/api/v1/tickets", Some(&kiosk))
            .header("Idempotency-Key", key)
            .json(&json!({"category": "C"}))
            .send()
    };
    let first = send("tap-1").await.unwrap();
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    let again = send("tap-1").await.unwrap();
    assert_eq!(again.status(), 200);
    let again: Value = again.json().await.unwrap();
    assert_eq!(first["id"], again["id"]);
    assert_eq!(again["number"], "C001");
    let other: Value = send("tap-2").await.unwrap().json().await.unwrap();
    assert_eq!(other["number"], "C002");

    // Twenty concurrent retries of one tap make one ticket.
    let results = futures::future::join_all((0..20).map(|_| send("double-tap"))).await;
    let ids: HashSet<i64> = futures::future::join_all(results.into_iter().map(|r| async {
        r.unwrap().json::<Value>().await.unwrap()["id"]
            .as_i64()
            .unwrap()
    }))
    .await
    .into_iter()
    .collect();
    assert_eq!(ids.len(), 1);
    let cats: Value = app.get_json("/api/v1/categories", None).await;
    assert_eq!(cats[2]["waiting"], 3);
}

#[tokio::test]
async fn concurrent_counters_never_call_the_same_ticket() {
    let app = TestApp::spawn().await;
    let kiosks: Vec<String> = futures::future::join_all((0..5).map(|i| {
        let app = &app;
        async move { app.device_token(&format!("kiosk-{i}"), "kiosk").await }
    }))
    .await;
    let clerks: Vec<String> = futures::future::join_all((1..=6).map(|i| {
        let app = &app;
        async move { app.token_for(&format!("clerk{i}"), &["clerk"]).await }
    }))
    .await;
    const PER_KIOSK: usize = 12;
    let categories = ["A", "B", "D"];

    let issuing = futures::future::join_all(kiosks.iter().enumerate().map(|(k, token)| {
        let app = &app;
        async move {
            let mut numbers = Vec::new();
            for i in 0..PER_KIOSK {
                let r = app
                    .issue(token, categories[(k + i) % categories.len()])
                    .await;
                assert_eq!(r.status(), 201);
                numbers.push(
                    r.json::<Value>().await.unwrap()["number"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                );
            }
            numbers
        }
    }));
    let calling = futures::future::join_all(clerks.iter().enumerate().map(|(i, clerk)| {
        let app = &app;
        async move {
            let counter = (i + 1).to_string();
            let mut got = Vec::new();
            let mut idle = 0;
            while idle < 20 {
                match app.serve_next(clerk, &counter).await {
                    Some(number) => {
                        idle = 0;
                        got.push(number);
                    }
                    None => {
                        idle += 1;
                        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                    }
                }
            }
            got
        }
    }));
    let (issued, called) = tokio::join!(issuing, calling);
    let issued: Vec<String> = issued.into_iter().flatten().collect();
    let called: Vec<String> = called.into_iter().flatten().collect();

    assert_eq!(issued.len(), 5 * PER_KIOSK);
    crate::helpers::assert_unique_gapless_all_called(&issued, &called);
}

#[tokio::test]
async fn numbers_restart_at_the_halls_midnight_and_old_tickets_expire() {
    // 23:58 in Shanghai on 1 March 2026 (15:58 UTC).
    let (app, clock) = TestApp::spawn_at("2026-03-01T15:58:00Z".parse().unwrap()).await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let n = |r: Value| r["number"].as_str().unwrap().to_string();
    assert_eq!(
        n(app.issue(&kiosk, "A").await.json().await.unwrap()),
        "A001"
    );
    assert_eq!(
        n(app.issue(&kiosk, "A").await.json().await.unwrap()),
        "A002"
    );

    clock.advance(chrono::Duration::minutes(3)); // 00:01 on 2 March in Shanghai, still 1 March in UTC
    assert_eq!(
        n(app.issue(&kiosk, "A").await.json().await.unwrap()),
        "A001"
    );
    let called: Value = app.call_next(&clerk, "1").await.json().await.unwrap();
    assert_eq!(called["ticket"]["number"], "A001");
    assert!(called["ticket"]["issued_at"]
        .as_str()
        .unwrap()
        .starts_with("2026-03-01T16:01"));
    let id = called["ticket"]["id"].as_i64().unwrap();
    assert_eq!(
        app.ticket_op(&clerk, id, "finish", None).await.status(),
        200
    );
    // Yesterday's leftovers are not called today.
    assert_eq!(app.call_next(&clerk, "1").await.status(), 204);
}
