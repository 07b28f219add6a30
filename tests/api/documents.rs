//! A case's papers through the API: the text a person reads, a QR whose seal verifies, the
//! same document when regenerated.

use crate::helpers::TestApp;
use crate::printing::run;
use reqwest::Method;
use serde_json::json;

async fn pdf(app: &TestApp, token: &str, path: &str) -> (u16, Vec<u8>) {
    let r = app
        .request(Method::GET, path, Some(token))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.bytes().await.unwrap().to_vec())
}

pub(crate) fn read(pdf: &[u8]) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let p = path.to_str().unwrap();
    run("qpdf", &["--check", p]);
    let text = run("pdftotext", &[p, "-"]);
    run(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "150",
            "-f",
            "1",
            "-l",
            "1",
            p,
            &format!("{}/page", dir.path().display()),
        ],
    );
    let png = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "png"))
        .expect("a page image");
    let qr = run("zbarimg", &["--quiet", "--raw", png.to_str().unwrap()]);
    (text, qr.trim().to_string())
}

#[tokio::test]
async fn acceptance_and_completion_papers_read_right_and_their_seals_verify() {
    let app = TestApp::spawn().await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let approver = app.approver("gwh1", "GWH").await;
    let (status, case) = app
        .post_json(
            "/api/v1/cases",
            &clerk,
            json!({"matter": "GWH-001",
                   "applicant": {"kind": "person", "name": "欧阳娜娜", "id_number": "11010519491231002X", "phone": "13800138000"},
                   "materials": [{"code": "01", "state": "provided"}, {"code": "02", "state": "provided"}],
                   "delivery": {"method": "window"}}),
        )
        .await;
    assert_eq!(status, 201, "{case}");
    let no = case["case_no"].as_str().unwrap();
    let path = format!("/api/v1/cases/{no}/documents/acceptance.pdf");
    let (status, first) = pdf(&app, &clerk, &path).await;
    assert_eq!(status, 200);
    let (text, qr) = read(&first);
    for expected in [
        "受理通知书",
        no,
        "欧阳娜娜",
        "政府信息公开申请",
        "政府信息公开申请表",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    let code = case["tracking_code"].as_str().unwrap();
    assert!(
        qr.contains(&format!("/track/{code}?s=1.acceptance.{no}.")),
        "{qr}"
    );
    let (_, verdict) = app
        .post_json_public("/api/v1/verify", json!({ "qr": qr }))
        .await;
    assert_eq!(verdict["result"], "authentic", "{verdict}");
    let (_, again) = pdf(&app, &clerk, &path).await;
    assert_eq!(first, again, "regenerating gives the same document");

    let completion = format!("/api/v1/cases/{no}/documents/completion.pdf");
    let (status, _) = pdf(&app, &clerk, &completion).await;
    assert_eq!(status, 409, "no completion paper before the decision");
    let task = case["tasks"][0]["id"].as_i64().unwrap();
    app.post_json(&format!("/api/v1/tasks/{task}/claim"), &approver, json!({}))
        .await;
    app.post_json(
        &format!("/api/v1/tasks/{task}/approve"),
        &approver,
        json!({"opinion": "予以公开"}),
    )
    .await;
    let (status, done) = pdf(&app, &clerk, &completion).await;
    assert_eq!(status, 200);
    let (text, qr) = read(&done);
    assert!(text.contains("予以公开"), "{text}");
    let (_, verdict) = app
        .post_json_public("/api/v1/verify", json!({ "qr": qr }))
        .await;
    assert_eq!(verdict["kind"], "completion");
    let (status, _) = pdf(
        &app,
        &clerk,
        &format!("/api/v1/cases/{no}/documents/other.pdf"),
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_one_time_notice_lists_every_missing_item_on_paper() {
    let app = TestApp::spawn().await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let (status, body) = app
        .post_json(
            "/api/v1/cases",
            &clerk,
            json!({"matter": "GWH-001",
                   "applicant": {"kind": "person", "name": "张三", "id_number": "11010519491231002X", "phone": "13800138000"},
                   "materials": [], "delivery": {"method": "window"}}),
        )
        .await;
    assert_eq!(status, 422);
    let id = body["notice_id"].as_i64().unwrap();
    let (status, paper) = pdf(
        &app,
        &clerk,
        &format!("/api/v1/intake/notices/{id}/document.pdf"),
    )
    .await;
    assert_eq!(status, 200);
    let (text, qr) = read(&paper);
    for expected in ["一次性告知书", "政府信息公开申请表", "申请人身份证明"] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    let (_, verdict) = app
        .post_json_public("/api/v1/verify", json!({ "qr": qr }))
        .await;
    assert_eq!(verdict["result"], "authentic", "{verdict}");
}
