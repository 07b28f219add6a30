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

#[path = "../shared/bench_doc.rs"]
mod bench_doc;
mod checks;
mod hall;
mod load;
mod measure;
mod report;
mod settings;

pub(crate) use bench_doc::*;
pub(crate) use checks::*;
pub(crate) use hall::*;
pub(crate) use load::*;
pub(crate) use measure::*;
pub(crate) use report::*;
pub(crate) use settings::*;

pub(crate) use futures::StreamExt;
pub(crate) use onetrip::server::{self, RunningServer, ServerConfig};
pub(crate) use onetrip::service;
pub(crate) use onetrip::service::views::CreateUserRequest;
pub(crate) use onetrip_domain::catalog::{Catalog, Counter, CounterCategory, CounterKind};
pub(crate) use onetrip_domain::clock::SystemClock;
pub(crate) use onetrip_domain::{CategoryCode, CounterCode, TicketNo, TicketStatus};
pub(crate) use reqwest::{Client, StatusCode};
pub(crate) use serde_json::{json, Value};
pub(crate) use std::collections::{BTreeMap, HashSet};
pub(crate) use std::fmt::Write as _;
pub(crate) use std::io::Write as _;
pub(crate) use std::path::{Path, PathBuf};
pub(crate) use std::sync::Arc;
pub(crate) use std::time::{Duration, Instant};
pub(crate) use tempfile::TempDir;
pub(crate) use tokio::sync::Barrier;

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
