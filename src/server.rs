//! Starting and stopping a hall server.

use crate::context::{AppContext, HallSettings, Halls};
use crate::events::EventBus;
use crate::service;
use anyhow::Context as _;
use chrono_tz::Tz;
use onetrip_domain::clock::{Clock, SystemClock};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub const DEFAULT_TIMEZONE: &str = "Asia/Shanghai";
pub const DEFAULT_HALL_NAME: &str = "只跑一次综合服务大厅";

/// Everything a hall server needs to start.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// `sqlite://path/to/hall.db`, or `postgres://user@host/db` for several instances.
    pub database_url: String,
    /// Where to listen; port 0 picks a free port.
    pub bind: SocketAddr,
    /// The hall's time zone, e.g. `Asia/Shanghai`: ticket numbers restart at its midnight.
    pub timezone: String,
    /// Load the demo catalog when the database has no catalog yet.
    pub seed_demo_if_empty: bool,
    /// Directory for files the hall keeps beside its database (keys, backups).
    pub data_dir: PathBuf,
    /// Where links printed on paper point; defaults to the address terminals use.
    pub public_url: Option<String>,
    /// Demonstration halls: right after the demo catalog is first loaded, play the last
    /// working day (`onetrip demo-day`), so every screen has a day of activity to show.
    pub demo_day_on_seed: bool,
}

impl ServerConfig {
    /// A standalone hall keeping its SQLite file in `data_dir`.
    pub fn standalone(data_dir: PathBuf) -> Self {
        Self {
            database_url: sqlite_url(&data_dir.join("hall.db")),
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            timezone: DEFAULT_TIMEZONE.into(),
            seed_demo_if_empty: true,
            data_dir,
            public_url: None,
            demo_day_on_seed: false,
        }
    }
}

pub fn sqlite_url(path: &std::path::Path) -> String {
    format!("sqlite://{}", path.display())
}

/// A running server. Dropping it does not stop it; call [`RunningServer::shutdown`].
pub struct RunningServer {
    pub addr: SocketAddr,
    ctx: AppContext,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl RunningServer {
    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn context(&self) -> &AppContext {
        &self.ctx
    }

    /// Stops accepting, lets requests in flight finish, and waits for the server to end.
    pub async fn shutdown(self) {
        self.ctx.events.close();
        let _ = self.stop.send(());
        let _ = self.task.await;
    }

    /// Serves until the task ends (it ends only on error or shutdown).
    pub async fn wait(self) -> anyhow::Result<()> {
        self.task.await??;
        Ok(())
    }
}

pub use service::bootstrap::WindowCredentials;

/// Opens the store, migrates it and builds the context every use case runs with.
pub async fn open_context(
    database_url: &str,
    timezone: &str,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<AppContext> {
    open_context_with(database_url, timezone, None, clock).await
}

pub async fn open_context_with(
    database_url: &str,
    timezone: &str,
    public_url: Option<String>,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<AppContext> {
    let timezone: Tz = timezone
        .parse()
        .map_err(|_| anyhow::anyhow!("未知的时区“{timezone}”，例如 Asia/Shanghai"))?;
    if let Some(path) = database_url.strip_prefix("sqlite://") {
        if let Some(parent) = std::path::Path::new(path).parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("无法创建数据库目录 {}", parent.display()))?;
            }
        }
    }
    let store = onetrip_store::connect(database_url).await?;
    store.migrate().await.context("数据库迁移失败")?;
    let last_event = store.begin_read().await?.last_event_id().await?;
    let store_for_calendar = store.clone();
    let saved_settings = service::hall::stored(store.as_ref()).await?;
    let ctx = AppContext {
        events: EventBus::start(store.clone(), last_event),
        store,
        clock,
        halls: Halls::new(HallSettings {
            name: DEFAULT_HALL_NAME.into(),
            timezone,
            public_url: public_url.map(|u| u.trim_end_matches('/').to_string()),
            queue: Default::default(),
            appointments: Default::default(),
            cases: Default::default(),
            ratings: Default::default(),
            messages: Default::default(),
        }),
        seals: Arc::new(service::seals::Keyring::ephemeral()),
        calendars: crate::context::Calendars::new(
            service::calendar::stored_calendar(store_for_calendar.as_ref()).await?,
        ),
        login_limit: Default::default(),
    };
    // What an admin saved wins over the command line's first values.
    if let Some(v) = saved_settings {
        ctx.set_hall(service::hall::applied(&ctx.hall(), &v));
    }
    Ok(ctx)
}

/// Migrates the database, creates the first admin if there is none (printing its password
/// once; `ONETRIP_ADMIN_PASSWORD` sets it instead), seeds the demo catalog when asked, and
/// starts serving.
pub async fn start(config: ServerConfig) -> anyhow::Result<RunningServer> {
    start_with_clock(config, Arc::new(SystemClock)).await
}

pub async fn start_with_clock(
    config: ServerConfig,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<RunningServer> {
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("无法创建数据目录 {}", config.data_dir.display()))?;
    let mut ctx = open_context_with(
        &config.database_url,
        &config.timezone,
        config.public_url.clone(),
        clock,
    )
    .await?;
    ctx.seals = Arc::new(service::seals::Keyring::load_or_create(
        &config.data_dir.join("keys"),
    )?);
    let mut demo_day_due = false;
    if config.seed_demo_if_empty {
        let catalog = service::catalog::demo_catalog()?;
        if service::catalog::load_if_empty(&ctx, &catalog).await? {
            tracing::info!(version = %catalog.doc().version, "loaded the demo catalog");
            demo_day_due = config.demo_day_on_seed;
        }
    }
    let preset = std::env::var("ONETRIP_ADMIN_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty());
    let from_env = preset.is_some();
    if let Some(password) = service::bootstrap::ensure_admin(&ctx, preset).await? {
        if from_env {
            println!("首次启动：已创建管理员账号 admin，密码取自 ONETRIP_ADMIN_PASSWORD。");
        } else {
            println!(
                "首次启动：已创建管理员账号 admin，初始密码：{password}\n\
                 （只显示这一次，请妥善保管）"
            );
        }
    }
    // After the admin exists: the demo's messages are handled by the hall's own admin.
    if demo_day_due {
        play_demo_day(&ctx).await?;
    }
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("无法监听 {}", config.bind))?;
    let addr = listener.local_addr()?;
    service::cases::watcher::spawn(ctx.clone());
    service::calendar::follow_loads(ctx.clone());
    service::hall::follow_changes(ctx.clone());
    let app = crate::http::router(ctx.clone());
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        // The client's address feeds the log-in limit (service::login_limit).
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            let _ = stopped.await;
        })
        .await
    });
    tracing::info!(%addr, backend = ctx.store.backend(), "hall server listening");
    Ok(RunningServer {
        addr,
        ctx,
        stop,
        task,
    })
}

/// For the standalone desktop app only: mint the credentials of its own windows.
pub async fn standalone_window_credentials(
    server: &RunningServer,
) -> anyhow::Result<WindowCredentials> {
    Ok(service::bootstrap::standalone_credentials(&server.ctx).await?)
}

/// The last working day, played on a clock of its own over the same store and event bus.
async fn play_demo_day(ctx: &AppContext) -> anyhow::Result<()> {
    let clock = Arc::new(onetrip_domain::clock::FixedClock::new(ctx.clock.now()));
    let demo_ctx = AppContext {
        clock: clock.clone(),
        ..ctx.clone()
    };
    let day = service::demo::DemoDay {
        date: service::demo::previous_working_day(ctx, ctx.today().date()),
        visitors: 180,
        seed: 2018,
    };
    let summary = service::demo::play(&demo_ctx, &clock, &day).await?;
    tracing::info!(date = %day.date, tickets = summary.tickets, cases = summary.cases_accepted,
        refusals = summary.refusals.len(), "played a demo day");
    Ok(())
}
