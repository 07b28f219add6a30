//! Public endpoints never show personal data unmasked. A hall is seeded with a known person —
//! name, ID number, phone, a street address — as a ticket holder, an appointment, a case
//! applicant and the recipient of a mailing; then every operation the OpenAPI document lists
//! as callable without a token is called, and no answer may contain any of those values. A new
//! public operation fails the test until it is added here.

use std::collections::BTreeSet;

use crate::helpers::TestApp;
use onetrip_domain::identity::id_check_char;
use reqwest::Method;
use serde_json::{json, Value};

/// Friday 27 November 2026, 10:00 in Shanghai.
const NOW: &str = "2026-11-27T02:00:00Z";
const NAME: &str = "欧阳明华";
const PHONE: &str = "13957864213";
const STREET: &str = "文三路90号东部软件园";

fn id_number() -> String {
    let first17 = "33010619800101123";
    format!("{first17}{}", id_check_char(first17))
}

/// Every value that must never appear, and the parts of them a careless mask would leave.
fn secrets() -> Vec<String> {
    let id = id_number();
    vec![
        NAME.into(),
        "明华".into(),
        id.clone(),
        id[6..14].into(), // the birth date
        PHONE.into(),
        PHONE[3..7].into(),
        STREET.into(),
        "文三路".into(),
    ]
}

/// The operations without a required token: `METHOD path` from the served OpenAPI document.
pub(crate) fn public_operations() -> BTreeSet<String> {
    let doc = serde_json::to_value(onetrip::http::openapi()).unwrap();
    let mut ops = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let open = match op.get("security").and_then(Value::as_array) {
                None => true,
                Some(reqs) => reqs
                    .iter()
                    .any(|r| r.as_object().is_some_and(|o| o.is_empty())),
            };
            if open {
                ops.insert(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    ops
}

struct Calls<'a> {
    app: &'a TestApp,
    seen: BTreeSet<String>,
    answers: Vec<(String, String)>,
}

impl Calls<'_> {
    async fn call(&mut self, op: &str, url: &str, body: Option<Value>) -> Value {
        let (method, _) = op.split_once(' ').unwrap();
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = self.app.request(method, url, None);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let r = request.send().await.unwrap();
        let status = r.status().as_u16();
        let text = r.text().await.unwrap();
        assert!(status < 500, "{op} ({url}): {status} {text}");
        self.seen.insert(op.to_string());
        self.answers
            .push((format!("{op} ({url}) → {status}"), text.clone()));
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }
}

#[tokio::test]
async fn no_public_endpoint_shows_personal_data_unmasked() {
    let (app, _clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let approver = app.approver("gwh1", "GWH").await;
    let output = app.token_for("out1", &["output"]).await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let id = id_number();
    let address = format!("浙江省杭州市西湖区{STREET}");

    // A ticket taken with the ID number.
    let r = app
        .request(Method::POST, "/api/v1/tickets", Some(&kiosk))
        .json(&json!({"category": "A", "id_number": id}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let ticket: Value = r.json().await.unwrap();
    let ticket_track = ticket["track_code"].as_str().unwrap().to_string();

    // A case for the same person, decided and mailed to the street address.
    let (status, case) = app
        .post_json(
            "/api/v1/cases",
            &clerk,
            json!({"matter": "GWH-001",
                   "applicant": {"kind": "person", "name": NAME, "id_number": id, "phone": PHONE},
                   "materials": [{"code": "01", "state": "provided"}, {"code": "02", "state": "provided"}],
                   "delivery": {"method": "mail", "recipient": NAME, "phone": PHONE, "address": address}}),
        )
        .await;
    assert_eq!(status, 201, "{case}");
    let case_no = case["case_no"].as_str().unwrap().to_string();
    let tracking = case["tracking_code"].as_str().unwrap().to_string();
    let task = case["tasks"][0]["id"].as_i64().unwrap();
    for action in ["claim", "approve"] {
        let (status, body) = app
            .post_json(
                &format!("/api/v1/tasks/{task}/{action}"),
                &approver,
                json!({"opinion": "同意"}),
            )
            .await;
        assert_eq!(status, 200, "{action}: {body}");
    }
    let (status, body) = app
        .post_json(
            &format!("/api/v1/cases/{case_no}/handover"),
            &output,
            json!({"method": "mail", "carrier": "中国邮政EMS", "waybill_no": "EA123456789CN"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let r = app
        .request(
            Method::GET,
            &format!("/api/v1/cases/{case_no}/documents/completion.pdf"),
            Some(&output),
        )
        .send()
        .await
        .unwrap();
    let (_, qr) = crate::documents::read(&r.bytes().await.unwrap());
    assert!(qr.contains("?s="), "completion QR: {qr}");

    // Every public operation, with the seeded person wherever it takes one.
    let mut calls = Calls {
        app: &app,
        seen: BTreeSet::new(),
        answers: Vec::new(),
    };
    for (op, url) in [
        ("GET /api/v1/bundles", "/api/v1/bundles".to_string()),
        ("GET /api/v1/calendar", "/api/v1/calendar".into()),
        (
            "GET /api/v1/calendar/{year}",
            "/api/v1/calendar/2026".into(),
        ),
        ("GET /api/v1/categories", "/api/v1/categories".into()),
        (
            "GET /api/v1/guides/{code}/slip.pdf",
            "/api/v1/guides/GWH-001/slip.pdf".into(),
        ),
        (
            "GET /api/v1/checklists/{code}",
            "/api/v1/checklists/GWH-001".into(),
        ),
        ("GET /api/v1/keys", "/api/v1/keys".into()),
        ("GET /api/v1/matters", "/api/v1/matters".into()),
        (
            "GET /api/v1/public/appointment-slots",
            "/api/v1/public/appointment-slots?category=A".into(),
        ),
        (
            "GET /api/v1/public/catalog",
            "/api/v1/public/catalog".into(),
        ),
        (
            "GET /api/v1/track/ticket/{code}",
            format!("/api/v1/track/ticket/{ticket_track}"),
        ),
        (
            "GET /api/v1/track/{code}",
            format!("/api/v1/track/{tracking}"),
        ),
        (
            "GET /api/v1/public/stats",
            "/api/v1/public/stats?from=2026-11-27&to=2026-11-27".into(),
        ),
        ("GET /healthz", "/healthz".into()),
        ("GET /metrics", "/metrics".into()),
    ] {
        calls.call(op, &url, None).await;
    }
    let booked = calls
        .call(
            "POST /api/v1/public/appointments",
            "/api/v1/public/appointments",
            Some(
                json!({"category": "A", "date": "2026-11-30", "slot_start": "09:00",
                        "id_number": id, "name": NAME, "phone": PHONE}),
            ),
        )
        .await;
    let code = booked["code"].as_str().expect("booked").to_string();
    calls
        .call(
            "POST /api/v1/public/appointments/{code}/cancel",
            &format!("/api/v1/public/appointments/{code}/cancel"),
            Some(json!({"id_number": id})),
        )
        .await;
    let verified = calls
        .call(
            "POST /api/v1/verify",
            "/api/v1/verify",
            Some(json!({"qr": qr})),
        )
        .await;
    assert_eq!(verified["result"], "authentic", "{verified}");
    calls
        .call(
            "POST /api/v1/ratings",
            "/api/v1/ratings",
            Some(json!({"tracking_code": tracking, "level": 2,
                        "comment": format!("请{NAME}回电 {PHONE}")})),
        )
        .await;
    // A message naming the person, answered by the department and published.
    let receipt = calls
        .call(
            "POST /api/v1/messages",
            "/api/v1/messages",
            Some(
                json!({"kind": "complaint", "title": format!("{NAME}的投诉"),
                        "body": format!("我是{NAME}，身份证{id}，电话{PHONE}，住浙江省杭州市西湖区{STREET}"),
                        "name": NAME, "phone": PHONE}),
            ),
        )
        .await;
    let query_code = receipt["query_code"].as_str().expect("receipt").to_string();
    let admin = app.token_for("admin1", &["admin"]).await;
    let message_id = app.get_json("/api/v1/messages", Some(&admin)).await[0]["id"]
        .as_i64()
        .unwrap();
    for (token, action, body) in [
        (&admin, "forward", json!({"department": "GWH"})),
        (
            &approver,
            "answer",
            json!({"answer": format!("{NAME}您好，已回电{PHONE}")}),
        ),
        (&admin, "publish", json!({})),
    ] {
        let (status, body) = app
            .post_json(
                &format!("/api/v1/messages/{message_id}/{action}"),
                token,
                body,
            )
            .await;
        assert_eq!(status, 200, "{action}: {body}");
    }
    let published = calls
        .call(
            "GET /api/v1/messages/published",
            "/api/v1/messages/published",
            None,
        )
        .await;
    assert_eq!(published.as_array().map(Vec::len), Some(1), "{published}");
    calls
        .call(
            "GET /api/v1/messages/lookup/{code}",
            &format!("/api/v1/messages/lookup/{query_code}"),
            None,
        )
        .await;
    calls
        .call(
            "POST /api/v1/auth/login",
            "/api/v1/auth/login",
            Some(json!({"username": "clerk1", "password": "wrong"})),
        )
        .await;

    let missing: Vec<_> = public_operations()
        .difference(&calls.seen)
        .cloned()
        .collect();
    assert!(
        missing.is_empty(),
        "public operations this test does not call yet: {missing:?}"
    );
    let secrets = secrets();
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    for (what, answer) in &calls.answers {
        if let Some(leak) = onetrip_domain::privacy::reveals_any(answer, &secrets) {
            panic!("{what} shows {leak:?} unmasked: {answer}");
        }
    }
}
