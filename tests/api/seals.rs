//! The seal on documents: published keys, verification, a changed byte caught, rotation.

use crate::helpers::TestApp;
use chrono::NaiveDate;
use onetrip_domain::seal::{digest, SealClaims};
use serde_json::{json, Value};

fn claims() -> SealClaims {
    SealClaims {
        kind: "acceptance".into(),
        subject: "20261127-00001".into(),
        issued_on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        digest: digest(&["20261127-00001", "高新区示范餐饮有限公司"]),
    }
}

async fn verify(app: &TestApp, qr: &str) -> Value {
    let answer = app
        .post_json_public("/api/v1/verify", json!({ "qr": qr }))
        .await;
    assert_eq!(answer.0, 200, "{}", answer.1);
    answer.1
}

#[tokio::test]
async fn a_sealed_qr_verifies_and_a_changed_byte_does_not() {
    let mut app = TestApp::spawn().await;
    let keys = app.get_json("/api/v1/keys", None).await;
    assert_eq!(keys.as_array().unwrap().len(), 1);
    assert_eq!(keys[0]["algorithm"], "Ed25519");
    assert_eq!(keys[0]["current"], true);
    let first_id = keys[0]["id"].as_str().unwrap().to_string();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let file = app.data_dir().join("keys").join(format!("{first_id}.key"));
        let mode = std::fs::metadata(file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the private key is the owner's only");
    }

    let seal = app.server().context().seals.sign(&claims());
    let url = format!("http://hall.example/track/ABCD?s={seal}");
    let ok = verify(&app, &url).await;
    assert_eq!(ok["result"], "authentic", "{ok}");
    assert_eq!(ok["subject"], "20261127-00001");
    let altered = url.replace("20261127-00001", "20261127-00002");
    assert_eq!(verify(&app, &altered).await["result"], "altered");
    assert_eq!(verify(&app, "not a seal").await["result"], "malformed");

    // A restart keeps the key; after a rotation old papers still verify, and a revoked key's
    // papers are flagged.
    app.restart().await;
    assert_eq!(verify(&app, &url).await["result"], "authentic");
    let keys_dir = app.data_dir().join("keys");
    onetrip::service::seals::Keyring::rotate(&keys_dir).unwrap();
    app.restart().await;
    let keys = app.get_json("/api/v1/keys", None).await;
    assert_eq!(keys.as_array().unwrap().len(), 2);
    assert_eq!(verify(&app, &url).await["result"], "authentic");
    onetrip::service::seals::Keyring::revoke(&keys_dir, &first_id).unwrap();
    app.restart().await;
    assert_eq!(verify(&app, &url).await["result"], "revoked");
    let other_hall = onetrip::service::seals::Keyring::ephemeral().sign(&claims());
    assert_eq!(verify(&app, &other_hall).await["result"], "unknown_key");
}
