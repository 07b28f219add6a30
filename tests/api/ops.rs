//! Operations: `GET /metrics`, request ids, the log-in limit, sessions ending, and what never
//! reaches the log.

use crate::helpers::{assert_error, TestApp};
use onetrip_domain::identity::id_check_char;
use reqwest::Method;
use serde_json::{json, Value};
use std::io::Write;
use std::sync::{Arc, Mutex};

/// Friday 27 November 2026, 10:00 in Shanghai.
const NOW: &str = "2026-11-27T02:00:00Z";
const NAME: &str = "欧阳明华";
const PHONE: &str = "13957864213";

fn id_number() -> String {
    let first17 = "33010619800101123";
    format!("{first17}{}", id_check_char(first17))
}

async fn metrics(app: &TestApp) -> String {
    let r = app
        .request(Method::GET, "/metrics", None)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let content_type = r.headers()["content-type"].to_str().unwrap().to_string();
    assert!(
        content_type.starts_with("text/plain; version=0.0.4"),
        "{content_type}"
    );
    r.text().await.unwrap()
}

/// The value of the sample `series` (name and labels exactly as written).
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_read_the_hall_without_naming_anyone() {
    let (app, _clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let id = id_number();

    let r = app
        .request(Method::POST, "/api/v1/tickets", Some(&kiosk))
        .json(&json!({"category": "A", "id_number": id}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let ticket: Value = r.json().await.unwrap();
    let ticket_id = ticket["id"].as_i64().unwrap();
    let track_code = ticket["track_code"].as_str().unwrap().to_string();
    app.get_json(&format!("/api/v1/tickets/{ticket_id}"), Some(&clerk))
        .await;
    let (status, case) = app
        .post_json(
            "/api/v1/cases",
            &clerk,
            json!({"matter": "GWH-001",
                   "applicant": {"kind": "person", "name": NAME, "id_number": id, "phone": PHONE},
                   "materials": [{"code": "01", "state": "provided"}, {"code": "02", "state": "provided"}],
                   "delivery": {"method": "window"}}),
        )
        .await;
    assert_eq!(status, 201, "{case}");
    let case_no = case["case_no"].as_str().unwrap().to_string();
    let tracking = case["tracking_code"].as_str().unwrap().to_string();
    let r = app
        .request(Method::GET, "/api/v1/no-such-thing/13957864213", None)
        .send()
        .await
        .unwrap();
    let unmatched_status = r.status().as_u16();

    let text = metrics(&app).await;
    assert_eq!(
        sample(
            &text,
            r#"onetrip_http_requests_total{method="POST",route="/api/v1/tickets",status="201"}"#
        ),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        sample(
            &text,
            r#"onetrip_http_requests_total{method="GET",route="/api/v1/tickets/{id}",status="200"}"#
        ),
        Some(1.0)
    );
    assert_eq!(
        sample(
            &text,
            &format!(
                r#"onetrip_http_requests_total{{method="GET",route="unmatched",status="{unmatched_status}"}}"#
            )
        ),
        Some(1.0)
    );
    assert_eq!(
        sample(
            &text,
            r#"onetrip_http_request_duration_seconds_count{method="POST",route="/api/v1/tickets"}"#
        ),
        Some(1.0)
    );
    assert_eq!(
        sample(
            &text,
            r#"onetrip_http_request_duration_seconds_bucket{method="POST",route="/api/v1/tickets",le="+Inf"}"#
        ),
        Some(1.0)
    );
    assert!(text.contains("# TYPE onetrip_http_request_duration_seconds histogram"));
    assert_eq!(
        sample(&text, r#"onetrip_queue_waiting{category="A"}"#),
        Some(1.0)
    );
    assert_eq!(
        sample(&text, r#"onetrip_queue_waiting{category="B"}"#),
        Some(0.0)
    );
    assert_eq!(
        sample(&text, r#"onetrip_open_tasks{light="green"}"#),
        Some(1.0)
    );
    assert_eq!(
        sample(&text, r#"onetrip_open_tasks{light="yellow"}"#),
        Some(0.0)
    );
    assert_eq!(
        sample(&text, r#"onetrip_open_tasks{light="red"}"#),
        Some(0.0)
    );
    assert_eq!(sample(&text, "onetrip_db_up"), Some(1.0));
    let backend = app.get_json("/healthz", None).await["backend"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        sample(
            &text,
            &format!(
                r#"onetrip_build_info{{version="{}",backend="{backend}"}}"#,
                env!("CARGO_PKG_VERSION")
            )
        ),
        Some(1.0)
    );
    // Route templates only, and nothing that names or finds a person.
    assert!(!text.contains(&format!("/api/v1/tickets/{ticket_id}\"")));
    for secret in [
        NAME,
        PHONE,
        &id,
        &id[6..14],
        &track_code,
        &case_no,
        &tracking,
        "no-such-thing",
        &clerk,
        &kiosk,
    ] {
        assert!(!text.contains(secret), "/metrics shows {secret}");
    }
    // The scrape itself is counted on the next one.
    let text = metrics(&app).await;
    assert_eq!(
        sample(
            &text,
            r#"onetrip_http_requests_total{method="GET",route="/metrics",status="200"}"#
        ),
        Some(1.0)
    );
}

#[tokio::test]
async fn every_answer_carries_a_request_id_the_callers_own_when_sane() {
    let app = TestApp::spawn().await;
    let id_of = |r: &reqwest::Response| {
        r.headers()
            .get("x-request-id")
            .expect("x-request-id")
            .to_str()
            .unwrap()
            .to_string()
    };
    let r = app
        .request(Method::GET, "/healthz", None)
        .header("x-request-id", "kiosk-7.req_42")
        .send()
        .await
        .unwrap();
    assert_eq!(id_of(&r), "kiosk-7.req_42");
    let a = id_of(
        &app.request(Method::GET, "/healthz", None)
            .send()
            .await
            .unwrap(),
    );
    let b = id_of(
        &app.request(Method::GET, "/healthz", None)
            .send()
            .await
            .unwrap(),
    );
    assert_ne!(a, b);
    for fresh in [&a, &b] {
        assert_eq!(fresh.len(), 32);
        assert!(fresh.chars().all(|c| c.is_ascii_hexdigit()));
    }
    for insane in ["has space", "semi;colon", &"x".repeat(65), ""] {
        let r = app
            .request(Method::GET, "/healthz", None)
            .header("x-request-id", insane)
            .send()
            .await
            .unwrap();
        let got = id_of(&r);
        assert_ne!(got, insane);
        assert_eq!(got.len(), 32);
    }
    // Errors, unknown routes, the UI and a wrong method carry one too.
    let r = app
        .request(Method::GET, "/api/v1/auth/me", None)
        .send()
        .await
        .unwrap();
    assert_eq!(id_of(&r).len(), 32);
    assert_error(r, 401, "unauthenticated").await;
    for (method, path) in [
        (Method::GET, "/api/v1/nothing-here"),
        (Method::GET, "/"),
        (Method::DELETE, "/healthz"),
    ] {
        let r = app
            .request(method.clone(), path, None)
            .header("x-request-id", "same-id")
            .send()
            .await
            .unwrap();
        assert_eq!(id_of(&r), "same-id", "{method} {path}");
    }
}

async fn try_login(app: &TestApp, username: &str, password: &str) -> reqwest::Response {
    app.request(Method::POST, "/api/v1/auth/login", None)
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn five_failed_logins_lock_the_account_for_fifteen_minutes() {
    let (app, clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    let password = app.add_user("wang", &["clerk"], None).await;
    let other = app.add_user("lili", &["clerk"], None).await;
    for _ in 0..5 {
        let r = try_login(&app, "wang", "wrong-password").await;
        assert_error(r, 401, "unauthenticated").await;
        clock.advance(chrono::Duration::seconds(30));
    }
    // Now even the right password is not checked.
    let r = try_login(&app, "wang", &password).await;
    assert_eq!(
        r.headers()["retry-after"],
        "750",
        "15 min after the first try"
    );
    let body = assert_error(r, 429, "rate_limited").await;
    assert_eq!(body["message"], "登录失败次数过多，请 13 分钟后再试");
    // Another account from the same machine is not locked.
    assert_eq!(try_login(&app, "lili", &other).await.status(), 200);
    // Once the first failure is 15 minutes old, the right password gets in again.
    clock.advance(chrono::Duration::seconds(750));
    assert_eq!(try_login(&app, "wang", &password).await.status(), 200);

    // A success starts the count again: 4 failures, in, 4 more, and still not locked.
    for round in 0..2 {
        for _ in 0..4 {
            let r = try_login(&app, "lili", "wrong-password").await;
            assert_eq!(r.status(), 401, "round {round}");
        }
        assert_eq!(try_login(&app, "lili", &other).await.status(), 200);
    }
}

#[tokio::test]
async fn twenty_failed_logins_from_one_address_lock_it() {
    let (app, clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    let password = app.add_user("wang", &["clerk"], None).await;
    for i in 0..20 {
        let r = try_login(&app, &format!("guess{i}"), "wrong-password").await;
        assert_eq!(r.status(), 401);
    }
    clock.advance(chrono::Duration::minutes(5));
    let r = try_login(&app, "wang", &password).await;
    assert_eq!(r.headers()["retry-after"], "600");
    let body = assert_error(r, 429, "rate_limited").await;
    assert_eq!(body["message"], "登录失败次数过多，请 10 分钟后再试");
    clock.advance(chrono::Duration::minutes(10));
    assert_eq!(try_login(&app, "wang", &password).await.status(), 200);
}

#[tokio::test]
async fn tokens_in_the_query_expire_and_are_revoked_like_bearer_tokens() {
    // Bearer tokens ending (expiry, log-out, a disabled user) are tested in auth.rs and
    // staff.rs; EventSource sends its token as `?access_token=`.
    let (app, clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    let me = |token: String| {
        app.request(
            Method::GET,
            &format!("/api/v1/auth/me?access_token={token}"),
            None,
        )
        .send()
    };
    let token = app.token_for("clerk1", &["clerk"]).await;
    assert_eq!(me(token.clone()).await.unwrap().status(), 200);
    clock.advance(
        chrono::Duration::hours(onetrip::service::auth::SESSION_HOURS)
            + chrono::Duration::minutes(1),
    );
    assert_error(me(token).await.unwrap(), 401, "unauthenticated").await;

    let token = app.login_again("clerk1").await;
    assert_eq!(me(token.clone()).await.unwrap().status(), 200);
    let r = app
        .request(Method::POST, "/api/v1/auth/logout", Some(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_error(me(token).await.unwrap(), 401, "unauthenticated").await;
}

/// Collects what the tracing subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

#[tokio::test]
async fn passwords_and_tokens_never_reach_the_log() {
    // The test's runtime runs on this thread, and so does the server it spawns: a subscriber
    // set for this thread sees every line the server logs while serving these requests.
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .json()
        .with_env_filter("onetrip=trace,tower_http=trace,axum=trace,sqlx=trace")
        .with_writer(captured.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let app = TestApp::spawn().await;
    // Tests on other threads may have met the server's log sites first, while no subscriber
    // wanted them, racing with this one's registration: ask every site again.
    tracing::callsite::rebuild_interest_cache();
    let password = app.add_user("wang", &["clerk"], None).await;
    let r = try_login(&app, "wang", "not-the-password-x").await;
    assert_eq!(r.status(), 401);
    let token = app.login("wang", &password).await;
    let r = app
        .request(
            Method::GET,
            &format!("/api/v1/auth/me?access_token={token}"),
            None,
        )
        .header("x-request-id", "log-test-1")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = app
        .request(Method::GET, "/api/v1/auth/me", Some(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = app
        .request(
            Method::GET,
            "/api/v1/auth/me?access_token=forged-token-value",
            None,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    // The capture works: the request's lines name its id, method and route template.
    let line = log
        .lines()
        .find(|l| l.contains("\"request_id\":\"log-test-1\""))
        .unwrap_or_else(|| panic!("no line of the request in:\n{log}"));
    assert!(line.contains("\"route\":\"/api/v1/auth/me\""), "{line}");
    assert!(line.contains("\"method\":\"GET\""), "{line}");
    for secret in [
        password.as_str(),
        "not-the-password-x",
        token.as_str(),
        "forged-token-value",
        "access_token",
    ] {
        assert!(!log.contains(secret), "the log shows {secret}:\n{log}");
    }
}
