//! The ticket slip PDF and the spoken call, checked with the tools a person would use.

use crate::helpers::{assert_error, TestApp};
use reqwest::Method;
use serde_json::Value;
use std::process::Command;

pub(crate) fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} is needed (scripts/install-deps.sh installs it): {e}"));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
async fn the_slip_shows_the_ticket_and_its_qr_opens_the_live_position() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    app.issue(&kiosk, "B").await;
    let t: Value = app.issue(&kiosk, "B").await.json().await.unwrap();
    let r = app
        .request(
            Method::GET,
            &format!("/api/v1/tickets/{}/slip.pdf", t["id"]),
            Some(&kiosk),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let pdf = r.bytes().await.unwrap();
    assert!(pdf.len() < 60_000, "slip is {} bytes", pdf.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("slip.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let p = path.to_str().unwrap();

    let text = run("pdftotext", &[p, "-"]);
    for expected in [
        "B002",
        "社保医保",
        "前面还有 1 人",
        "过号请重新取号",
        "只跑一次综合服务大厅",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from slip text:\n{text}"
        );
    }
    let fonts = run("pdffonts", &[p]);
    let font_line = fonts
        .lines()
        .find(|l| l.contains("WenQuanYi"))
        .expect("CJK font listed");
    assert!(
        font_line.contains("yes yes"),
        "font not embedded and subset: {font_line}"
    );
    assert!(
        font_line.split('+').next().unwrap().len() == 6,
        "subset prefix: {font_line}"
    );

    let png = dir.path().join("slip");
    run(
        "pdftoppm",
        &["-r", "300", "-png", "-singlefile", p, png.to_str().unwrap()],
    );
    let decoded = run(
        "zbarimg",
        &["--quiet", "--raw", &format!("{}.png", png.display())],
    );
    let url = decoded.trim();
    let code = t["track_code"].as_str().unwrap();
    let host = app.url.trim_start_matches("http://");
    assert_eq!(url, format!("http://{host}/track/ticket/{code}"));

    let live: Value = app
        .get_json(&format!("/api/v1/track/ticket/{code}"), None)
        .await;
    assert_eq!(live["number"], "B002");
    assert_eq!(live["waiting_ahead"], 1);
}

#[tokio::test]
async fn slips_are_for_kiosks_and_staff_only() {
    let app = TestApp::spawn().await;
    let kiosk = app.device_token("kiosk-1", "kiosk").await;
    let display = app.device_token("display-1", "display").await;
    let t: Value = app.issue(&kiosk, "A").await.json().await.unwrap();
    let path = format!("/api/v1/tickets/{}/slip.pdf", t["id"]);
    let r = app
        .request(Method::GET, &path, Some(&display))
        .send()
        .await
        .unwrap();
    assert_error(r, 403, "forbidden").await;
    let r = app.request(Method::GET, &path, None).send().await.unwrap();
    assert_error(r, 401, "unauthenticated").await;
    let r = app
        .request(Method::GET, "/api/v1/tickets/999/slip.pdf", Some(&kiosk))
        .send()
        .await
        .unwrap();
    assert_error(r, 404, "not_found").await;
}

#[tokio::test]
async fn the_call_is_spoken_in_mandarin() {
    let app = TestApp::spawn().await;
    let display = app.device_token("display-1", "display").await;
    let r = app
        .request(
            Method::GET,
            &format!("/api/v1/voice/call.wav?number=A001&counter=3&access_token={display}"),
            None,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        200,
        "espeak-ng is installed by scripts/install-deps.sh"
    );
    assert_eq!(r.headers()["content-type"], "audio/wav");
    let wav = r.bytes().await.unwrap();
    assert_eq!(&wav[..4], b"RIFF");
    assert_eq!(&wav[8..12], b"WAVE");
    // About two seconds of speech at 22 kHz, 16 bit: clearly more than a header.
    assert!(wav.len() > 40_000, "{} bytes", wav.len());
    let bad = app
        .request(
            Method::GET,
            &format!("/api/v1/voice/call.wav?number=A1&counter=3&access_token={display}"),
            None,
        )
        .send()
        .await
        .unwrap();
    assert_error(bad, 422, "invalid_input").await;
}
