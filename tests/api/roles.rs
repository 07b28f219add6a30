//! Who may do what (issue 10): every operation of the OpenAPI document, called as each kind
//! of caller — anonymous, a kiosk, a display, a clerk, an approver of the department concerned,
//! an approver of another department, an output clerk and the admin — against what the table
//! below allows.
//!
//! "Denied" is 401 (no token) or 403 `{code: "forbidden"}` — or, where the table says so, 404:
//! a case is hidden from an approver of another department rather than refused, so that its
//! existence is not disclosed. "Allowed" is anything else short of 5xx: a 404, 409 or 422 means
//! the call got past authorization. The table is keyed by `METHOD path` as in the OpenAPI
//! document; a route missing from it, or a row naming a route that no longer exists, fails the
//! test by name. Every anonymous-allowed route must be exactly the document's public
//! operations, which `privacy.rs` calls with a known person to check nothing is shown
//! unmasked.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::helpers::TestApp;
use onetrip_domain::identity::id_check_char;
use reqwest::Method;
use serde_json::{json, Value};

/// Friday 27 November 2026, 10:00 in Shanghai: the hall is open.
const NOW: &str = "2026-11-27T02:00:00Z";

type Who = u8;
const PUBLIC: Who = 1 << 0;
const KIOSK: Who = 1 << 1;
const DISPLAY: Who = 1 << 2;
const CLERK: Who = 1 << 3;
const APPROVER_OWN: Who = 1 << 4;
const APPROVER_OTHER: Who = 1 << 5;
const OUTPUT: Who = 1 << 6;
const ADMIN: Who = 1 << 7;
const NOBODY: Who = 0;
const APPROVER: Who = APPROVER_OWN | APPROVER_OTHER;
/// Any valid token: staff or device.
const TOKEN: Who = !PUBLIC;
const ANYONE: Who = !0;

const PRINCIPALS: [(Who, &str); 8] = [
    (PUBLIC, "anonymous"),
    (KIOSK, "kiosk"),
    (DISPLAY, "display"),
    (CLERK, "clerk"),
    (APPROVER_OWN, "approver (GWH, the case's department)"),
    (APPROVER_OTHER, "approver (RSJ, another department)"),
    (OUTPUT, "output clerk"),
    (ADMIN, "admin"),
];

/// One operation: who may call it, who gets a 404 instead of a 403, and how it is called.
/// `url` and `body` name set-up values as `$name`; a body starting `RAW:` is sent as bytes.
struct Row {
    op: &'static str,
    allow: Who,
    hidden: Who,
    url: &'static str,
    body: Option<&'static str>,
}

const fn r(op: &'static str, allow: Who, url: &'static str, body: Option<&'static str>) -> Row {
    Row {
        op,
        allow,
        hidden: NOBODY,
        url,
        body,
    }
}

/// The approver of another department gets 404 rather than 403: the item is not disclosed.
const fn hide(row: Row) -> Row {
    Row {
        hidden: APPROVER_OTHER,
        ..row
    }
}

const APPLICANT: &str =
    r#"{"kind": "person", "name": "欧阳明华", "id_number": "$id_number", "phone": "13957864213"}"#;

/// The matrix, in the order it is called: each row's state change leaves the rows after it
/// callable (the throwaway user, device and tokens are never the callers' own).
#[rustfmt::skip]
fn table() -> Vec<Row> {
    vec![
        // Public reading (政务公开): anyone, with or without a token.
        r("GET /healthz", ANYONE, "/healthz", None),
        // Aggregate counters for Prometheus: no personal data.
        r("GET /metrics", ANYONE, "/metrics", None),
        r("GET /api/v1/bundles", ANYONE, "/api/v1/bundles", None),
        r("GET /api/v1/calendar", ANYONE, "/api/v1/calendar", None),
        r("GET /api/v1/calendar/{year}", ANYONE, "/api/v1/calendar/2026", None),
        r("GET /api/v1/categories", ANYONE, "/api/v1/categories", None),
        r("GET /api/v1/matters", ANYONE, "/api/v1/matters", None),
        r("GET /api/v1/checklists/{code}", ANYONE, "/api/v1/checklists/GWH-001", None),
        r("GET /api/v1/guides/{code}/slip.pdf", ANYONE, "/api/v1/guides/GWH-001/slip.pdf", None),
        r("GET /api/v1/public/catalog", ANYONE, "/api/v1/public/catalog", None),
        r("GET /api/v1/keys", ANYONE, "/api/v1/keys", None),
        r("POST /api/v1/verify", ANYONE, "/api/v1/verify", Some(r#"{"qr": "https://hall.example/t/ABC?s=not-a-seal"}"#)),
        r("GET /api/v1/public/stats", ANYONE, "/api/v1/public/stats?from=2026-11-27&to=2026-11-27", None),
        r("GET /api/v1/track/ticket/{code}", ANYONE, "/api/v1/track/ticket/$ticket_track", None),
        r("GET /api/v1/track/{code}", ANYONE, "/api/v1/track/$case_track", None),
        r("GET /api/v1/public/appointment-slots", ANYONE, "/api/v1/public/appointment-slots?category=A", None),
        r("POST /api/v1/public/appointments", ANYONE, "/api/v1/public/appointments", Some(r#"{"category": "A", "date": "2026-12-01", "slot_start": "09:00", "id_number": "$id_number2", "name": "欧阳娜娜", "phone": "13800138000"}"#)),
        r("POST /api/v1/public/appointments/{code}/cancel", ANYONE, "/api/v1/public/appointments/$appt_cancel/cancel", Some(r#"{"id_number": "$id_number3"}"#)),
        // A decided case rated by the tracking code on its papers: public by design.
        r("POST /api/v1/ratings", ANYONE, "/api/v1/ratings", Some(r#"{"tracking_code": "$decided_track", "level": 5}"#)),
        r("POST /api/v1/messages", ANYONE, "/api/v1/messages", Some(r#"{"kind": "consultation", "title": "营业执照", "body": "请问需要带什么材料？", "phone": "13800138000"}"#)),
        r("GET /api/v1/messages/published", ANYONE, "/api/v1/messages/published", None),
        r("GET /api/v1/messages/lookup/{code}", ANYONE, "/api/v1/messages/lookup/$message_code", None),
        r("POST /api/v1/auth/login", ANYONE, "/api/v1/auth/login", Some(r#"{"username": "m_login", "password": "m_login-password"}"#)),
        // Any valid token.
        r("GET /api/v1/auth/me", TOKEN, "/api/v1/auth/me", None),
        r("GET /api/v1/counters", TOKEN, "/api/v1/counters", None),
        r("GET /api/v1/queue", TOKEN, "/api/v1/queue", None),
        r("GET /api/v1/events", TOKEN, "/api/v1/events", None),
        r("GET /api/v1/voice/call.wav", TOKEN, "/api/v1/voice/call.wav?number=A001&counter=$counter", None),
        // The queue.
        r("POST /api/v1/tickets", KIOSK | CLERK, "/api/v1/tickets", Some(r#"{"category": "B"}"#)),
        r("GET /api/v1/tickets/{id}", KIOSK | CLERK | ADMIN, "/api/v1/tickets/$ticket", None),
        r("GET /api/v1/tickets/{id}/slip.pdf", KIOSK | CLERK | ADMIN, "/api/v1/tickets/$ticket/slip.pdf", None),
        r("POST /api/v1/tickets/{id}/slip-status", KIOSK | CLERK, "/api/v1/tickets/$ticket/slip-status", Some(r#"{"printed": true}"#)),
        // The kiosk that issued the ticket (this one) may save the citizen's draft.
        r("PUT /api/v1/tickets/{id}/draft", KIOSK | CLERK, "/api/v1/tickets/$ticket/draft", Some(r#"{"matter": "GWH-001", "applicant": $applicant}"#)),
        r("GET /api/v1/tickets/{id}/draft", CLERK, "/api/v1/tickets/$ticket/draft", None),
        r("GET /api/v1/counters/{counter}/desk", CLERK | ADMIN, "/api/v1/counters/$counter/desk", None),
        r("POST /api/v1/counters/{counter}/session", CLERK, "/api/v1/counters/$counter/session", None),
        r("POST /api/v1/counters/{counter}/call-next", CLERK, "/api/v1/counters/$counter/call-next", None),
        r("POST /api/v1/tickets/{id}/recall", CLERK, "/api/v1/tickets/$ticket/recall", None),
        r("POST /api/v1/tickets/{id}/start", CLERK, "/api/v1/tickets/$ticket/start", None),
        r("POST /api/v1/tickets/{id}/transfer", CLERK, "/api/v1/tickets/$ticket/transfer", Some(r#"{"category": "B"}"#)),
        r("POST /api/v1/tickets/{id}/finish", CLERK, "/api/v1/tickets/$ticket/finish", None),
        r("POST /api/v1/tickets/{id}/no-show", CLERK, "/api/v1/tickets/$ticket/no-show", None),
        r("POST /api/v1/tickets/{id}/reinstate", CLERK, "/api/v1/tickets/$ticket/reinstate", None),
        r("POST /api/v1/counters/{counter}/pause", CLERK, "/api/v1/counters/$counter/pause", None),
        r("POST /api/v1/counters/{counter}/resume", CLERK, "/api/v1/counters/$counter/resume", None),
        r("DELETE /api/v1/counters/{counter}/session", CLERK, "/api/v1/counters/$counter/session", None),
        r("POST /api/v1/appointments/{code}/check-in", KIOSK | CLERK, "/api/v1/appointments/$appt/check-in", None),
        // Intake (综合窗口).
        r("POST /api/v1/cases", CLERK, "/api/v1/cases", Some(r#"{"matter": "GWH-001", "applicant": $applicant, "materials": [], "delivery": {"method": "window"}}"#)),
        // A case (and its papers) of another department is hidden from an approver: 404.
        hide(r("GET /api/v1/cases/{case_no}", CLERK | APPROVER_OWN | ADMIN, "/api/v1/cases/$case", None)),
        hide(r("GET /api/v1/cases/{case_no}/documents/{file}", CLERK | APPROVER_OWN | OUTPUT | ADMIN, "/api/v1/cases/$case/documents/acceptance.pdf", None)),
        r("POST /api/v1/cases/{case_no}/supplement", CLERK, "/api/v1/cases/$case/supplement", Some(r#"{"materials": []}"#)),
        r("POST /api/v1/intake/refusals", CLERK, "/api/v1/intake/refusals", Some(r#"{"matter": "出入境证件办理", "reason": "不属于本厅受理范围", "where_to_apply": "市公安局出入境管理支队"}"#)),
        r("GET /api/v1/intake/notices/{id}", CLERK | ADMIN, "/api/v1/intake/notices/$notice", None),
        r("GET /api/v1/intake/notices/{id}/document.pdf", CLERK | ADMIN, "/api/v1/intake/notices/$notice/document.pdf", None),
        // Approval (the department's queue).
        // An approver asking for another department's queue is refused; the admin may look at
        // any department's (and, having none of their own, must name one).
        r("GET /api/v1/tasks", APPROVER_OWN | ADMIN, "/api/v1/tasks?department=GWH", None),
        r("GET /api/v1/reports/overdue", APPROVER | ADMIN, "/api/v1/reports/overdue", None),
        // Another department's task is hidden (404), like its case. Every action but claim is
        // for the approver who claimed the task: claim, extend and approve it, and the rest
        // then meet a decided task (409).
        hide(r("POST /api/v1/tasks/{id}/claim", APPROVER_OWN, "/api/v1/tasks/$task/claim", None)),
        hide(r("POST /api/v1/tasks/{id}/extend", APPROVER_OWN, "/api/v1/tasks/$task/extend", Some(r#"{"days": 1, "reason": "需现场核查"}"#))),
        hide(r("POST /api/v1/tasks/{id}/approve", APPROVER_OWN, "/api/v1/tasks/$task/approve", Some(r#"{"opinion": "同意"}"#))),
        hide(r("POST /api/v1/tasks/{id}/reject", APPROVER_OWN, "/api/v1/tasks/$task/reject", Some(r#"{"reason": "不符合条件"}"#))),
        hide(r("POST /api/v1/tasks/{id}/release", APPROVER_OWN, "/api/v1/tasks/$task/release", None)),
        hide(r("POST /api/v1/tasks/{id}/return", APPROVER_OWN, "/api/v1/tasks/$task/return", Some(r#"{"items": ["营业执照复印件"]}"#))),
        // The output window (出件窗口).
        r("GET /api/v1/output", OUTPUT | ADMIN, "/api/v1/output", None),
        r("POST /api/v1/cases/{case_no}/handover", OUTPUT, "/api/v1/cases/$decided/handover", Some(r#"{"method": "mail", "carrier": "中国邮政EMS", "waybill_no": "EA123456789CN"}"#)),
        r("POST /api/v1/cases/{case_no}/delivered", OUTPUT, "/api/v1/cases/$decided/delivered", None),
        // Citizens' messages: the admin, and approvers for their own department.
        r("GET /api/v1/messages", APPROVER | ADMIN, "/api/v1/messages", None),
        r("POST /api/v1/messages/{id}/forward", ADMIN, "/api/v1/messages/$message/forward", Some(r#"{"department": "GWH"}"#)),
        r("POST /api/v1/messages/{id}/answer", APPROVER_OWN | ADMIN, "/api/v1/messages/$message/answer", Some(r#"{"answer": "您好，请携带身份证原件办理。"}"#)),
        r("POST /api/v1/messages/{id}/publish", ADMIN, "/api/v1/messages/$message/publish", Some("{}")),
        r("POST /api/v1/messages/{id}/close", ADMIN, "/api/v1/messages/$message/close", Some(r#"{"reason": "重复留言"}"#)),
        // Ratings and follow-ups (好差评).
        r("GET /api/v1/ratings", ADMIN, "/api/v1/ratings", None),
        r("GET /api/v1/follow-ups", ADMIN, "/api/v1/follow-ups", None),
        r("POST /api/v1/follow-ups/{id}/reply", ADMIN, "/api/v1/follow-ups/$follow_up/reply", Some(r#"{"reply": "已电话回访并致歉"}"#)),
        r("POST /api/v1/follow-ups/{id}/close", ADMIN, "/api/v1/follow-ups/$follow_up/close", Some(r#"{"note": "已解决"}"#)),
        // Statistics and reports.
        r("GET /api/v1/stats", ADMIN, "/api/v1/stats?from=2026-11-27&to=2026-11-27", None),
        r("GET /api/v1/stats/export", ADMIN, "/api/v1/stats/export?from=2026-11-27&to=2026-11-27&format=csv", None),
        r("GET /api/v1/disclosure-report", ADMIN, "/api/v1/disclosure-report?year=2026", None),
        r("GET /api/v1/disclosure-report/export", ADMIN, "/api/v1/disclosure-report/export?year=2026&format=csv", None),
        r("GET /api/v1/audit", ADMIN, "/api/v1/audit?limit=5", None),
        // Staff, devices, settings, calendar.
        r("GET /api/v1/users", ADMIN, "/api/v1/users", None),
        r("POST /api/v1/users", ADMIN, "/api/v1/users", Some(r#"{"username": "m_new", "name": "新同事", "password": "new-password-1", "roles": ["clerk"]}"#)),
        r("PATCH /api/v1/users/{id}", ADMIN, "/api/v1/users/$user", Some(r#"{"name": "改过名的同事", "disabled": true}"#)),
        r("POST /api/v1/users/{id}/reset-password", ADMIN, "/api/v1/users/$user/reset-password", None),
        r("GET /api/v1/devices", ADMIN, "/api/v1/devices", None),
        r("POST /api/v1/devices", ADMIN, "/api/v1/devices", Some(r#"{"name": "矩阵测试终端", "role": "kiosk"}"#)),
        r("DELETE /api/v1/devices/{id}", ADMIN, "/api/v1/devices/$device", None),
        r("GET /api/v1/admin/settings", ADMIN, "/api/v1/admin/settings", None),
        r("PUT /api/v1/admin/settings", ADMIN, "/api/v1/admin/settings", Some("{}")),
        r("PUT /api/v1/admin/calendar", ADMIN, "/api/v1/admin/calendar", Some(r#"{"year": 2031, "days": []}"#)),
        // The catalog (清单目录管理): the admin only. Drafts use codes of no existing item and
        // are discarded at the end, so nothing else sees them.
        r("GET /api/v1/catalog/disclosure", ADMIN, "/api/v1/catalog/disclosure", None),
        r("GET /api/v1/admin/catalog", ADMIN, "/api/v1/admin/catalog", None),
        r("GET /api/v1/admin/catalog/versions", ADMIN, "/api/v1/admin/catalog/versions", None),
        r("GET /api/v1/admin/catalog/history/{kind}/{code}", ADMIN, "/api/v1/admin/catalog/history/matter/GWH-001", None),
        r("GET /api/v1/admin/catalog/export", ADMIN, "/api/v1/admin/catalog/export", None),
        r("POST /api/v1/admin/catalog/import", ADMIN, "/api/v1/admin/catalog/import?dry_run=true", Some("RAW:not a workbook")),
        r("POST /api/v1/admin/catalog/publish", ADMIN, "/api/v1/admin/catalog/publish", Some(r#"{"note": "矩阵测试"}"#)),
        r("PUT /api/v1/admin/catalog/draft/departments/{code}", ADMIN, "/api/v1/admin/catalog/draft/departments/ZZJ", Some(r#"{"code": "ZZJ", "name": "测试局"}"#)),
        r("DELETE /api/v1/admin/catalog/draft/departments/{code}", ADMIN, "/api/v1/admin/catalog/draft/departments/ZZJ", None),
        r("PUT /api/v1/admin/catalog/draft/categories/{code}", ADMIN, "/api/v1/admin/catalog/draft/categories/Z", Some(r#"{"code": "Z", "name": "测试类"}"#)),
        r("DELETE /api/v1/admin/catalog/draft/categories/{code}", ADMIN, "/api/v1/admin/catalog/draft/categories/Z", None),
        r("PUT /api/v1/admin/catalog/draft/matters/{code}", ADMIN, "/api/v1/admin/catalog/draft/matters/GWH-099", Some(r#"{"code": "GWH-099", "name": "测试事项", "department": "GWH", "category": "A", "legal_limit_days": 20, "promised_limit_days": 5, "visits": 0, "materials": []}"#)),
        r("DELETE /api/v1/admin/catalog/draft/matters/{code}", ADMIN, "/api/v1/admin/catalog/draft/matters/GWH-099", None),
        r("PUT /api/v1/admin/catalog/draft/bundles/{code}", ADMIN, "/api/v1/admin/catalog/draft/bundles/YJS-099", Some(r#"{"code": "YJS-099", "name": "测试一件事", "category": "A", "matters": [], "partial_rejection": "partial"}"#)),
        r("DELETE /api/v1/admin/catalog/draft/bundles/{code}", ADMIN, "/api/v1/admin/catalog/draft/bundles/YJS-099", None),
        r("PUT /api/v1/admin/catalog/draft/counters/{code}", ADMIN, "/api/v1/admin/catalog/draft/counters/Z9", Some(r#"{"code": "Z9", "name": "Z9号窗口", "kind": "intake"}"#)),
        r("DELETE /api/v1/admin/catalog/draft/counters/{code}", ADMIN, "/api/v1/admin/catalog/draft/counters/Z9", None),
        r("DELETE /api/v1/admin/catalog/draft", ADMIN, "/api/v1/admin/catalog/draft", None),
        // Last: every caller logs out — with a fresh token of its own (see `fresh_token`).
        r("POST /api/v1/auth/logout", TOKEN, "/api/v1/auth/logout", None),
    ]
}

/// `METHOD path` of every operation in the OpenAPI document.
fn documented_operations() -> BTreeSet<String> {
    let doc = serde_json::to_value(onetrip::http::openapi()).unwrap();
    let mut ops = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if op.is_object() && op.get("responses").is_some() {
                ops.insert(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    ops
}

fn person(first17: &str) -> String {
    format!("{first17}{}", id_check_char(first17))
}

struct Setup {
    vars: HashMap<&'static str, String>,
    tokens: BTreeMap<Who, Option<String>>,
}

impl Setup {
    fn fill(&self, template: &str) -> String {
        let mut s = template.to_string();
        // Longest names first: `$case_track` before `$case`.
        let mut names: Vec<_> = self.vars.keys().collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        for name in names {
            s = s.replace(&format!("${name}"), &self.vars[name]);
        }
        assert!(!s.contains('$'), "unfilled value in {s}");
        s
    }
}

async fn setup(app: &TestApp) -> Setup {
    let kiosk = app.device_token("m-kiosk", "kiosk").await;
    let display = app.device_token("m-display", "display").await;
    let clerk = app.token_for("m_clerk", &["clerk"]).await;
    let own = app.approver("m_gwh", "GWH").await;
    let other = app.approver("m_rsj", "RSJ").await;
    let output = app.token_for("m_out", &["output"]).await;
    let admin = app.token_for("m_admin", &["admin"]).await;
    app.add_user("m_login", &["clerk"], None).await;
    app.add_user("m_target", &["clerk"], None).await;

    let mut vars: HashMap<&'static str, String> = HashMap::new();
    let id_number = person("33010619800101123");
    vars.insert("id_number", id_number.clone());
    vars.insert("id_number2", person("33010619750505234"));
    vars.insert("applicant", APPLICANT.replace("$id_number", &id_number));

    // An intake counter serving category A, from the catalog.
    let counters = app.get_json("/api/v1/counters", Some(&admin)).await;
    let counter = counters
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["kind"] == "intake"
                && c["categories"]
                    .as_array()
                    .is_some_and(|cs| cs.iter().any(|x| x["code"] == "A"))
        })
        .expect("an intake counter serving A")["code"]
        .as_str()
        .unwrap()
        .to_string();
    vars.insert("counter", counter.clone());

    // A ticket from the kiosk, called by the clerk.
    let r = app.issue(&kiosk, "A").await;
    assert_eq!(r.status(), 201);
    let ticket: Value = r.json().await.unwrap();
    vars.insert("ticket", ticket["id"].to_string());
    vars.insert(
        "ticket_track",
        ticket["track_code"].as_str().unwrap().into(),
    );
    assert_eq!(app.call_next(&clerk, &counter).await.status(), 200);

    // A case routed to GWH (pending), and one decided and rated badly (a follow-up).
    let case_body = json!({"matter": "GWH-001",
        "applicant": {"kind": "person", "name": "欧阳明华", "id_number": id_number, "phone": "13957864213"},
        "materials": [{"code": "01", "state": "provided"}, {"code": "02", "state": "provided"}],
        "delivery": {"method": "mail", "recipient": "欧阳明华", "phone": "13957864213",
                     "address": "浙江省杭州市西湖区文三路90号"}});
    let (status, case) = app
        .post_json("/api/v1/cases", &clerk, case_body.clone())
        .await;
    assert_eq!(status, 201, "{case}");
    vars.insert("case", case["case_no"].as_str().unwrap().into());
    vars.insert("case_track", case["tracking_code"].as_str().unwrap().into());
    vars.insert("task", case["tasks"][0]["id"].to_string());
    let (status, decided) = app.post_json("/api/v1/cases", &clerk, case_body).await;
    assert_eq!(status, 201, "{decided}");
    let task = decided["tasks"][0]["id"].as_i64().unwrap();
    for action in ["claim", "approve"] {
        let (status, body) = app
            .post_json(
                &format!("/api/v1/tasks/{task}/{action}"),
                &own,
                json!({"opinion": "同意"}),
            )
            .await;
        assert_eq!(status, 200, "{action}: {body}");
    }
    vars.insert("decided", decided["case_no"].as_str().unwrap().into());
    let decided_track = decided["tracking_code"].as_str().unwrap().to_string();
    let (status, body) = app
        .post_json_public(
            "/api/v1/ratings",
            json!({"tracking_code": decided_track, "level": 1}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    vars.insert("decided_track", decided_track);
    let follow_ups = app.get_json("/api/v1/follow-ups", Some(&admin)).await;
    vars.insert("follow_up", follow_ups[0]["id"].to_string());

    // A refusal notice.
    let (status, notice) = app
        .post_json(
            "/api/v1/intake/refusals",
            &clerk,
            json!({"matter": "出入境证件办理", "reason": "不属于本厅受理范围",
                   "where_to_apply": "市公安局出入境管理支队"}),
        )
        .await;
    assert_eq!(status, 201, "{notice}");
    vars.insert("notice", notice["id"].to_string());

    // A citizen's message, forwarded to GWH.
    let (status, receipt) = app
        .post_json_public(
            "/api/v1/messages",
            json!({"kind": "complaint", "title": "等候太久", "body": "周五上午排队一个小时。",
                   "phone": "13957864213"}),
        )
        .await;
    assert_eq!(status, 201, "{receipt}");
    vars.insert(
        "message_code",
        receipt["query_code"].as_str().unwrap().into(),
    );
    let message = app.get_json("/api/v1/messages", Some(&admin)).await[0]["id"].to_string();
    let (status, body) = app
        .post_json(
            &format!("/api/v1/messages/{message}/forward"),
            &admin,
            json!({"department": "GWH"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    vars.insert("message", message);

    // Two bookings: one to check in, one to cancel.
    for (key, first17, var) in [
        ("appt", "33010619900202345", None),
        ("appt_cancel", "33010619850303456", Some("id_number3")),
    ] {
        let id = person(first17);
        let (status, booked) = app
            .post_json_public(
                "/api/v1/public/appointments",
                json!({"category": "A", "date": "2026-11-30", "slot_start": "10:00",
                       "id_number": id, "name": "欧阳娜娜", "phone": "13800138000"}),
            )
            .await;
        assert_eq!(status, 201, "{booked}");
        vars.insert(key, booked["code"].as_str().unwrap().into());
        if let Some(var) = var {
            vars.insert(var, id);
        }
    }

    // Throwaway targets of the admin's destructive calls.
    let users = app.get_json("/api/v1/users", Some(&admin)).await;
    let target = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "m_target")
        .expect("target user");
    vars.insert("user", target["id"].to_string());
    let (status, device) = app
        .post_json(
            "/api/v1/devices",
            &admin,
            json!({"name": "报废终端", "role": "kiosk"}),
        )
        .await;
    assert_eq!(status, 201, "{device}");
    vars.insert("device", device["id"].to_string());

    let tokens = BTreeMap::from([
        (PUBLIC, None),
        (KIOSK, Some(kiosk)),
        (DISPLAY, Some(display)),
        (CLERK, Some(clerk)),
        (APPROVER_OWN, Some(own)),
        (APPROVER_OTHER, Some(other)),
        (OUTPUT, Some(output)),
        (ADMIN, Some(admin)),
    ]);
    Setup { vars, tokens }
}

/// A token of the same kind of caller that no later call needs (for log-out).
async fn fresh_token(app: &TestApp, who: Who) -> Option<String> {
    Some(match who {
        PUBLIC => return None,
        KIOSK => app.device_token("m-kiosk-2", "kiosk").await,
        DISPLAY => app.device_token("m-display-2", "display").await,
        CLERK => app.login_again("m_clerk").await,
        APPROVER_OWN => app.login_again("m_gwh").await,
        APPROVER_OTHER => app.login_again("m_rsj").await,
        OUTPUT => app.login_again("m_out").await,
        ADMIN => app.login_again("m_admin").await,
        _ => unreachable!(),
    })
}

#[tokio::test]
async fn every_route_allows_exactly_the_roles_it_should() {
    let started = std::time::Instant::now();
    let table = table();

    // The table covers the router, and nothing else.
    let documented = documented_operations();
    let mut listed = BTreeSet::new();
    for row in &table {
        assert!(
            listed.insert(row.op.to_string()),
            "{} is listed twice",
            row.op
        );
    }
    let missing: Vec<_> = documented.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "routes with no row in the role matrix (tests/api/roles.rs): {missing:?}"
    );
    let gone: Vec<_> = listed.difference(&documented).collect();
    assert!(
        gone.is_empty(),
        "role-matrix rows naming routes that no longer exist: {gone:?}"
    );
    // The anonymous-allowed rows are exactly the document's public operations, each of
    // which privacy.rs calls and checks for personal data.
    let public: BTreeSet<String> = table
        .iter()
        .filter(|r| r.allow & PUBLIC != 0)
        .map(|r| r.op.to_string())
        .collect();
    let open = crate::privacy::public_operations();
    assert!(
        public == open,
        "anonymous-allowed rows {:?} differ from the operations without security in the \
         OpenAPI document (checked by privacy.rs) {:?}",
        public.symmetric_difference(&open).collect::<Vec<_>>(),
        open
    );

    let (app, _clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    let setup = setup(&app).await;
    let mut findings = Vec::new();
    let mut grid = String::from("anon kiosk displ clerk ownap othap outpt admin\n");
    let mut calls = 0;
    for row in &table {
        let (method, _) = row.op.split_once(' ').unwrap();
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let url = setup.fill(row.url);
        for (who, name) in PRINCIPALS {
            let token = if row.op == "POST /api/v1/auth/logout" {
                fresh_token(&app, who).await
            } else {
                setup.tokens[&who].clone()
            };
            let mut request = app.request(method.clone(), &url, token.as_deref());
            match row.body {
                Some(raw) if raw.starts_with("RAW:") => {
                    request = request
                        .header(
                            "content-type",
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        )
                        .body(raw["RAW:".len()..].to_string());
                }
                Some(body) => {
                    let body: Value = serde_json::from_str(&setup.fill(body))
                        .unwrap_or_else(|e| panic!("{}: body is not JSON: {e}", row.op));
                    request = request.json(&body);
                }
                None => {}
            }
            let response = request.send().await.unwrap();
            calls += 1;
            let status = response.status().as_u16();
            let streaming = response
                .headers()
                .get("content-type")
                .is_some_and(|v| v.to_str().unwrap_or("").starts_with("text/event-stream"));
            let text = if streaming {
                String::new()
            } else {
                response.text().await.unwrap_or_default()
            };
            let code = serde_json::from_str::<Value>(&text)
                .ok()
                .and_then(|v| v["code"].as_str().map(str::to_string))
                .unwrap_or_default();
            let excerpt: String = text.chars().take(160).collect();
            let what = format!("{} ({url}) as {name}: {status} {excerpt}", row.op);
            grid.push_str(&format!("{status:<6}"));
            // The hall's speech synthesiser may be missing: a documented 503, not a failure.
            let unavailable = status == 503 && row.op == "GET /api/v1/voice/call.wav";
            if status >= 500 && !unavailable {
                findings.push(format!("5xx: {what}"));
                continue;
            }
            let denied = match status {
                401 => true,
                403 => {
                    if code != "forbidden" {
                        findings.push(format!("403 without code forbidden: {what}"));
                    }
                    true
                }
                _ => false,
            };
            if who & row.hidden != 0 {
                if status != 404 {
                    findings.push(format!("should be hidden (404): {what}"));
                }
            } else if row.allow & who != 0 {
                if denied {
                    findings.push(format!("should be allowed: {what}"));
                }
            } else if !denied {
                findings.push(format!("should be denied: {what}"));
            } else if who == PUBLIC && status != 401 {
                findings.push(format!("anonymous should get 401: {what}"));
            }
        }
        grid.push_str(&format!("{}\n", row.op));
    }
    // Shown with `--nocapture`: what each caller got.
    println!("{grid}");
    // A token that is not (or no longer) valid is refused wherever a token is required.
    let bogus = "0".repeat(64);
    for row in table.iter().filter(|r| r.allow & PUBLIC == 0) {
        let (method, _) = row.op.split_once(' ').unwrap();
        let url = setup.fill(row.url);
        let r = app
            .request(
                Method::from_bytes(method.as_bytes()).unwrap(),
                &url,
                Some(&bogus),
            )
            .send()
            .await
            .unwrap();
        calls += 1;
        if r.status() != 401 {
            findings.push(format!(
                "{} ({url}) with an invalid token: {}",
                row.op,
                r.status()
            ));
        }
    }
    assert!(
        findings.is_empty(),
        "{} of {calls} calls differ from the role matrix:\n{}",
        findings.len(),
        findings.join("\n")
    );
    let token_rows = table.iter().filter(|r| r.allow & PUBLIC == 0).count();
    assert_eq!(calls, table.len() * PRINCIPALS.len() + token_rows);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "the matrix took {:?}",
        started.elapsed()
    );
}
