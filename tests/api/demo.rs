//! `onetrip demo-day`: a played day leaves consistent, real activity behind, on either backend.

use crate::helpers::TestApp;
use chrono::NaiveDate;
use onetrip::service::demo::{self, DemoDay};

// Wednesday 2 December 2026, 07:00 in Shanghai: the server starts before the hall opens.
const BEFORE_OPENING: &str = "2026-12-01T23:00:00Z";

#[tokio::test]
async fn a_played_day_serves_everyone_through_the_use_cases_and_keeps_the_audit_chain_whole() {
    let (app, clock) = TestApp::spawn_at(BEFORE_OPENING.parse().unwrap()).await;
    let ctx = app.server().context();
    let day = DemoDay {
        date: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
        visitors: 90,
        seed: 11,
    };
    let summary = demo::play(ctx, &clock, &day).await.unwrap();
    assert!(summary.refusals.is_empty(), "{:?}", summary.refusals);
    assert_eq!(summary.tickets, 90);
    assert_eq!(summary.served + summary.no_shows, 90, "nobody left waiting");
    assert!(summary.cases_accepted > 20, "{summary:?}");
    assert!(
        summary.handed_over > 0 && summary.ratings > 20,
        "{summary:?}"
    );

    let admin = app.token_for("boss", &["admin"]).await;
    let ratings = app
        .get_json(
            "/api/v1/ratings?from=2026-12-02&to=2026-12-02",
            Some(&admin),
        )
        .await;
    assert_eq!(
        ratings["total"].as_u64(),
        Some(summary.ratings as u64),
        "{ratings}"
    );
    assert_eq!(summary.messages, 7, "{summary:?}");
    let published = app.get_json("/api/v1/messages/published", None).await;
    assert_eq!(
        published.as_array().map(Vec::len),
        Some(summary.messages_published),
        "{published}"
    );
    let chain = onetrip::service::audit::verify_chain(ctx.store.as_ref())
        .await
        .unwrap();
    assert!(
        chain.findings.is_empty() && chain.entries > 500,
        "{chain:?}"
    );

    let again = demo::play(ctx, &clock, &day).await.unwrap_err();
    assert!(again.to_string().contains("已有叫号记录"), "{again}");
    let sunday = DemoDay {
        date: NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
        ..day
    };
    let refused = demo::play(ctx, &clock, &sunday).await.unwrap_err();
    assert!(refused.to_string().contains("不是工作日"), "{refused}");
}

#[tokio::test]
async fn a_fresh_demo_hall_gets_its_admin_then_plays_the_last_working_day() {
    use onetrip::server::{self, ServerConfig};
    use onetrip_domain::clock::FixedClock;
    use std::sync::Arc;

    let dir = tempfile::tempdir().unwrap();
    let mut config = ServerConfig::standalone(dir.path().to_path_buf());
    config.database_url = crate::backend::fresh_database_url(dir.path()).await;
    config.demo_day_on_seed = true;
    // Wednesday 2 December 2026, 10:00 in Shanghai: the last working day is Tuesday.
    let clock = Arc::new(FixedClock::new("2026-12-02T02:00:00Z".parse().unwrap()));
    let running = server::start_with_clock(config, clock).await.unwrap();
    let ctx = running.context();
    let users = ctx
        .store
        .begin_read()
        .await
        .unwrap()
        .list_users()
        .await
        .unwrap();
    assert!(
        users.iter().any(|u| u.username == "admin"),
        "the hall's admin"
    );
    assert!(
        !users.iter().any(|u| u.username == "demo_admin"),
        "the demo used the hall's admin rather than making another"
    );
    let tuesday = onetrip_domain::ServiceDay::of(
        "2026-12-01T02:00:00Z".parse().unwrap(),
        ctx.hall().timezone,
    );
    let calls = ctx
        .store
        .begin_read()
        .await
        .unwrap()
        .recent_calls(tuesday, 500)
        .await
        .unwrap();
    assert!(calls.len() > 100, "{} calls on the demo day", calls.len());
    running.shutdown().await;
}
