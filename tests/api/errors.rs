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
