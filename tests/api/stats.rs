//! Statistics: known activity on one day (tickets waited and served for known minutes, a
//! no-show, cases decided on time, late or not at all, picked up, mailed, ratings) gives exact
//! figures; the exports are a real workbook and a CSV Excel reads; the public figures name no
//! clerk; bad ranges and other roles are refused.

use crate::helpers::{assert_error, TestApp};
use chrono::{DateTime, Duration, Utc};
use onetrip_domain::clock::FixedClock;
use reqwest::Method;
use serde_json::{json, Value};
use std::io::Read;

/// Friday 2026-09-25, 10:00 in Shanghai.
const NOW: &str = "2026-09-25T02:00:00Z";
/// Monday 2026-11-30, 10:00 in Shanghai: past every legal deadline of the cases above.
const LATER: &str = "2026-11-30T02:00:00Z";
const DAY: &str = "from=2026-09-25&to=2026-09-25";

fn person() -> Value {
    json!({"kind": "person", "name": "张三", "id_number": "11010519491231002X", "phone": "13800138000"})
}

async fn ok(app: &TestApp, path: &str, token: &str, body: Value) -> Value {
    let (status, v) = app.post_json(path, token, body).await;
    assert_eq!(status / 100, 2, "{path}: {v}");
    v
}

async fn accept(app: &TestApp, clerk: &str, delivery: Value) -> Value {
    ok(
        app,
        "/api/v1/cases",
        clerk,
        json!({"matter": "GWH-001", "applicant": person(),
               "materials": [{"code": "01", "state": "provided"}, {"code": "02", "state": "provided"}],
               "delivery": delivery}),
    )
    .await
}

async fn decide(app: &TestApp, approver: &str, case: &Value, action: &str) {
    let task = case["tasks"][0]["id"].as_i64().unwrap();
    ok(
        app,
        &format!("/api/v1/tasks/{task}/claim"),
        approver,
        json!({}),
    )
    .await;
    let body = match action {
        "approve" => json!({"opinion": "予以公开"}),
        _ => json!({"reason": "不属于政府信息"}),
    };
    ok(
        app,
        &format!("/api/v1/tasks/{task}/{action}"),
        approver,
        body,
    )
    .await;
}

async fn pickup(app: &TestApp, output: &str, case: &Value) {
    ok(
        app,
        &format!(
            "/api/v1/cases/{}/handover",
            case["case_no"].as_str().unwrap()
        ),
        output,
        json!({"method": "pickup", "recipient_name": "张三",
               "recipient_id_number": "11010519491231002X"}),
    )
    .await;
}

/// Calls the next ticket at counter 1 after `wait` minutes; its id and estimate at issue.
async fn call(app: &TestApp, clock: &FixedClock, clerk: &str, wait: i64) -> i64 {
    clock.advance(Duration::minutes(wait));
    let r = app.call_next(clerk, "1").await;
    assert_eq!(r.status(), 200);
    r.json::<Value>().await.unwrap()["ticket"]["id"]
        .as_i64()
        .unwrap()
}

async fn op(app: &TestApp, clerk: &str, id: i64, what: &str) {
    assert_eq!(
        app.ticket_op(clerk, id, what, None).await.status(),
        200,
        "{what}"
    );
}

struct Seeded {
    app: TestApp,
    admin: String,
    estimates: Vec<i64>,
}

/// Three A tickets issued at 10:00 and called at 10:06, 10:10 and 10:18: two served for 4 and
/// 8 minutes, the third a no-show. Four GWH-001 cases accepted that day: C1 approved and picked
/// up at once, C2 rejected and mailed, C3 left open, C4 approved two months later and picked
/// up then. One refusal of GWH-001 at intake. Ratings 5 and 2 for the tickets, 4 for C1.
async fn seed() -> Seeded {
    let (app, clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let approver = app.approver("gwh1", "GWH").await;
    let output = app.token_for("out1", &["output"]).await;
    let mut estimates = Vec::new();
    for _ in 0..3 {
        let r = app.issue(&kiosk, "A").await;
        assert_eq!(r.status(), 201);
        let t: Value = r.json().await.unwrap();
        estimates.push(t["estimated_wait_minutes"].as_i64().unwrap_or(-1));
    }
    let t1 = call(&app, &clock, &clerk, 6).await;
    op(&app, &clerk, t1, "start").await;
    clock.advance(Duration::minutes(4));
    op(&app, &clerk, t1, "finish").await;
    let t2 = call(&app, &clock, &clerk, 0).await;
    op(&app, &clerk, t2, "start").await;
    clock.advance(Duration::minutes(8));
    op(&app, &clerk, t2, "finish").await;
    let t3 = call(&app, &clock, &clerk, 0).await;
    op(&app, &clerk, t3, "recall").await;
    op(&app, &clerk, t3, "recall").await;
    op(&app, &clerk, t3, "no-show").await;
    for (id, level) in [(t1, 5), (t2, 2)] {
        ok(
            &app,
            "/api/v1/ratings",
            &kiosk,
            json!({"ticket_id": id, "level": level}),
        )
        .await;
    }

    let c1 = accept(&app, &clerk, json!({"method": "window"})).await;
    let c2 = accept(
        &app,
        &clerk,
        json!({"method": "mail", "recipient": "张三", "phone": "13800138000",
               "address": "高新区科技大道1号"}),
    )
    .await;
    let _c3 = accept(&app, &clerk, json!({"method": "window"})).await;
    let c4 = accept(&app, &clerk, json!({"method": "window"})).await;
    ok(
        &app,
        "/api/v1/intake/refusals",
        &clerk,
        json!({"matter": "GWH-001", "reason": "申请内容不属于本机关政府信息",
               "where_to_apply": "市档案馆"}),
    )
    .await;
    decide(&app, &approver, &c1, "approve").await;
    pickup(&app, &output, &c1).await;
    ok(
        &app,
        "/api/v1/ratings",
        &clerk,
        json!({"tracking_code": c1["tracking_code"], "level": 4}),
    )
    .await;
    decide(&app, &approver, &c2, "reject").await;
    let no = c2["case_no"].as_str().unwrap();
    ok(
        &app,
        &format!("/api/v1/cases/{no}/handover"),
        &output,
        json!({"method": "mail", "carrier": "EMS", "waybill_no": "EA1"}),
    )
    .await;
    ok(
        &app,
        &format!("/api/v1/cases/{no}/delivered"),
        &output,
        json!({}),
    )
    .await;

    clock.set(LATER.parse::<DateTime<Utc>>().unwrap());
    let approver = app.login_again("gwh1").await;
    let output = app.login_again("out1").await;
    decide(&app, &approver, &c4, "approve").await;
    pickup(&app, &output, &c4).await;
    Seeded {
        admin: app.token_for("admin1", &["admin"]).await,
        app,
        estimates,
    }
}

fn abs_errors(estimates: &[i64]) -> Vec<f64> {
    let mut e: Vec<f64> = estimates
        .iter()
        .zip([6.0, 10.0, 18.0])
        .map(|(est, wait)| (*est as f64 - wait).abs())
        .collect();
    e.sort_by(f64::total_cmp);
    e
}

async fn get(app: &TestApp, path: &str, token: Option<&str>) -> reqwest::Response {
    app.request(Method::GET, path, token).send().await.unwrap()
}

#[tokio::test]
async fn a_day_of_activity_gives_exact_figures() {
    let s = seed().await;
    let r = s
        .app
        .get_json(&format!("/api/v1/stats?{DAY}"), Some(&s.admin))
        .await;
    assert_eq!(r["timezone"], "Asia/Shanghai");
    let t = &r["tickets"];
    assert_eq!(
        (&t["issued"], &t["called"], &t["served"], &t["no_shows"]),
        (&json!(3), &json!(3), &json!(2), &json!(1)),
        "{t}"
    );
    assert_eq!(t["no_show_rate"], 0.3333);
    assert_eq!(
        t["waiting"],
        json!({"count": 3, "mean": 11.3, "median": 10.0, "p90": 18.0})
    );
    assert_eq!(
        t["service"],
        json!({"count": 2, "mean": 6.0, "median": 6.0, "p90": 8.0})
    );
    let e = abs_errors(&s.estimates);
    assert!(
        s.estimates.iter().all(|e| *e >= 0),
        "estimates given at issue"
    );
    assert_eq!(t["estimate_error"]["median"], e[1]);
    assert_eq!(t["estimate_error"]["p90"], e[2]);
    assert_eq!(
        t["by_hour"],
        json!([{"hour": 10, "category": "A", "category_name": t["by_category"][0]["name"], "tickets": 3}])
    );
    assert_eq!(t["distribution"][1]["label"], "5–10");
    assert_eq!(t["distribution"][1]["waits"], 1);
    assert_eq!(t["distribution"][1]["services"], 1, "8 minutes");
    assert_eq!(t["distribution"][0]["services"], 1, "4 minutes");

    let c = &r["cases"];
    assert_eq!(
        (
            &c["accepted"],
            &c["completed"],
            &c["decided"],
            &c["overdue"]
        ),
        (&json!(4), &json!(3), &json!(3), &json!(2)),
        "{c}"
    );
    assert_eq!(c["on_time_rate"], 0.6667);
    assert_eq!(
        c["one_trip"],
        json!({"completed": 3, "one_trip": 2, "rate": 0.6667}),
        "C4 was picked up on another day"
    );
    assert_eq!(c["by_department"][0]["department"], "GWH");
    assert_eq!(
        (
            &c["by_department"][0]["accepted"],
            &c["by_department"][0]["completed"],
            &c["by_department"][0]["overdue"],
            &c["by_department"][0]["on_time"]
        ),
        (&json!(4), &json!(3), &json!(2), &json!(2))
    );

    let g = &r["ratings"];
    assert_eq!(g["total"], 3);
    assert_eq!(g["by_level"], json!([0, 1, 0, 1, 1]));
    assert_eq!(g["mean"], 3.67);
    assert_eq!(g["by_clerk"][0]["name"], "测试clerk1");
    assert_eq!(g["by_clerk"][0]["count"], 3);
    let window = &g["by_counter"][0];
    assert_eq!(
        (&window["key"], &window["name"]),
        (&json!("1"), &json!("1号综合窗口"))
    );
    assert_eq!(window["bad"], 1);
    assert_eq!(g["by_matter"][0]["key"], "GWH-001");
    assert_eq!(g["by_matter"][0]["name"], "政府信息公开申请");

    // Another day has nothing.
    let other = s
        .app
        .get_json(
            "/api/v1/stats?from=2026-09-26&to=2026-09-30",
            Some(&s.admin),
        )
        .await;
    assert_eq!(other["tickets"]["issued"], 0);
    assert!(other["tickets"]["waiting"]["mean"].is_null());
    assert_eq!(other["cases"]["accepted"], 0);
}

#[tokio::test]
async fn the_disclosure_report_counts_requests_by_outcome() {
    let s = seed().await;
    let r = s
        .app
        .get_json("/api/v1/disclosure-report?year=2026", Some(&s.admin))
        .await;
    assert_eq!(r["matters"], json!(["GWH-001"]));
    assert_eq!(
        (
            &r["received"],
            &r["accepted"],
            &r["answered"],
            &r["pending"]
        ),
        (&json!(5), &json!(4), &json!(4), &json!(1)),
        "{r}"
    );
    assert_eq!(
        (&r["on_time"], &r["overdue"], &r["extended"]),
        (&json!(2), &json!(2), &json!(0))
    );
    let by: Vec<(String, i64)> = r["by_outcome"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["label"].as_str().unwrap().to_string(),
                o["count"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        by,
        [
            ("予以公开".to_string(), 2),
            ("不予公开".to_string(), 1),
            ("不予受理".to_string(), 1),
            ("终止办理".to_string(), 0),
            ("办理中".to_string(), 1)
        ]
    );
    let empty = s
        .app
        .get_json("/api/v1/disclosure-report?year=2025", Some(&s.admin))
        .await;
    assert_eq!(empty["received"], 0);

    let r = get(
        &s.app,
        "/api/v1/disclosure-report/export?year=2026&format=csv",
        Some(&s.admin),
    )
    .await;
    assert_eq!(r.status(), 200);
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.contains("收到申请,5"), "{text}");
    assert!(text.contains("不予受理,1"), "{text}");
    let r = get(
        &s.app,
        "/api/v1/disclosure-report/export?year=2026",
        Some(&s.admin),
    )
    .await;
    assert_eq!(
        sheet_names(&r.bytes().await.unwrap()),
        ["年度概况", "办理结果"]
    );
}

/// The sheet names listed in the workbook's `xl/workbook.xml`.
fn sheet_names(bytes: &[u8]) -> Vec<String> {
    assert_eq!(&bytes[..2], b"PK", "a zip");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a valid zip");
    let mut xml = String::new();
    zip.by_name("xl/workbook.xml")
        .expect("a workbook")
        .read_to_string(&mut xml)
        .unwrap();
    xml.split("<sheet name=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn exports_are_a_workbook_and_a_csv_excel_reads() {
    let s = seed().await;
    let r = get(
        &s.app,
        &format!("/api/v1/stats/export?{DAY}&format=xlsx"),
        Some(&s.admin),
    )
    .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let cd = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(cd.starts_with("attachment;"), "{cd}");
    assert!(cd.contains(".xlsx"), "{cd}");
    let bytes = r.bytes().await.unwrap();
    assert_eq!(
        sheet_names(&bytes),
        [
            "概况",
            "分时段取号",
            "分类别排队",
            "时长分布",
            "部门办件",
            "窗口评价",
            "人员评价",
            "事项评价"
        ]
    );
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut strings)
        .unwrap();
    assert!(strings.contains("一次办结率（最多跑一次）"));
    assert!(
        strings.contains("测试clerk1"),
        "clerks are named to the admin"
    );

    let r = get(
        &s.app,
        &format!("/api/v1/stats/export?{DAY}&format=csv"),
        Some(&s.admin),
    )
    .await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("【概况】\r\n指标,数值\r\n"), "{text}");
    assert!(text.contains("取号数,3\r\n"), "{text}");
    assert!(
        text.contains("【部门办件】\r\n部门,名称,受理,办结,逾期,按时办结,按时办结率\r\nGWH,"),
        "{text}"
    );

    assert_error(
        get(
            &s.app,
            &format!("/api/v1/stats/export?{DAY}&format=pdf"),
            Some(&s.admin),
        )
        .await,
        422,
        "invalid_input",
    )
    .await;
}

#[tokio::test]
async fn the_public_figures_name_no_one() {
    let s = seed().await;
    let r = get(&s.app, &format!("/api/v1/public/stats?{DAY}"), None).await;
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    for personal in [
        "测试clerk1",
        "clerk1",
        "张三",
        "11010519491231002X",
        "13800138000",
    ] {
        assert!(!text.contains(personal), "{personal} in {text}");
    }
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["ratings"]["by_clerk"], json!([]));
    assert_eq!(v["ratings"]["by_counter"][0]["name"], "1号综合窗口");
    assert_eq!(v["tickets"]["issued"], 3);
    assert_eq!(v["cases"]["one_trip"]["rate"], 0.6667);
}

#[tokio::test]
async fn bad_ranges_and_other_roles_are_refused() {
    let app = TestApp::spawn().await;
    let admin = app.token_for("admin1", &["admin"]).await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    for (query, message) in [
        ("from=2026-09-26&to=2026-09-25", "起始日期不能晚于截止日期"),
        ("from=2025-01-01&to=2026-01-02", "统计区间不能超过 366 天"),
        (
            "from=2026-9-xx&to=2026-09-25",
            "起始日期须为 YYYY-MM-DD 格式的日期",
        ),
    ] {
        for path in [
            "/api/v1/stats",
            "/api/v1/public/stats",
            "/api/v1/stats/export",
        ] {
            let body = assert_error(
                get(&app, &format!("{path}?{query}"), Some(&admin)).await,
                422,
                "invalid_input",
            )
            .await;
            assert_eq!(body["message"], message);
        }
    }
    assert_error(
        get(&app, "/api/v1/disclosure-report?year=1999", Some(&admin)).await,
        422,
        "invalid_input",
    )
    .await;
    for path in [
        "/api/v1/stats",
        "/api/v1/stats/export",
        "/api/v1/disclosure-report",
        "/api/v1/disclosure-report/export",
    ] {
        assert_error(get(&app, path, Some(&clerk)).await, 403, "forbidden").await;
        assert_error(get(&app, path, None).await, 401, "unauthenticated").await;
    }
    // A 366-day range is fine, and today is the default.
    let r = app
        .get_json("/api/v1/stats?from=2025-01-01&to=2026-01-01", Some(&admin))
        .await;
    assert_eq!(r["tickets"]["issued"], 0);
    let today = app.get_json("/api/v1/public/stats", None).await;
    assert_eq!(today["from"], today["to"]);
}
