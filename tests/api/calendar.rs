//! An admin loads next year's holiday arrangement; it survives a restart and counts at once.

use crate::helpers::TestApp;
use reqwest::Method;
use serde_json::{json, Value};

fn year_2027() -> Value {
    json!({"year": 2027, "papers": ["国务院办公厅关于2027年部分节假日安排的通知（测试）"],
           "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true},
                    {"name": "元旦", "date": "2027-01-02", "isOffDay": false}]})
}

async fn put(app: &TestApp, token: &str, body: Value) -> (u16, Value) {
    let r = app
        .request(Method::PUT, "/api/v1/admin/calendar", Some(token))
        .json(&body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

#[tokio::test]
async fn an_admin_loads_next_years_arrangement_and_it_stays() {
    let mut app = TestApp::spawn().await;
    let admin = app.token_for("boss", &["admin"]).await;
    let clerk = app.token_for("clerk1", &["clerk"]).await;

    let (status, body) = put(&app, &clerk, year_2027()).await;
    assert_eq!((status, body["code"].as_str()), (403, Some("forbidden")));
    let unpublished = json!({"year": 2027, "papers": [], "days": []});
    let (status, body) = put(&app, &admin, unpublished).await;
    assert_eq!(status, 422, "{body}");
    assert!(body["message"].as_str().unwrap().contains("2027"), "{body}");

    let (status, body) = put(&app, &admin, year_2027()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["holidays"], 1);
    assert_eq!(body["make_up_days"], 1);
    let ctx = app.server().context();
    let saturday = chrono::NaiveDate::from_ymd_opt(2027, 1, 2).unwrap();
    assert!(ctx.calendar().is_working_day(saturday));

    app.restart().await;
    let years = app.get_json("/api/v1/calendar", None).await;
    let sources: Vec<(i64, &str)> = years
        .as_array()
        .unwrap()
        .iter()
        .map(|y| (y["year"].as_i64().unwrap(), y["source"].as_str().unwrap()))
        .collect();
    assert_eq!(
        sources,
        [(2025, "bundled"), (2026, "bundled"), (2027, "loaded")]
    );
    assert!(app.server().context().calendar().is_working_day(saturday));

    // Its days, for the admin's month grid, and the load in the audit chain.
    let detail = app.get_json("/api/v1/calendar/2027", None).await;
    assert_eq!(detail["source"], "loaded");
    let days = detail["days"].as_array().unwrap();
    assert_eq!(days.len(), 2, "{detail}");
    assert!(days
        .iter()
        .any(|d| d["date"] == "2027-01-02" && d["is_off_day"] == false));
    let national_day = app.get_json("/api/v1/calendar/2026", None).await;
    assert!(national_day["days"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["date"] == "2026-10-01" && d["name"] == "国庆节" && d["is_off_day"] == true));
    let r = app
        .request(reqwest::Method::GET, "/api/v1/calendar/1999", None)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let admin = app.login_again("boss").await;
    let audit = app
        .get_json("/api/v1/audit?action=calendar_loaded", Some(&admin))
        .await;
    let loaded = &audit["entries"][0]["detail"]["payload"];
    assert_eq!(loaded["before"], serde_json::Value::Null, "{audit}");
    assert_eq!(loaded["after"]["holidays"], 1);
}
