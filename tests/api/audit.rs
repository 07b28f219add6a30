//! The audit chain (审计链): real actions enter a linked log; admins filter it; the verifier
//! (the library function and the `onetrip audit verify` binary) names exactly the entries
//! edited, deleted or forged directly in the database.

use crate::helpers::TestApp;
use onetrip::service::audit::verify_chain;
use onetrip_domain::audit::{Finding, FindingKind, GENESIS};
use serde_json::{json, Value};
use sqlx::Connection;

const NOW: &str = "2026-09-25T02:00:00Z";

async fn audit(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    let r = app
        .request(
            reqwest::Method::GET,
            &format!("/api/v1/audit{query}"),
            Some(token),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "GET /api/v1/audit{query}");
    let page: Value = r.json().await.unwrap();
    page["entries"].as_array().unwrap().clone()
}

/// Runs SQL straight on the hall's database, behind the server's back.
async fn tamper(url: &str, statements: &[String]) {
    if url.starts_with("sqlite:") {
        let mut c = sqlx::SqliteConnection::connect(url).await.unwrap();
        for s in statements {
            sqlx::query(s).execute(&mut c).await.unwrap();
        }
    } else {
        let mut c = sqlx::PgConnection::connect(url).await.unwrap();
        for s in statements {
            sqlx::query(s).execute(&mut c).await.unwrap();
        }
    }
}

fn cli_verify(app: &TestApp) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_onetrip"))
        .args(["audit", "verify", "--data-dir"])
        .arg(app.data_dir())
        .args(["--database-url", app.database_url()])
        .output()
        .expect("onetrip runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[tokio::test]
async fn actions_form_a_verified_chain_that_admins_filter_and_tampering_is_located() {
    let (app, _clock) = TestApp::spawn_at(NOW.parse().unwrap()).await;
    let admin = app.token_for("admin1", &["admin"]).await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;

    // A ticket issued, called and finished; a case accepted.
    assert_eq!(app.issue(&kiosk, "A").await.status(), 201);
    let called: Value = app.call_next(&clerk, "1").await.json().await.unwrap();
    let id = called["ticket"]["id"].as_i64().unwrap();
    assert_eq!(
        app.ticket_op(&clerk, id, "finish", None).await.status(),
        200
    );
    let (status, case) = app
        .post_json(
            "/api/v1/cases",
            &clerk,
            json!({"matter": "GWH-001",
                   "applicant": {"kind": "person", "name": "张三",
                                 "id_number": "11010519491231002X", "phone": "13800138000"},
                   "materials": [{"code": "01", "state": "provided"},
                                 {"code": "02", "state": "provided"}],
                   "delivery": {"method": "window"}}),
        )
        .await;
    assert_eq!(status, 201, "{case}");
    let case_no = case["case_no"].as_str().unwrap().to_string();
    // A refused attempt is a staff action too.
    assert_eq!(app.call_next(&kiosk, "1").await.status(), 403);

    // Newest first, every entry linked to the one before.
    let all = audit(&app, &admin, "?limit=500").await;
    assert!(all.len() >= 8, "{all:#?}");
    for pair in all.windows(2) {
        assert_eq!(
            pair[0]["seq"].as_i64().unwrap(),
            pair[1]["seq"].as_i64().unwrap() + 1
        );
        assert_eq!(pair[0]["prev_hash"], pair[1]["hash"]);
    }
    assert_eq!(all.last().unwrap()["seq"], 1);
    assert_eq!(all.last().unwrap()["prev_hash"], GENESIS);
    let has = |actor: &str, action: &str| {
        all.iter()
            .any(|e| e["actor"] == actor && e["action"].as_str().unwrap().starts_with(action))
    };
    assert!(has("system", "ticket_issued"));
    assert!(has("system", "ticket_called"));
    assert!(has("device:kiosk-1", "POST /api/v1/tickets"));
    assert!(has("user:clerk1", "POST /api/v1/counters/"));
    assert!(has("user:clerk1", "POST /api/v1/cases"));
    let refused = all
        .iter()
        .find(|e| e["actor"] == "device:kiosk-1" && e["detail"]["status"] == 403)
        .expect("the refused call is recorded");
    assert_eq!(
        refused["subject"],
        "POST /api/v1/counters/1/call-next".replace("POST ", "")
    );
    // Nothing personal, nothing secret.
    let text = serde_json::to_string(&all).unwrap();
    for secret in [
        "11010519491231002X",
        "13800138000",
        "clerk1-password",
        &kiosk,
        &clerk,
    ] {
        assert!(!text.contains(secret), "audit log shows {secret}");
    }

    // Filters.
    let by_clerk = audit(&app, &admin, "?actor=user:clerk1").await;
    assert!(!by_clerk.is_empty());
    assert!(by_clerk.iter().all(|e| e["actor"] == "user:clerk1"));
    let issued = audit(&app, &admin, "?action=ticket_issued").await;
    assert_eq!(issued.len(), 1);
    let about_case = audit(&app, &admin, &format!("?subject={case_no}")).await;
    assert!(!about_case.is_empty());
    assert!(about_case
        .iter()
        .all(|e| e["subject"].as_str().unwrap().contains(&case_no)));
    assert_eq!(audit(&app, &admin, "?limit=2").await.len(), 2);
    let older = audit(&app, &admin, &format!("?before={}", all[0]["seq"])).await;
    assert_eq!(older.len(), all.len() - 1);
    assert!(audit(&app, &admin, "?from=2026-09-26").await.is_empty());
    assert_eq!(
        audit(&app, &admin, "?from=2026-09-25&to=2026-09-25")
            .await
            .len(),
        all.len().min(100)
    );
    assert!(audit(&app, &admin, "?to=2026-09-24").await.is_empty());

    // Admins only.
    let r = app
        .request(reqwest::Method::GET, "/api/v1/audit", Some(&clerk))
        .send()
        .await
        .unwrap();
    crate::helpers::assert_error(r, 403, "forbidden").await;
    let r = app
        .request(reqwest::Method::GET, "/api/v1/audit", None)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = app
        .request(reqwest::Method::GET, "/api/v1/audit?limit=0", Some(&admin))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);

    // Intact.
    let store = app.server().context().store.clone();
    let report = verify_chain(store.as_ref()).await.unwrap();
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    let n = report.entries as i64;
    assert_eq!(n, all[0]["seq"].as_i64().unwrap());
    let (code, out) = cli_verify(&app);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(&format!("审计链完整：{n} 条")), "{out}");

    // One entry edited, one deleted, one forged: each named, nothing else.
    let forged = n + 10;
    tamper(
        app.database_url(),
        &[
            r#"UPDATE audit_log SET detail = '{"status":200}' WHERE seq = 3"#.to_string(),
            "DELETE FROM audit_log WHERE seq = 5".to_string(),
            format!(
                "INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash)
                 VALUES ({forged}, '2026-09-25T02:00:00.000000Z', 'user:admin1', 'forged', 'x',
                         '{{}}', '{}', '{}')",
                all[0]["hash"].as_str().unwrap(),
                "f".repeat(64)
            ),
        ],
    )
    .await;
    let report = verify_chain(store.as_ref()).await.unwrap();
    assert_eq!(
        report.findings,
        vec![
            Finding {
                seq: 3,
                kind: FindingKind::Edited
            },
            Finding {
                seq: 5,
                kind: FindingKind::Deleted
            },
            Finding {
                seq: forged,
                kind: FindingKind::Inserted
            },
        ]
    );
    let (code, out) = cli_verify(&app);
    assert_eq!(code, 1, "{out}");
    for line in ["3\tedited", "5\tdeleted", &format!("{forged}\tinserted")] {
        assert!(out.lines().any(|l| l.starts_with(line)), "{line} in {out}");
    }
    assert_eq!(out.lines().count(), 4, "{out}");
}
