//! Cases: intake outcomes at the counter, routing to departments' queues, approvals in
//! parallel, 补正 with the clock stopped, extensions, and the one-approver-per-task rule.

use crate::helpers::TestApp;
use chrono::{Duration, NaiveDate};
use onetrip_domain::calendar::WorkingCalendar;
use serde_json::{json, Value};

/// Friday 2026-09-25, 10:00 in Shanghai: the National Day holiday (Oct 1–7, with make-up
/// days on Sep 27 and Oct 10) falls inside every deadline counted from here.
const NOW: &str = "2026-09-25T02:00:00Z";

fn person() -> Value {
    json!({"kind": "person", "name": "张三", "id_number": "11010519491231002X", "phone": "13800138000"})
}

fn organisation() -> Value {
    json!({"kind": "organisation", "name": "高新区示范餐饮有限公司",
           "credit_code": "91350100M000100Y43", "legal_representative": "李四",
           "phone": "13900139000"})
}

fn provided(codes: &[&str]) -> Value {
    json!(codes
        .iter()
        .map(|c| json!({"code": c, "state": "provided"}))
        .collect::<Vec<_>>())
}

async fn accept(app: &TestApp, clerk: &str, body: Value) -> Value {
    let (status, case) = app.post_json("/api/v1/cases", clerk, body).await;
    assert_eq!(status, 201, "accepted: {case}");
    case
}

fn day(s: &Value) -> NaiveDate {
    s.as_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn a_complete_application_is_accepted_with_its_legal_deadline_in_working_days() {
    let (app, _clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let case = accept(
        &app,
        &clerk,
        json!({"matter": "GWH-001", "applicant": person(),
               "materials": provided(&["01", "02"]), "delivery": {"method": "window"}}),
    )
    .await;
    assert_eq!(case["status"], "in_progress");
    assert!(case["case_no"].as_str().unwrap().starts_with("20260925-"));
    assert_eq!(case["tracking_code"].as_str().unwrap().len(), 16);
    assert_eq!(case["tasks"].as_array().unwrap().len(), 1);
    assert_eq!(case["tasks"][0]["department"], "GWH");
    // 20 working days from Friday 25 September: Day 1 is Sunday 27 September (a make-up day),
    // 1–7 October are off and Saturday 10 October is worked.
    let cal = WorkingCalendar::bundled();
    let accepted = NaiveDate::from_ymd_opt(2026, 9, 25).unwrap();
    assert_eq!(day(&case["legal_due"]), cal.add_working_days(accepted, 20));
    assert_eq!(
        day(&case["promised_due"]),
        cal.add_working_days(accepted, 15)
    );
    assert_eq!(case["applicant"]["id_number"], "11010519491231002X");
    assert_eq!(case["history"][0]["action"], "accept");
}

#[tokio::test]
async fn missing_materials_give_one_notice_listing_every_item_and_no_case() {
    let app = TestApp::spawn().await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let (status, body) = app
        .post_json(
            "/api/v1/cases",
            &clerk,
            json!({"matter": "SCJGJ-001", "applicant": organisation(),
                   "materials": [{"code": "01", "state": "provided"},
                                 {"code": "02", "state": "missing"},
                                 {"code": "03", "state": "deferred"}],
                   "delivery": {"method": "window"}}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["code"], "materials_incomplete");
    let missing: Vec<(&str, &str)> = body["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["code"].as_str().unwrap(), m["reason"].as_str().unwrap()))
        .collect();
    // 02 missing, 03 ticked deferred but not deferrable, 04 not ticked at all; 05 was not
    // ticked either but may be pledged (容缺) next time: every item at once.
    assert!(missing.contains(&("02", "missing")));
    assert!(missing.contains(&("03", "not_deferrable")));
    assert!(missing.contains(&("04", "missing")));
    assert!(missing.contains(&("05", "deferrable")));
    assert_eq!(missing.len(), 4);
    let notice_id = body["notice_id"].as_i64().unwrap();
    let notice = app
        .get_json(&format!("/api/v1/intake/notices/{notice_id}"), Some(&clerk))
        .await;
    assert_eq!(notice["kind"], "materials_incomplete");
    assert_eq!(notice["items"].as_array().unwrap().len(), 4);
    assert_eq!(notice["matter_name"], "企业设立登记");
    // Nothing reached the department's queue.
    let approver = app.approver("scj1", "SCJGJ").await;
    let queue = app.get_json("/api/v1/tasks", Some(&approver)).await;
    assert_eq!(queue["tasks"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn only_deferrable_materials_missing_is_accepted_with_a_pledge() {
    let (app, _clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let mut materials = provided(&["01", "02", "03", "04"]);
    materials
        .as_array_mut()
        .unwrap()
        .push(json!({"code": "05", "state": "deferred"}));
    let case = accept(
        &app,
        &clerk,
        json!({"matter": "SCJGJ-001", "applicant": organisation(), "materials": materials,
               "delivery": {"method": "mail", "recipient": "李四", "phone": "13900139000",
                            "address": "高新区科技大道1号"}}),
    )
    .await;
    assert_eq!(case["history"][0]["action"], "accept_with_pledge");
    let cal = WorkingCalendar::bundled();
    let accepted = NaiveDate::from_ymd_opt(2026, 9, 25).unwrap();
    assert_eq!(day(&case["pledge_due"]), cal.add_working_days(accepted, 5));
    assert_eq!(case["delivery"]["method"], "mail");

    // Supplying the deferred material clears the pledge.
    let case_no = case["case_no"].as_str().unwrap();
    let (status, after) = app
        .post_json(
            &format!("/api/v1/cases/{case_no}/supplement"),
            &clerk,
            json!({"materials": ["05"]}),
        )
        .await;
    assert_eq!(status, 200, "{after}");
    assert!(after["pledge_due"].is_null());
    assert!(after["materials"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["state"] == "provided"));
}

#[tokio::test]
async fn bad_identity_numbers_are_refused_in_chinese() {
    let app = TestApp::spawn().await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let mut applicant = person();
    applicant["id_number"] = json!("110105194912310021");
    let (status, body) = app
        .post_json(
            "/api/v1/cases",
            &clerk,
            json!({"matter": "GWH-001", "applicant": applicant,
                   "materials": provided(&["01", "02"]), "delivery": {"method": "window"}}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], "invalid_input");
    assert!(body["message"].as_str().unwrap().contains("校验"), "{body}");
    let mut org = organisation();
    org["credit_code"] = json!("91350100M000100Y44");
    let (status, body) = app
        .post_json(
            "/api/v1/cases",
            &clerk,
            json!({"matter": "SCJGJ-001", "applicant": org,
                   "materials": provided(&["01", "02", "03", "04", "05"]),
                   "delivery": {"method": "window"}}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["code"], "invalid_input");
}

/// Every material of a bundle's checklist, ticked as provided.
async fn bundle_checklist(app: &TestApp, _clerk: &str, bundle: &str) -> Value {
    let list = app
        .get_json(&format!("/api/v1/checklists/{bundle}"), None)
        .await;
    assert_eq!(list["is_bundle"], true);
    json!(list["materials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| json!({"code": m["code"], "state": "provided"}))
        .collect::<Vec<_>>())
}

async fn task_of(case: &Value, department: &str) -> i64 {
    case["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["department"] == department)
        .unwrap_or_else(|| panic!("a task for {department} in {case}"))["id"]
        .as_i64()
        .unwrap()
}

async fn decide(app: &TestApp, approver: &str, task: i64, action: &str) -> Value {
    let (status, body) = app
        .post_json(&format!("/api/v1/tasks/{task}/claim"), approver, json!({}))
        .await;
    assert_eq!(status, 200, "claim of task {task}: {body}");
    let body = match action {
        "approve" => json!({"opinion": "符合条件，准予"}),
        _ => json!({"reason": "不符合条件"}),
    };
    let (status, body) = app
        .post_json(&format!("/api/v1/tasks/{task}/{action}"), approver, body)
        .await;
    assert_eq!(status, 200, "{action}: {body}");
    body
}

#[tokio::test]
async fn a_bundle_fans_out_to_three_departments_approved_in_parallel() {
    let app = TestApp::spawn().await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let materials = bundle_checklist(&app, &clerk, "YJS-002").await;
    let case = accept(
        &app,
        &clerk,
        json!({"matter": "YJS-002", "applicant": organisation(), "materials": materials,
               "delivery": {"method": "window"}}),
    )
    .await;
    assert_eq!(case["is_bundle"], true);
    assert_eq!(case["bundle_rule"], "all_or_nothing");
    let mut departments: Vec<&str> = case["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["department"].as_str().unwrap())
        .collect();
    departments.sort();
    assert_eq!(departments, ["GAFJ", "RSJ", "SCJGJ"]);
    // The same material named by two matters is asked for once.
    let names: Vec<&str> = case["materials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names.iter().filter(|n| **n == "营业执照或登记证书").count(),
        1
    );

    let approvers = [
        ("SCJGJ", app.approver("scj1", "SCJGJ").await),
        ("GAFJ", app.approver("gaf1", "GAFJ").await),
        ("RSJ", app.approver("rsj1", "RSJ").await),
    ];
    let case_no = case["case_no"].as_str().unwrap().to_string();
    let decisions = approvers.iter().map(|(dept, token)| {
        let app = &app;
        let case = &case;
        async move { decide(app, token, task_of(case, dept).await, "approve").await }
    });
    futures::future::join_all(decisions).await;
    let done = app
        .get_json(&format!("/api/v1/cases/{case_no}"), Some(&clerk))
        .await;
    assert_eq!(done["status"], "approved", "{done}");
    let actions: Vec<&str> = done["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions.iter().filter(|a| **a == "approve").count(), 3);
    assert_eq!(*actions.last().unwrap(), "case_status");
}

#[tokio::test]
async fn one_rejection_rejects_an_all_or_nothing_bundle_but_not_a_partial_one() {
    let app = TestApp::spawn().await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let scj = app.approver("scj1", "SCJGJ").await;
    let gaf = app.approver("gaf1", "GAFJ").await;
    let rsj = app.approver("rsj1", "RSJ").await;
    let gys = app.approver("gys1", "GYSYJ").await;

    let materials = bundle_checklist(&app, &clerk, "YJS-002").await;
    let strict = accept(
        &app,
        &clerk,
        json!({"matter": "YJS-002", "applicant": organisation(), "materials": materials,
               "delivery": {"method": "window"}}),
    )
    .await;
    decide(&app, &scj, task_of(&strict, "SCJGJ").await, "approve").await;
    decide(&app, &gaf, task_of(&strict, "GAFJ").await, "reject").await;
    // The rest of an all-or-nothing bundle is ended with it; nobody works on it in vain.
    let rsj_task = task_of(&strict, "RSJ").await;
    let (status, body) = app
        .post_json(&format!("/api/v1/tasks/{rsj_task}/claim"), &rsj, json!({}))
        .await;
    assert_eq!(status, 409, "{body}");
    let no = strict["case_no"].as_str().unwrap();
    let strict = app
        .get_json(&format!("/api/v1/cases/{no}"), Some(&clerk))
        .await;
    assert_eq!(strict["status"], "rejected");
    let statuses: Vec<&str> = strict["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["status"].as_str().unwrap())
        .collect();
    assert!(statuses.contains(&"terminated"), "{statuses:?}");

    let materials = bundle_checklist(&app, &clerk, "YJS-001").await;
    let partial = accept(
        &app,
        &clerk,
        json!({"matter": "YJS-001", "applicant": organisation(), "materials": materials,
               "delivery": {"method": "window"}}),
    )
    .await;
    assert_eq!(partial["bundle_rule"], "partial");
    for t in partial["tasks"].as_array().unwrap() {
        let (token, action) = match t["department"].as_str().unwrap() {
            "SCJGJ" => (&scj, "approve"),
            "GAFJ" => (&gaf, "reject"),
            "GYSYJ" => (&gys, "approve"),
            other => panic!("unexpected department {other}"),
        };
        decide(&app, token, t["id"].as_i64().unwrap(), action).await;
    }
    let no = partial["case_no"].as_str().unwrap();
    let partial = app
        .get_json(&format!("/api/v1/cases/{no}"), Some(&clerk))
        .await;
    assert_eq!(partial["status"], "partially_approved");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_ten_approvers_claiming_one_task_exactly_one_gets_it() {
    let app = TestApp::spawn().await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let case = accept(
        &app,
        &clerk,
        json!({"matter": "GWH-001", "applicant": person(),
               "materials": provided(&["01", "02"]), "delivery": {"method": "window"}}),
    )
    .await;
    let task = task_of(&case, "GWH").await;
    let mut approvers = Vec::new();
    for i in 0..10 {
        approvers.push(app.approver(&format!("gwh{i}"), "GWH").await);
    }
    let claims = approvers.iter().map(|token| {
        app.request(
            reqwest::Method::POST,
            &format!("/api/v1/tasks/{task}/claim"),
            Some(token),
        )
        .send()
    });
    let statuses: Vec<u16> = futures::future::join_all(claims)
        .await
        .into_iter()
        .map(|r| r.unwrap().status().as_u16())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 409),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn a_return_stops_the_clock_until_the_supplement_and_an_extension_adds_to_it() {
    let (app, clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let approver = app.approver("gwh1", "GWH").await;
    let case = accept(
        &app,
        &clerk,
        json!({"matter": "GWH-001", "applicant": person(),
               "materials": provided(&["01", "02"]), "delivery": {"method": "window"}}),
    )
    .await;
    let case_no = case["case_no"].as_str().unwrap().to_string();
    let task = task_of(&case, "GWH").await;
    let due_before = day(&case["legal_due"]);
    app.post_json(&format!("/api/v1/tasks/{task}/claim"), &approver, json!({}))
        .await;
    let (status, returned) = app
        .post_json(
            &format!("/api/v1/tasks/{task}/return"),
            &approver,
            json!({"items": ["申请表第三栏未填写所需信息的文号"]}),
        )
        .await;
    assert_eq!(status, 200, "{returned}");
    assert_eq!(returned["status"], "returned");
    let suspended = app
        .get_json(&format!("/api/v1/cases/{case_no}"), Some(&clerk))
        .await;
    assert_eq!(suspended["status"], "suspended");

    // The applicant comes back on Monday 12 October, after the holiday.
    clock.advance(Duration::days(17));
    let clerk = app.login_again("clerk1").await;
    let approver = app.login_again("gwh1").await;
    let (status, resumed) = app
        .post_json(
            &format!("/api/v1/cases/{case_no}/supplement"),
            &clerk,
            json!({"note": "已补填文号"}),
        )
        .await;
    assert_eq!(status, 200, "{resumed}");
    assert_eq!(resumed["status"], "in_progress");
    let detail = &resumed["task_details"][0];
    assert_eq!(detail["status"], "queued");
    let suspension = &detail["suspensions"][0];
    assert_eq!(suspension["from"], "2026-09-25");
    assert_eq!(suspension["to"], "2026-10-12");
    let due_after = day(&detail["legal_due"]);
    assert!(due_after > due_before, "{due_after} after {due_before}");

    // One extension within the matter's 20 days, with a reason; a second is refused.
    app.post_json(&format!("/api/v1/tasks/{task}/claim"), &approver, json!({}))
        .await;
    let (status, extended) = app
        .post_json(
            &format!("/api/v1/tasks/{task}/extend"),
            &approver,
            json!({"days": 20, "reason": "需征求第三方意见"}),
        )
        .await;
    assert_eq!(status, 200, "{extended}");
    let cal = WorkingCalendar::bundled();
    assert_eq!(
        day(&extended["legal_due"]),
        cal.add_working_days(due_after, 20)
    );
    let (status, again) = app
        .post_json(
            &format!("/api/v1/tasks/{task}/extend"),
            &approver,
            json!({"days": 5, "reason": "再延"}),
        )
        .await;
    assert_eq!(status, 422, "{again}");
}

#[tokio::test]
async fn approvers_see_only_their_department_and_illegal_actions_are_errors() {
    let app = TestApp::spawn().await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let case = accept(
        &app,
        &clerk,
        json!({"matter": "GWH-001", "applicant": person(),
               "materials": provided(&["01", "02"]), "delivery": {"method": "window"}}),
    )
    .await;
    let task = task_of(&case, "GWH").await;
    let other = app.approver("rsj1", "RSJ").await;
    let queue = app.get_json("/api/v1/tasks", Some(&other)).await;
    assert_eq!(queue["tasks"].as_array().unwrap().len(), 0);
    let (status, _) = app
        .post_json(&format!("/api/v1/tasks/{task}/claim"), &other, json!({}))
        .await;
    assert_eq!(status, 404);
    let case_no = case["case_no"].as_str().unwrap();
    let r = app
        .request(
            reqwest::Method::GET,
            &format!("/api/v1/cases/{case_no}"),
            Some(&other),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);

    let mine = app.approver("gwh1", "GWH").await;
    let queue = app.get_json("/api/v1/tasks", Some(&mine)).await;
    assert_eq!(queue["tasks"][0]["id"], task);
    assert_eq!(queue["tasks"][0]["light"], "green");
    // Approving an unclaimed task is not a silent no-op.
    let (status, body) = app
        .post_json(
            &format!("/api/v1/tasks/{task}/approve"),
            &mine,
            json!({"opinion": "同意"}),
        )
        .await;
    assert_eq!(status, 403, "{body}");
    decide(&app, &mine, task, "approve").await;
    let (status, body) = app
        .post_json(&format!("/api/v1/tasks/{task}/release"), &mine, json!({}))
        .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "illegal_transition");
}

#[tokio::test]
async fn a_retried_intake_makes_one_case_and_a_refusal_names_where_to_apply() {
    let app = TestApp::spawn().await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let body = json!({"matter": "GWH-001", "applicant": person(),
                      "materials": provided(&["01", "02"]), "delivery": {"method": "window"}});
    let send = || {
        app.request(reqwest::Method::POST, "/api/v1/cases", Some(&clerk))
            .header("Idempotency-Key", "intake-1")
            .json(&body)
            .send()
    };
    let (a, b) = tokio::join!(send(), send());
    let (a, b) = (a.unwrap(), b.unwrap());
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 201]);
    let a: Value = a.json().await.unwrap();
    let b: Value = b.json().await.unwrap();
    assert_eq!(a["case_no"], b["case_no"]);

    let (status, notice) = app
        .post_json(
            "/api/v1/intake/refusals",
            &clerk,
            json!({"matter": "出入境证件办理", "reason": "不属于本厅受理范围",
                   "where_to_apply": "市公安局出入境管理支队"}),
        )
        .await;
    assert_eq!(status, 201, "{notice}");
    assert_eq!(notice["kind"], "refusal");
    assert_eq!(notice["where_to_apply"], "市公安局出入境管理支队");
}

#[tokio::test]
async fn the_watcher_warns_once_per_light_and_ends_an_expired_pledge() {
    let (app, clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    // GAFJ-001 has a one-working-day limit: yellow at once, red after it.
    let seal = accept(
        &app,
        &clerk,
        json!({"matter": "GAFJ-001", "applicant": organisation(),
               "materials": provided(&["01", "02"]), "delivery": {"method": "window"}}),
    )
    .await;
    let mut materials = provided(&["01", "02", "03", "04"]);
    materials
        .as_array_mut()
        .unwrap()
        .push(json!({"code": "05", "state": "deferred"}));
    let pledged = accept(
        &app,
        &clerk,
        json!({"matter": "SCJGJ-001", "applicant": organisation(), "materials": materials,
               "delivery": {"method": "window"}}),
    )
    .await;
    let ctx = app.server().context();
    let (warned, ended) = onetrip::service::cases::watcher::scan(ctx).await.unwrap();
    assert_eq!(
        (warned, ended),
        (2, 0),
        "both short deadlines are yellow at once"
    );
    assert_eq!(
        onetrip::service::cases::watcher::scan(ctx).await.unwrap(),
        (0, 0)
    );

    clock.advance(Duration::days(30));
    let clerk = app.login_again("clerk1").await;
    let (warned, ended) = onetrip::service::cases::watcher::scan(ctx).await.unwrap();
    assert_eq!(ended, 1);
    assert!(warned >= 1, "the seal task turned red");
    let no = pledged["case_no"].as_str().unwrap();
    let pledged = app
        .get_json(&format!("/api/v1/cases/{no}"), Some(&clerk))
        .await;
    assert_eq!(pledged["status"], "terminated");
    let admin = app.token_for("boss", &["admin"]).await;
    let report = app.get_json("/api/v1/reports/overdue", Some(&admin)).await;
    let gafj = report
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["department"] == "GAFJ")
        .unwrap();
    assert_eq!(gafj["red"], 1, "{report}");
    let _ = seal;
}

#[tokio::test]
async fn a_ticket_carries_the_kiosk_draft_to_the_clerk() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let other_kiosk = app.device_token("kiosk-2", "kiosk").await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let ticket: Value = app.issue(&kiosk, "E").await.json().await.unwrap();
    let id = ticket["id"].as_i64().unwrap();
    let draft = json!({"matter": "GWH-001", "applicant": person()});
    let put = |token: &str| {
        app.request(
            reqwest::Method::PUT,
            &format!("/api/v1/tickets/{id}/draft"),
            Some(token),
        )
        .json(&draft)
        .send()
    };
    let r = put(&other_kiosk).await.unwrap();
    assert_eq!(
        r.status(),
        404,
        "another kiosk cannot write this ticket's draft"
    );
    let r = put(&kiosk).await.unwrap();
    assert_eq!(r.status(), 200);
    let saved: Value = r.json().await.unwrap();
    assert_eq!(saved["applicant"]["name"], "张*");
    assert_ne!(saved["applicant"]["id_number"], "11010519491231002X");

    let full = app
        .get_json(&format!("/api/v1/tickets/{id}/draft"), Some(&clerk))
        .await;
    assert_eq!(full["matter_name"], "政府信息公开申请");
    assert_eq!(full["applicant"]["id_number"], "11010519491231002X");
    let r = app
        .request(
            reqwest::Method::GET,
            &format!("/api/v1/tickets/{id}/draft"),
            Some(&kiosk),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "a kiosk never reads a draft back in full");
}

#[tokio::test]
async fn public_tracking_shows_the_timeline_and_never_personal_data() {
    let app = TestApp::spawn().await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let approver = app.approver("gwh1", "GWH").await;
    let case = accept(
        &app,
        &clerk,
        json!({"matter": "GWH-001", "applicant": person(),
               "materials": provided(&["01", "02"]), "delivery": {"method": "window"}}),
    )
    .await;
    decide(&app, &approver, task_of(&case, "GWH").await, "approve").await;
    let code = case["tracking_code"].as_str().unwrap();
    let track = app.get_json(&format!("/api/v1/track/{code}"), None).await;
    assert_eq!(track["status"], "approved");
    assert_eq!(track["applicant"], "张*");
    let steps: Vec<&str> = track["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["accepted", "claimed", "approved", "decided"]);
    let text = track.to_string();
    for secret in ["11010519491231002X", "13800138000", "张三"] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
    let r = app
        .request(reqwest::Method::GET, "/api/v1/track/NOSUCHCODE234567", None)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn the_output_window_hands_over_or_mails_and_that_closes_the_case() {
    let app = TestApp::spawn().await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let approver = app.approver("gwh1", "GWH").await;
    let output = app.token_for("out1", &["output"]).await;
    let mut cases = Vec::new();
    for delivery in [
        json!({"method": "window"}),
        json!({"method": "mail", "recipient": "张三", "phone": "13800138000", "address": "高新区科技大道1号"}),
    ] {
        let case = accept(
            &app,
            &clerk,
            json!({"matter": "GWH-001", "applicant": person(),
                   "materials": provided(&["01", "02"]), "delivery": delivery}),
        )
        .await;
        cases.push(case["case_no"].as_str().unwrap().to_string());
        let (status, _) = app
            .post_json(
                &format!("/api/v1/cases/{}/handover", cases.last().unwrap()),
                &output,
                json!({"method": "mail", "carrier": "EMS", "waybill_no": "E1"}),
            )
            .await;
        assert_eq!(status, 409, "nothing goes out before the decision");
        decide(&app, &approver, task_of(&case, "GWH").await, "approve").await;
    }
    let queue = app.get_json("/api/v1/output", Some(&output)).await;
    assert_eq!(queue.as_array().unwrap().len(), 2);
    let r = app
        .request(
            reqwest::Method::GET,
            &format!("/api/v1/cases/{}/documents/completion.pdf", cases[0]),
            Some(&output),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        200,
        "the output window prints the completion document"
    );
    assert_eq!(queue[0]["output_state"], "ready");
    assert_eq!(queue[0]["applicant_id_masked"], "110105********002X");

    let (status, picked) = app
        .post_json(
            &format!("/api/v1/cases/{}/handover", cases[0]),
            &output,
            json!({"method": "pickup", "recipient_name": "张三",
                   "recipient_id_number": "11010519491231002X"}),
        )
        .await;
    assert_eq!(status, 200, "{picked}");
    assert_eq!(picked["output_state"], "picked_up");
    let (status, body) = app
        .post_json(
            &format!("/api/v1/cases/{}/handover", cases[0]),
            &output,
            json!({"method": "pickup", "recipient_name": "张三",
                   "recipient_id_number": "11010519491231002X"}),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("illegal_transition"))
    );

    let (status, mailed) = app
        .post_json(
            &format!("/api/v1/cases/{}/handover", cases[1]),
            &output,
            json!({"method": "mail", "carrier": "中国邮政EMS", "waybill_no": "EA123456789CN"}),
        )
        .await;
    assert_eq!(status, 200, "{mailed}");
    let queue = app.get_json("/api/v1/output", Some(&output)).await;
    assert_eq!(
        queue.as_array().unwrap().len(),
        1,
        "the mailed case waits for delivery"
    );
    let (status, done) = app
        .post_json(
            &format!("/api/v1/cases/{}/delivered", cases[1]),
            &output,
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["output_state"], "delivered");
    assert_eq!(
        app.get_json("/api/v1/output", Some(&output)).await,
        json!([])
    );
    let case = app
        .get_json(&format!("/api/v1/cases/{}", cases[1]), Some(&clerk))
        .await;
    let actions: Vec<&str> = case["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert!(actions.ends_with(&["mailed", "delivered"]), "{actions:?}");
    let (status, _) = app
        .post_json("/api/v1/cases/x/delivered", &clerk, json!({}))
        .await;
    assert_eq!(status, 403, "only the output window hands results over");
}
