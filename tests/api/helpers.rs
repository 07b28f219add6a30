//! Spawns the real hall server on port 0 with a fresh database (SQLite, or PostgreSQL under
//! `scripts/with-postgres.sh`; see `backend`), and speaks HTTP to it.

use chrono::{DateTime, Utc};
use onetrip::server::{self, RunningServer, ServerConfig};
use onetrip::service;
use onetrip::service::views::CreateUserRequest;
use onetrip_domain::clock::{Clock, FixedClock, SystemClock};
use reqwest::{Client, Method, RequestBuilder, Response};
use serde_json::Value;
use std::net::SocketAddr;
use std::sync::Arc;
use tempfile::TempDir;

pub struct TestApp {
    pub url: String,
    pub client: Client,
    /// Kept so the database outlives the test's server restarts (shared by its instances).
    _dir: Arc<TempDir>,
    pub clock: Arc<dyn Clock>,
    config: ServerConfig,
    server: Option<RunningServer>,
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with_clock(Arc::new(SystemClock)).await
    }

    pub async fn spawn_at(at: DateTime<Utc>) -> (Self, Arc<FixedClock>) {
        let clock = Arc::new(FixedClock::new(at));
        (Self::spawn_with_clock(clock.clone()).await, clock)
    }

    async fn spawn_with_clock(clock: Arc<dyn Clock>) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let database_url = crate::backend::fresh_database_url(dir.path()).await;
        Self::spawn_on(database_url, Arc::new(dir), clock).await
    }

    /// A server on an existing database (`postgres://…`), e.g. a private cluster's.
    pub async fn spawn_on_database(database_url: String) -> Self {
        let dir = Arc::new(tempfile::tempdir().expect("temp dir"));
        Self::spawn_on(database_url, dir, Arc::new(SystemClock)).await
    }

    async fn spawn_on(database_url: String, dir: Arc<TempDir>, clock: Arc<dyn Clock>) -> Self {
        let mut config = ServerConfig::standalone(dir.path().to_path_buf());
        config.bind = SocketAddr::from(([127, 0, 0, 1], 0));
        config.database_url = database_url;
        let server = server::start_with_clock(config.clone(), clock.clone())
            .await
            .expect("server starts");
        TestApp {
            url: server.url(),
            client: Client::new(),
            _dir: dir,
            clock,
            config,
            server: Some(server),
        }
    }

    /// Another server instance on the same database: one hall, two machines.
    pub async fn another_instance(&self) -> TestApp {
        Self::spawn_on(
            self.config.database_url.clone(),
            self._dir.clone(),
            self.clock.clone(),
        )
        .await
    }

    /// Stops the server and starts a new one on the same database (on a new port).
    pub async fn restart(&mut self) {
        if let Some(s) = self.server.take() {
            s.shutdown().await;
        }
        let server = server::start_with_clock(self.config.clone(), self.clock.clone())
            .await
            .expect("server restarts");
        self.url = server.url();
        self.server = Some(server);
    }

    /// The database this hall runs on (`sqlite://…` or `postgres://…`).
    pub fn database_url(&self) -> &str {
        &self.config.database_url
    }

    /// The hall's data directory (keys, the SQLite file).
    pub fn data_dir(&self) -> &std::path::Path {
        &self.config.data_dir
    }

    pub fn server(&self) -> &RunningServer {
        self.server.as_ref().expect("server running")
    }

    pub async fn add_user(
        &self,
        username: &str,
        roles: &[&str],
        department: Option<&str>,
    ) -> String {
        let password = format!("{username}-password");
        let draft = service::admin::prepare_user(&CreateUserRequest {
            username: username.into(),
            name: format!("测试{username}"),
            password: password.clone(),
            roles: roles.iter().map(|r| r.to_string()).collect(),
            department: department.map(str::to_string),
        })
        .await
        .expect("valid user");
        service::admin::insert_user(self.server().context(), draft)
            .await
            .expect("user inserted");
        password
    }

    /// Adds intake counters `P1`..`Pn` serving every category, for load and concurrency tests.
    pub async fn add_counters(&self, n: usize) {
        use onetrip_domain::catalog::{Catalog, Counter, CounterCategory, CounterKind};
        use onetrip_domain::{CategoryCode, CounterCode};
        let mut doc = service::catalog::demo_catalog().unwrap().into_doc();
        for i in 1..=n {
            doc.counters.push(Counter {
                code: CounterCode::parse(&format!("P{i}")).unwrap(),
                name: format!("P{i}号窗口"),
                kind: CounterKind::Intake,
                categories: "ABCDE"
                    .chars()
                    .map(|c| CounterCategory {
                        code: CategoryCode::parse(&c.to_string()).unwrap(),
                        weight: 1,
                    })
                    .collect(),
            });
        }
        let catalog = Catalog::from_doc(doc).expect("valid catalog");
        service::catalog::load(self.server().context(), &catalog)
            .await
            .expect("catalog loaded");
    }

    pub async fn login(&self, username: &str, password: &str) -> String {
        let r = self
            .request(Method::POST, "/api/v1/auth/login", None)
            .json(&serde_json::json!({"username": username, "password": password}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "login of {username}");
        r.json::<Value>().await.unwrap()["token"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// A logged-in user with these roles (created on first use).
    pub async fn token_for(&self, username: &str, roles: &[&str]) -> String {
        let department = roles.contains(&"approver").then_some("RSJ");
        let password = self.add_user(username, roles, department).await;
        self.login(username, &password).await
    }

    /// A new token for a user made by `token_for` or `approver` (after the clock moved past
    /// the old token's expiry).
    pub async fn login_again(&self, username: &str) -> String {
        self.login(username, &format!("{username}-password")).await
    }

    /// A logged-in approver of `department` (created on first use).
    pub async fn approver(&self, username: &str, department: &str) -> String {
        let password = self
            .add_user(username, &["approver"], Some(department))
            .await;
        self.login(username, &password).await
    }

    /// POST JSON without a token (public endpoints).
    pub async fn post_json_public(&self, path: &str, body: Value) -> (u16, Value) {
        let r = self
            .request(Method::POST, path, None)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// POST JSON and return the status and the JSON answer.
    pub async fn post_json(&self, path: &str, token: &str, body: Value) -> (u16, Value) {
        let r = self
            .request(Method::POST, path, Some(token))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn device_token(&self, name: &str, role: &str) -> String {
        service::admin::register_device(self.server().context(), name, role)
            .await
            .expect("device registered")
            .token
    }

    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let rb = self.client.request(method, format!("{}{}", self.url, path));
        match token {
            Some(t) => rb.bearer_auth(t),
            None => rb,
        }
    }

    /// GET a JSON answer, asserting success.
    pub async fn get_json(&self, path: &str, token: Option<&str>) -> Value {
        let r = self.request(Method::GET, path, token).send().await.unwrap();
        assert!(r.status().is_success(), "GET {path}: {}", r.status());
        r.json().await.unwrap()
    }

    pub async fn issue(&self, token: &str, category: &str) -> Response {
        self.request(Method::POST, "/api/v1/tickets", Some(token))
            .json(&serde_json::json!({ "category": category }))
            .send()
            .await
            .unwrap()
    }

    /// POST /api/v1/tickets/{id}/{op} with an optional JSON body.
    pub async fn ticket_op(&self, token: &str, id: i64, op: &str, body: Option<Value>) -> Response {
        let rb = self.request(
            Method::POST,
            &format!("/api/v1/tickets/{id}/{op}"),
            Some(token),
        );
        let rb = match body {
            Some(b) => rb.json(&b),
            None => rb,
        };
        rb.send().await.unwrap()
    }

    /// Calls the next ticket and finishes it at once; returns its number, or None if nobody waits.
    pub async fn serve_next(&self, token: &str, counter: &str) -> Option<String> {
        let r = self.call_next(token, counter).await;
        if r.status() == 204 {
            return None;
        }
        assert_eq!(r.status(), 200, "call-next at {counter}");
        let body: Value = r.json().await.unwrap();
        let id = body["ticket"]["id"].as_i64().unwrap();
        let done = self.ticket_op(token, id, "finish", None).await;
        assert_eq!(done.status(), 200, "finish");
        Some(body["ticket"]["number"].as_str().unwrap().to_string())
    }

    /// Calls and finishes tickets at `counter` until nothing has come for 30 tries in a row
    /// (while kiosks may still be issuing); the numbers served, in order.
    pub async fn serve_until_idle(&self, token: &str, counter: &str) -> Vec<String> {
        let mut got = Vec::new();
        let mut idle = 0;
        while idle < 30 {
            match self.serve_next(token, counter).await {
                Some(n) => {
                    idle = 0;
                    got.push(n);
                }
                None => {
                    idle += 1;
                    tokio::time::sleep(std::time::Duration::from_millis(25)).await;
                }
            }
        }
        got
    }

    pub async fn call_next(&self, token: &str, counter: &str) -> Response {
        self.request(
            Method::POST,
            &format!("/api/v1/counters/{counter}/call-next"),
            Some(token),
        )
        .send()
        .await
        .unwrap()
    }
}

/// Asserts an error response: status, code, and a message in Chinese.
pub async fn assert_error(r: Response, status: u16, code: &str) -> Value {
    assert_eq!(r.status().as_u16(), status, "status");
    let body: Value = r.json().await.expect("error body is JSON");
    assert_eq!(body["code"], code, "code in {body}");
    let message = body["message"].as_str().expect("message");
    assert!(
        message
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "message is not Chinese: {message}"
    );
    body
}

/// Every issued number is unique, every category's numbers run 1..=n without a gap, and the
/// called numbers are exactly the issued ones, each once.
pub fn assert_unique_gapless_all_called(issued: &[String], called: &[String]) {
    use std::collections::{HashMap, HashSet};
    assert_eq!(
        issued.iter().collect::<HashSet<_>>().len(),
        issued.len(),
        "duplicate numbers"
    );
    let mut per_category: HashMap<char, Vec<u32>> = HashMap::new();
    for n in issued {
        per_category
            .entry(n.chars().next().unwrap())
            .or_default()
            .push(n[1..].parse().unwrap());
    }
    for (category, mut seqs) in per_category {
        seqs.sort_unstable();
        assert_eq!(
            seqs,
            (1..=seqs.len() as u32).collect::<Vec<_>>(),
            "gap in {category}"
        );
    }
    let (mut a, mut b) = (issued.to_vec(), called.to_vec());
    a.sort();
    b.sort();
    assert_eq!(a, b, "every ticket called exactly once");
}
