//! PostgreSQL goes away under load and comes back: requests fail fast with 503
//! `database_unavailable`, service resumes without a restart, nothing is lost or doubled, and
//! a display on another instance catches up (PostgreSQL only; a private cluster).

use crate::backend::create_postgres_database;
use crate::helpers::TestApp;
use crate::pg_cluster::PgCluster;
use eventsource_stream::Event;
use futures::{Stream, StreamExt};
use reqwest::Method;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const KIOSKS: usize = 4;

#[derive(Default)]
struct Tally {
    issued: AtomicUsize,
    unavailable: AtomicUsize,
    slowest_refusal_ms: AtomicUsize,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_outage_under_load_loses_nothing_and_doubles_nothing() {
    // It runs in the PostgreSQL pass of the suite, on a private cluster it may stop.
    if crate::backend::postgres_or_skip("outage").is_none() {
        return;
    }
    let Some(cluster) = PgCluster::start("outage") else {
        return;
    };
    let url = create_postgres_database(&cluster.admin_url()).await;
    let a = Arc::new(TestApp::spawn_on_database(url).await);
    let b = a.another_instance().await;
    let kiosk = a.device_token("kiosk-1", "kiosk").await;
    let display = a.device_token("display-1", "display").await;
    let clerk = a.token_for("clerk1", &["clerk"]).await;
    let mut on_b = Box::pin(crate::events::subscribe(&b, &display, None).await);

    let tally = Arc::new(Tally::default());
    let stop = Arc::new(AtomicBool::new(false));
    let load: Vec<_> = (0..KIOSKS)
        .map(|k| {
            tokio::spawn(kiosk_until_stopped(
                a.clone(),
                kiosk.clone(),
                k,
                tally.clone(),
                stop.clone(),
            ))
        })
        .collect();

    wait_until("20 tickets before the outage", || {
        tally.issued.load(Ordering::SeqCst) >= 20
    })
    .await;
    let c = &cluster;
    tokio::task::block_in_place(|| c.stop());
    wait_until("5 refusals during the outage", || {
        tally.unavailable.load(Ordering::SeqCst) >= 5
    })
    .await;
    let during = a.request(Method::GET, "/api/v1/queue", Some(&kiosk)).send();
    let refused =
        crate::helpers::assert_error(during.await.unwrap(), 503, "database_unavailable").await;
    assert!(refused["message"].as_str().unwrap().contains("数据库"));

    tokio::task::block_in_place(|| c.start_again());
    let resumed_from = tally.issued.load(Ordering::SeqCst);
    wait_until("20 tickets after the outage", || {
        tally.issued.load(Ordering::SeqCst) >= resumed_from + 20
    })
    .await;
    stop.store(true, Ordering::SeqCst);
    let issued: Vec<String> = futures::future::join_all(load)
        .await
        .into_iter()
        .flat_map(|r| r.unwrap())
        .collect();

    let slowest = tally.slowest_refusal_ms.load(Ordering::SeqCst);
    eprintln!(
        "outage: {} refusals, slowest {slowest} ms",
        tally.unavailable.load(Ordering::SeqCst)
    );
    assert!(
        slowest < 5_000,
        "a refusal took {slowest} ms: not failing fast"
    );

    // Serve the whole queue: anything in the database that no kiosk was told about (a
    // half-applied request) would be called here and fail the comparison.
    let mut called = Vec::new();
    while let Some(n) = a.serve_next(&clerk, "1").await {
        called.push(n);
    }
    crate::helpers::assert_unique_gapless_all_called(&issued, &called);

    // The display on B, connected all along, catches up with calls made on A.
    let last = called.last().unwrap().clone();
    wait_for_call(&mut on_b, &last).await;
}

/// Issues tickets until told to stop; a refused request is retried with the same key, as a
/// kiosk does, so each key ends as exactly one ticket.
async fn kiosk_until_stopped(
    app: Arc<TestApp>,
    token: String,
    k: usize,
    tally: Arc<Tally>,
    stop: Arc<AtomicBool>,
) -> Vec<String> {
    let mut numbers = Vec::new();
    for i in 0.. {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let key = format!("outage-{k}-{i}");
        let category = ["A", "B", "C"][(k + i) % 3];
        loop {
            let began = Instant::now();
            let r = app
                .request(Method::POST, "/api/v1/tickets", Some(&token))
                .header("Idempotency-Key", &key)
                .json(&json!({ "category": category }))
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let body: Value = r.json().await.unwrap();
            if status == 201 || status == 200 {
                numbers.push(body["number"].as_str().unwrap().to_string());
                tally.issued.fetch_add(1, Ordering::SeqCst);
                break;
            }
            assert_eq!(status, 503, "unexpected answer during the outage: {body}");
            assert_eq!(body["code"], "database_unavailable");
            tally.unavailable.fetch_add(1, Ordering::SeqCst);
            let ms = began.elapsed().as_millis() as usize;
            tally.slowest_refusal_ms.fetch_max(ms, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    numbers
}

async fn wait_until(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn wait_for_call(stream: &mut (impl Stream<Item = Event> + Unpin), number: &str) {
    let found = tokio::time::timeout(Duration::from_secs(10), async {
        while let Some(e) = stream.next().await {
            if e.event == "ticket_called" && e.data.contains(&format!("\"{number}\"")) {
                return true;
            }
        }
        false
    })
    .await;
    assert_eq!(
        found,
        Ok(true),
        "the display on B never saw {number} called"
    );
}
