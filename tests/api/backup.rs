//! Backup and restore of a SQLite hall (issue 10): a backup taken while kiosks, counters and
//! clerks keep writing holds everything acknowledged before it began; restored into a fresh
//! directory it serves again with gapless numbers and an intact audit chain. The schedule
//! keeps only the newest backups. SQLite only: a PostgreSQL hall uses pg_dump.

use crate::helpers::TestApp;
use onetrip::service;
use onetrip::service::backup::{self, Schedule};
use reqwest::Method;
use serde_json::{json, Value};
use sqlx::Connection as _;
use std::collections::{BTreeMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const KIOSKS: usize = 4;
const COUNTERS: usize = 3;
const CASE_CLERKS: usize = 2;

fn sqlite_only(test: &str) -> bool {
    if crate::backend::postgres_admin_url().is_some() {
        eprintln!("{test}: skipped, PostgreSQL halls are backed up with pg_dump");
        return false;
    }
    true
}

/// An operation the server acknowledged, and when its answer arrived.
#[derive(Debug, Clone)]
enum Acked {
    Ticket { id: i64, number: String },
    Finished { id: i64 },
    Case { case_no: String },
}

#[derive(Default)]
struct Log(Mutex<Vec<(Instant, Acked)>>);

impl Log {
    fn push(&self, op: Acked) {
        self.0.lock().unwrap().push((Instant::now(), op));
    }
    /// The operations whose answer arrived before `t`.
    fn before(&self, t: Instant) -> Vec<Acked> {
        let log = self.0.lock().unwrap();
        log.iter()
            .filter(|(at, _)| *at < t)
            .map(|(_, op)| op.clone())
            .collect()
    }
    fn len(&self) -> usize {
        self.0.lock().unwrap().len()
    }
}

fn applicant(i: usize) -> Value {
    // Names are letters only: the i-th applicant gets the i-th of ten given names.
    let given = "甲乙丙丁戊己庚辛壬癸".chars().nth(i % 10).unwrap();
    json!({"kind": "person", "name": format!("备份{given}"), "id_number": "11010519491231002X",
           "phone": "13800138000"})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_under_load_restores_everything_acknowledged_before_it() {
    if !sqlite_only("a_backup_under_load_restores_everything_acknowledged_before_it") {
        return;
    }
    let app = TestApp::spawn().await;
    app.add_counters(COUNTERS).await;
    let mut kiosks = Vec::new();
    for i in 0..KIOSKS {
        kiosks.push(app.device_token(&format!("kiosk-{i}"), "kiosk").await);
    }
    let mut clerks = Vec::new();
    for i in 0..COUNTERS + CASE_CLERKS {
        clerks.push(app.token_for(&format!("clerk{i}"), &["clerk"]).await);
    }
    let log = Log::default();
    let stop = AtomicBool::new(false);

    let issuing = futures::future::join_all(kiosks.iter().enumerate().map(|(k, token)| {
        let (app, log, stop) = (&app, &log, &stop);
        async move {
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                let category = ["A", "B", "C", "D", "E"][(k + i) % 5];
                let r = app
                    .request(Method::POST, "/api/v1/tickets", Some(token))
                    .header("Idempotency-Key", format!("backup-k{k}-{i}"))
                    .json(&json!({ "category": category }))
                    .send()
                    .await
                    .unwrap();
                assert!(r.status().is_success(), "issue: {}", r.status());
                let t: Value = r.json().await.unwrap();
                log.push(Acked::Ticket {
                    id: t["id"].as_i64().unwrap(),
                    number: t["number"].as_str().unwrap().to_string(),
                });
                i += 1;
            }
        }
    }));
    let serving =
        futures::future::join_all(clerks[..COUNTERS].iter().enumerate().map(|(c, token)| {
            let (app, log, stop) = (&app, &log, &stop);
            async move {
                let counter = format!("P{}", c + 1);
                while !stop.load(Ordering::Relaxed) {
                    let r = app.call_next(token, &counter).await;
                    if r.status() == 204 {
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        continue;
                    }
                    assert_eq!(r.status(), 200, "call-next at {counter}");
                    let id = r.json::<Value>().await.unwrap()["ticket"]["id"]
                        .as_i64()
                        .unwrap();
                    let done = app.ticket_op(token, id, "finish", None).await;
                    assert_eq!(done.status(), 200, "finish");
                    log.push(Acked::Finished { id });
                }
            }
        }));
    let accepting =
        futures::future::join_all(clerks[COUNTERS..].iter().enumerate().map(|(c, token)| {
            let (app, log, stop) = (&app, &log, &stop);
            async move {
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    let (status, case) = app
                        .post_json(
                            "/api/v1/cases",
                            token,
                            json!({"matter": "GWH-001", "applicant": applicant(c * 1000 + i),
                                   "materials": [{"code": "01", "state": "provided"},
                                                 {"code": "02", "state": "provided"}],
                                   "delivery": {"method": "window"}}),
                        )
                        .await;
                    assert_eq!(status, 201, "accepted: {case}");
                    log.push(Acked::Case {
                        case_no: case["case_no"].as_str().unwrap().to_string(),
                    });
                    i += 1;
                }
            }
        }));

    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("hall-backup.db");
    let taking = async {
        // Let the load build up, back up in the middle of it, and let it run on after.
        while log.len() < 60 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let began = Instant::now();
        let done = backup::backup(app.server().context().store.as_ref(), &out)
            .await
            .expect("backup under load");
        let during = log.len();
        tokio::time::sleep(Duration::from_millis(400)).await;
        stop.store(true, Ordering::Relaxed);
        (began, done, during)
    };
    let ((began, done, during), _, _, _) = tokio::join!(taking, issuing, serving, accepting);
    let acked = log.before(began);
    let count = |f: fn(&Acked) -> bool| acked.iter().filter(|a| f(a)).count();
    let (tickets, finished, cases) = (
        count(|a| matches!(a, Acked::Ticket { .. })),
        count(|a| matches!(a, Acked::Finished { .. })),
        count(|a| matches!(a, Acked::Case { .. })),
    );
    eprintln!(
        "backup of {} bytes in {} ms under load; acknowledged before it: {tickets} tickets, \
         {finished} finished, {cases} cases; {} operations by the time it ended, {} in all",
        done.bytes,
        done.elapsed.as_millis(),
        during,
        log.len()
    );
    assert!(tickets > 0 && cases > 0, "the load ran before the backup");
    assert!(log.len() > acked.len(), "the load went on while it ran");

    // The live hall's database is in use: restoring over it is refused, even with --force.
    let refused = backup::restore(&out, app.database_url(), true)
        .await
        .unwrap_err();
    assert!(format!("{refused:#}").contains("正在使用"), "{refused:#}");

    // Restore into a fresh directory and serve from it.
    let restored_dir = tempfile::tempdir().unwrap();
    let target = restored_dir.path().join("hall.db");
    let url = onetrip::server::sqlite_url(&target);
    let restored = backup::restore(&out, &url, false).await.expect("restored");
    assert_eq!(restored.bytes, done.bytes);
    assert!(restored.previous.is_none());
    // Again over it: only with --force (the replaced file is kept).
    let again = backup::restore(&out, &url, false).await.unwrap_err();
    assert!(format!("{again:#}").contains("--force"), "{again:#}");
    let replaced = backup::restore(&out, &url, true).await.expect("forced");
    assert!(replaced.previous.as_ref().unwrap().is_file());

    let hall = TestApp::spawn_on_database(url.clone()).await;
    let health = hall.get_json("/healthz", None).await;
    assert!(health.is_object(), "{health}");
    let mut tx = hall.server().context().store.begin_read().await.unwrap();
    for op in &acked {
        match op {
            Acked::Ticket { id, number } => {
                let t = tx.get_ticket(*id).await.unwrap();
                let t = t.unwrap_or_else(|| panic!("ticket {number} lost"));
                assert_eq!(t.number.to_string(), *number);
            }
            Acked::Finished { id } => {
                let t = tx.get_ticket(*id).await.unwrap().expect("finished ticket");
                assert_eq!(
                    t.status,
                    onetrip_domain::TicketStatus::Done,
                    "{} finished before the backup",
                    t.number
                );
            }
            Acked::Case { case_no } => {
                assert!(
                    tx.find_case_by_no(case_no).await.unwrap().is_some(),
                    "case {case_no} lost"
                );
            }
        }
    }
    drop(tx);

    // Numbers in the restored hall: unique, and gapless per category and day.
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let rows: Vec<(String, String, i64, String)> =
        sqlx::query_as("SELECT service_day, category, seq, number FROM tickets")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    conn.close().await.unwrap();
    assert!(rows.len() >= tickets);
    let numbers: HashSet<_> = rows.iter().map(|r| (&r.0, &r.3)).collect();
    assert_eq!(numbers.len(), rows.len(), "duplicate numbers");
    let mut lines: BTreeMap<(String, String), Vec<i64>> = BTreeMap::new();
    for (day, category, seq, _) in rows {
        lines.entry((day, category)).or_default().push(seq);
    }
    for ((day, category), mut seqs) in lines {
        seqs.sort_unstable();
        assert_eq!(
            seqs,
            (1..=seqs.len() as i64).collect::<Vec<_>>(),
            "gap in {category} on {day}"
        );
    }

    // The audit chain is whole (what `onetrip audit verify` checks).
    let report = service::audit::verify_chain(hall.server().context().store.as_ref())
        .await
        .unwrap();
    assert!(report.findings.is_empty(), "{:?}", report.findings.len());
    assert!(report.entries > 0);

    // And the restored hall goes on numbering where the backup stopped.
    let kiosk = hall.device_token("kiosk-after", "kiosk").await;
    let r = hall.issue(&kiosk, "A").await;
    assert_eq!(r.status(), 201);
}

#[tokio::test]
async fn a_damaged_or_foreign_file_is_not_restored() {
    if !sqlite_only("a_damaged_or_foreign_file_is_not_restored") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let url = onetrip::server::sqlite_url(&dir.path().join("hall.db"));
    // Not a database at all.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![7u8; 8192]).unwrap();
    let e = backup::restore(&junk, &url, false).await.unwrap_err();
    assert!(format!("{e:#}").contains("不能恢复"), "{e:#}");
    // A SQLite database, but not a hall's.
    let other = dir.path().join("other.db");
    let mut conn = sqlx::SqliteConnection::connect(&format!(
        "{}?mode=rwc",
        onetrip::server::sqlite_url(&other)
    ))
    .await
    .unwrap();
    sqlx::query("CREATE TABLE t (x INTEGER)")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let e = backup::restore(&other, &url, false).await.unwrap_err();
    assert!(format!("{e:#}").contains("_sqlx_migrations"), "{e:#}");
    // A hall from a newer onetrip (a migration this build does not know).
    let app = TestApp::spawn().await;
    let newer = dir.path().join("newer.db");
    backup::backup(app.server().context().store.as_ref(), &newer)
        .await
        .unwrap();
    let mut conn = sqlx::SqliteConnection::connect(&onetrip::server::sqlite_url(&newer))
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (9999, 'from the future', 1, x'00', 0)",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();
    let e = backup::restore(&newer, &url, false).await.unwrap_err();
    assert!(format!("{e:#}").contains("比本程序新"), "{e:#}");
    // Nothing was put in place, and no temporary file is left behind.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with('.') || n.starts_with("hall.db"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[tokio::test]
async fn the_schedule_keeps_only_the_newest_backups() {
    if !sqlite_only("the_schedule_keeps_only_the_newest_backups") {
        return;
    }
    let app = TestApp::spawn().await;
    let dir = tempfile::tempdir().unwrap();
    let old = [
        "onetrip-20200101-080000.db",
        "onetrip-20200102-080000.db",
        "onetrip-20200103-080000.db",
        "onetrip-20200104-080000.db",
    ];
    // Files the schedule did not write are never deleted, however old they look.
    let foreign = [
        "notes.txt",
        "onetrip-manual.db",
        "onetrip-20190101-080000.db.bak",
        "onetrip-2019010-0800000.db",
    ];
    for name in old.iter().chain(&foreign) {
        std::fs::write(dir.path().join(name), b"x").unwrap();
    }
    assert!(backup::is_scheduled_name(old[0]));
    assert!(foreign.iter().all(|n| !backup::is_scheduled_name(n)));

    let task = backup::spawn_schedule(
        app.server().context().clone(),
        Schedule {
            dir: dir.path().to_path_buf(),
            every: Duration::from_millis(1100),
            keep: 3,
        },
    );
    let names = || -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        v.sort();
        v
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    let scheduled = loop {
        let scheduled: Vec<String> = names()
            .into_iter()
            .filter(|n| backup::is_scheduled_name(n))
            .collect();
        let new = scheduled.iter().filter(|n| !old.contains(&n.as_str()));
        if new.count() >= 2 && scheduled.len() == 3 {
            break scheduled;
        }
        assert!(
            Instant::now() < deadline,
            "two scheduled backups: {scheduled:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    task.abort();
    // The newest old one and the two new ones; the foreign files untouched.
    assert_eq!(scheduled[0], old[3], "{scheduled:?}");
    let all = names();
    for f in foreign {
        assert!(all.contains(&f.to_string()), "{f} deleted: {all:?}");
    }
    // A scheduled backup is a whole hall database.
    let newest = dir.path().join(&scheduled[2]);
    let check = onetrip_store::SqliteStore::check_backup(&newest)
        .await
        .unwrap();
    assert!(check.problems.is_empty(), "{:?}", check.problems);
}

#[tokio::test]
async fn a_postgres_hall_is_pointed_to_pg_dump() {
    use std::path::PathBuf;
    assert_eq!(
        backup::sqlite_path("sqlite:///var/lib/onetrip/hall.db?mode=rwc"),
        Some(PathBuf::from("/var/lib/onetrip/hall.db"))
    );
    assert_eq!(
        backup::sqlite_path("sqlite:hall.db"),
        Some(PathBuf::from("hall.db"))
    );
    assert_eq!(backup::sqlite_path("postgres://onetrip@db/onetrip"), None);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("onetrip.dump");
    std::fs::write(&file, b"x").unwrap();
    let e = backup::restore(&file, "postgres://onetrip@db.hall.local/onetrip", true)
        .await
        .unwrap_err();
    assert!(format!("{e:#}").contains("pg_restore"), "{e:#}");
    // On a PostgreSQL hall the store itself refuses, naming pg_dump.
    if crate::backend::postgres_admin_url().is_some() {
        let app = TestApp::spawn().await;
        let e = backup::backup(
            app.server().context().store.as_ref(),
            &file.with_extension("db"),
        )
        .await
        .unwrap_err();
        assert!(format!("{e:#}").contains("pg_dump"), "{e:#}");
    }
}
