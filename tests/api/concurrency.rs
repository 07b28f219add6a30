//! Many counters and kiosks at once: every ticket is called exactly once, numbers stay
//! unique and gapless, retries make no second ticket.

use crate::helpers::TestApp;
use futures::future::join_all;
use reqwest::Method;
use serde_json::{json, Value};

const COUNTERS: usize = 50;
const KIOSKS: usize = 10;
const PER_KIOSK: usize = 15;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_counters_and_ten_kiosks_at_once() {
    let app = TestApp::spawn().await;
    app.add_counters(COUNTERS).await;
    let kiosks = join_all((0..KIOSKS).map(|i| {
        let app = &app;
        async move { app.device_token(&format!("kiosk-{i}"), "kiosk").await }
    }))
    .await;
    let clerks = join_all((0..COUNTERS).map(|i| {
        let app = &app;
        async move { app.token_for(&format!("clerk{i:02}"), &["clerk"]).await }
    }))
    .await;

    let issuing = join_all(kiosks.iter().enumerate().map(|(k, token)| {
        let app = &app;
        async move {
            let mut numbers = Vec::new();
            for i in 0..PER_KIOSK {
                let category = ["A", "B", "C", "D", "E"][(k + i) % 5];
                // Every request is sent twice with the same key, as a flaky network would.
                let key = format!("k{k}-{i}");
                let send = || {
                    app.request(Method::POST, "/api/v1/tickets", Some(token))
                        .header("Idempotency-Key", key.clone())
                        .json(&json!({ "category": category }))
                        .send()
                };
                let (a, b) = tokio::join!(send(), send());
                let a: Value = a.unwrap().json().await.unwrap();
                let b: Value = b.unwrap().json().await.unwrap();
                assert_eq!(a["id"], b["id"], "a retry made a second ticket");
                numbers.push(a["number"].as_str().unwrap().to_string());
            }
            numbers
        }
    }));
    let calling = join_all(clerks.iter().enumerate().map(|(i, clerk)| {
        let app = &app;
        async move { app.serve_until_idle(clerk, &format!("P{}", i + 1)).await }
    }));
    let (issued, called) = tokio::join!(issuing, calling);
    let issued: Vec<String> = issued.into_iter().flatten().collect();
    let called: Vec<String> = called.into_iter().flatten().collect();

    assert_eq!(issued.len(), KIOSKS * PER_KIOSK);
    crate::helpers::assert_unique_gapless_all_called(&issued, &called);
}
