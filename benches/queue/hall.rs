//! A hall to measure: the catalog, the server (or servers) on a fresh database, the terminals.

use crate::*;

/// The demo catalog plus intake counters P1..Pn serving every category with weight 1.
pub(crate) fn bench_catalog(extra: usize) -> Catalog {
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
pub(crate) struct Terminal {
    pub(crate) client: Client,
    /// The instance this terminal talks to.
    pub(crate) url: String,
    pub(crate) kiosk: String,
    pub(crate) clerk: String,
    pub(crate) counter: String,
}

pub(crate) struct Hall {
    pub(crate) dir: TempDir,
    pub(crate) config: ServerConfig,
    pub(crate) servers: Vec<RunningServer>,
    pub(crate) terminals: Vec<Terminal>,
}

pub(crate) async fn create_postgres_database(admin: &str) -> String {
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

pub(crate) fn new_client() -> Client {
    Client::builder()
        .pool_max_idle_per_host(4)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(60))
        .build()
        .expect("HTTP client")
}

pub(crate) async fn expect_ok(r: reqwest::Response, what: &str) -> Value {
    let status = r.status();
    let text = r.text().await.unwrap_or_default();
    assert!(status.is_success(), "{what}: {status} {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

pub(crate) async fn start_hall(settings: &Settings, clients: usize, catalog: &Catalog) -> Hall {
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
