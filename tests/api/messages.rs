//! 网民留言: a citizen leaves a message, the admin forwards it to a department, an approver of
//! that department answers within the deadline, the admin publishes it de-identified. Retries
//! make one message, bad input stores nothing, and public views never show the writer.

use crate::helpers::{assert_error, TestApp};
use chrono::{Duration, NaiveDate};
use onetrip_domain::calendar::WorkingCalendar;
use reqwest::Method;
use serde_json::{json, Value};

/// Friday 2026-09-25, 10:00 in Shanghai: the National Day holiday falls inside the deadline.
const NOW: &str = "2026-09-25T02:00:00Z";
const NAME: &str = "欧阳明华";
const PHONE: &str = "13957864213";

fn message() -> Value {
    json!({"kind": "complaint", "title": "窗口排队太久",
           "body": format!("我是{NAME}，上周在社保窗口等了两个小时。电话{PHONE}。"),
           "name": NAME, "phone": PHONE})
}

async fn submit(
    app: &TestApp,
    token: Option<&str>,
    body: Value,
    key: Option<&str>,
) -> reqwest::Response {
    let mut rb = app
        .request(Method::POST, "/api/v1/messages", token)
        .json(&body);
    if let Some(k) = key {
        rb = rb.header("Idempotency-Key", k);
    }
    rb.send().await.unwrap()
}

async fn act(app: &TestApp, token: &str, id: i64, action: &str, body: Value) -> reqwest::Response {
    app.request(
        Method::POST,
        &format!("/api/v1/messages/{id}/{action}"),
        Some(token),
    )
    .json(&body)
    .send()
    .await
    .unwrap()
}

fn assert_masked(what: &str, v: &Value) {
    let text = v.to_string();
    for secret in [NAME, PHONE, "明华", &PHONE[3..7]] {
        assert!(!text.contains(secret), "{what} shows {secret}: {text}");
    }
}

#[tokio::test]
async fn a_message_is_forwarded_answered_and_published_de_identified() {
    let (app, clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    let admin = app.token_for("admin1", &["admin"]).await;
    let gwh = app.approver("gwh1", "GWH").await;
    let rsj = app.approver("rsj1", "RSJ").await;

    let r = submit(&app, None, message(), Some("msg-1")).await;
    assert_eq!(r.status(), 201);
    let receipt: Value = r.json().await.unwrap();
    assert_eq!(receipt["message_no"], "LY20260925-0001");
    assert_eq!(receipt["state"], "submitted");
    assert_eq!(receipt["kind_label"], "投诉");
    assert_masked("the receipt", &receipt);
    assert!(receipt.get("title").is_none(), "nothing typed is echoed");
    let code = receipt["query_code"].as_str().unwrap().to_string();

    let list = app.get_json("/api/v1/messages", Some(&admin)).await;
    let id = list[0]["id"].as_i64().unwrap();
    assert_eq!(list[0]["name"], NAME, "staff see whom to call back");
    assert_eq!(list[0]["phone"], PHONE);
    assert!(list[0]["light"].is_null());

    // Publishing and answering wait for forwarding; forwarding is the admin's.
    assert_error(
        act(&app, &admin, id, "publish", json!({})).await,
        409,
        "illegal_transition",
    )
    .await;
    assert_error(
        act(&app, &gwh, id, "answer", json!({"answer": "好"})).await,
        403,
        "forbidden",
    )
    .await;
    assert_error(
        act(&app, &gwh, id, "forward", json!({"department": "GWH"})).await,
        403,
        "forbidden",
    )
    .await;
    assert_error(
        act(&app, &admin, id, "forward", json!({"department": "NOPE"})).await,
        422,
        "invalid_input",
    )
    .await;

    let r = act(
        &app,
        &admin,
        id,
        "forward",
        json!({"department": "GWH", "note": "请核实"}),
    )
    .await;
    assert_eq!(r.status(), 200);
    let fwd: Value = r.json().await.unwrap();
    assert_eq!(fwd["state"], "forwarded");
    assert_eq!(fwd["department_name"], "管委会办公室");
    let due: NaiveDate = fwd["due_on"].as_str().unwrap().parse().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 9, 25).unwrap();
    assert_eq!(due, WorkingCalendar::bundled().add_working_days(today, 5));
    assert_eq!(fwd["light"], "green");
    assert_eq!(fwd["overdue"], false);
    let ctx = app.server().context();
    assert_eq!(
        onetrip::service::messages::flag_overdue(ctx).await.unwrap(),
        0
    );

    // Each department sees its own; another department may not answer.
    let ours = app.get_json("/api/v1/messages", Some(&gwh)).await;
    assert_eq!(ours.as_array().unwrap().len(), 1);
    let theirs = app.get_json("/api/v1/messages", Some(&rsj)).await;
    assert_eq!(theirs.as_array().unwrap().len(), 0);
    let refused = assert_error(
        act(&app, &rsj, id, "answer", json!({"answer": "已处理"})).await,
        403,
        "forbidden",
    )
    .await;
    assert!(
        refused["message"].as_str().unwrap().contains("部门"),
        "{refused}"
    );

    // Past the deadline the admin's overdue filter finds it, with a red light.
    clock.advance(Duration::days(30));
    // Staff sessions last a working day: log in again a month later.
    let admin = app.login_again("admin1").await;
    let gwh = app.login_again("gwh1").await;
    let overdue = app
        .get_json("/api/v1/messages?overdue=true", Some(&admin))
        .await;
    assert_eq!(overdue[0]["light"], "red", "{overdue}");
    assert_eq!(overdue[0]["overdue"], true);
    // The watcher tells the staff once, however often it runs.
    assert_eq!(
        onetrip::service::messages::flag_overdue(ctx).await.unwrap(),
        1
    );
    assert_eq!(
        onetrip::service::messages::flag_overdue(ctx).await.unwrap(),
        0
    );
    let flagged = app
        .get_json("/api/v1/audit?action=message_overdue", Some(&admin))
        .await;
    assert_eq!(flagged["entries"].as_array().unwrap().len(), 1, "{flagged}");

    assert_error(
        act(&app, &gwh, id, "answer", json!({"answer": "  "})).await,
        422,
        "invalid_input",
    )
    .await;
    let answer = format!("经核实，{NAME}反映的情况属实，已增开窗口。如有疑问请拨打{PHONE}回访。");
    let r = act(&app, &gwh, id, "answer", json!({"answer": answer})).await;
    assert_eq!(r.status(), 200);
    let answered: Value = r.json().await.unwrap();
    assert_eq!(answered["state"], "answered");
    assert_eq!(answered["overdue"], false);
    assert_masked("the publication preview", &answered["public_preview"]);
    assert_error(
        act(&app, &gwh, id, "publish", json!({})).await,
        403,
        "forbidden",
    )
    .await;

    // Not public until the admin publishes; the citizen follows it by the code meanwhile.
    let public = app.get_json("/api/v1/messages/published", None).await;
    assert_eq!(public, json!([]));
    let tracked = app
        .get_json(
            &format!("/api/v1/messages/lookup/{}", code.to_lowercase()),
            None,
        )
        .await;
    assert_eq!(tracked["state"], "answered");
    assert_eq!(tracked["phone_masked"], "139****4213");
    assert_masked("the lookup", &tracked);

    let r = act(&app, &admin, id, "publish", json!({})).await;
    assert_eq!(r.status(), 200);
    let public = app.get_json("/api/v1/messages/published", None).await;
    assert_eq!(public.as_array().unwrap().len(), 1);
    assert_eq!(public[0]["name_masked"], "欧**华");
    assert_eq!(public[0]["department_name"], "管委会办公室");
    assert!(public[0]["answer"].as_str().unwrap().contains("已增开窗口"));
    assert!(
        public[0]["body"].as_str().unwrap().contains("139****4213"),
        "{public}"
    );
    assert_masked("the published list", &public);
    let only = app
        .get_json("/api/v1/messages/published?kind=suggestion", None)
        .await;
    assert_eq!(only, json!([]));
    assert_error(
        act(&app, &admin, id, "close", json!({"reason": "重复"})).await,
        409,
        "illegal_transition",
    )
    .await;

    // The audit chain saw every state change through the outbox.
    let audit = app.get_json("/api/v1/audit", Some(&admin)).await;
    let text = audit.to_string();
    assert!(
        text.contains("message_submitted") && text.contains("message_changed"),
        "{text}"
    );
}

#[tokio::test]
async fn a_retried_submission_makes_one_message() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let admin = app.token_for("admin1", &["admin"]).await;
    let first: Value = submit(&app, Some(&kiosk), message(), Some("k-1"))
        .await
        .json()
        .await
        .unwrap();
    let r = submit(&app, Some(&kiosk), message(), Some("k-1")).await;
    assert_eq!(r.status(), 200);
    let again: Value = r.json().await.unwrap();
    assert_eq!(again["query_code"], first["query_code"]);
    assert_eq!(again["message_no"], first["message_no"]);
    // The same key with another message is a mistake, not a retry.
    let mut other = message();
    other["title"] = json!("另一件事");
    assert_error(
        submit(&app, Some(&kiosk), other.clone(), Some("k-1")).await,
        409,
        "conflict",
    )
    .await;
    // Public callers' keys work the same way.
    assert_eq!(
        submit(&app, None, other.clone(), Some("p-1"))
            .await
            .status(),
        201
    );
    assert_eq!(submit(&app, None, other, Some("p-1")).await.status(), 200);
    let all = app.get_json("/api/v1/messages", Some(&admin)).await;
    assert_eq!(all.as_array().unwrap().len(), 2, "{all}");
    assert_eq!(all[0]["channel"], "kiosk");
    assert_eq!(all[1]["channel"], "public");
    assert_eq!(
        all[1]["message_no"].as_str().unwrap().len(),
        "LY20260925-0002".len()
    );
}

#[tokio::test]
async fn bad_input_is_refused_in_chinese_and_stores_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.token_for("admin1", &["admin"]).await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let with = |field: &str, value: Value| {
        let mut m = message();
        m[field] = value;
        m
    };
    for (bad, hint) in [
        (with("kind", json!("praise")), "留言类型"),
        (with("title", json!("  ")), "标题"),
        (with("title", json!("长".repeat(51))), "标题"),
        (with("body", json!("")), "内容"),
        (with("body", json!("字".repeat(1001))), "内容"),
        (with("phone", json!("12345")), "手机"),
        (with("name", json!("名".repeat(51))), "姓名"),
    ] {
        let err = assert_error(
            submit(&app, None, bad, Some("bad")).await,
            422,
            "invalid_input",
        )
        .await;
        assert!(err["message"].as_str().unwrap().contains(hint), "{err}");
    }
    let mut extra = message();
    extra["id_number"] = json!("11010519491231002X");
    assert_error(submit(&app, None, extra, None).await, 400, "invalid_body").await;
    assert_eq!(
        app.get_json("/api/v1/messages", Some(&admin)).await,
        json!([])
    );
    // The same key, now with good input, creates the message: the refusals kept nothing.
    assert_eq!(
        submit(&app, None, message(), Some("bad")).await.status(),
        201
    );

    let r = app
        .request(Method::GET, "/api/v1/messages", Some(&clerk))
        .send()
        .await
        .unwrap();
    assert_error(r, 403, "forbidden").await;
    let r = app
        .request(Method::GET, "/api/v1/messages", None)
        .send()
        .await
        .unwrap();
    assert_error(r, 401, "unauthenticated").await;
    let r = app
        .request(Method::GET, "/api/v1/messages/lookup/NOPE", None)
        .send()
        .await
        .unwrap();
    assert_error(r, 422, "invalid_input").await;
    let r = app
        .request(Method::GET, "/api/v1/messages/lookup/ABCDEFGHJKMN", None)
        .send()
        .await
        .unwrap();
    assert_error(r, 404, "not_found").await;
    let r = app
        .request(Method::GET, "/api/v1/messages?state=lost", Some(&admin))
        .send()
        .await
        .unwrap();
    assert_error(r, 422, "invalid_input").await;
}

#[tokio::test]
async fn the_admin_closes_a_duplicate_with_a_reason_the_citizen_sees() {
    let app = TestApp::spawn().await;
    let admin = app.token_for("admin1", &["admin"]).await;
    let receipt: Value = submit(&app, None, message(), None)
        .await
        .json()
        .await
        .unwrap();
    let id = app.get_json("/api/v1/messages", Some(&admin)).await[0]["id"]
        .as_i64()
        .unwrap();
    assert_error(
        act(&app, &admin, id, "close", json!({"reason": " "})).await,
        422,
        "invalid_input",
    )
    .await;
    assert_error(
        act(
            &app,
            &admin,
            id,
            "close",
            json!({"kind": "spam", "reason": "x"}),
        )
        .await,
        422,
        "invalid_input",
    )
    .await;
    let r = act(
        &app,
        &admin,
        id,
        "close",
        json!({"kind": "duplicate", "reason": "与LY20260925-0001重复"}),
    )
    .await;
    assert_eq!(r.status(), 200);
    let closed: Value = r.json().await.unwrap();
    assert_eq!(closed["state"], "closed");
    assert_eq!(closed["close_kind"], "duplicate");
    let code = receipt["query_code"].as_str().unwrap();
    let tracked = app
        .get_json(&format!("/api/v1/messages/lookup/{code}"), None)
        .await;
    assert_eq!(tracked["state_label"], "已关闭");
    assert!(tracked["close_reason"].as_str().unwrap().contains("重复"));
    assert_error(
        act(&app, &admin, id, "forward", json!({"department": "GWH"})).await,
        409,
        "illegal_transition",
    )
    .await;
    assert_eq!(
        app.get_json("/api/v1/messages/published", None).await,
        json!([])
    );
}
