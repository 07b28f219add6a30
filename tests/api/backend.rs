//! Which database the tests run on. By default each test gets a fresh SQLite file; with
//! `ONETRIP_TEST_POSTGRES` (an admin URL, set by `scripts/with-postgres.sh`) each gets a fresh
//! PostgreSQL database instead, so the same suite proves both backends.

use sqlx::Connection;
use std::path::Path;

const POSTGRES_ENV: &str = "ONETRIP_TEST_POSTGRES";
/// Set in CI so that PostgreSQL-only tests fail instead of skipping when the URL is missing.
const REQUIRE_ENV: &str = "ONETRIP_REQUIRE_POSTGRES";

pub fn postgres_admin_url() -> Option<String> {
    std::env::var(POSTGRES_ENV).ok().filter(|u| !u.is_empty())
}

/// For tests that only make sense on PostgreSQL (several instances, outages): the admin URL,
/// or None after saying why the test is skipped.
pub fn postgres_or_skip(test: &str) -> Option<String> {
    let url = postgres_admin_url();
    if url.is_none() {
        assert!(
            std::env::var(REQUIRE_ENV).is_err(),
            "{test} needs {POSTGRES_ENV} (run it under scripts/with-postgres.sh)"
        );
        eprintln!("{test}: skipped, {POSTGRES_ENV} is not set");
    }
    url
}

/// A database nobody else uses: a new SQLite file in `dir`, or a new PostgreSQL database.
pub async fn fresh_database_url(dir: &Path) -> String {
    match postgres_admin_url() {
        Some(admin) => create_postgres_database(&admin).await,
        None => onetrip::server::sqlite_url(&dir.join("hall.db")),
    }
}

pub async fn create_postgres_database(admin: &str) -> String {
    let name = format!("onetrip_test_{:016x}", rand_id());
    let mut conn = sqlx::PgConnection::connect(admin)
        .await
        .expect("test PostgreSQL reachable");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("test database created");
    let base = admin.rsplit_once('/').expect("URL with a database").0;
    format!("{base}/{name}")
}

fn rand_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    (nanos ^ (u64::from(std::process::id()) << 32))
        .wrapping_add(NEXT.fetch_add(1, Ordering::Relaxed))
}
