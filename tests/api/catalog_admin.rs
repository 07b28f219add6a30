//! 清单目录管理 (issue 9): the admin edits a draft, publishes versions; accepted cases keep
//! their version; matters in use are only retired; the workbook is previewed row by row.

use crate::helpers::{assert_error, TestApp};
use onetrip::service::catalog::{demo_catalog, workbook};
use reqwest::Method;
use serde_json::{json, Value};

/// Friday 2026-09-25, 10:00 in Shanghai.
const NOW: &str = "2026-09-25T02:00:00Z";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn person() -> Value {
    json!({"kind": "person", "name": "张三", "id_number": "11010519491231002X", "phone": "13800138000"})
}

fn provided(codes: &[&str]) -> Value {
    json!(codes
        .iter()
        .map(|c| json!({"code": c, "state": "provided"}))
        .collect::<Vec<_>>())
}

/// A person applies for 政府信息公开 (GWH-001) at the counter with these materials provided.
async fn apply_gwh(app: &TestApp, clerk: &str, materials: &[&str]) -> (u16, Value) {
    app.post_json(
        "/api/v1/cases",
        clerk,
        json!({"matter": "GWH-001", "applicant": person(),
               "materials": provided(materials), "delivery": {"method": "window"}}),
    )
    .await
}

async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut r = app.request(method, path, Some(token));
    if let Some(b) = body {
        r = r.json(&b);
    }
    let r = r.send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn put(app: &TestApp, token: &str, kind: &str, item: &Value) -> (u16, Value) {
    let code = item["code"].as_str().unwrap();
    let path = format!("/api/v1/admin/catalog/draft/{kind}/{code}");
    send(app, Method::PUT, &path, token, Some(item.clone())).await
}

async fn publish(app: &TestApp, token: &str, note: &str) -> Value {
    let (status, v) = send(
        app,
        Method::POST,
        "/api/v1/admin/catalog/publish",
        token,
        Some(json!({"note": note})),
    )
    .await;
    assert_eq!(status, 201, "{v}");
    v
}

fn item<'a>(ws: &'a Value, list: &str, code: &str) -> &'a Value {
    ws["document"][list]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == code)
        .unwrap_or_else(|| panic!("{code} in {list}"))
}

fn codes(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn publishing_a_new_version_leaves_an_accepted_cases_deadlines_and_checklist_unchanged() {
    let (app, _clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    let admin = app.token_for("boss", &["admin"]).await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let (status, before) = apply_gwh(&app, &clerk, &["01", "02"]).await;
    assert_eq!(status, 201, "{before}");
    let first_version = before["catalog_version"].as_str().unwrap().to_string();

    // Shorter limits, no extension any more, and a new required material.
    let ws = app.get_json("/api/v1/admin/catalog", Some(&admin)).await;
    let mut gwh = item(&ws, "matters", "GWH-001").clone();
    gwh["legal_limit_days"] = json!(10);
    gwh["promised_limit_days"] = json!(5);
    gwh["legal_extension_days"] = json!(0);
    gwh["materials"]
        .as_array_mut()
        .unwrap()
        .push(json!({"code": "09", "name": "授权委托书", "required": true, "originals": 1}));
    let (status, ws) = put(&app, &admin, "matters", &gwh).await;
    assert_eq!(status, 200, "{ws}");
    let change = &ws["changes"][0];
    assert_eq!(
        (change["kind"].as_str(), change["change"].as_str()),
        (Some("matter"), Some("changed"))
    );
    let fields: Vec<&str> = change["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "legal_limit_days",
            "promised_limit_days",
            "legal_extension_days",
            "materials"
        ]
    );
    assert_eq!(change["fields"][0]["label"], "法定时限");
    let v = publish(&app, &admin, "缩短政府信息公开时限").await;
    assert_ne!(v["version"], first_version.as_str());
    assert_eq!(v["changed"], 1);

    let case_no = before["case_no"].as_str().unwrap();
    let after = app
        .get_json(&format!("/api/v1/cases/{case_no}"), Some(&clerk))
        .await;
    assert_eq!(after["legal_due"], before["legal_due"]);
    assert_eq!(after["promised_due"], before["promised_due"]);
    assert_eq!(after["materials"], before["materials"]);
    assert_eq!(
        after["task_details"][0]["legal_due"],
        before["task_details"][0]["legal_due"]
    );
    assert_eq!(after["catalog_version"], first_version.as_str());

    // Its extension allowance is still the one of the version it was accepted under.
    let approver = app.approver("gwh1", "GWH").await;
    let task = before["tasks"][0]["id"].as_i64().unwrap();
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

    // A new application is read against the new version: 09 is now required.
    let (status, notice) = apply_gwh(&app, &clerk, &["01", "02"]).await;
    assert_eq!(status, 422, "{notice}");
    assert_eq!(notice["missing"][0]["code"], "09");
    let (status, newer) = apply_gwh(&app, &clerk, &["01", "02", "09"]).await;
    assert_eq!(status, 201, "{newer}");
    assert_eq!(newer["catalog_version"], v["version"]);
    assert!(newer["legal_due"].as_str() < before["legal_due"].as_str());
}

#[tokio::test]
async fn the_draft_is_checked_as_a_whole_and_the_public_sees_it_only_once_published() {
    let app = TestApp::spawn().await;
    let admin = app.token_for("boss", &["admin"]).await;
    let ws = app.get_json("/api/v1/admin/catalog", Some(&admin)).await;
    assert!(ws["draft"].is_null());
    assert!(ws["changes"].as_array().unwrap().is_empty());
    let mut new = item(&ws, "matters", "RSJ-003").clone();
    new["code"] = json!("RSJ-099");
    new["name"] = json!("灵活就业人员社保补贴申领");
    new["created_on"] = Value::Null;
    new["published_on"] = Value::Null;

    // Promised beyond the legal limit: refused in Chinese, nothing saved.
    let mut bad = new.clone();
    bad["promised_limit_days"] = json!(99);
    let (status, e) = put(&app, &admin, "matters", &bad).await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(e["code"], "invalid_input");
    assert!(e["message"].as_str().unwrap().contains("承诺时限"), "{e}");
    let ws = app.get_json("/api/v1/admin/catalog", Some(&admin)).await;
    assert!(ws["draft"].is_null(), "a refused edit starts no draft");

    // The path and the body must name the same item.
    let (status, e) = send(
        &app,
        Method::PUT,
        "/api/v1/admin/catalog/draft/matters/RSJ-098",
        &admin,
        Some(new.clone()),
    )
    .await;
    assert_eq!(status, 422, "{e}");

    let (status, ws) = put(&app, &admin, "matters", &new).await;
    assert_eq!(status, 200, "{ws}");
    assert_eq!(ws["draft"]["updated_by_name"], "测试boss");
    assert_eq!(ws["changes"][0]["change"], "added");
    assert!(
        ws["document"]["matters"][ws["document"]["matters"].as_array().unwrap().len() - 1]
            ["created_on"]
            .is_string()
    );

    // A bundle naming a matter that does not exist is refused; adding the new one works.
    let mut bundle = item(&ws, "bundles", "YJS-002").clone();
    bundle["matters"]
        .as_array_mut()
        .unwrap()
        .push(json!("RSJ-404"));
    let (status, e) = put(&app, &admin, "bundles", &bundle).await;
    assert_eq!(status, 422);
    assert!(e["message"].as_str().unwrap().contains("RSJ-404"), "{e}");
    let mut bundle = item(&ws, "bundles", "YJS-002").clone();
    bundle["matters"]
        .as_array_mut()
        .unwrap()
        .push(json!("RSJ-099"));
    let (status, ws) = put(&app, &admin, "bundles", &bundle).await;
    assert_eq!(status, 200, "{ws}");
    assert_eq!(ws["changes"].as_array().unwrap().len(), 2);

    // Nothing public yet.
    let matters = app.get_json("/api/v1/matters", None).await;
    assert!(!codes(&matters).contains(&"RSJ-099".to_string()));

    let v = publish(&app, &admin, "新增灵活就业补贴").await;
    assert_eq!(
        (v["added"].as_u64(), v["changed"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(v["published_by_name"], "测试boss");
    let matters = app.get_json("/api/v1/matters", None).await;
    let added = matters
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == "RSJ-099")
        .expect("published");
    assert!(
        added["published_on"].is_string(),
        "disclosed on publication"
    );
    let bundles = app.get_json("/api/v1/bundles", None).await;
    let yjs = bundles
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["code"] == "YJS-002")
        .unwrap();
    assert!(codes(&yjs["matters"]).contains(&"RSJ-099".to_string()));
    let checklist = app.get_json("/api/v1/checklists/YJS-002", None).await;
    assert!(checklist["materials"].as_array().unwrap().len() > 3);

    let ws = app.get_json("/api/v1/admin/catalog", Some(&admin)).await;
    assert!(ws["draft"].is_null(), "publishing ends the draft");
    assert_eq!(ws["published"]["version"], v["version"]);
    let versions = app
        .get_json("/api/v1/admin/catalog/versions", Some(&admin))
        .await;
    assert_eq!(versions.as_array().unwrap().len(), 2, "{versions}");
    assert_eq!(versions[0]["note"], "新增灵活就业补贴");
    let history = app
        .get_json("/api/v1/admin/catalog/history/bundle/YJS-002", Some(&admin))
        .await;
    assert_eq!(history[0]["change"], "changed");
    assert_eq!(history[0]["fields"][0]["field"], "matters");
    assert_eq!(history[0]["version"], v["version"]);
    assert_eq!(history[0]["published_by_name"], "测试boss");
    let history = app
        .get_json("/api/v1/admin/catalog/history/matter/RSJ-099", Some(&admin))
        .await;
    assert_eq!(history[0]["change"], "added");

    // Nothing more to publish; the audit chain has the edits and the publication.
    let (status, _) = send(
        &app,
        Method::POST,
        "/api/v1/admin/catalog/publish",
        &admin,
        Some(json!({})),
    )
    .await;
    assert_eq!(status, 422);
    let audit = app
        .get_json("/api/v1/audit?action=catalog_draft_changed", Some(&admin))
        .await;
    assert_eq!(audit["entries"].as_array().unwrap().len(), 2, "{audit}");
    let audit = app
        .get_json("/api/v1/audit?action=catalog_published", Some(&admin))
        .await;
    assert_eq!(
        audit["entries"][0]["detail"]["payload"]["version"],
        v["version"]
    );

    // Only an admin edits the catalog.
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    assert_error(
        app.request(Method::GET, "/api/v1/admin/catalog", Some(&clerk))
            .send()
            .await
            .unwrap(),
        403,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn a_matter_in_use_is_only_retired_and_an_unused_one_may_be_deleted() {
    let app = TestApp::spawn().await;
    let admin = app.token_for("boss", &["admin"]).await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let (status, case) = apply_gwh(&app, &clerk, &["01", "02"]).await;
    assert_eq!(status, 201, "{case}");
    let ws = app.get_json("/api/v1/admin/catalog", Some(&admin)).await;
    let in_use: Vec<&str> = ws["in_use"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(in_use.contains(&"matter:GWH-001"), "{in_use:?}");
    assert!(in_use.contains(&"department:GWH"), "{in_use:?}");

    let (status, e) = send(
        &app,
        Method::DELETE,
        "/api/v1/admin/catalog/draft/matters/GWH-001",
        &admin,
        None,
    )
    .await;
    assert_eq!(status, 409, "{e}");
    assert!(e["message"].as_str().unwrap().contains("停用"), "{e}");
    // A matter a bundle still contains cannot go either.
    let (status, e) = send(
        &app,
        Method::DELETE,
        "/api/v1/admin/catalog/draft/matters/RSJ-001",
        &admin,
        None,
    )
    .await;
    assert_eq!(status, 422, "{e}");
    assert!(e["message"].as_str().unwrap().contains("YJS-002"), "{e}");

    let mut gwh = item(&ws, "matters", "GWH-001").clone();
    gwh["retired_on"] = json!("2026-11-27");
    let (status, ws) = put(&app, &admin, "matters", &gwh).await;
    assert_eq!(status, 200, "{ws}");
    assert_eq!(ws["changes"][0]["change"], "retired");
    let (status, ws) = send(
        &app,
        Method::DELETE,
        "/api/v1/admin/catalog/draft/matters/JFJ-001",
        &admin,
        None,
    )
    .await;
    assert_eq!(status, 200, "{ws}");
    let v = publish(&app, &admin, "停用与删除").await;
    assert_eq!(
        (v["retired"].as_u64(), v["removed"].as_u64()),
        (Some(1), Some(1))
    );

    let matters = codes(&app.get_json("/api/v1/matters", None).await);
    assert!(!matters.contains(&"GWH-001".to_string()));
    assert!(!matters.contains(&"JFJ-001".to_string()));
    let (status, e) = apply_gwh(&app, &clerk, &["01", "02"]).await;
    assert_eq!(status, 422, "a retired matter is not accepted: {e}");
    // The accepted case goes on.
    let case_no = case["case_no"].as_str().unwrap();
    let still = app
        .get_json(&format!("/api/v1/cases/{case_no}"), Some(&clerk))
        .await;
    assert_eq!(still["matter_name"], case["matter_name"]);
    let history = app
        .get_json("/api/v1/admin/catalog/history/matter/JFJ-001", Some(&admin))
        .await;
    assert_eq!(history[0]["change"], "removed");
}

async fn upload(app: &TestApp, token: &str, bytes: Vec<u8>, dry_run: bool) -> (u16, Value) {
    let r = app
        .request(
            Method::POST,
            &format!("/api/v1/admin/catalog/import?dry_run={dry_run}"),
            Some(token),
        )
        .header("content-type", XLSX)
        .body(bytes)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap())
}

#[tokio::test]
async fn a_workbook_is_previewed_row_by_row_and_only_a_clean_one_becomes_the_draft() {
    let app = TestApp::spawn().await;
    let admin = app.token_for("boss", &["admin"]).await;

    // Export → import gives the same catalog: no change at all.
    let r = app
        .request(Method::GET, "/api/v1/admin/catalog/export", Some(&admin))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], XLSX);
    let exported = r.bytes().await.unwrap().to_vec();
    let (status, preview) = upload(&app, &admin, exported.clone(), true).await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["ok"], true, "{preview}");
    assert_eq!(preview["saved"], false);
    assert!(
        preview["changes"].as_array().unwrap().is_empty(),
        "{preview}"
    );
    assert_eq!(
        preview["matters"].as_u64().unwrap() as usize,
        demo_catalog().unwrap().doc().matters.len()
    );

    // A workbook with mistakes: every one listed by sheet and row, nothing saved.
    let mut doc = demo_catalog().unwrap().into_doc();
    doc.matters[0].promised_limit_days = doc.matters[0].legal_limit_days + 1;
    doc.bundles[0]
        .matters
        .push(onetrip_domain::MatterCode::parse("NOPE-001").unwrap());
    let (status, preview) = upload(&app, &admin, workbook::export(&doc).unwrap(), false).await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["ok"], false);
    assert_eq!(preview["saved"], false);
    let messages: Vec<&str> = preview["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("承诺时限")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("NOPE-001")),
        "{messages:?}"
    );
    let ws = app.get_json("/api/v1/admin/catalog", Some(&admin)).await;
    assert!(ws["draft"].is_null(), "nothing saved");

    // Leaving out a matter that has cases is a problem too.
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let (status, _) = apply_gwh(&app, &clerk, &["01", "02"]).await;
    assert_eq!(status, 201);
    let mut doc = demo_catalog().unwrap().into_doc();
    doc.matters.retain(|m| m.code.as_str() != "GWH-001");
    let (_, preview) = upload(&app, &admin, workbook::export(&doc).unwrap(), true).await;
    assert_eq!(preview["ok"], false);
    assert!(
        preview["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("GWH-001"),
        "{preview}"
    );

    // A clean workbook with a change becomes the draft, ready to publish.
    let mut doc = demo_catalog().unwrap().into_doc();
    doc.matters[0].name = "政府信息公开申请（依申请公开）".into();
    let (status, preview) = upload(&app, &admin, workbook::export(&doc).unwrap(), false).await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(
        (preview["ok"].as_bool(), preview["saved"].as_bool()),
        (Some(true), Some(true))
    );
    assert_eq!(preview["changes"].as_array().unwrap().len(), 1, "{preview}");
    let ws = app.get_json("/api/v1/admin/catalog", Some(&admin)).await;
    assert!(ws["draft"].is_object());
    assert_eq!(
        ws["changes"][0]["fields"][0]["after"],
        "政府信息公开申请（依申请公开）"
    );
    let draft = app
        .request(
            Method::GET,
            "/api/v1/admin/catalog/export?draft=true",
            Some(&admin),
        )
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let back = workbook::import(&draft).unwrap();
    assert_eq!(back.doc().matters[0].name, "政府信息公开申请（依申请公开）");

    // Not a workbook; the wrong content type.
    let (status, e) = upload(&app, &admin, b"not a workbook".to_vec(), true).await;
    assert_eq!(status, 422, "{e}");
    let r = app
        .request(Method::POST, "/api/v1/admin/catalog/import", Some(&admin))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_error(r, 415, "unsupported_media_type").await;

    // Discarding drops the draft.
    let (status, ws) = send(
        &app,
        Method::DELETE,
        "/api/v1/admin/catalog/draft",
        &admin,
        None,
    )
    .await;
    assert_eq!(status, 200, "{ws}");
    assert!(ws["draft"].is_null());
}
