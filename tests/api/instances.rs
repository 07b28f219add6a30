//! Two server instances on one PostgreSQL act as one hall (PostgreSQL only).

use crate::backend::postgres_or_skip;
use crate::events::{next_of_kind, subscribe};
use crate::helpers::TestApp;
use futures::future::join_all;
use reqwest::Method;
use serde_json::{json, Value};

const COUNTERS: usize = 50;
const KIOSKS: usize = 10;
const PER_KIOSK: usize = 12;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_counters_split_across_two_instances_call_each_ticket_once() {
    if postgres_or_skip("two_instances").is_none() {
        return;
    }
    let a = TestApp::spawn().await;
    a.add_counters(COUNTERS).await;
    let b = a.another_instance().await;
    let instances = [&a, &b];
    let a = &a;
    let kiosks = join_all(
        (0..KIOSKS).map(|i| async move { a.device_token(&format!("kiosk-{i}"), "kiosk").await }),
    )
    .await;
    let clerks = join_all(
        (0..COUNTERS)
            .map(|i| async move { a.token_for(&format!("clerk{i:02}"), &["clerk"]).await }),
    )
    .await;

    let issuing = join_all(kiosks.iter().enumerate().map(|(k, token)| {
        let app = instances[k % 2];
        async move {
            let mut numbers = Vec::new();
            for i in 0..PER_KIOSK {
                let category = ["A", "B", "C", "D", "E"][(k + i) % 5];
                // The retry goes to the other instance, as a load balancer may send it.
                let key = format!("k{k}-{i}");
                let send = |to: &TestApp| {
                    to.request(Method::POST, "/api/v1/tickets", Some(token))
                        .header("Idempotency-Key", key.clone())
                        .json(&json!({ "category": category }))
                        .send()
                };
                let other = instances[(k + 1) % 2];
                let (first, retry) = tokio::join!(send(app), send(other));
                let first: Value = first.unwrap().json().await.unwrap();
                let retry: Value = retry.unwrap().json().await.unwrap();
                assert_eq!(first["id"], retry["id"], "a retry made a second ticket");
                numbers.push(first["number"].as_str().unwrap().to_string());
            }
            numbers
        }
    }));
    let calling = join_all(clerks.iter().enumerate().map(|(i, clerk)| {
        let app = instances[i % 2];
        async move { app.serve_until_idle(clerk, &format!("P{}", i + 1)).await }
    }));
    let (issued, called) = tokio::join!(issuing, calling);
    let issued: Vec<String> = issued.into_iter().flatten().collect();
    let called: Vec<String> = called.into_iter().flatten().collect();

    assert_eq!(issued.len(), KIOSKS * PER_KIOSK);
    crate::helpers::assert_unique_gapless_all_called(&issued, &called);
}

#[tokio::test]
async fn a_call_made_on_one_instance_reaches_a_display_on_the_other() {
    if postgres_or_skip("cross_instance_events").is_none() {
        return;
    }
    let a = TestApp::spawn().await;
    let b = a.another_instance().await;
    let kiosk = a.device_token("kiosk-1", "kiosk").await;
    let display = a.device_token("display-1", "display").await;
    let clerk = a.token_for("clerk1", &["clerk"]).await;
    let mut on_b = Box::pin(subscribe(&b, &display, None).await);

    assert_eq!(a.issue(&kiosk, "E").await.status(), 201);
    let issued = next_of_kind(&mut on_b, "ticket_issued").await;
    let data: Value = serde_json::from_str(&issued.data).unwrap();
    assert_eq!(data["number"], "E001");

    assert_eq!(a.call_next(&clerk, "2").await.status(), 200);
    let called = next_of_kind(&mut on_b, "ticket_called").await;
    let data: Value = serde_json::from_str(&called.data).unwrap();
    assert_eq!(data["number"], "E001");
    assert!(called.id.parse::<i64>().unwrap() > issued.id.parse::<i64>().unwrap());

    // Events made on B interleave with A's in one order, seen the same from both sides.
    let mut on_a = Box::pin(subscribe(&a, &display, Some(&issued.id)).await);
    assert_eq!(b.issue(&kiosk, "E").await.status(), 201);
    let replayed = next_of_kind(&mut on_a, "ticket_called").await;
    assert_eq!(replayed.id, called.id);
    let from_b = next_of_kind(&mut on_a, "ticket_issued").await;
    let data: Value = serde_json::from_str(&from_b.data).unwrap();
    assert_eq!(data["number"], "E002");
}

#[tokio::test]
async fn hall_settings_changed_on_one_instance_apply_on_the_other_within_a_second() {
    if postgres_or_skip("cross_instance_settings").is_none() {
        return;
    }
    let a = TestApp::spawn().await;
    let b = a.another_instance().await;
    let admin = a.token_for("boss", &["admin"]).await;
    let r = a
        .request(Method::PUT, "/api/v1/admin/settings", Some(&admin))
        .json(&json!({"yellow_within_days": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    for _ in 0..50 {
        let seen = b.get_json("/api/v1/admin/settings", Some(&admin)).await;
        if seen["yellow_within_days"] == 2 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("instance b still has the old settings after a second");
}
