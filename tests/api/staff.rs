//! Staff accounts in the admin's hands (issue 9): edit, disable, reset a password; audited.

use crate::helpers::{assert_error, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

async fn patch(app: &TestApp, token: &str, id: i64, body: Value) -> reqwest::Response {
    app.request(Method::PATCH, &format!("/api/v1/users/{id}"), Some(token))
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn user_id(app: &TestApp, admin: &str, username: &str) -> i64 {
    let users = app.get_json("/api/v1/users", Some(admin)).await;
    users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == username)
        .unwrap_or_else(|| panic!("{username} in {users}"))["id"]
        .as_i64()
        .unwrap()
}

async fn login_status(app: &TestApp, username: &str, password: &str) -> u16 {
    app.request(Method::POST, "/api/v1/auth/login", None)
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn an_admin_edits_disables_and_resets_a_clerk_and_the_audit_keeps_before_and_after() {
    let app = TestApp::spawn().await;
    let admin = app.token_for("boss", &["admin"]).await;
    let clerk = app.token_for("wang", &["clerk"]).await;
    let id = user_id(&app, &admin, "wang").await;

    let r = patch(
        &app,
        &admin,
        id,
        json!({"name": "王芳", "roles": ["clerk", "output"]}),
    )
    .await;
    assert_eq!(r.status(), 200);
    let u: Value = r.json().await.unwrap();
    assert_eq!(
        (u["name"].as_str(), u["roles"].clone()),
        (Some("王芳"), json!(["clerk", "output"]))
    );

    // An approver needs a department: refused, and nothing of the request is kept.
    let r = patch(
        &app,
        &admin,
        id,
        json!({"name": "别改", "roles": ["approver"]}),
    )
    .await;
    let e = assert_error(r, 422, "invalid_input").await;
    assert!(e["message"].as_str().unwrap().contains("所属部门"), "{e}");
    let r = patch(&app, &admin, id, json!({"department": "NOPE"})).await;
    assert_error(r, 422, "invalid_input").await;
    let users = app.get_json("/api/v1/users", Some(&admin)).await;
    let wang = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id)
        .unwrap()
        .clone();
    assert_eq!(wang["name"], "王芳");
    assert_eq!(wang["roles"], json!(["clerk", "output"]));

    // Disabled: the session ends at once and log-in is refused.
    assert_eq!(
        patch(&app, &admin, id, json!({"disabled": true}))
            .await
            .status(),
        200
    );
    let me = app
        .request(Method::GET, "/api/v1/auth/me", Some(&clerk))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 401);
    assert_eq!(login_status(&app, "wang", "wang-password").await, 401);

    // A new password: shown once, the old one no longer works.
    let r = app
        .request(
            Method::POST,
            &format!("/api/v1/users/{id}/reset-password"),
            Some(&admin),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let reset: Value = r.json().await.unwrap();
    let password = reset["password"].as_str().unwrap().to_string();
    assert_eq!(
        patch(&app, &admin, id, json!({"disabled": false}))
            .await
            .status(),
        200
    );
    assert_eq!(login_status(&app, "wang", "wang-password").await, 401);
    assert_eq!(login_status(&app, "wang", &password).await, 200);

    let audit = app
        .get_json("/api/v1/audit?action=user_changed&limit=10", Some(&admin))
        .await;
    let entries = audit["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3, "three accepted changes: {audit}");
    let first = entries.last().unwrap().to_string();
    assert!(
        first.contains("测试wang") && first.contains("王芳"),
        "before and after: {first}"
    );
    let resets = app
        .get_json("/api/v1/audit?action=user_password_reset", Some(&admin))
        .await;
    assert_eq!(resets["entries"].as_array().unwrap().len(), 1);
    assert!(
        !resets.to_string().contains(&password),
        "the password is never logged"
    );
}

#[tokio::test]
async fn an_admin_cannot_lock_themselves_out_and_only_admins_change_accounts() {
    let app = TestApp::spawn().await;
    let admin = app.token_for("boss", &["admin"]).await;
    let clerk = app.token_for("lisi", &["clerk"]).await;
    let boss = user_id(&app, &admin, "boss").await;
    let li = user_id(&app, &admin, "lisi").await;

    let e = assert_error(
        patch(&app, &admin, boss, json!({"disabled": true})).await,
        422,
        "invalid_input",
    )
    .await;
    assert!(
        e["message"].as_str().unwrap().contains("不能停用自己"),
        "{e}"
    );
    let e = assert_error(
        patch(&app, &admin, boss, json!({"roles": ["clerk"]})).await,
        422,
        "invalid_input",
    )
    .await;
    assert!(e["message"].as_str().unwrap().contains("管理员角色"), "{e}");
    assert_error(
        patch(&app, &clerk, li, json!({"name": "李四"})).await,
        403,
        "forbidden",
    )
    .await;
    assert_error(
        patch(&app, &admin, 9999, json!({"name": "谁"})).await,
        404,
        "not_found",
    )
    .await;
    let r = patch(&app, &admin, li, json!({"nickname": "x"})).await;
    assert_error(r, 400, "invalid_body").await;
}

#[tokio::test]
async fn accounts_and_devices_are_audited_when_made_and_revoked_never_with_their_secrets() {
    let app = TestApp::spawn().await;
    let admin = app.token_for("boss", &["admin"]).await;
    let (s, device) = app
        .post_json(
            "/api/v1/devices",
            &admin,
            json!({"name": "东门取号机", "role": "kiosk"}),
        )
        .await;
    assert_eq!(s, 201, "{device}");
    let id = device["id"].as_i64().unwrap();
    let token = device["token"].as_str().unwrap().to_string();
    let r = app
        .request(
            Method::DELETE,
            &format!("/api/v1/devices/{id}"),
            Some(&admin),
        )
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());

    let audit = app.get_json("/api/v1/audit?limit=200", Some(&admin)).await;
    let actions: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for kind in ["user_created", "device_registered", "device_revoked"] {
        assert!(actions.contains(&kind), "{kind} in {actions:?}");
    }
    let text = audit.to_string();
    assert!(text.contains("东门取号机"));
    assert!(
        !text.contains(&token),
        "a device token never reaches the audit log"
    );
    assert!(!text.contains("boss-password"), "nor a password");
}
