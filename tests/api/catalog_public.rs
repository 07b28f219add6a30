//! The public catalog (政务公开), the 20-day disclosure report and the printed guide slip.

use crate::helpers::{assert_error, TestApp};
use crate::printing::run;
use chrono::{TimeZone, Utc};
use reqwest::Method;
use serde_json::Value;

fn codes(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x["code"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn the_public_catalog_lists_published_items_with_dates_and_hides_drafts() {
    let app = TestApp::spawn().await;
    let c = app.get_json("/api/v1/public/catalog", None).await;
    assert_eq!(c["version"], "2026.1");
    assert_eq!(c["published_on"], "2026-09-01");
    let matters = codes(&c["matters"]);
    assert!(matters.contains(&"GWH-001") && matters.contains(&"JFJ-002"));
    assert!(!matters.contains(&"SHSYJ-005"), "the draft is hidden");
    let gwh = &c["matters"][0];
    assert_eq!(gwh["code"], "GWH-001");
    assert_eq!(gwh["created_on"], "2026-08-03");
    assert_eq!(gwh["published_on"], "2026-08-05");
    assert_eq!(gwh["department_name"], "管委会办公室");
    assert!(gwh["materials"][0]["originals"].is_number());

    let yjs = c["bundles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["code"] == "YJS-001")
        .expect("开办餐饮店一件事");
    assert_eq!(yjs["name"], "开办餐饮店一件事");
    assert!(yjs["published_on"].is_string());
    assert!(yjs["materials"].as_array().unwrap().len() >= 5);
    let a = c["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "A")
        .unwrap();
    assert!(!a["counters"].as_array().unwrap().is_empty());

    // Drafts are as invisible in the other public lists and refused at the kiosk and intake.
    let all = app.get_json("/api/v1/matters", None).await;
    assert!(!codes(&all).contains(&"SHSYJ-005"));
    let r = app
        .request(Method::GET, "/api/v1/checklists/SHSYJ-005", None)
        .send()
        .await
        .unwrap();
    assert_error(r, 422, "invalid_input").await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let (status, _) = app
        .post_json(
            "/api/v1/tickets",
            &kiosk,
            serde_json::json!({"matter": "SHSYJ-005"}),
        )
        .await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn the_disclosure_report_flags_the_overdue_and_the_late_for_admins_only() {
    let at = Utc.with_ymd_and_hms(2026, 11, 27, 2, 0, 0).unwrap();
    let (app, _clock) = TestApp::spawn_at(at).await;
    let admin = app.token_for("admin-1", &["admin"]).await;
    let r = app
        .get_json("/api/v1/catalog/disclosure", Some(&admin))
        .await;
    assert_eq!(r["allowed_days"], 20);
    assert_eq!(r["today"], "2026-11-27");
    assert_eq!(r["flagged"], 2);
    let first = &r["items"][0];
    assert_eq!(first["code"], "SHSYJ-005");
    assert_eq!(first["status"], "overdue");
    assert_eq!(first["days_over"], 12);
    assert_eq!(first["published_on"], Value::Null);
    assert_eq!(first["deadline"], "2026-11-15");
    assert_eq!(r["items"][1]["code"], "JFJ-002");
    assert_eq!(r["items"][1]["status"], "late");
    assert_eq!(r["items"][1]["days_over"], 5);
    assert_eq!(r["items"][2]["status"], "on_time");
    assert_eq!(r["items"][2]["flagged"], false);

    let clerk = app.token_for("clerk-1", &["clerk"]).await;
    let r = app
        .request(Method::GET, "/api/v1/catalog/disclosure", Some(&clerk))
        .send()
        .await
        .unwrap();
    assert_error(r, 403, "forbidden").await;
    let r = app
        .request(Method::GET, "/api/v1/catalog/disclosure", None)
        .send()
        .await
        .unwrap();
    assert_error(r, 401, "unauthenticated").await;
}

#[tokio::test]
async fn the_guide_slip_lists_the_materials_and_its_qr_opens_the_guide() {
    let app = TestApp::spawn().await;
    let r = app
        .request(Method::GET, "/api/v1/guides/YJS-001/slip.pdf", None)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let pdf = r.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(
        (5_000..150_000).contains(&pdf.len()),
        "slip is {} bytes",
        pdf.len()
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("guide.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let p = path.to_str().unwrap();

    let text = run("pdftotext", &[p, "-"]);
    for expected in [
        "办事指南",
        "开办餐饮店一件事",
        "市场监管局",
        "申请材料",
        "食品经营许可申请书",
        "原件1份",
        "不收费",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }

    let png = dir.path().join("guide");
    run(
        "pdftoppm",
        &["-r", "300", "-png", "-singlefile", p, png.to_str().unwrap()],
    );
    let decoded = run(
        "zbarimg",
        &["--quiet", "--raw", &format!("{}.png", png.display())],
    );
    let host = app.url.trim_start_matches("http://");
    assert_eq!(
        decoded.trim(),
        format!("http://{host}/public/catalog#YJS-001")
    );
}

#[tokio::test]
async fn no_guide_slip_for_unknown_codes_or_drafts() {
    let app = TestApp::spawn().await;
    for code in ["XYZ-999", "SHSYJ-005", "not a code"] {
        let r = app
            .request(
                Method::GET,
                &format!("/api/v1/guides/{code}/slip.pdf"),
                None,
            )
            .send()
            .await
            .unwrap();
        let body = assert_error(r, 404, "not_found").await;
        assert!(
            body["message"].as_str().unwrap().contains("没有编号为"),
            "{body}"
        );
    }
}
