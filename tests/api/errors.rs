use crate::helpers::{assert_error, TestApp};
use reqwest::Method;

#[tokio::test]
async fn malformed_requests_get_chinese_errors_and_store_nothing() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let post = |body: &'static str, content_type: &'static str| {
        app.request(Method::POST, "/api/v1/tickets", Some(&kiosk))
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    assert_error(
        post("{not json", "application/json").await.unwrap(),
        400,
        "invalid_body",
    )
    .await;
    assert_error(
        post(r#"{"category": 5}"#, "application/json")
            .await
            .unwrap(),
        400,
        "invalid_body",
    )
    .await;
    assert_error(
        post(r#"{"category": "A", "vip": true}"#, "application/json")
            .await
            .unwrap(),
        400,
        "invalid_body",
    )
    .await;
    assert_error(
        post(r#"{"category": "A"}"#, "text/plain").await.unwrap(),
        415,
        "unsupported_media_type",
    )
    .await;
    let huge = format!(r#"{{"category": "{}"}}"#, "张".repeat(40_000));
    let r = app
        .request(Method::POST, "/api/v1/tickets", Some(&kiosk))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_error(r, 413, "payload_too_large").await;
    let sqlish = app.issue(&kiosk, "A'; DROP TABLE tickets; --").await;
    assert_error(sqlish, 422, "invalid_input").await;

    // Nothing was stored by any of those.
    let good = app.issue(&kiosk, "A").await;
    assert_eq!(
        good.json::<serde_json::Value>().await.unwrap()["number"],
        "A001"
    );
}

#[tokio::test]
async fn unknown_api_routes_and_methods_answer_in_json() {
    let app = TestApp::spawn().await;
    let r = app
        .request(Method::GET, "/api/v1/nothing-here", None)
        .send()
        .await
        .unwrap();
    assert_error(r, 404, "not_found").await;
    let r = app
        .request(Method::DELETE, "/api/v1/categories", None)
        .send()
        .await
        .unwrap();
    assert_error(r, 404, "not_found").await;
    let r = app
        .request(Method::GET, "/api/v1/tickets/abc", Some("x"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn the_ui_is_served_for_every_route_with_utf8() {
    let app = TestApp::spawn().await;
    for path in ["/", "/kiosk", "/counter", "/display", "/track/abc"] {
        let r = app.request(Method::GET, path, None).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert!(r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        let html = r.text().await.unwrap();
        assert!(
            html.to_lowercase().contains(r#"<meta charset="utf-8""#),
            "{path}"
        );
    }
    let health = app
        .request(Method::GET, "/healthz", None)
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
}

/// Very long Chinese names and SQL-looking text at every door that takes a name: a clear 4xx
/// in Chinese, and nothing of the refused request stored.
#[tokio::test]
async fn very_long_chinese_names_and_sql_looking_text_are_refused_and_store_nothing() {
    use serde_json::{json, Value};
    let app = TestApp::spawn().await;
    let admin = app.token_for("boss", &["admin"]).await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let long = "欧阳".repeat(300);
    let sql = "张三'); DROP TABLE cases; --";
    let chinese = |v: &Value| {
        let m = v["message"].as_str().unwrap_or_default();
        assert!(
            m.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{v}"
        );
    };

    // A case for an applicant with a 600-character name, or a name that reads like SQL.
    for name in [long.as_str(), sql] {
        let (status, e) = app
            .post_json(
                "/api/v1/cases",
                &clerk,
                json!({"matter": "GWH-001",
                       "applicant": {"kind": "person", "name": name,
                                     "id_number": "11010519491231002X", "phone": "13800138000"},
                       "materials": [{"code": "01", "state": "provided"}, {"code": "02", "state": "provided"}],
                       "delivery": {"method": "window"}}),
            )
            .await;
        assert_eq!(status, 422, "{e}");
        chinese(&e);
    }
    let approver = app.approver("gwh1", "GWH").await;
    let queue = app.get_json("/api/v1/tasks", Some(&approver)).await;
    assert!(
        queue["tasks"].as_array().unwrap().is_empty(),
        "no case stored"
    );

    // A staff account and a citizen's message with such names.
    let (status, e) = app
        .post_json(
            "/api/v1/users",
            &admin,
            json!({"username": "wang2", "name": long, "password": "Secret-Pass-9", "roles": ["clerk"]}),
        )
        .await;
    assert!((400..500).contains(&status), "{status} {e}");
    chinese(&e);
    let users = app.get_json("/api/v1/users", Some(&admin)).await;
    assert!(!users
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["username"] == "wang2"));
    let (status, e) = app
        .post_json_public(
            "/api/v1/messages",
            json!({"kind": "complaint", "title": long, "body": "排队太久", "name": "李四", "phone": "13957864213"}),
        )
        .await;
    assert_eq!(status, 422, "{e}");
    chinese(&e);
    let messages = app.get_json("/api/v1/messages", Some(&admin)).await;
    assert_eq!(
        messages["messages"].as_array().map_or(0, Vec::len),
        0,
        "{messages}"
    );

    // A catalog matter named at length: refused, no draft begun.
    let ws = app.get_json("/api/v1/admin/catalog", Some(&admin)).await;
    let mut m = ws["document"]["matters"][0].clone();
    m["name"] = json!(long);
    let code = m["code"].as_str().unwrap().to_string();
    let r = app
        .request(
            Method::PUT,
            &format!("/api/v1/admin/catalog/draft/matters/{code}"),
            Some(&admin),
        )
        .json(&m)
        .send()
        .await
        .unwrap();
    let e = assert_error(r, 422, "invalid_input").await;
    chinese(&e);
    let ws = app.get_json("/api/v1/admin/catalog", Some(&admin)).await;
    assert!(ws["draft"].is_null());
}
