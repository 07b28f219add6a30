//! Catalog workbook benchmark (issue 9: "Import of a few thousand matters shows progress and
//! takes seconds, not minutes"): a synthetic catalog of N matters (the demo catalog plus
//! generated matters, about five materials each, and N/10 "一件事" bundles) is written as the
//! Excel template and read back, in process and through the real HTTP API of the real hall
//! server started in this process on a fresh database.
//!
//! ```text
//! cargo bench --bench catalog_import
//! scripts/with-postgres.sh cargo bench --bench catalog_import   # SQLite and PostgreSQL
//! ```
//!
//! Environment:
//! - `BENCH_MATTERS` matters in the catalog, the demo's included (default 3000)
//! - `BENCH_RUNS`    timed runs of each step; the median is reported (default 5)
//! - `BENCH_NO_DOC=1` print only; leave `docs/BENCHMARKS.md` alone
//! - `ONETRIP_TEST_POSTGRES` an admin URL (`postgres://user@host:port/postgres`, set by
//!   `scripts/with-postgres.sh`): the HTTP steps run on PostgreSQL too, on fresh databases
//!
//! Two situations are measured over HTTP, each step timed by the client from sending the
//! request to the last byte of the answer:
//! - **first import**: a hall that has only the demo catalog takes the whole workbook (every
//!   generated matter and bundle is new). Each run gets a fresh hall, so every run does the
//!   same work.
//! - **update**: the hall already publishes the big catalog and the workbook renames one
//!   matter; the runs alternate two workbooks so that every publication has a change.
//!
//! Steps: `POST /api/v1/admin/catalog/import?dry_run=true` (the preview),
//! `…?dry_run=false` (saved as the draft), `GET /api/v1/admin/catalog` with the draft pending,
//! `POST /api/v1/admin/catalog/publish` (the draft becomes the current catalog), and
//! `GET /api/v1/admin/catalog` again (the admin screen's load).

#[path = "shared/bench_doc.rs"]
mod bench_doc;

use bench_doc::{machine, write_doc, Machine};
use chrono::NaiveDate;
use onetrip::server::{self, RunningServer, ServerConfig};
use onetrip::service;
use onetrip::service::catalog::workbook;
use onetrip::service::views::CreateUserRequest;
use onetrip_domain::catalog::{Bundle, Catalog, CatalogDoc, Material, Matter, PartialRejection};
use onetrip_domain::{CategoryCode, MatterCode};
use reqwest::Client;
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::time::{Duration, Instant};
use tempfile::TempDir;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const HEADING: &str = "## Catalog import";
/// The aim of issue 9: every step within this for a catalog of `AIM_MATTERS` matters.
const AIM_MS: f64 = 5000.0;
const AIM_MATTERS: usize = 3000;
const MATERIALS_PER_MATTER: usize = 5;
const ADMIN: &str = "bench-admin";
const ADMIN_PASSWORD: &str = "bench-admin-password";

struct Settings {
    matters: usize,
    runs: usize,
    write_doc: bool,
    postgres: Option<String>,
}

impl Settings {
    fn from_env() -> Self {
        let number = |name: &str, default: usize| {
            std::env::var(name).ok().map_or(default, |v| {
                v.trim()
                    .parse()
                    .unwrap_or_else(|_| panic!("{name} must be a number, not {v:?}"))
            })
        };
        Self {
            matters: number("BENCH_MATTERS", AIM_MATTERS),
            runs: number("BENCH_RUNS", 5).max(1),
            write_doc: std::env::var("BENCH_NO_DOC").map_or(true, |v| v != "1"),
            postgres: std::env::var("ONETRIP_TEST_POSTGRES")
                .ok()
                .filter(|u| !u.is_empty()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The catalog

fn day(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

/// The demo catalog grown to `n` matters (at least the demo's own) and about n/10 bundles.
/// Generated matters copy a demo matter's department, category, limits and texts round-robin,
/// with codes `<dept>-B<i>` and five materials each; all are made and published in August 2026
/// so the public may see them and bundles may contain them.
fn synthetic_catalog(n: usize) -> CatalogDoc {
    let mut doc = service::catalog::demo_catalog()
        .expect("demo catalog")
        .into_doc();
    let templates: Vec<Matter> = doc.matters.clone();
    let extra = n.saturating_sub(templates.len());
    let first_new = doc.matters.len();
    for i in 0..extra {
        let t = &templates[i % templates.len()];
        let mut m = t.clone();
        m.code = MatterCode::parse(&format!("{}-B{:05}", t.department, i + 1)).expect("code");
        m.name = format!("{}（压测{}）", t.name, i + 1);
        m.created_on = Some(day("2026-08-01"));
        m.published_on = Some(day("2026-08-20"));
        m.retired_on = None;
        m.materials = (0..MATERIALS_PER_MATTER)
            .map(|k| match t.materials.get(k) {
                Some(tm) => Material {
                    code: format!("{:02}", k + 1),
                    ..tm.clone()
                },
                None => {
                    let required = k % 2 == 0;
                    Material {
                        code: format!("{:02}", k + 1),
                        name: format!("补充材料{}", k + 1),
                        required,
                        originals: 1,
                        copies: 1,
                        deferrable: required && k == 4,
                        note: "压测生成".into(),
                    }
                }
            })
            .collect();
        doc.matters.push(m);
    }
    let generated = &doc.matters[first_new..];
    let categories: Vec<CategoryCode> = doc.categories.iter().map(|c| c.code).collect();
    let wanted = (n / 10).saturating_sub(doc.bundles.len());
    let mut bundles = Vec::with_capacity(wanted);
    if generated.len() >= 2 {
        for i in 0..wanted {
            let a = (i * 3) % generated.len();
            // Members from at least two departments: the next matters of another department.
            let mut members = vec![generated[a].code.clone()];
            let mut departments = vec![&generated[a].department];
            for step in 1..generated.len() {
                let m = &generated[(a + step) % generated.len()];
                if !members.contains(&m.code)
                    && (departments.len() >= 2 || !departments.contains(&&m.department))
                {
                    members.push(m.code.clone());
                    departments.push(&m.department);
                }
                if members.len() == 2 + i % 3 {
                    break;
                }
            }
            bundles.push(Bundle {
                code: MatterCode::parse(&format!("YJS-B{:05}", i + 1)).expect("code"),
                name: format!("压测一件事{}", i + 1),
                description: "由多个部门的事项组成的压测一件事".into(),
                category: categories[i % categories.len()],
                matters: members,
                partial_rejection: if i % 2 == 0 {
                    PartialRejection::AllOrNothing
                } else {
                    PartialRejection::Partial
                },
                keywords: vec![format!("压测{}", i + 1)],
                created_on: Some(day("2026-08-21")),
                published_on: Some(day("2026-08-25")),
                retired_on: None,
            });
        }
    }
    doc.bundles.extend(bundles);
    Catalog::from_doc(doc.clone()).unwrap_or_else(|e| panic!("synthetic catalog invalid: {e}"));
    doc
}

/// The same catalog with one generated matter (or, without any, the first) renamed.
fn with_one_rename(doc: &CatalogDoc) -> CatalogDoc {
    let mut other = doc.clone();
    let m = other.matters.last_mut().expect("a matter");
    m.name.push_str("（改名）");
    Catalog::from_doc(other.clone()).expect("renamed catalog valid");
    other
}

// ---------------------------------------------------------------------------------------------
// Figures

#[derive(Default, Clone)]
struct Samples {
    ms: Vec<f64>,
    /// The server's own `elapsed_ms`, for imports.
    server_ms: Vec<f64>,
    /// Answer size in bytes (the last one).
    bytes: usize,
}

impl Samples {
    fn sorted(v: &[f64]) -> Vec<f64> {
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        v
    }
    fn median_of(v: &[f64]) -> Option<f64> {
        let s = Self::sorted(v);
        match s.len() {
            0 => None,
            l if l % 2 == 1 => Some(s[l / 2]),
            l => Some((s[l / 2 - 1] + s[l / 2]) / 2.0),
        }
    }
    fn median(&self) -> f64 {
        Self::median_of(&self.ms).unwrap_or(f64::NAN)
    }
    fn min(&self) -> f64 {
        self.ms.iter().copied().fold(f64::INFINITY, f64::min)
    }
    fn max(&self) -> f64 {
        self.ms.iter().copied().fold(f64::NEG_INFINITY, f64::max)
    }
}

/// One table row: which backend, which situation, which step.
struct Row {
    backend: String,
    situation: &'static str,
    step: &'static str,
    samples: Samples,
}

fn time<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t0 = Instant::now();
    let out = f();
    (out, t0.elapsed().as_secs_f64() * 1000.0)
}

// ---------------------------------------------------------------------------------------------
// The hall

struct Hall {
    _dir: TempDir,
    server: RunningServer,
    client: Client,
    url: String,
    token: String,
}

async fn create_postgres_database(admin: &str) -> String {
    use sqlx::Connection;
    let name = format!(
        "onetrip_bench_catalog_{}",
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

/// A fresh hall with the demo catalog published and an admin logged in.
async fn start_hall(postgres: Option<&str>) -> Hall {
    let dir = tempfile::Builder::new()
        .prefix("onetrip-bench-catalog-")
        .tempdir()
        .expect("temp dir for the database");
    let mut config = ServerConfig::standalone(dir.path().to_path_buf());
    config.seed_demo_if_empty = true;
    config.demo_day_on_seed = false;
    if let Some(admin) = postgres {
        config.database_url = create_postgres_database(admin).await;
    }
    let server = server::start(config).await.expect("server starts");
    let ctx = server.context().clone();
    let draft = service::admin::prepare_user(&CreateUserRequest {
        username: ADMIN.into(),
        name: "压测管理员".into(),
        password: ADMIN_PASSWORD.into(),
        roles: vec!["admin".into()],
        department: None,
    })
    .await
    .expect("valid admin");
    service::admin::insert_user(&ctx, draft)
        .await
        .expect("admin inserted");
    let url = server.url();
    let client = Client::builder()
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(600))
        .build()
        .expect("HTTP client");
    let login = client
        .post(format!("{url}/api/v1/auth/login"))
        .json(&json!({"username": ADMIN, "password": ADMIN_PASSWORD}))
        .send()
        .await
        .expect("login request");
    let token = expect_ok(login, "login").await.0["token"]
        .as_str()
        .expect("token")
        .to_string();
    Hall {
        _dir: dir,
        server,
        client,
        url,
        token,
    }
}

/// The answer as JSON and its size; panics with the body on any failure status.
async fn expect_ok(r: reqwest::Response, what: &str) -> (Value, usize) {
    let status = r.status();
    let text = r.text().await.unwrap_or_default();
    assert!(
        status.is_success(),
        "{what}: {status} {}",
        text.chars().take(2000).collect::<String>()
    );
    let value = serde_json::from_str(&text).unwrap_or(Value::Null);
    (value, text.len())
}

impl Hall {
    /// One timed request; returns the answer, its size and the client-side milliseconds.
    async fn timed(&self, what: &str, req: reqwest::RequestBuilder) -> (Value, usize, f64) {
        let t0 = Instant::now();
        let r = req.bearer_auth(&self.token).send().await.expect(what);
        let status = r.status();
        let text = r.text().await.unwrap_or_default();
        let ms = t0.elapsed().as_secs_f64() * 1000.0;
        assert!(
            status.is_success(),
            "{what}: {status} {}",
            text.chars().take(2000).collect::<String>()
        );
        let value = serde_json::from_str(&text).unwrap_or(Value::Null);
        (value, text.len(), ms)
    }

    async fn import(&self, bytes: &[u8], dry_run: bool, s: &mut Samples) -> Value {
        let what = format!("import dry_run={dry_run}");
        let req = self
            .client
            .post(format!(
                "{}/api/v1/admin/catalog/import?dry_run={dry_run}",
                self.url
            ))
            .header(reqwest::header::CONTENT_TYPE, XLSX)
            .body(bytes.to_vec());
        let (v, size, ms) = self.timed(&what, req).await;
        let problems = v["problems"].as_array().map_or(0, Vec::len);
        assert!(
            v["ok"] == json!(true) && problems == 0,
            "{what}: the workbook was refused: {}",
            serde_json::to_string_pretty(&v["problems"]).unwrap_or_default()
        );
        assert_eq!(v["saved"], json!(!dry_run), "{what}: saved");
        s.ms.push(ms);
        s.server_ms
            .push(v["elapsed_ms"].as_f64().expect("elapsed_ms"));
        s.bytes = size;
        v
    }

    async fn workspace(&self, s: &mut Samples) -> Value {
        let req = self
            .client
            .get(format!("{}/api/v1/admin/catalog", self.url));
        let (v, size, ms) = self.timed("GET catalog workspace", req).await;
        s.ms.push(ms);
        s.bytes = size;
        v
    }

    async fn publish(&self, s: &mut Samples) -> Value {
        let req = self
            .client
            .post(format!("{}/api/v1/admin/catalog/publish", self.url))
            .json(&json!({"note": "bench"}));
        let (v, size, ms) = self.timed("publish", req).await;
        s.ms.push(ms);
        s.bytes = size;
        v
    }
}

/// The five steps, in the order the admin screen does them.
#[derive(Default)]
struct Steps {
    preview: Samples,
    save: Samples,
    load_draft: Samples,
    publish: Samples,
    load: Samples,
}

impl Steps {
    /// `changes`: how many changes the preview must list at least, and at most.
    async fn run(&mut self, hall: &Hall, bytes: &[u8], matters: usize, changes: (usize, usize)) {
        let preview = hall.import(bytes, true, &mut self.preview).await;
        let got = preview["changes"].as_array().map_or(0, Vec::len);
        assert!(
            (changes.0..=changes.1).contains(&got),
            "the preview lists {got} changes, expected {changes:?}"
        );
        hall.import(bytes, false, &mut self.save).await;
        let ws = hall.workspace(&mut self.load_draft).await;
        assert!(!ws["draft"].is_null(), "the import made a draft");
        let v = hall.publish(&mut self.publish).await;
        assert!(v["version"].is_string(), "publish answers the version: {v}");
        let ws = hall.workspace(&mut self.load).await;
        assert!(ws["draft"].is_null(), "publishing ends the draft");
        let shown = ws["document"]["matters"].as_array().map_or(0, Vec::len);
        assert_eq!(shown, matters, "the published catalog's matters");
    }

    fn rows(self, backend: &str, situation: &'static str) -> Vec<Row> {
        [
            ("import preview (`dry_run=true`)", self.preview),
            ("import as draft (`dry_run=false`)", self.save),
            ("load admin screen, draft pending", self.load_draft),
            ("publish", self.publish),
            ("load admin screen (`GET`)", self.load),
        ]
        .into_iter()
        .map(|(step, samples)| Row {
            backend: backend.to_string(),
            situation,
            step,
            samples,
        })
        .collect()
    }
}

async fn http_rows(settings: &Settings, postgres: Option<&str>, books: &Books) -> Vec<Row> {
    let backend = if postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let runs = settings.runs;
    let matters = books.doc.matters.len();
    let demo = service::catalog::demo_catalog().expect("demo").into_doc();
    let new_items = (books.doc.matters.len() - demo.matters.len())
        + (books.doc.bundles.len() - demo.bundles.len());

    // First import: a fresh hall per run.
    let mut first = Steps::default();
    let mut last_hall = None;
    for run in 1..=runs {
        let hall = start_hall(postgres).await;
        first
            .run(&hall, &books.a, matters, (new_items, usize::MAX))
            .await;
        eprintln!(
            "[{backend}] first import, run {run}/{runs}: preview {:.0} ms, save {:.0} ms, publish {:.0} ms, load {:.0} ms",
            first.preview.ms[run - 1], first.save.ms[run - 1], first.publish.ms[run - 1], first.load.ms[run - 1]
        );
        if let Some(old) = last_hall.replace(hall) {
            shut(old).await;
        }
    }

    // Update: the hall publishing the big catalog takes workbooks renaming one matter.
    let hall = last_hall.expect("a hall");
    let mut update = Steps::default();
    for run in 1..=runs {
        let bytes = if run % 2 == 1 { &books.b } else { &books.a };
        update.run(&hall, bytes, matters, (1, 1)).await;
        eprintln!(
            "[{backend}] update, run {run}/{runs}: preview {:.0} ms, save {:.0} ms, publish {:.0} ms, load {:.0} ms",
            update.preview.ms[run - 1], update.save.ms[run - 1], update.publish.ms[run - 1], update.load.ms[run - 1]
        );
    }
    shut(hall).await;

    let mut rows = first.rows(backend, "first import");
    rows.extend(update.rows(backend, "update (1 matter renamed)"));
    rows
}

async fn shut(hall: Hall) {
    hall.server.shutdown().await;
}

// ---------------------------------------------------------------------------------------------
// The report

struct Books {
    doc: CatalogDoc,
    /// The workbook of `doc`.
    a: Vec<u8>,
    /// The workbook of `doc` with one matter renamed.
    b: Vec<u8>,
    export_ms: f64,
}

fn kib(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    } else if bytes >= 1024 {
        format!("{:.0} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} B")
    }
}

fn section(settings: &Settings, m: &Machine, books: &Books, rows: &[Row]) -> String {
    let doc = &books.doc;
    let materials: usize = doc.matters.iter().map(|x| x.materials.len()).sum();
    let mut s = String::new();
    let _ = write!(
        s,
        "A synthetic catalog — the demo catalog grown to {matters} matters ({materials} materials, \
         {per:.1} per matter), {bundles} \"一件事\" bundles, {departments} departments, \
         {categories} categories, {counters} counters; valid by `Catalog::from_doc` — is written as \
         the Excel template (`workbook::export`, {export:.0} ms): **{size}** ({bytes} bytes). \
         Each step is run {runs} times; the table gives the median, the fastest and the slowest \
         run in milliseconds. `workbook::import` is timed in process (read every sheet, then the \
         whole-catalog check). The other steps go over HTTP to the real server started in this \
         process (`onetrip::server::start`, 127.0.0.1, a fresh database with the demo catalog, an \
         admin's bearer token), timed by the client from sending the request to the last byte of \
         the answer; \"server ms\" is the import's own `elapsed_ms`.\n\n\
         - **first import**: a hall with only the demo catalog takes the whole workbook \
         ({new} new matters and bundles); every run on a fresh hall.\n\
         - **update**: the hall already publishes this catalog and the workbook renames one \
         matter; the runs alternate two workbooks so every publication has one change.\n\n\
         Rerun: `cargo bench --bench catalog_import` (`BENCH_MATTERS=3000`, `BENCH_RUNS=5`, \
         `BENCH_NO_DOC=1` to leave this file alone); under `scripts/with-postgres.sh` the HTTP \
         steps run on PostgreSQL as well.\n\n\
         Run: {date}, commit {commit}; {cpus} CPUs ({model}); load average before the run {load}.\n\n",
        matters = doc.matters.len(),
        per = materials as f64 / doc.matters.len().max(1) as f64,
        bundles = doc.bundles.len(),
        departments = doc.departments.len(),
        categories = doc.categories.len(),
        counters = doc.counters.len(),
        export = books.export_ms,
        size = kib(books.a.len()),
        bytes = books.a.len(),
        runs = settings.runs,
        new = {
            let demo = service::catalog::demo_catalog().expect("demo").into_doc();
            (doc.matters.len() - demo.matters.len()) + (doc.bundles.len() - demo.bundles.len())
        },
        date = m.date,
        commit = m.commit,
        cpus = m.cpus,
        model = m.cpu_model,
        load = m.load,
    );
    s.push_str(
        "| backend | situation | step | median ms | min ms | max ms | server ms (median) | answer |\n\
         |---------|-----------|------|----------:|-------:|-------:|-------------------:|-------:|\n",
    );
    for r in rows {
        let server = Samples::median_of(&r.samples.server_ms)
            .map_or_else(|| "".to_string(), |v| format!("{v:.0}"));
        let answer = if r.samples.bytes > 0 {
            kib(r.samples.bytes)
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {:.0} | {:.0} | {:.0} | {server} | {answer} |",
            r.backend,
            r.situation,
            r.step,
            r.samples.median(),
            r.samples.min(),
            r.samples.max(),
        );
    }
    s.push('\n');
    s.push_str(&verdict(doc.matters.len(), rows));
    s.push('\n');
    s
}

fn verdict(matters: usize, rows: &[Row]) -> String {
    let slow: Vec<&Row> = rows
        .iter()
        .filter(|r| r.samples.median() > AIM_MS)
        .collect();
    let slowest = rows
        .iter()
        .max_by(|a, b| a.samples.median().total_cmp(&b.samples.median()))
        .expect("at least one step");
    let mut s = format!(
        "**Aim: each step ≤ {:.0} s for {AIM_MATTERS} matters — ",
        AIM_MS / 1000.0
    );
    if slow.is_empty() {
        let _ = write!(
            s,
            "met** (median of the slowest step: {:.0} ms, {} {} {})",
            slowest.samples.median(),
            slowest.backend,
            slowest.situation,
            slowest.step
        );
    } else {
        s.push_str("not met**: ");
        let list: Vec<String> = slow
            .iter()
            .map(|r| {
                format!(
                    "{} {} {} takes {:.1} s ({:.1}× the aim)",
                    r.backend,
                    r.situation,
                    r.step,
                    r.samples.median() / 1000.0,
                    r.samples.median() / AIM_MS
                )
            })
            .collect();
        s.push_str(&list.join("; "));
    }
    if matters != AIM_MATTERS {
        let _ = write!(s, " — this run had {matters} matters, not {AIM_MATTERS}");
    }
    s.push('.');
    s
}

// ---------------------------------------------------------------------------------------------

fn main() {
    let settings = Settings::from_env();
    let machine = machine();

    let doc = synthetic_catalog(settings.matters);
    let renamed = with_one_rename(&doc);
    let (a, export_ms) = time(|| workbook::export(&doc).expect("export"));
    let b = workbook::export(&renamed).expect("export");
    let materials: usize = doc.matters.iter().map(|m| m.materials.len()).sum();
    eprintln!(
        "catalog: {} matters, {materials} materials, {} bundles; workbook {} ({} bytes), written in {export_ms:.0} ms",
        doc.matters.len(),
        doc.bundles.len(),
        kib(a.len()),
        a.len()
    );

    // In process: parse + whole-catalog check.
    let mut parse = Samples::default();
    for run in 1..=settings.runs {
        let (read, ms) = time(|| workbook::import(&a));
        let back = read
            .unwrap_or_else(|p| panic!("the exported workbook does not import: {p:?}"))
            .into_doc();
        assert!(back == doc, "export → import changed the catalog");
        parse.ms.push(ms);
        eprintln!("workbook::import, run {run}/{}: {ms:.0} ms", settings.runs);
    }
    let books = Books {
        doc,
        a,
        b,
        export_ms,
    };
    let mut rows = vec![Row {
        backend: "in process".into(),
        situation: "—",
        step: "`workbook::import` (parse + check)",
        samples: parse,
    }];

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    rows.extend(runtime.block_on(http_rows(&settings, None, &books)));
    if let Some(admin) = &settings.postgres {
        rows.extend(runtime.block_on(http_rows(&settings, Some(admin), &books)));
    }

    let body = section(&settings, &machine, &books, &rows);
    println!("\n{HEADING}\n\n{body}");
    if settings.write_doc {
        write_doc(HEADING, &body);
    }
}
