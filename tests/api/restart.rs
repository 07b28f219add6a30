use crate::helpers::TestApp;
use serde_json::Value;

#[tokio::test]
async fn a_restart_keeps_tickets_sessions_and_numbering() {
    let mut app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    app.issue(&kiosk, "B").await;
    app.issue(&kiosk, "B").await;
    assert_eq!(app.serve_next(&clerk, "5").await.as_deref(), Some("B001"));

    app.restart().await;

    // Tokens survive; numbering continues; the waiting ticket is still waiting.
    let third: Value = app.issue(&kiosk, "B").await.json().await.unwrap();
    assert_eq!(third["number"], "B003");
    assert_eq!(third["waiting_ahead"], 1);
    let next: Value = app.call_next(&clerk, "5").await.json().await.unwrap();
    assert_eq!(next["ticket"]["number"], "B002");
    let queue: Value = app.get_json("/api/v1/queue", Some(&kiosk)).await;
    let calls: Vec<&str> = queue["recent_calls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["number"].as_str().unwrap())
        .collect();
    assert_eq!(calls, ["B002", "B001"]);
    // The catalog is not loaded twice, and the first admin is not created twice.
    let cats: Value = app.get_json("/api/v1/categories", None).await;
    assert_eq!(cats.as_array().unwrap().len(), 5);
}
