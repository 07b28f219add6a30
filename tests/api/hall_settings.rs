//! The hall's settings in the admin's hands (issue 9): validated, applied at once, kept over a
//! restart, audited before and after.

use crate::helpers::{assert_error, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

async fn put(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.request(Method::PUT, "/api/v1/admin/settings", Some(token))
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_admin_changes_the_hall_settings_and_they_apply_at_once_and_survive_a_restart() {
    let mut app = TestApp::spawn().await;
    let admin = app.token_for("boss", &["admin"]).await;
    let approver = app.approver("rsj1", "RSJ").await;
    let s = app.get_json("/api/v1/admin/settings", Some(&admin)).await;
    assert_eq!(s["name"], "只跑一次综合服务大厅");
    assert_eq!(s["timezone"], "Asia/Shanghai");
    assert_eq!(s["yellow_within_days"], 3);
    let queue = app.get_json("/api/v1/tasks", Some(&approver)).await;
    assert_eq!(queue["yellow_within_days"], 3);

    let r = put(
        &app,
        &admin,
        json!({"name": "吉林高新区政务服务大厅", "public_url": "https://hall.example.gov.cn/",
               "yellow_within_days": 1, "appointment_capacity": 2}),
    )
    .await;
    assert_eq!(r.status(), 200);
    let after: Value = r.json().await.unwrap();
    assert_eq!(after["public_url"], "https://hall.example.gov.cn");
    assert_eq!(
        after["pledge_days"], s["pledge_days"],
        "untouched fields stay"
    );
    let queue = app.get_json("/api/v1/tasks", Some(&approver)).await;
    assert_eq!(queue["yellow_within_days"], 1, "applied without a restart");

    // A bad value is refused in Chinese and nothing of that request is kept.
    let r = put(&app, &admin, json!({"name": "别改", "max_wait_minutes": 1})).await;
    let e = assert_error(r, 422, "invalid_input").await;
    assert!(
        e["message"].as_str().unwrap().contains("最长等候时间"),
        "{e}"
    );
    let r = put(&app, &admin, json!({"timezone": "Mars/Olympus"})).await;
    assert_error(r, 422, "invalid_input").await;
    let clerk = app.token_for("wang", &["clerk"]).await;
    assert_error(
        put(&app, &clerk, json!({"name": "x"})).await,
        403,
        "forbidden",
    )
    .await;
    let r = app
        .request(Method::GET, "/api/v1/admin/settings", Some(&clerk))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);

    app.restart().await;
    let admin = app.login_again("boss").await;
    let kept = app.get_json("/api/v1/admin/settings", Some(&admin)).await;
    assert_eq!(kept, after, "kept over a restart");

    let audit = app
        .get_json("/api/v1/audit?action=hall_settings_changed", Some(&admin))
        .await;
    let entries = audit["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{audit}");
    let detail = &entries[0]["detail"]["payload"];
    assert_eq!(detail["before"]["yellow_within_days"], 3);
    assert_eq!(detail["after"]["yellow_within_days"], 1);
}
