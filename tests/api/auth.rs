use crate::helpers::{assert_error, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn login_returns_a_token_and_the_user() {
    let app = TestApp::spawn().await;
    let password = app.add_user("approver1", &["approver"], Some("RSJ")).await;
    let r = app
        .request(Method::POST, "/api/v1/auth/login", None)
        .json(&json!({"username": "approver1", "password": password}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["token"].as_str().unwrap().len(), 64);
    assert!(body["expires_at"].is_string());
    assert_eq!(body["user"]["username"], "approver1");
    assert_eq!(body["user"]["roles"], json!(["approver"]));
    assert_eq!(body["user"]["department"], "RSJ");
    assert!(body["user"].get("password_hash").is_none());
}

#[tokio::test]
async fn wrong_password_and_unknown_user_are_refused_alike() {
    let app = TestApp::spawn().await;
    app.add_user("clerk1", &["clerk"], None).await;
    for (user, pw) in [("clerk1", "wrong-password"), ("nobody", "whatever-pw")] {
        let r = app
            .request(Method::POST, "/api/v1/auth/login", None)
            .json(&json!({"username": user, "password": pw}))
            .send()
            .await
            .unwrap();
        let body = assert_error(r, 401, "unauthenticated").await;
        assert_eq!(body["message"], "用户名或密码不正确");
    }
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = TestApp::spawn().await;
    let token = app.token_for("clerk1", &["clerk"]).await;
    let me = app
        .request(Method::GET, "/api/v1/auth/me", Some(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    let out = app
        .request(Method::POST, "/api/v1/auth/logout", Some(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    let me = app
        .request(Method::GET, "/api/v1/auth/me", Some(&token))
        .send()
        .await
        .unwrap();
    assert_error(me, 401, "unauthenticated").await;
}

#[tokio::test]
async fn sessions_expire_after_a_working_day() {
    let (app, clock) = TestApp::spawn_at("2026-11-27T01:00:00Z".parse().unwrap()).await;
    let token = app.token_for("clerk1", &["clerk"]).await;
    clock.advance(chrono::Duration::hours(11));
    let me = app
        .request(Method::GET, "/api/v1/auth/me", Some(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    clock.advance(chrono::Duration::hours(2));
    let me = app
        .request(Method::GET, "/api/v1/auth/me", Some(&token))
        .send()
        .await
        .unwrap();
    assert_error(me, 401, "unauthenticated").await;
}

#[tokio::test]
async fn roles_are_enforced_on_the_server() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let display = app.device_token("display-1", "display").await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let approver = app.token_for("approver1", &["approver"]).await;
    let admin = app.token_for("boss", &["admin"]).await;

    // Issuing: kiosk and clerk yes; display, approver and anonymous no.
    assert_eq!(app.issue(&kiosk, "A").await.status(), 201);
    assert_eq!(app.issue(&clerk, "A").await.status(), 201);
    assert_error(app.issue(&display, "A").await, 403, "forbidden").await;
    assert_error(app.issue(&approver, "A").await, 403, "forbidden").await;
    let anon = app
        .request(Method::POST, "/api/v1/tickets", None)
        .json(&json!({"category": "A"}))
        .send()
        .await
        .unwrap();
    assert_error(anon, 401, "unauthenticated").await;

    // Calling: clerks only.
    for token in [&kiosk, &display, &approver, &admin] {
        assert_error(app.call_next(token, "1").await, 403, "forbidden").await;
    }
    assert_eq!(app.call_next(&clerk, "1").await.status(), 200);

    // Staff and devices are managed by admins only.
    let create = |token: String| {
        app.request(Method::POST, "/api/v1/devices", Some(&token))
            .json(&json!({"name": "新终端", "role": "kiosk"}))
            .send()
    };
    assert_error(create(clerk.clone()).await.unwrap(), 403, "forbidden").await;
    assert_error(create(kiosk.clone()).await.unwrap(), 403, "forbidden").await;
    assert_eq!(create(admin.clone()).await.unwrap().status(), 201);

    // A forged token is nobody.
    assert_error(
        app.issue(&"f".repeat(64), "A").await,
        401,
        "unauthenticated",
    )
    .await;
}

#[tokio::test]
async fn a_revoked_device_is_locked_out() {
    let app = TestApp::spawn().await;
    let admin = app.token_for("boss", &["admin"]).await;
    let r = app
        .request(Method::POST, "/api/v1/devices", Some(&admin))
        .json(&json!({"name": "大厅东侧取号机", "role": "kiosk"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let device: Value = r.json().await.unwrap();
    let token = device["token"].as_str().unwrap().to_string();
    assert_eq!(app.issue(&token, "B").await.status(), 201);
    let del = app
        .request(
            Method::DELETE,
            &format!("/api/v1/devices/{}", device["id"]),
            Some(&admin),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(del.status(), 204);
    assert_error(app.issue(&token, "B").await, 401, "unauthenticated").await;
}

#[tokio::test]
async fn admins_create_staff_with_validated_fields() {
    let app = TestApp::spawn().await;
    let admin = app.token_for("boss", &["admin"]).await;
    let create = |body: Value| {
        app.request(Method::POST, "/api/v1/users", Some(&admin))
            .json(&body)
            .send()
    };
    let ok = create(
        json!({"username": "li.ming", "name": "李明", "password": "li-ming-pass",
        "roles": ["approver"], "department": "RSJ"}),
    )
    .await
    .unwrap();
    assert_eq!(ok.status(), 201);
    let dup = create(
        json!({"username": "li.ming", "name": "李明", "password": "li-ming-pass",
        "roles": ["clerk"]}),
    )
    .await
    .unwrap();
    assert_error(dup, 409, "conflict").await;
    let no_dept = create(
        json!({"username": "wang", "name": "王", "password": "wang-pass-1",
        "roles": ["approver"]}),
    )
    .await
    .unwrap();
    assert_error(no_dept, 422, "invalid_input").await;
    let bad_dept = create(
        json!({"username": "wang", "name": "王", "password": "wang-pass-1",
        "roles": ["approver"], "department": "NOPE"}),
    )
    .await
    .unwrap();
    assert_error(bad_dept, 422, "invalid_input").await;
    let short = create(
        json!({"username": "zhao", "name": "赵", "password": "short",
        "roles": ["clerk"]}),
    )
    .await
    .unwrap();
    assert_error(short, 422, "invalid_input").await;
    let device_role = create(
        json!({"username": "zhao", "name": "赵", "password": "long-enough",
        "roles": ["kiosk"]}),
    )
    .await
    .unwrap();
    assert_error(device_role, 422, "invalid_input").await;
}
