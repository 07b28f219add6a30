//! Queue API benchmark: N concurrent terminals each loop issue → call-next → finish over real
//! HTTP against the real hall server started in this process, on a fresh SQLite database per
//! level with the server's own durable settings (WAL, `synchronous=FULL`).
//!
//! ```text
//! cargo bench --bench queue
//! BENCH_SECONDS=3 BENCH_LEVELS=1,10 cargo bench --bench queue
//! ```
//!
//! Environment:
//! - `BENCH_SECONDS`  seconds per level (default 10)
//! - `BENCH_LEVELS`   comma-separated client counts (default `1,10,50,200`)
//! - `BENCH_COUNTERS` extra intake counters P1..Pn in the catalog (default 200, at least the
//!   largest level; every level loads the same catalog so levels stay comparable)
//! - `BENCH_DIR`      directory for the temporary databases (default: the system temp dir)
//! - `BENCH_NO_DOC=1` print only; leave `docs/BENCHMARKS.md` alone
//! - `BENCH_POSTGRES` an admin URL (`postgres://user@host:port/postgres`): run on PostgreSQL,
//!   a fresh database per level, instead of SQLite. `scripts/with-postgres.sh` provides one as
//!   `ONETRIP_TEST_POSTGRES`, which is used too:
//!   `scripts/with-postgres.sh env BENCH_POSTGRES=1 cargo bench --bench queue`
//! - `BENCH_INSTANCES` server instances sharing the PostgreSQL database (default 1); terminal
//!   n talks to instance n mod N, as behind a round-robin load balancer
//! - `BENCH_WAIT_IDLE` on a shared machine, wait up to this many seconds before each level
//!   until, for 5 s, the rest of the machine has used under 0.1 core and the disks have taken
//!   under 1 MiB/s of writes (default 0: no wait)
//!
//! After each level the figures are checked: ticket numbers unique and gapless per category,
//! no ticket called twice, and — after the server is shut down and the database reopened —
//! every acknowledged issue, call and finish is found in the database.

use futures::StreamExt;
use onetrip::server::{self, RunningServer, ServerConfig};
use onetrip::service;
use onetrip::service::views::CreateUserRequest;
use onetrip_domain::catalog::{Catalog, Counter, CounterCategory, CounterKind};
use onetrip_domain::clock::SystemClock;
use onetrip_domain::{CategoryCode, CounterCode, TicketNo, TicketStatus};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tempfile::TempDir;
use tokio::sync::Barrier;

const CATEGORIES: [&str; 5] = ["A", "B", "C", "D", "E"];
/// The issues' aims: SQLite (issue 3) and PostgreSQL (issue 4, stated at 200 clients).
#[derive(Clone, Copy)]
struct Aim {
    ops: f64,
    p99_ms: f64,
}
const SQLITE_AIM: Aim = Aim {
    ops: 5_000.0,
    p99_ms: 20.0,
};
const POSTGRES_AIM: Aim = Aim {
    ops: 3_000.0,
    p99_ms: 30.0,
};
/// Error messages kept per level for the report (all errors are counted).
const KEPT_ERRORS: usize = 10;

struct Settings {
    seconds: f64,
    levels: Vec<usize>,
    counters: usize,
    dir: PathBuf,
    write_doc: bool,
    /// Longest wait for a quiet machine before each level.
    wait_idle: Duration,
    /// PostgreSQL admin URL; None: SQLite.
    postgres: Option<String>,
    instances: usize,
}

impl Settings {
    fn from_env() -> Self {
        let seconds = std::env::var("BENCH_SECONDS")
            .ok()
            .map(|s| s.trim().parse::<f64>().expect("BENCH_SECONDS: a number"))
            .unwrap_or(10.0);
        assert!(seconds > 0.0, "BENCH_SECONDS must be positive");
        let levels: Vec<usize> = std::env::var("BENCH_LEVELS")
            .ok()
            .map(|s| {
                s.split(',')
                    .map(|l| l.trim().parse().expect("BENCH_LEVELS: e.g. 1,10,50,200"))
                    .collect()
            })
            .unwrap_or_else(|| vec![1, 10, 50, 200]);
        assert!(
            !levels.is_empty() && levels.iter().all(|&n| n > 0),
            "BENCH_LEVELS: positive client counts"
        );
        let largest = *levels.iter().max().unwrap();
        let counters = std::env::var("BENCH_COUNTERS")
            .ok()
            .map(|s| s.trim().parse().expect("BENCH_COUNTERS: a number"))
            .unwrap_or(200usize)
            .max(largest);
        let dir = std::env::var_os("BENCH_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(std::env::temp_dir);
        let write_doc = std::env::var("BENCH_NO_DOC").map_or(true, |v| v.is_empty() || v == "0");
        let wait_idle = Duration::from_secs(
            std::env::var("BENCH_WAIT_IDLE")
                .ok()
                .map(|s| s.trim().parse().expect("BENCH_WAIT_IDLE: seconds"))
                .unwrap_or(0),
        );
        let postgres = std::env::var("BENCH_POSTGRES")
            .ok()
            .filter(|v| !v.is_empty() && v != "0")
            .map(|v| {
                if v.starts_with("postgres") {
                    v
                } else {
                    std::env::var("ONETRIP_TEST_POSTGRES").expect(
                        "BENCH_POSTGRES=1 needs ONETRIP_TEST_POSTGRES (scripts/with-postgres.sh)",
                    )
                }
            });
        let instances: usize = std::env::var("BENCH_INSTANCES")
            .ok()
            .map(|s| s.trim().parse().expect("BENCH_INSTANCES: a number"))
            .unwrap_or(1);
        assert!(
            instances >= 1 && (instances == 1 || postgres.is_some()),
            "BENCH_INSTANCES above 1 needs BENCH_POSTGRES: instances share one database"
        );
        Self {
            seconds,
            levels,
            counters,
            dir,
            write_doc,
            wait_idle,
            postgres,
            instances,
        }
    }

    /// The heading of the section of docs/BENCHMARKS.md this run owns.
    fn aim(&self) -> Aim {
        if self.postgres.is_some() {
            POSTGRES_AIM
        } else {
            SQLITE_AIM
        }
    }

    fn durability_phrase(&self) -> &'static str {
        if self.postgres.is_some() {
            "PostgreSQL's defaults, unchanged — `fsync=on`, `synchronous_commit=on`, so every \
             acknowledged operation is a committed transaction whose WAL was flushed before the \
             answer was sent"
        } else {
            "the server's default settings, unchanged — WAL journal with `synchronous=FULL`, so \
             every acknowledged operation is a committed transaction whose WAL write was fsync'ed \
             before the answer was sent"
        }
    }

    fn section(&self) -> String {
        match (&self.postgres, self.instances) {
            (None, _) => "## Queue API (SQLite)".into(),
            (Some(_), 1) => "## Queue API (PostgreSQL, 1 instance)".into(),
            (Some(_), n) => format!("## Queue API (PostgreSQL, {n} instances)"),
        }
    }

    fn backend_phrase(&self) -> String {
        match (&self.postgres, self.instances) {
            (None, _) => "a fresh SQLite database".into(),
            (Some(_), 1) => "a fresh PostgreSQL database (a throwaway local server, default settings)".into(),
            (Some(_), n) => format!(
                "a fresh PostgreSQL database (a throwaway local server, default settings) shared by {n} \
                 server instances in the process, terminal n talking to instance n mod {n}"
            ),
        }
    }
}

// ------------------------------------------------------------------------------------------
// Setting up a hall
// ------------------------------------------------------------------------------------------

/// The demo catalog plus intake counters P1..Pn serving every category with weight 1.
fn bench_catalog(extra: usize) -> Catalog {
    let mut doc = service::catalog::demo_catalog()
        .expect("demo catalog")
        .into_doc();
    for i in 1..=extra {
        doc.counters.push(Counter {
            code: CounterCode::parse(&format!("P{i}")).expect("counter code"),
            name: format!("P{i}号压测窗口"),
            kind: CounterKind::Intake,
            categories: CATEGORIES
                .iter()
                .map(|c| CounterCategory {
                    code: CategoryCode::parse(c).expect("category code"),
                    weight: 1,
                })
                .collect(),
        });
    }
    Catalog::from_doc(doc).expect("bench catalog validates")
}

/// One simulated terminal: a kiosk token, a clerk logged in at its own counter, one client.
struct Terminal {
    client: Client,
    /// The instance this terminal talks to.
    url: String,
    kiosk: String,
    clerk: String,
    counter: String,
}

struct Hall {
    dir: TempDir,
    config: ServerConfig,
    servers: Vec<RunningServer>,
    terminals: Vec<Terminal>,
}

async fn create_postgres_database(admin: &str) -> String {
    use sqlx::Connection;
    let name = format!(
        "onetrip_bench_{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    );
    let mut conn = sqlx::PgConnection::connect(admin)
        .await
        .expect("PostgreSQL reachable");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("bench database created");
    format!(
        "{}/{name}",
        admin.rsplit_once('/').expect("URL with a database").0
    )
}

fn new_client() -> Client {
    Client::builder()
        .pool_max_idle_per_host(4)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(60))
        .build()
        .expect("HTTP client")
}

async fn expect_ok(r: reqwest::Response, what: &str) -> Value {
    let status = r.status();
    let text = r.text().await.unwrap_or_default();
    assert!(status.is_success(), "{what}: {status} {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

async fn start_hall(settings: &Settings, clients: usize, catalog: &Catalog) -> Hall {
    let dir = tempfile::Builder::new()
        .prefix("onetrip-bench-")
        .tempdir_in(&settings.dir)
        .expect("temp dir for the database");
    let mut config = ServerConfig::standalone(dir.path().to_path_buf());
    config.seed_demo_if_empty = false;
    if let Some(admin) = &settings.postgres {
        config.database_url = create_postgres_database(admin).await;
    }
    let mut servers = Vec::with_capacity(settings.instances);
    for _ in 0..settings.instances {
        servers.push(server::start(config.clone()).await.expect("server starts"));
    }
    let ctx = servers[0].context().clone();
    service::catalog::load(&ctx, catalog)
        .await
        .expect("bench catalog loads");
    let urls: Vec<String> = servers.iter().map(|s| s.url()).collect();

    // Hashing is slow on purpose: all drafts in parallel, before any timing.
    let drafts = futures::stream::iter(0..clients)
        .map(|c| async move {
            service::admin::prepare_user(&CreateUserRequest {
                username: format!("bench{c}"),
                name: format!("压测{c}"),
                password: format!("bench{c}-password"),
                roles: vec!["clerk".into()],
                department: None,
            })
            .await
            .expect("valid clerk")
        })
        .buffered(8)
        .collect::<Vec<_>>()
        .await;
    for draft in drafts {
        service::admin::insert_user(&ctx, draft)
            .await
            .expect("clerk inserted");
    }
    let mut kiosks = Vec::with_capacity(clients);
    for c in 0..clients {
        let device = service::admin::register_device(&ctx, &format!("bench-kiosk-{c}"), "kiosk")
            .await
            .expect("kiosk registered");
        kiosks.push(device.token);
    }
    let terminals = futures::stream::iter(kiosks.into_iter().enumerate())
        .map(|(c, kiosk)| {
            let url = urls[c % urls.len()].clone();
            async move {
                let client = new_client();
                let login = client
                    .post(format!("{url}/api/v1/auth/login"))
                    .json(&json!({"username": format!("bench{c}"), "password": format!("bench{c}-password")}))
                    .send()
                    .await
                    .expect("login request");
                let clerk = expect_ok(login, "login").await["token"]
                    .as_str()
                    .expect("token")
                    .to_string();
                let counter = format!("P{}", c + 1);
                let session = client
                    .post(format!("{url}/api/v1/counters/{counter}/session"))
                    .bearer_auth(&clerk)
                    .send()
                    .await
                    .expect("session request");
                expect_ok(session, "open session").await;
                // Warms the keep-alive connection the timed loop will use.
                let me = client
                    .get(format!("{url}/api/v1/auth/me"))
                    .bearer_auth(&kiosk)
                    .send()
                    .await
                    .expect("me request");
                expect_ok(me, "kiosk token").await;
                Terminal {
                    client,
                    url,
                    kiosk,
                    clerk,
                    counter,
                }
            }
        })
        .buffered(8)
        .collect::<Vec<_>>()
        .await;
    Hall {
        dir,
        config,
        servers,
        terminals,
    }
}

// ------------------------------------------------------------------------------------------
// The timed loop
// ------------------------------------------------------------------------------------------

#[derive(Clone, Copy)]
enum Op {
    Issue = 0,
    CallNext = 1,
    Finish = 2,
}

const OP_NAMES: [&str; 3] = ["issue", "call-next", "finish"];

#[derive(Default)]
struct ClientLog {
    /// Microseconds per request, by [`Op`].
    latency: [Vec<u32>; 3],
    errors: [u64; 3],
    messages: Vec<String>,
    /// (ticket id, number) of every acknowledged issue.
    issued: Vec<(i64, String)>,
    /// Ticket ids of every acknowledged call.
    called: Vec<i64>,
    finished: Vec<i64>,
    empty_calls: u64,
}

impl ClientLog {
    fn error(&mut self, op: Op, what: String) {
        self.errors[op as usize] += 1;
        if self.messages.len() < KEPT_ERRORS {
            self.messages
                .push(format!("{}: {what}", OP_NAMES[op as usize]));
        }
    }
}

/// Sends one request and reads the whole answer; the latency covers both.
async fn timed(
    rb: reqwest::RequestBuilder,
    log: &mut ClientLog,
    op: Op,
) -> Option<(StatusCode, Vec<u8>)> {
    let t0 = Instant::now();
    let answer = match rb.send().await {
        Ok(r) => {
            let status = r.status();
            r.bytes().await.map(|b| (status, b.to_vec()))
        }
        Err(e) => Err(e),
    };
    let us = t0.elapsed().as_micros().min(u32::MAX as u128) as u32;
    log.latency[op as usize].push(us);
    match answer {
        Ok(a) => Some(a),
        Err(e) => {
            log.error(op, format!("transport: {e}"));
            None
        }
    }
}

async fn run_terminal(
    c: usize,
    t: Terminal,
    level: usize,
    start: Arc<Barrier>,
    run_for: Duration,
) -> ClientLog {
    let mut log = ClientLog::default();
    let url = t.url.clone();
    let tickets = format!("{url}/api/v1/tickets");
    let call_next = format!("{url}/api/v1/counters/{}/call-next", t.counter);
    start.wait().await;
    let deadline = Instant::now() + run_for;
    let mut i = 0usize;
    while Instant::now() < deadline {
        let category = CATEGORIES[(c + i) % CATEGORIES.len()];
        let issue = t
            .client
            .post(&tickets)
            .bearer_auth(&t.kiosk)
            .header("Idempotency-Key", format!("bench-{level}-{c}-{i}"))
            .json(&json!({ "category": category }));
        i += 1;
        if let Some((status, body)) = timed(issue, &mut log, Op::Issue).await {
            if status == StatusCode::CREATED {
                let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                match (v["id"].as_i64(), v["number"].as_str()) {
                    (Some(id), Some(number)) => log.issued.push((id, number.to_string())),
                    _ => log.error(Op::Issue, format!("unexpected body {v}")),
                }
            } else {
                let text = String::from_utf8_lossy(&body).into_owned();
                log.error(Op::Issue, format!("{status} {text}"));
            }
        }

        let call = t.client.post(&call_next).bearer_auth(&t.clerk);
        let called = match timed(call, &mut log, Op::CallNext).await {
            Some((StatusCode::NO_CONTENT, _)) => {
                log.empty_calls += 1;
                None
            }
            Some((StatusCode::OK, body)) => {
                let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                match v["ticket"]["id"].as_i64() {
                    Some(id) => {
                        log.called.push(id);
                        Some(id)
                    }
                    None => {
                        log.error(Op::CallNext, format!("unexpected body {v}"));
                        None
                    }
                }
            }
            Some((status, body)) => {
                let text = String::from_utf8_lossy(&body).into_owned();
                log.error(Op::CallNext, format!("{status} {text}"));
                None
            }
            None => None,
        };

        if let Some(id) = called {
            let finish = t
                .client
                .post(format!("{url}/api/v1/tickets/{id}/finish"))
                .bearer_auth(&t.clerk);
            match timed(finish, &mut log, Op::Finish).await {
                Some((StatusCode::OK, _)) => log.finished.push(id),
                Some((status, body)) => {
                    let text = String::from_utf8_lossy(&body).into_owned();
                    log.error(Op::Finish, format!("{status} {text}"));
                }
                None => {}
            }
        }
    }
    log
}

// ------------------------------------------------------------------------------------------
// Figures
// ------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Default)]
struct Summary {
    count: usize,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
}

impl Summary {
    fn of(mut us: Vec<u32>) -> Self {
        if us.is_empty() {
            return Self::default();
        }
        us.sort_unstable();
        let at = |p: f64| {
            let rank = ((p * us.len() as f64).ceil() as usize).clamp(1, us.len());
            us[rank - 1] as f64 / 1000.0
        };
        Self {
            count: us.len(),
            p50_ms: at(0.50),
            p99_ms: at(0.99),
            max_ms: *us.last().unwrap() as f64 / 1000.0,
        }
    }
}

struct LevelResult {
    clients: usize,
    seconds: f64,
    /// CPU time of this process (server and clients) per second of the run, in cores.
    cpu_cores: f64,
    /// CPU time of everything else on the machine per second of the run, in cores.
    other_cores: f64,
    /// p50 of a 4 KiB write + fdatasync in the database directory just before the level.
    fsync_p50_ms: f64,
    all: Summary,
    by_op: [Summary; 3],
    errors: u64,
    messages: Vec<String>,
    issued: usize,
    called: usize,
    empty_calls: u64,
}

impl LevelResult {
    fn ops_per_sec(&self) -> f64 {
        self.all.count as f64 / self.seconds
    }

    fn meets_aim(&self, aim: Aim) -> bool {
        self.errors == 0 && self.ops_per_sec() >= aim.ops && self.all.p99_ms <= aim.p99_ms
    }
}

/// User + system CPU time of this process from `/proc/self/stat` (USER_HZ = 100 on Linux);
/// 0 where that file does not exist.
fn process_cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
            let rest = &s[s.rfind(')')? + 2..];
            let f: Vec<&str> = rest.split_whitespace().collect();
            let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}

/// Busy CPU time of the whole machine (all but idle and iowait) from `/proc/stat`.
fn machine_busy_seconds() -> f64 {
    std::fs::read_to_string("/proc/stat")
        .ok()
        .and_then(|s| {
            let line = s.lines().next()?;
            let f: Vec<f64> = line
                .split_whitespace()
                .skip(1)
                .filter_map(|v| v.parse().ok())
                .collect();
            let total: f64 = f.iter().take(8).sum();
            Some((total - f.get(3)? - f.get(4)?) / 100.0)
        })
        .unwrap_or(0.0)
}

/// Sectors written to every block device so far (`/proc/diskstats`).
fn sectors_written() -> f64 {
    std::fs::read_to_string("/proc/diskstats")
        .ok()
        .map(|s| {
            s.lines()
                .filter_map(|l| l.split_whitespace().nth(9)?.parse::<f64>().ok())
                .sum()
        })
        .unwrap_or(0.0)
}

/// Waits (up to `max`) until, for 5 s running, the rest of the machine has used under 0.1
/// core and the disks have taken under 1 MiB/s of writes.
fn wait_for_quiet(max: Duration) {
    if max.is_zero() {
        return;
    }
    let until = Instant::now() + max;
    let mut quiet = 0;
    while quiet < 5 && Instant::now() < until {
        let (busy0, own0, disk0) = (
            machine_busy_seconds(),
            process_cpu_seconds(),
            sectors_written(),
        );
        std::thread::sleep(Duration::from_secs(1));
        let others = (machine_busy_seconds() - busy0) - (process_cpu_seconds() - own0);
        let written = sectors_written() - disk0;
        quiet = if others < 0.1 && written < 2048.0 {
            quiet + 1
        } else {
            0
        };
    }
    if quiet < 5 {
        eprintln!("the machine did not get quiet within {max:?}; running anyway");
    }
}

// ------------------------------------------------------------------------------------------
// Correctness and durability
// ------------------------------------------------------------------------------------------

/// Numbers unique and gapless per category, no ticket called twice, only called tickets finished.
fn check_queue(clients: usize, logs: &[ClientLog]) {
    let issued: Vec<&(i64, String)> = logs.iter().flat_map(|l| &l.issued).collect();
    let mut ids = HashSet::new();
    let mut numbers = HashSet::new();
    let mut seqs: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (id, number) in &issued {
        assert!(
            ids.insert(*id),
            "[{clients} clients] ticket id {id} issued twice"
        );
        assert!(
            numbers.insert(number.clone()),
            "[{clients} clients] ticket number {number} issued twice"
        );
        let no = TicketNo::parse(number).unwrap_or_else(|e| panic!("bad number {number}: {e}"));
        seqs.entry(no.category().to_string())
            .or_default()
            .push(no.seq());
    }
    for (category, mut s) in seqs {
        s.sort_unstable();
        let expected: Vec<u32> = (1..=s.len() as u32).collect();
        assert_eq!(
            s, expected,
            "[{clients} clients] numbers of category {category} are not 1..=n without gaps"
        );
    }
    let mut called = HashSet::new();
    for id in logs.iter().flat_map(|l| &l.called) {
        assert!(
            called.insert(*id),
            "[{clients} clients] ticket {id} was called twice"
        );
        assert!(
            ids.contains(id),
            "[{clients} clients] called ticket {id} was never issued"
        );
    }
    let finished: HashSet<i64> = logs.iter().flat_map(|l| l.finished.clone()).collect();
    assert!(
        finished.is_subset(&called),
        "[{clients} clients] a ticket was finished without being called"
    );
}

/// Reopens the database after the server stopped: every acknowledged operation must be there.
async fn check_durable(database_url: &str, clients: usize, logs: &[ClientLog]) {
    let ctx = server::open_context(
        database_url,
        server::DEFAULT_TIMEZONE,
        Arc::new(SystemClock),
    )
    .await
    .expect("database reopens");
    let called: HashSet<i64> = logs.iter().flat_map(|l| l.called.clone()).collect();
    let finished: HashSet<i64> = logs.iter().flat_map(|l| l.finished.clone()).collect();
    let mut tx = ctx.store.begin_read().await.expect("read transaction");
    for (id, number) in logs.iter().flat_map(|l| &l.issued) {
        let row = tx
            .get_ticket(*id)
            .await
            .expect("ticket read")
            .unwrap_or_else(|| panic!("[{clients} clients] acknowledged ticket {number} lost"));
        assert_eq!(&row.number.to_string(), number, "ticket {id}");
        let expected = if finished.contains(id) {
            TicketStatus::Done
        } else if called.contains(id) {
            TicketStatus::Called
        } else {
            TicketStatus::Waiting
        };
        assert_eq!(
            row.status, expected,
            "[{clients} clients] ticket {number}: acknowledged state not in the database"
        );
    }
}

// ------------------------------------------------------------------------------------------
// One level
// ------------------------------------------------------------------------------------------

async fn run_level(settings: &Settings, catalog: &Catalog, clients: usize) -> LevelResult {
    let setup = Instant::now();
    let hall = start_hall(settings, clients, catalog).await;
    eprintln!(
        "[{clients} clients] hall ready in {:.1} s ({}); running {} s",
        setup.elapsed().as_secs_f64(),
        hall.dir.path().display(),
        settings.seconds
    );
    wait_for_quiet(settings.wait_idle);
    let fsync_p50_ms = fsync_probe(hall.dir.path());
    let start = Arc::new(Barrier::new(clients + 1));
    let run_for = Duration::from_secs_f64(settings.seconds);
    let mut tasks = Vec::with_capacity(clients);
    for (c, t) in hall.terminals.into_iter().enumerate() {
        tasks.push(tokio::spawn(run_terminal(
            c,
            t,
            clients,
            start.clone(),
            run_for,
        )));
    }
    start.wait().await;
    let t0 = Instant::now();
    let cpu0 = process_cpu_seconds();
    let busy0 = machine_busy_seconds();
    let mut logs = Vec::with_capacity(clients);
    for task in tasks {
        logs.push(task.await.expect("client task"));
    }
    let seconds = t0.elapsed().as_secs_f64();
    let cpu_cores = (process_cpu_seconds() - cpu0) / seconds;
    let other_cores = ((machine_busy_seconds() - busy0) / seconds - cpu_cores).max(0.0);

    check_queue(clients, &logs);
    for server in hall.servers {
        server.shutdown().await;
    }
    check_durable(&hall.config.database_url, clients, &logs).await;

    let mut all = Vec::new();
    let mut by_op: [Vec<u32>; 3] = Default::default();
    let mut errors = 0;
    let mut messages = Vec::new();
    for log in &logs {
        for (op, lat) in log.latency.iter().enumerate() {
            all.extend_from_slice(lat);
            by_op[op].extend_from_slice(lat);
        }
        errors += log.errors.iter().sum::<u64>();
        messages.extend(log.messages.iter().cloned());
    }
    messages.truncate(KEPT_ERRORS);
    let result = LevelResult {
        clients,
        seconds,
        cpu_cores,
        other_cores,
        fsync_p50_ms,
        all: Summary::of(all),
        by_op: by_op.map(Summary::of),
        errors,
        messages,
        issued: logs.iter().map(|l| l.issued.len()).sum(),
        called: logs.iter().map(|l| l.called.len()).sum(),
        empty_calls: logs.iter().map(|l| l.empty_calls).sum(),
    };
    drop(hall.dir);
    result
}

// ------------------------------------------------------------------------------------------
// Report
// ------------------------------------------------------------------------------------------

struct Machine {
    cpus: usize,
    cpu_model: String,
    date: String,
    commit: String,
    /// `/proc/loadavg` before the run: other work on the machine skews every figure.
    load: String,
}

fn git(args: &[&str]) -> Option<String> {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Median latency of a 4 KiB write + fdatasync where the database lives: each commit pays
/// about one, and other writers on the same disk slow it down.
fn fsync_probe(dir: &Path) -> f64 {
    let path = dir.join(format!("onetrip-bench-fsync-{}", std::process::id()));
    let mut file = std::fs::File::create(&path).expect("fsync probe file");
    let block = [0u8; 4096];
    let mut us = Vec::with_capacity(200);
    for _ in 0..200 {
        file.write_all(&block).expect("probe write");
        let t0 = Instant::now();
        file.sync_data().expect("probe fsync");
        us.push(t0.elapsed().as_micros() as u32);
    }
    drop(file);
    let _ = std::fs::remove_file(&path);
    Summary::of(us).p50_ms
}

fn machine() -> Machine {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpu_model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let commit = match git(&["rev-parse", "--short", "HEAD"]) {
        Some(c) => {
            let dirty = git(&["status", "--porcelain", "--untracked-files=no"])
                .is_some_and(|s| !s.is_empty());
            if dirty {
                format!("{c} (with uncommitted changes)")
            } else {
                c
            }
        }
        None => "unknown".into(),
    };
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into());
    Machine {
        cpus,
        cpu_model,
        date: chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string(),
        commit,
        load,
    }
}

fn table(results: &[LevelResult], aim: Aim) -> String {
    let mut s = String::from(
        "| clients | duration (s) | total ops | ops/s | p50 ms | p99 ms | max ms | errors | aim met |\n\
         |--------:|-------------:|----------:|------:|-------:|-------:|-------:|-------:|:-------:|\n",
    );
    for r in results {
        let _ = writeln!(
            s,
            "| {} | {:.1} | {} | {:.0} | {:.2} | {:.2} | {:.1} | {} | {} |",
            r.clients,
            r.seconds,
            r.all.count,
            r.ops_per_sec(),
            r.all.p50_ms,
            r.all.p99_ms,
            r.all.max_ms,
            r.errors,
            if r.meets_aim(aim) { "yes" } else { "no" },
        );
    }
    s.push_str(
        "\nPer operation (ms):\n\n\
         | clients | issue p50 | issue p99 | call-next p50 | call-next p99 | finish p50 | finish p99 |\n\
         |--------:|----------:|----------:|--------------:|--------------:|-----------:|-----------:|\n",
    );
    for r in results {
        let [i, c, f] = r.by_op;
        let _ = writeln!(
            s,
            "| {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} |",
            r.clients, i.p50_ms, i.p99_ms, c.p50_ms, c.p99_ms, f.p50_ms, f.p99_ms,
        );
    }
    s.push_str(
        "\nConditions: CPU used by this process (server and clients) and by the rest of the machine, \
         in cores (2.00 = both cores busy); a 4 KiB write + fdatasync in the database directory \
         just before the level; and the queue work done.\n\n\
         | clients | CPU this process | CPU rest of machine | fsync p50 ms | tickets issued | calls | empty calls (204) |\n\
         |--------:|-----------------:|--------------------:|-------------:|---------------:|------:|------------------:|\n",
    );
    for r in results {
        let _ = writeln!(
            s,
            "| {} | {:.2} | {:.2} | {:.2} | {} | {} | {} |",
            r.clients,
            r.cpu_cores,
            r.other_cores,
            r.fsync_p50_ms,
            r.issued,
            r.called,
            r.empty_calls
        );
    }
    s
}

/// "1 client", "10 and 50 clients".
fn clients_phrase(levels: &[usize]) -> String {
    let names: Vec<String> = levels.iter().map(usize::to_string).collect();
    let list = match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    let plural = levels.len() > 1 || levels.first() != Some(&1);
    format!("{list} client{}", if plural { "s" } else { "" })
}

fn verdict(results: &[LevelResult], aim: Aim) -> String {
    let Aim {
        ops: aim_ops,
        p99_ms: aim_p99,
    } = aim;
    let levels = |f: &dyn Fn(&LevelResult) -> bool| -> Vec<usize> {
        results.iter().filter(|r| f(r)).map(|r| r.clients).collect()
    };
    let met = levels(&|r| r.meets_aim(aim));
    let fast = levels(&|r| r.all.p99_ms <= aim_p99);
    let best = results
        .iter()
        .max_by(|a, b| a.ops_per_sec().total_cmp(&b.ops_per_sec()))
        .expect("at least one level");
    let mut s = format!("**Aim: ≥ {aim_ops:.0} ops/s with p99 ≤ {aim_p99:.0} ms — ");
    if met.len() == results.len() {
        s.push_str("met at every level.**");
    } else {
        if met.is_empty() {
            s.push_str("not met at any level.**");
        } else {
            let _ = write!(s, "met only with {}.**", clients_phrase(&met));
        }
        let _ = write!(
            s,
            " The best throughput is {:.0} ops/s ({}, p99 {:.1} ms), {:.0} % of the aim; \
             p99 ≤ {aim_p99:.0} ms holds {}.",
            best.ops_per_sec(),
            clients_phrase(&[best.clients]),
            best.all.p99_ms,
            100.0 * best.ops_per_sec() / aim_ops,
            if fast.is_empty() {
                "at no level".to_string()
            } else if fast.len() == results.len() {
                "at every level".to_string()
            } else {
                format!("only with {}", clients_phrase(&fast))
            }
        );
    }
    s
}

fn section(settings: &Settings, m: &Machine, results: &[LevelResult]) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "Each of N simulated terminals loops for {secs} s: `POST /api/v1/tickets` (as a kiosk, with an \
         `Idempotency-Key`), `POST /api/v1/counters/P{{n}}/call-next` (as its own clerk at its own \
         counter), then `POST /api/v1/tickets/{{id}}/finish` for whatever ticket it was given. Every HTTP \
         request is one operation; its latency is measured by the client from sending to the last byte \
         of the answer. The real server runs in the same process (`onetrip::server::start`, \
         127.0.0.1, HTTP/1.1 keep-alive, one `reqwest` client per terminal), so client and server \
         share the machine's cores. Each level gets {backend} with the demo catalog plus \
         {counters} intake counters P1–P{counters} (all categories, weight 1), N clerks and N kiosk \
         tokens, all created before the clock starts.\n\n\
         **Durability:** {durability}. After each level the run checks ticket \
         numbers unique and gapless per category and no ticket called twice, then stops the server, \
         reopens the database and finds every acknowledged issue, call and finish in it.\n\n\
         Rerun: `cargo bench --bench queue` (`BENCH_SECONDS=10`, `BENCH_LEVELS=1,10,50,200`, \
         `BENCH_COUNTERS`, `BENCH_DIR` for the database directory, `BENCH_WAIT_IDLE=<s>` to wait for a \
         quiet machine before each level, `BENCH_NO_DOC=1` to leave this file alone).\n\n\
         Run: {date}, commit {commit}; {cpus} CPUs ({model}); databases in `{dir}`; load average before \
         the run \
         {load}.\n\n",
        secs = settings.seconds,
        counters = settings.counters,
        date = m.date,
        commit = m.commit,
        cpus = m.cpus,
        model = m.cpu_model,
        dir = settings.dir.display(),
        load = m.load,
        backend = settings.backend_phrase(),
        durability = settings.durability_phrase(),
    );
    s.push_str(&table(results, settings.aim()));
    s.push('\n');
    s.push_str(&verdict(results, settings.aim()));
    s.push('\n');
    let with_errors: Vec<&LevelResult> = results.iter().filter(|r| r.errors > 0).collect();
    if with_errors.is_empty() {
        s.push_str(
            "\nNo request failed; every level passed the correctness and durability checks.\n",
        );
    } else {
        s.push_str("\nFailed requests (first few):\n\n");
        for r in with_errors {
            for m in &r.messages {
                let _ = writeln!(s, "- {} clients — {}", r.clients, m.replace('\n', " "));
            }
        }
    }
    s
}

const INTRO: &str = "# Benchmarks\n\n\
Figures measured by the benchmarks under `benches/`, on the machine named in each section. Each \
section below is rewritten by the benchmark that owns it (`cargo bench --bench <name>`); the rest of \
this file is kept as it is.\n";

/// Replaces the text from `heading` to the next `## ` heading (or the end); appends the section
/// if the file has none.
fn replace_section(doc: &str, heading: &str, body: &str) -> String {
    let new_section = format!("{heading}\n\n{}\n", body.trim_end());
    let lines: Vec<&str> = doc.split_inclusive('\n').collect();
    let Some(start) = lines.iter().position(|l| l.trim_end() == heading) else {
        let mut out = doc.trim_end().to_string();
        out.push_str("\n\n");
        out.push_str(&new_section);
        return out;
    };
    let end = lines[start + 1..]
        .iter()
        .position(|l| l.starts_with("## "))
        .map_or(lines.len(), |i| start + 1 + i);
    let mut out: String = lines[..start].concat();
    out.push_str(&new_section);
    if end < lines.len() {
        out.push('\n');
        out.push_str(&lines[end..].concat());
    }
    out
}

fn write_doc(heading: &str, section_body: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/BENCHMARKS.md");
    let old = std::fs::read_to_string(&path).unwrap_or_else(|_| INTRO.to_string());
    let new = replace_section(&old, heading, section_body);
    std::fs::write(&path, new).expect("write docs/BENCHMARKS.md");
    eprintln!("updated {}", path.display());
}

fn main() {
    let settings = Settings::from_env();
    let machine = machine();
    let catalog = bench_catalog(settings.counters);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let mut results = Vec::new();
    for &clients in &settings.levels {
        let r = runtime.block_on(run_level(&settings, &catalog, clients));
        eprintln!(
            "[{clients} clients] {:.0} ops/s, p50 {:.2} ms, p99 {:.2} ms, {} errors",
            r.ops_per_sec(),
            r.all.p50_ms,
            r.all.p99_ms,
            r.errors
        );
        results.push(r);
    }
    let body = section(&settings, &machine, &results);
    let heading = settings.section();
    println!("\n{heading}\n\n{body}");
    if settings.write_doc {
        write_doc(&heading, &body);
    }
    let errors: u64 = results.iter().map(|r| r.errors).sum();
    assert_eq!(errors, 0, "{errors} requests failed; see the report above");
}
