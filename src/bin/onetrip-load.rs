//! `onetrip-load`: plays a day in the hall against a running server, over HTTP only.
//!
//! It logs in as an admin, creates what it needs through the admin API (staff with the roles
//! clerk, approver of a department and output; kiosk and display tokens; more intake counters
//! through a published catalog draft if the hall has too few), then runs for `--duration`
//! seconds: kiosks issue tickets (with an `Idempotency-Key`), clerks call the next ticket at
//! their counter, accept a case for it (a demo-catalog matter, a person applicant with a
//! GB 11643-valid ID number, every material provided) and finish the ticket, approvers claim
//! and approve their department's tasks, the output clerk hands approved cases over, and
//! displays hold `/api/v1/events` open and count what arrives. It reports, per operation,
//! count, ops/s, p50/p99/max latency and errors by status, and validates at the end that
//! ticket numbers are unique and that every acknowledged ticket and case can be read back.
//!
//!   onetrip-load --url http://127.0.0.1:8080 --admin-password … --duration 30 --json

#[path = "onetrip_load/http.rs"]
mod http;

use clap::Parser;
use http::{Answer, Conn, Target};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Parser, Clone)]
#[command(
    name = "onetrip-load",
    about = "Plays a day in the hall against a running onetrip server and reports latencies"
)]
struct Args {
    /// The server's root URL.
    #[arg(long, env = "ONETRIP_URL", default_value = "http://127.0.0.1:8080")]
    url: String,
    #[arg(long, env = "ONETRIP_ADMIN_USER", default_value = "admin")]
    admin_user: String,
    #[arg(long, env = "ONETRIP_ADMIN_PASSWORD")]
    admin_password: String,
    /// Seconds of load after set-up.
    #[arg(long, default_value_t = 30.0)]
    duration: f64,
    #[arg(long, default_value_t = 2)]
    kiosks: usize,
    /// Clerks, each at its own intake counter.
    #[arg(long, default_value_t = 4)]
    counters: usize,
    /// Approvers, spread over as many departments (one matter of each is applied for).
    #[arg(long, default_value_t = 3)]
    approvers: usize,
    /// Output-window clerks.
    #[arg(long, default_value_t = 1)]
    output: usize,
    /// Display screens holding an SSE connection.
    #[arg(long, default_value_t = 2)]
    displays: usize,
    /// Pause of every kiosk between two tickets (ms); 0 issues back to back.
    #[arg(long, default_value_t = 0)]
    kiosk_pause_ms: u64,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Op {
    Issue,
    CallNext,
    AcceptCase,
    Finish,
    ListTasks,
    Claim,
    Approve,
    ListOutput,
    Handover,
}

impl Op {
    const ALL: [Op; 9] = [
        Op::Issue,
        Op::CallNext,
        Op::AcceptCase,
        Op::Finish,
        Op::ListTasks,
        Op::Claim,
        Op::Approve,
        Op::ListOutput,
        Op::Handover,
    ];
    fn name(self) -> &'static str {
        match self {
            Op::Issue => "issue ticket",
            Op::CallNext => "call-next",
            Op::AcceptCase => "accept case",
            Op::Finish => "finish ticket",
            Op::ListTasks => "list tasks",
            Op::Claim => "claim task",
            Op::Approve => "approve task",
            Op::ListOutput => "list output",
            Op::Handover => "hand over",
        }
    }
}

/// What one actor saw.
#[derive(Default)]
struct Log {
    /// Microseconds per request, by op.
    latency: BTreeMap<Op, Vec<u32>>,
    /// Errors by op and status (0: transport error).
    errors: BTreeMap<Op, BTreeMap<u16, u64>>,
    samples: Vec<String>,
    /// (ticket id, number) of every acknowledged issue.
    tickets: Vec<(i64, String)>,
    cases: Vec<String>,
    empty_calls: u64,
    events: u64,
}

impl Log {
    fn merge(&mut self, o: Log) {
        for (op, v) in o.latency {
            self.latency.entry(op).or_default().extend(v);
        }
        for (op, m) in o.errors {
            let e = self.errors.entry(op).or_default();
            for (s, n) in m {
                *e.entry(s).or_default() += n;
            }
        }
        for s in o.samples {
            if self.samples.len() < 20 {
                self.samples.push(s);
            }
        }
        self.tickets.extend(o.tickets);
        self.cases.extend(o.cases);
        self.empty_calls += o.empty_calls;
        self.events += o.events;
    }

    fn error(&mut self, op: Op, status: u16, what: String) {
        *self
            .errors
            .entry(op)
            .or_default()
            .entry(status)
            .or_default() += 1;
        if self.samples.len() < 20 {
            self.samples.push(format!("{}: {status} {what}", op.name()));
        }
    }

    /// One timed request; `None` (and an error counted) unless the status is one of `ok`.
    #[allow(clippy::too_many_arguments)]
    async fn call(
        &mut self,
        conn: &mut Conn,
        op: Op,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&Value>,
        ok: &[u16],
    ) -> Option<Answer> {
        let t0 = Instant::now();
        let r = conn.send(method, path, headers, body).await;
        let us = t0.elapsed().as_micros().min(u32::MAX as u128) as u32;
        self.latency.entry(op).or_default().push(us);
        match r {
            Ok(a) if ok.contains(&a.status) => Some(a),
            Ok(a) => {
                let text = a.text();
                self.error(op, a.status, text.chars().take(200).collect());
                None
            }
            Err(e) => {
                self.error(op, 0, e.to_string());
                None
            }
        }
    }
}

/// A resident ID number passing the GB 11643 check: Beijing Chaoyang, born 1960–1999.
fn id_number(n: u64) -> String {
    let year = 1960 + (n / 365) % 40;
    let day = n % 28 + 1;
    let month = (n / 28) % 12 + 1;
    let seq = n % 1000;
    let body = format!("110105{year:04}{month:02}{day:02}{seq:03}");
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .bytes()
        .zip(W)
        .map(|(b, w)| (b - b'0') as u32 * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{body}{check}")
}

const SURNAMES: [&str; 8] = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄"];
const GIVEN: [&str; 8] = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋"];

struct Matter {
    code: String,
    department: String,
    materials: Vec<String>,
}

struct Hall {
    target: Target,
    admin: String,
    matters: Vec<Matter>,
    /// case number → (applicant name, ID number), for the pickup at the output window.
    applicants: Mutex<HashMap<String, (String, String)>>,
    people: AtomicU64,
    run: String,
}

fn die(what: impl std::fmt::Display) -> ! {
    eprintln!("onetrip-load: {what}");
    std::process::exit(2)
}

async fn must(
    conn: &mut Conn,
    method: &str,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> Value {
    let auth = format!("Bearer {token}");
    let a = conn
        .send(method, path, &[("Authorization", &auth)], body.as_ref())
        .await
        .unwrap_or_else(|e| die(format!("{method} {path}: {e}")));
    if !a.ok() {
        die(format!("{method} {path}: {} {}", a.status, a.text()));
    }
    a.json()
}

async fn login(conn: &mut Conn, username: &str, password: &str) -> String {
    for attempt in 0..20 {
        let a = conn
            .send(
                "POST",
                "/api/v1/auth/login",
                &[],
                Some(&json!({"username": username, "password": password})),
            )
            .await
            .unwrap_or_else(|e| die(format!("log-in of {username}: {e}")));
        if a.ok() {
            return a.json()["token"]
                .as_str()
                .unwrap_or_else(|| die("log-in answer without a token"))
                .to_string();
        }
        if a.status == 429 && attempt < 19 {
            tokio::time::sleep(Duration::from_millis(500)).await;
            continue;
        }
        die(format!("log-in of {username}: {} {}", a.status, a.text()));
    }
    unreachable!()
}

/// Intake counters to use, adding `L1…` through a published catalog draft if too few exist.
async fn intake_counters(conn: &mut Conn, admin: &str, n: usize) -> Vec<String> {
    let list = must(conn, "GET", "/api/v1/counters", admin, None).await;
    let mut codes: Vec<String> = list
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["kind"] == "intake")
        .filter_map(|c| c["code"].as_str().map(str::to_string))
        .collect();
    let categories: Vec<Value> = ["A", "B", "C", "D", "E"]
        .iter()
        .map(|c| json!({"code": c, "weight": 1}))
        .collect();
    let mut added = 0;
    let mut i = 1;
    while codes.len() < n {
        let code = format!("L{i}");
        i += 1;
        if codes.contains(&code) {
            continue;
        }
        must(
            conn,
            "PUT",
            &format!("/api/v1/admin/catalog/draft/counters/{code}"),
            admin,
            Some(
                json!({"code": code, "name": format!("{code}号压测窗口"), "kind": "intake",
                        "categories": categories}),
            ),
        )
        .await;
        codes.push(code);
        added += 1;
    }
    if added > 0 {
        must(
            conn,
            "POST",
            "/api/v1/admin/catalog/publish",
            admin,
            Some(json!({"note": format!("onetrip-load: {added} 个压测受理窗口")})),
        )
        .await;
    }
    codes.truncate(n);
    codes
}

/// One matter of each of `want` departments, with its materials.
async fn pick_matters(conn: &mut Conn, admin: &str, want: usize) -> Vec<Matter> {
    let list = must(conn, "GET", "/api/v1/matters", admin, None).await;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for m in list.as_array().into_iter().flatten() {
        let (Some(code), Some(dept)) = (m["code"].as_str(), m["department"].as_str()) else {
            continue;
        };
        if out.len() >= want || !seen.insert(dept.to_string()) {
            continue;
        }
        let checklist = must(
            conn,
            "GET",
            &format!("/api/v1/checklists/{code}"),
            admin,
            None,
        )
        .await;
        let materials = checklist["materials"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| m["code"].as_str().map(str::to_string))
            .collect();
        out.push(Matter {
            code: code.into(),
            department: dept.into(),
            materials,
        });
    }
    if out.is_empty() {
        die("the hall's catalog has no matters (start the server with --seed-demo)");
    }
    out
}

async fn kiosk(hall: Arc<Hall>, k: usize, token: String, deadline: Instant, pause: u64) -> Log {
    let mut log = Log::default();
    let mut conn = Conn::new(hall.target.clone());
    let auth = format!("Bearer {token}");
    let mut i = 0usize;
    while Instant::now() < deadline {
        let matter = &hall.matters[(k + i) % hall.matters.len()];
        let key = format!("{}-k{k}-{i}", hall.run);
        i += 1;
        let body = json!({"matter": matter.code});
        let headers = [("Authorization", auth.as_str()), ("Idempotency-Key", &key)];
        if let Some(a) = log
            .call(
                &mut conn,
                Op::Issue,
                "POST",
                "/api/v1/tickets",
                &headers,
                Some(&body),
                &[201],
            )
            .await
        {
            let v = a.json();
            match (v["id"].as_i64(), v["number"].as_str()) {
                (Some(id), Some(no)) => log.tickets.push((id, no.to_string())),
                _ => log.error(Op::Issue, 201, format!("unexpected answer {v}")),
            }
        }
        if pause > 0 {
            tokio::time::sleep(Duration::from_millis(pause)).await;
        }
    }
    log
}

async fn clerk(
    hall: Arc<Hall>,
    c: usize,
    token: String,
    counter: String,
    deadline: Instant,
) -> Log {
    let mut log = Log::default();
    let mut conn = Conn::new(hall.target.clone());
    let auth = format!("Bearer {token}");
    let headers = [("Authorization", auth.as_str())];
    let call_next = format!("/api/v1/counters/{counter}/call-next");
    let mut i = 0usize;
    while Instant::now() < deadline {
        let Some(a) = log
            .call(
                &mut conn,
                Op::CallNext,
                "POST",
                &call_next,
                &headers,
                None,
                &[200, 204],
            )
            .await
        else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        if a.status == 204 {
            log.empty_calls += 1;
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        }
        let v = a.json();
        let Some(ticket) = v["ticket"]["id"].as_i64() else {
            log.error(Op::CallNext, a.status, format!("unexpected answer {v}"));
            continue;
        };
        let matter = v["ticket"]["matter"]
            .as_str()
            .and_then(|m| hall.matters.iter().find(|x| x.code == m))
            .unwrap_or(&hall.matters[(c + i) % hall.matters.len()]);
        let n = hall.people.fetch_add(1, Ordering::Relaxed);
        let name = format!(
            "{}{}{}",
            SURNAMES[(n % 8) as usize],
            GIVEN[(n / 8 % 8) as usize],
            GIVEN[(n / 64 % 8) as usize]
        );
        let id = id_number(n);
        let body = json!({
            "matter": matter.code,
            "ticket_id": ticket,
            "counter": counter,
            "applicant": {"kind": "person", "name": name, "id_number": id, "phone": "13800138000"},
            "materials": matter.materials.iter()
                .map(|m| json!({"code": m, "state": "provided"})).collect::<Vec<_>>(),
            "delivery": {"method": "window"},
        });
        let key = format!("{}-c{c}-{i}", hall.run);
        i += 1;
        let case_headers = [("Authorization", auth.as_str()), ("Idempotency-Key", &key)];
        if let Some(a) = log
            .call(
                &mut conn,
                Op::AcceptCase,
                "POST",
                "/api/v1/cases",
                &case_headers,
                Some(&body),
                &[201],
            )
            .await
        {
            match a.json()["case_no"].as_str() {
                Some(no) => {
                    hall.applicants
                        .lock()
                        .unwrap()
                        .insert(no.to_string(), (name, id));
                    log.cases.push(no.to_string());
                }
                None => log.error(Op::AcceptCase, 201, "answer without case_no".into()),
            }
        }
        log.call(
            &mut conn,
            Op::Finish,
            "POST",
            &format!("/api/v1/tickets/{ticket}/finish"),
            &headers,
            None,
            &[200],
        )
        .await;
    }
    log
}

async fn approver(hall: Arc<Hall>, a_no: usize, token: String, deadline: Instant) -> Log {
    let mut log = Log::default();
    let mut conn = Conn::new(hall.target.clone());
    let auth = format!("Bearer {token}");
    let headers = [("Authorization", auth.as_str())];
    let opinion = json!({"opinion": "材料齐全，符合条件，准予许可"});
    while Instant::now() < deadline {
        let Some(a) = log
            .call(
                &mut conn,
                Op::ListTasks,
                "GET",
                "/api/v1/tasks",
                &headers,
                None,
                &[200],
            )
            .await
        else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let v = a.json();
        let queued: Vec<i64> = v["tasks"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|t| t["status"] == "queued")
            .filter_map(|t| t["id"].as_i64())
            .collect();
        if queued.is_empty() {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        }
        // Approvers of one department start at different tasks.
        let task = queued[a_no % queued.len()];
        let claimed = log
            .call(
                &mut conn,
                Op::Claim,
                "POST",
                &format!("/api/v1/tasks/{task}/claim"),
                &headers,
                Some(&json!({})),
                &[200],
            )
            .await;
        if claimed.is_some() {
            log.call(
                &mut conn,
                Op::Approve,
                "POST",
                &format!("/api/v1/tasks/{task}/approve"),
                &headers,
                Some(&opinion),
                &[200],
            )
            .await;
        }
    }
    log
}

async fn output(hall: Arc<Hall>, o: usize, token: String, deadline: Instant) -> Log {
    let mut log = Log::default();
    let mut conn = Conn::new(hall.target.clone());
    let auth = format!("Bearer {token}");
    let headers = [("Authorization", auth.as_str())];
    let mut n = 0u64;
    while Instant::now() < deadline {
        let Some(a) = log
            .call(
                &mut conn,
                Op::ListOutput,
                "GET",
                "/api/v1/output",
                &headers,
                None,
                &[200],
            )
            .await
        else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let ready: Vec<String> = a
            .json()
            .as_array()
            .into_iter()
            .flatten()
            .filter(|c| c["output_state"] == "ready")
            .filter_map(|c| c["case_no"].as_str().map(str::to_string))
            .collect();
        if ready.is_empty() {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        }
        let case_no = &ready[o % ready.len()];
        let known = hall.applicants.lock().unwrap().get(case_no).cloned();
        let body = match known {
            Some((name, id)) => json!({"method": "pickup", "recipient_name": name,
                                       "recipient_id_number": id}),
            None => {
                n += 1;
                json!({"method": "mail", "carrier": "EMS", "waybill_no": format!("LOAD{o}X{n}")})
            }
        };
        log.call(
            &mut conn,
            Op::Handover,
            "POST",
            &format!("/api/v1/cases/{case_no}/handover"),
            &headers,
            Some(&body),
            &[200],
        )
        .await;
    }
    log
}

async fn display(hall: Arc<Hall>, token: String, deadline: Instant) -> Log {
    let mut log = Log::default();
    let count = Arc::new(AtomicU64::new(0));
    while Instant::now() < deadline {
        let conn = Conn::new(hall.target.clone());
        let c = count.clone();
        let path = format!("/api/v1/events?access_token={token}");
        let stream = conn.events(&path, move |_| {
            c.fetch_add(1, Ordering::Relaxed);
            true
        });
        match tokio::time::timeout_at(deadline.into(), stream).await {
            Err(_) => break,
            Ok(Ok(200)) => {}
            Ok(Ok(status)) => {
                if log.samples.len() < 20 {
                    log.samples.push(format!("events: {status} stream refused"));
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Ok(Err(_)) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
    log.events = count.load(Ordering::Relaxed);
    log
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    sorted[i.min(sorted.len() - 1)] as f64 / 1000.0
}

/// Reads every acknowledged ticket and case back; the problems found.
async fn validate(
    hall: &Hall,
    log: &Log,
    clerk_token: Option<&str>,
) -> (usize, usize, Vec<String>) {
    let mut problems = Vec::new();
    let mut numbers = HashMap::new();
    let mut ids = HashSet::new();
    for (id, no) in &log.tickets {
        if let Some(other) = numbers.insert(no.clone(), *id) {
            problems.push(format!(
                "number {no} acknowledged for tickets {other} and {id}"
            ));
        }
        if !ids.insert(*id) {
            problems.push(format!("ticket id {id} acknowledged twice"));
        }
    }
    let problems = Arc::new(Mutex::new(problems));
    let tickets: Arc<Vec<(i64, String)>> = Arc::new(log.tickets.clone());
    let cases: Arc<Vec<String>> = Arc::new(log.cases.clone());
    let next = Arc::new(AtomicU64::new(0));
    let workers = 8;
    let mut handles = Vec::new();
    for _ in 0..workers {
        let (tickets, cases, next, problems) = (
            tickets.clone(),
            cases.clone(),
            next.clone(),
            problems.clone(),
        );
        let target = hall.target.clone();
        let admin = format!("Bearer {}", hall.admin);
        let clerk = clerk_token.map(|t| format!("Bearer {t}"));
        handles.push(tokio::spawn(async move {
            let mut conn = Conn::new(target);
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed) as usize;
                let (path, auth, expect) = if i < tickets.len() {
                    let (id, no) = &tickets[i];
                    (
                        format!("/api/v1/tickets/{id}"),
                        admin.clone(),
                        ("number", no.clone()),
                    )
                } else if i < tickets.len() + cases.len() {
                    let no = &cases[i - tickets.len()];
                    let auth = clerk.clone().unwrap_or_else(|| admin.clone());
                    (format!("/api/v1/cases/{no}"), auth, ("case_no", no.clone()))
                } else {
                    break;
                };
                let a = conn
                    .send("GET", &path, &[("Authorization", &auth)], None)
                    .await;
                match a {
                    Ok(a) if a.status == 200 && a.json()[expect.0] == expect.1 => {}
                    Ok(a) => problems.lock().unwrap().push(format!(
                        "GET {path}: {} {} (expected {} {})",
                        a.status,
                        a.text().chars().take(120).collect::<String>(),
                        expect.0,
                        expect.1
                    )),
                    Err(e) => problems.lock().unwrap().push(format!("GET {path}: {e}")),
                }
            }
        }));
    }
    for h in handles {
        let _ = h.await;
    }
    let problems = std::mem::take(&mut *problems.lock().unwrap());
    (tickets.len(), cases.len(), problems)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args = Args::parse();
    let target = Target::parse(&args.url).unwrap_or_else(|e| die(e));
    let mut conn = Conn::new(target.clone());
    let admin = login(&mut conn, &args.admin_user, &args.admin_password).await;
    let run = format!(
        "load{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
            % 100_000_000
    );
    let setup_t0 = Instant::now();
    let counters = intake_counters(&mut conn, &admin, args.counters).await;
    let matters = pick_matters(&mut conn, &admin, args.approvers.max(1)).await;

    // Staff and devices through the admin API.
    let create_user = async |conn: &mut Conn, who: &str, roles: &[&str], dept: Option<&str>| {
        let username = format!("{run}-{who}");
        let password = format!("{username}-pw-{}", std::process::id());
        must(
            conn,
            "POST",
            "/api/v1/users",
            &admin,
            Some(
                json!({"username": username, "name": format!("压测{who}"), "password": password,
                        "roles": roles, "department": dept}),
            ),
        )
        .await;
        login(conn, &username, &password).await
    };
    let mut clerks = Vec::new();
    for i in 0..counters.len() {
        clerks.push(create_user(&mut conn, &format!("clerk{i}"), &["clerk"], None).await);
    }
    let mut approvers = Vec::new();
    for i in 0..args.approvers {
        let dept = matters[i % matters.len()].department.clone();
        approvers
            .push(create_user(&mut conn, &format!("appr{i}"), &["approver"], Some(&dept)).await);
    }
    let mut outputs = Vec::new();
    for i in 0..args.output {
        outputs.push(create_user(&mut conn, &format!("out{i}"), &["output"], None).await);
    }
    let device = async |conn: &mut Conn, name: String, role: &str| {
        must(
            conn,
            "POST",
            "/api/v1/devices",
            &admin,
            Some(json!({"name": name, "role": role})),
        )
        .await["token"]
            .as_str()
            .unwrap_or_else(|| die("device answer without a token"))
            .to_string()
    };
    let mut kiosks = Vec::new();
    for i in 0..args.kiosks {
        kiosks.push(device(&mut conn, format!("{run}-kiosk{i}"), "kiosk").await);
    }
    let mut displays = Vec::new();
    for i in 0..args.displays {
        displays.push(device(&mut conn, format!("{run}-display{i}"), "display").await);
    }
    for (token, counter) in clerks.iter().zip(&counters) {
        must(
            &mut conn,
            "POST",
            &format!("/api/v1/counters/{counter}/session"),
            token,
            Some(json!({})),
        )
        .await;
    }
    let setup_s = setup_t0.elapsed().as_secs_f64();

    let hall = Arc::new(Hall {
        target,
        admin: admin.clone(),
        matters,
        applicants: Mutex::new(HashMap::new()),
        people: AtomicU64::new(std::process::id() as u64 * 7919),
        run: run.clone(),
    });
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(args.duration);
    let mut tasks = Vec::new();
    for t in displays {
        tasks.push(tokio::spawn(display(hall.clone(), t, deadline)));
    }
    for (i, t) in kiosks.into_iter().enumerate() {
        tasks.push(tokio::spawn(kiosk(
            hall.clone(),
            i,
            t,
            deadline,
            args.kiosk_pause_ms,
        )));
    }
    for (i, (t, c)) in clerks.iter().cloned().zip(counters.clone()).enumerate() {
        tasks.push(tokio::spawn(clerk(hall.clone(), i, t, c, deadline)));
    }
    for (i, t) in approvers.into_iter().enumerate() {
        tasks.push(tokio::spawn(approver(hall.clone(), i, t, deadline)));
    }
    for (i, t) in outputs.into_iter().enumerate() {
        tasks.push(tokio::spawn(output(hall.clone(), i, t, deadline)));
    }
    let mut log = Log::default();
    for t in tasks {
        log.merge(t.await.expect("actor task"));
    }
    let elapsed = started.elapsed().as_secs_f64();
    let (n_tickets, n_cases, problems) =
        validate(&hall, &log, clerks.first().map(String::as_str)).await;

    // The report.
    let mut ops = Vec::new();
    let (mut total_count, mut total_errors) = (0usize, 0u64);
    let mut all = Vec::new();
    for op in Op::ALL {
        let mut lat = log.latency.remove(&op).unwrap_or_default();
        lat.sort_unstable();
        let errors = log.errors.get(&op).cloned().unwrap_or_default();
        let n_err: u64 = errors.values().sum();
        total_count += lat.len();
        total_errors += n_err;
        all.extend_from_slice(&lat);
        ops.push(json!({
            "op": op.name(),
            "count": lat.len(),
            "ops_per_s": lat.len() as f64 / elapsed,
            "p50_ms": percentile(&lat, 50.0),
            "p99_ms": percentile(&lat, 99.0),
            "max_ms": lat.last().map_or(0.0, |m| *m as f64 / 1000.0),
            "errors": errors.iter().map(|(s, n)| (s.to_string(), *n)).collect::<BTreeMap<_, _>>(),
        }));
    }
    all.sort_unstable();
    let report = json!({
        "url": args.url,
        "run": run,
        "duration_s": elapsed,
        "setup_s": setup_s,
        "actors": {"kiosks": args.kiosks, "counters": counters.len(), "approvers": args.approvers,
                   "output": args.output, "displays": args.displays},
        "departments": hall.matters.iter().map(|m| format!("{} ({})", m.department, m.code)).collect::<Vec<_>>(),
        "operations": ops,
        "total": {
            "count": total_count,
            "ops_per_s": total_count as f64 / elapsed,
            "p50_ms": percentile(&all, 50.0),
            "p99_ms": percentile(&all, 99.0),
            "max_ms": all.last().map_or(0.0, |m| *m as f64 / 1000.0),
            "errors": total_errors,
        },
        "empty_calls": log.empty_calls,
        "sse_events_received": log.events,
        "validation": {
            "tickets_acknowledged": n_tickets,
            "cases_acknowledged": n_cases,
            "problems": problems,
            "ok": problems.is_empty(),
        },
        "error_samples": log.samples,
    });
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report).unwrap());
    } else {
        println!(
            "onetrip-load {run}: {:.1} s against {} (set-up {:.1} s); kiosks {} counters {} approvers {} output {} displays {}",
            elapsed, args.url, setup_s, args.kiosks, counters.len(), args.approvers, args.output, args.displays
        );
        println!(
            "{:<14} {:>7} {:>8} {:>8} {:>8} {:>8}  errors",
            "operation", "count", "ops/s", "p50 ms", "p99 ms", "max ms"
        );
        for o in report["operations"].as_array().unwrap() {
            println!(
                "{:<14} {:>7} {:>8.1} {:>8.2} {:>8.2} {:>8.1}  {}",
                o["op"].as_str().unwrap(),
                o["count"].as_u64().unwrap(),
                o["ops_per_s"].as_f64().unwrap(),
                o["p50_ms"].as_f64().unwrap(),
                o["p99_ms"].as_f64().unwrap(),
                o["max_ms"].as_f64().unwrap(),
                o["errors"]
            );
        }
        let t = &report["total"];
        println!(
            "{:<14} {:>7} {:>8.1} {:>8.2} {:>8.2} {:>8.1}  {}",
            "total",
            t["count"].as_u64().unwrap(),
            t["ops_per_s"].as_f64().unwrap(),
            t["p50_ms"].as_f64().unwrap(),
            t["p99_ms"].as_f64().unwrap(),
            t["max_ms"].as_f64().unwrap(),
            t["errors"]
        );
        println!(
            "empty calls (204): {}; SSE events received by {} displays: {}",
            log.empty_calls, args.displays, log.events
        );
        for s in &log.samples {
            println!("  error: {s}");
        }
        if problems.is_empty() {
            println!("validation: {n_tickets} tickets (numbers unique) and {n_cases} cases read back: ok");
        } else {
            println!("validation FAILED ({} problems):", problems.len());
            for p in problems.iter().take(20) {
                println!("  {p}");
            }
        }
    }
    if !problems.is_empty() {
        std::process::exit(1);
    }
}
