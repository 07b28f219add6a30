use crate::helpers::TestApp;
use eventsource_stream::{Event, Eventsource};
use futures::{Stream, StreamExt};
use reqwest::Method;
use serde_json::Value;
use std::time::Duration;

pub(crate) async fn subscribe(
    app: &TestApp,
    token: &str,
    last_event_id: Option<&str>,
) -> impl Stream<Item = Event> {
    let mut rb = app.request(
        Method::GET,
        &format!("/api/v1/events?access_token={token}"),
        None,
    );
    if let Some(id) = last_event_id {
        rb = rb.header("Last-Event-ID", id);
    }
    let r = rb.send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    r.bytes_stream()
        .eventsource()
        .map(|e| e.expect("well-formed event"))
}

pub(crate) async fn next_of_kind(
    stream: &mut (impl Stream<Item = Event> + Unpin),
    kind: &str,
) -> Event {
    tokio::time::timeout(Duration::from_secs(1), async {
        loop {
            let e = stream.next().await.expect("stream open");
            if e.event == kind {
                return e;
            }
        }
    })
    .await
    .unwrap_or_else(|_| panic!("no {kind} event within a second"))
}

#[tokio::test]
async fn a_display_sees_a_call_within_a_second() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let display = app.device_token("display-1", "display").await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let mut events = Box::pin(subscribe(&app, &display, None).await);

    assert_eq!(app.issue(&kiosk, "E").await.status(), 201);
    let issued = next_of_kind(&mut events, "ticket_issued").await;
    let data: Value = serde_json::from_str(&issued.data).unwrap();
    assert_eq!(data["number"], "E001");
    assert_eq!(data["waiting"], 1);

    assert_eq!(app.call_next(&clerk, "2").await.status(), 200);
    let called = next_of_kind(&mut events, "ticket_called").await;
    let data: Value = serde_json::from_str(&called.data).unwrap();
    assert_eq!(data["number"], "E001");
    assert_eq!(data["counter"], "2");
    assert_eq!(data["counter_name"], "2号综合窗口");
    assert!(called.id.parse::<i64>().unwrap() > issued.id.parse::<i64>().unwrap());
}

#[tokio::test]
async fn a_reconnecting_display_gets_what_it_missed() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let display = app.device_token("display-1", "display").await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;

    let mut events = Box::pin(subscribe(&app, &display, None).await);
    app.issue(&kiosk, "A").await;
    let seen = next_of_kind(&mut events, "ticket_issued").await;
    drop(events);

    // While the display is away: a ticket is issued and called.
    app.issue(&kiosk, "A").await;
    app.call_next(&clerk, "1").await;

    let mut events = Box::pin(subscribe(&app, &display, Some(&seen.id)).await);
    let missed_issue = next_of_kind(&mut events, "ticket_issued").await;
    assert_eq!(
        serde_json::from_str::<Value>(&missed_issue.data).unwrap()["number"],
        "A002"
    );
    let missed_call = next_of_kind(&mut events, "ticket_called").await;
    assert_eq!(
        serde_json::from_str::<Value>(&missed_call.data).unwrap()["number"],
        "A001"
    );
}

#[tokio::test]
async fn events_need_a_token() {
    let app = TestApp::spawn().await;
    let r = app
        .request(Method::GET, "/api/v1/events", None)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}
