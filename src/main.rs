//! The `onetrip` command: run a hall server and administer it.

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};
use onetrip::server::{self, ServerConfig, DEFAULT_TIMEZONE};
use onetrip::service;
use onetrip::service::views::CreateUserRequest;
use onetrip_domain::catalog::Catalog;
use onetrip_domain::clock::{OffsetClock, SystemClock};
use std::io::Read as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "onetrip",
    version,
    about = "只跑一次综合服务大厅 — hall server"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct DbArgs {
    /// Directory for the hall's files; the default database lives here.
    #[arg(long, env = "ONETRIP_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// `sqlite://path/to/hall.db`; defaults to `<data-dir>/hall.db`.
    #[arg(long, env = "DATABASE_URL")]
    database_url: Option<String>,
    /// The hall's time zone: ticket numbers restart at its midnight.
    #[arg(long, env = "ONETRIP_TIMEZONE", default_value = DEFAULT_TIMEZONE)]
    timezone: String,
}

impl DbArgs {
    fn data_dir(&self) -> PathBuf {
        self.data_dir.clone().unwrap_or_else(|| {
            dirs::data_dir()
                .unwrap_or_else(|| PathBuf::from("."))
                .join("onetrip")
        })
    }

    fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| server::sqlite_url(&self.data_dir().join("hall.db")))
    }

    async fn context(&self) -> anyhow::Result<onetrip::context::AppContext> {
        std::fs::create_dir_all(self.data_dir())?;
        server::open_context(&self.database_url(), &self.timezone, Arc::new(SystemClock)).await
    }
}

#[derive(Subcommand)]
enum Command {
    /// Run the hall server.
    Serve {
        #[command(flatten)]
        db: DbArgs,
        /// Address to listen on.
        #[arg(long, env = "ONETRIP_BIND", default_value = "127.0.0.1:8080")]
        bind: SocketAddr,
        /// Load the demo catalog if the hall has no catalog yet.
        #[arg(long)]
        seed_demo: bool,
        /// With --seed-demo, on a fresh hall: also play the last working day (demo-day), so
        /// the statistics and supervision screens have a day to show.
        #[arg(long, env = "ONETRIP_DEMO_DAY", requires = "seed_demo")]
        demo_day: bool,
        /// Where links printed on paper (QR codes) point, e.g. https://hall.example.gov.cn
        #[arg(long, env = "ONETRIP_PUBLIC_URL")]
        public_url: Option<String>,
        /// Log as JSON lines.
        #[arg(long, env = "ONETRIP_LOG_JSON")]
        log_json: bool,
        /// Rehearsal only: start the hall's clock at this instant (RFC 3339, e.g.
        /// 2026-12-01T08:40:00+08:00) and let it tick on — for training and browser tests of
        /// appointment windows, never for a live hall.
        #[arg(long, env = "ONETRIP_CLOCK_START", hide_short_help = true)]
        clock_start: Option<chrono::DateTime<chrono::FixedOffset>>,
    },
    /// Create or update the database schema, then exit.
    Migrate {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Load the demo catalog (or another catalog file) into the hall.
    SeedDemo {
        #[command(flatten)]
        db: DbArgs,
        /// A catalog TOML file instead of the built-in demo catalog.
        #[arg(long)]
        catalog: Option<PathBuf>,
    },
    /// Staff accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Kiosk and display terminals.
    Device {
        #[command(subcommand)]
        command: DeviceCommand,
    },
    /// The keys that seal the hall's documents (kept in <data-dir>/keys).
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// The audit chain (审计链).
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Play a realistic working day in the hall — tickets, calls, cases, approvals, output
    /// and ratings — through the ordinary use cases: for demonstration and training halls,
    /// never a live one. Loads the demo catalog first if the hall has none.
    DemoDay {
        #[command(flatten)]
        db: DbArgs,
        /// The working day to play (default: the last working day before today).
        #[arg(long)]
        date: Option<chrono::NaiveDate>,
        /// Visitors who take a ticket.
        #[arg(long, default_value_t = 180)]
        visitors: usize,
        /// The same seed plays the same day.
        #[arg(long, default_value_t = 2018)]
        seed: u64,
    },
    /// The catalog as an Excel workbook (the template in docs/CATALOG-TEMPLATE.md).
    Catalog {
        #[command(subcommand)]
        command: CatalogCommand,
    },
    /// Print the OpenAPI document.
    Openapi,
}

#[derive(Subcommand)]
enum CatalogCommand {
    /// Write the hall's current catalog (or the demo catalog) to an .xlsx workbook.
    Export {
        #[command(flatten)]
        db: DbArgs,
        /// The workbook to write.
        #[arg(long)]
        out: PathBuf,
        /// The built-in demo catalog instead of the hall's.
        #[arg(long)]
        demo: bool,
    },
    /// Check a filled-in workbook, list every problem by sheet, row and column, and load it
    /// only when there is none.
    Import {
        #[command(flatten)]
        db: DbArgs,
        file: PathBuf,
        /// Check only; load nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check every entry's hash and link; exit 1 naming each edited, inserted or deleted entry.
    Verify {
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand)]
enum KeysCommand {
    /// List the public keys (the current one signs new documents).
    List {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Start signing with a new key; papers sealed before still verify.
    Rotate {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Revoke a retired key (e.g. after a leak): its seals no longer verify as authentic.
    Revoke {
        #[command(flatten)]
        db: DbArgs,
        id: String,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a staff account. The password is read from stdin with --password-stdin,
    /// otherwise a random one is generated and printed once.
    Add {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        username: String,
        #[arg(long)]
        name: String,
        /// clerk, approver, output or admin; repeat for several.
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        /// Department code (required for approvers).
        #[arg(long)]
        department: Option<String>,
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Subcommand)]
enum DeviceCommand {
    /// Register a terminal and print its token once.
    Add {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        name: String,
        /// kiosk or display.
        #[arg(long)]
        role: String,
    },
}

fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,sqlx=warn".into());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve {
            db,
            bind,
            seed_demo,
            demo_day,
            public_url,
            log_json,
            clock_start,
        } => {
            init_logging(log_json);
            let clock: Arc<dyn onetrip_domain::clock::Clock> = match clock_start {
                Some(start) => {
                    tracing::warn!(%start, "rehearsal clock: the hall's time is not the real time");
                    Arc::new(OffsetClock::starting_at(start.with_timezone(&chrono::Utc)))
                }
                None => Arc::new(SystemClock),
            };
            let config = ServerConfig {
                database_url: db.database_url(),
                bind,
                timezone: db.timezone.clone(),
                seed_demo_if_empty: seed_demo,
                data_dir: db.data_dir(),
                public_url,
                demo_day_on_seed: demo_day,
            };
            let running = server::start_with_clock(config, clock).await?;
            println!("onetrip 服务已启动：{}", running.url());
            tokio::select! {
                r = tokio::signal::ctrl_c() => { r?; }
                r = terminate() => { r?; }
            }
            running.shutdown().await;
        }
        Command::Migrate { db } => {
            init_logging(false);
            db.context().await?;
            println!("数据库已是最新结构：{}", db.database_url());
        }
        Command::SeedDemo { db, catalog } => {
            init_logging(false);
            let ctx = db.context().await?;
            let catalog = match catalog {
                Some(path) => {
                    let text = std::fs::read_to_string(&path)
                        .with_context(|| format!("无法读取 {}", path.display()))?;
                    Catalog::parse_toml(&text)?
                }
                None => service::catalog::demo_catalog()?,
            };
            service::catalog::load(&ctx, &catalog).await?;
            let doc = catalog.doc();
            println!(
                "已载入目录 {}：{} 个部门，{} 个事项，{} 个一件事，{} 个窗口",
                doc.version,
                doc.departments.len(),
                doc.matters.len(),
                doc.bundles.len(),
                doc.counters.len()
            );
        }
        Command::User {
            command:
                UserCommand::Add {
                    db,
                    username,
                    name,
                    roles,
                    department,
                    password_stdin,
                },
        } => {
            init_logging(false);
            let ctx = db.context().await?;
            let (password, generated) = if password_stdin {
                let mut s = String::new();
                std::io::stdin().read_to_string(&mut s)?;
                (s.trim_end_matches(['\r', '\n']).to_string(), false)
            } else {
                (service::bootstrap::random_password(), true)
            };
            let req = CreateUserRequest {
                username,
                name,
                password: password.clone(),
                roles,
                department,
            };
            let draft = service::admin::prepare_user(&req).await?;
            let user = service::admin::insert_user(&ctx, draft).await?;
            println!("已创建用户 {}（{}）", user.username, user.roles.join(","));
            if generated {
                println!("初始密码：{password}（只显示这一次）");
            }
        }
        Command::Device {
            command: DeviceCommand::Add { db, name, role },
        } => {
            init_logging(false);
            let ctx = db.context().await?;
            let device = service::admin::register_device(&ctx, &name, &role).await?;
            println!(
                "已登记设备 {}（{}），设备令牌（只显示这一次）：",
                device.name, device.role
            );
            println!("{}", device.token);
        }
        Command::Keys { command } => {
            let (db, action) = match &command {
                KeysCommand::List { db } => (db, None),
                KeysCommand::Rotate { db } => (db, Some(Ok(()))),
                KeysCommand::Revoke { db, id } => (db, Some(Err(id.clone()))),
            };
            let dir = db.data_dir().join("keys");
            match action {
                Some(Ok(())) => {
                    println!("新密钥 {} 已启用", service::seals::Keyring::rotate(&dir)?)
                }
                Some(Err(id)) => {
                    service::seals::Keyring::revoke(&dir, &id)?;
                    println!("密钥 {id} 已吊销");
                }
                None => {}
            }
            for k in service::seals::Keyring::load_or_create(&dir)?.published() {
                let state = match (k.current, k.revoked) {
                    (true, _) => "当前",
                    (_, true) => "已吊销",
                    _ => "已停用",
                };
                println!(
                    "{}  {}  {}  {}",
                    k.id,
                    k.created_at.format("%Y-%m-%d"),
                    state,
                    k.public_key
                );
            }
        }
        Command::Audit {
            command: AuditCommand::Verify { db },
        } => {
            init_logging(false);
            let ctx = db.context().await?;
            let report = service::audit::verify_chain(ctx.store.as_ref()).await?;
            if report.findings.is_empty() {
                println!("审计链完整：{} 条", report.entries);
            } else {
                println!(
                    "审计链被篡改：{} 处问题（读到 {} 条）",
                    report.findings.len(),
                    report.entries
                );
                for f in &report.findings {
                    println!("{}\t{}\t{}", f.seq, f.kind.as_str(), f);
                }
                std::process::exit(1);
            }
        }
        Command::DemoDay {
            db,
            date,
            visitors,
            seed,
        } => {
            init_logging(false);
            let summary = demo_day(&db, date, visitors, seed).await?;
            println!("{}", serde_json::to_string_pretty(&summary)?);
            if !summary.refusals.is_empty() {
                anyhow::bail!("演示日有 {} 个操作被拒绝", summary.refusals.len());
            }
        }
        Command::Catalog { command } => catalog_command(command).await?,
        Command::Openapi => {
            println!("{}", onetrip::http::openapi().to_pretty_json()?);
        }
    }
    Ok(())
}

async fn catalog_command(command: CatalogCommand) -> anyhow::Result<()> {
    use service::catalog::workbook;
    init_logging(false);
    match command {
        CatalogCommand::Export { db, out, demo } => {
            let doc = if demo {
                service::catalog::demo_catalog()?.doc().clone()
            } else {
                let ctx = db.context().await?;
                let mut tx = ctx.store.begin_read().await?;
                tx.catalog_document()
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("大厅还没有清单目录，可先执行 seed-demo"))?
            };
            std::fs::write(&out, workbook::export(&doc)?)
                .with_context(|| format!("无法写入 {}", out.display()))?;
            println!(
                "已导出目录 {}：{} 个事项，{} 个一件事 → {}",
                doc.version,
                doc.matters.len(),
                doc.bundles.len(),
                out.display()
            );
        }
        CatalogCommand::Import { db, file, dry_run } => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("无法读取 {}", file.display()))?;
            let catalog = match workbook::import(&bytes) {
                Ok(c) => c,
                Err(problems) => {
                    for p in &problems {
                        println!(
                            "{}\t第 {} 行\t{}\t{}",
                            p.sheet,
                            p.row,
                            p.column.as_deref().unwrap_or(""),
                            p.message
                        );
                    }
                    anyhow::bail!("工作簿有 {} 处问题，未导入任何内容", problems.len());
                }
            };
            let doc = catalog.doc();
            println!(
                "检查通过：目录 {}，{} 个部门，{} 个事项，{} 个一件事，{} 个窗口",
                doc.version,
                doc.departments.len(),
                doc.matters.len(),
                doc.bundles.len(),
                doc.counters.len()
            );
            if !dry_run {
                let ctx = db.context().await?;
                service::catalog::load(&ctx, &catalog).await?;
                println!("已载入");
            }
        }
    }
    Ok(())
}

async fn demo_day(
    db: &DbArgs,
    date: Option<chrono::NaiveDate>,
    visitors: usize,
    seed: u64,
) -> anyhow::Result<service::demo::DaySummary> {
    std::fs::create_dir_all(db.data_dir())?;
    let clock = Arc::new(onetrip_domain::clock::FixedClock::new(chrono::Utc::now()));
    let mut ctx = server::open_context(&db.database_url(), &db.timezone, clock.clone()).await?;
    ctx.seals = Arc::new(service::seals::Keyring::load_or_create(
        &db.data_dir().join("keys"),
    )?);
    let catalog = service::catalog::demo_catalog()?;
    service::catalog::load_if_empty(&ctx, &catalog).await?;
    // A fresh hall gets its `admin` first, as `serve` would give it (the demo's messages are
    // handled by the hall's admin).
    let preset = std::env::var("ONETRIP_ADMIN_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty());
    if let Some(password) = service::bootstrap::ensure_admin(&ctx, preset.clone()).await? {
        if preset.is_none() {
            println!("已创建管理员账号 admin，初始密码：{password}（只显示这一次）");
        }
    }
    let date =
        date.unwrap_or_else(|| service::demo::previous_working_day(&ctx, ctx.today().date()));
    let day = service::demo::DemoDay {
        date,
        visitors,
        seed,
    };
    println!("正在演练 {date}：{visitors} 位来访者……");
    Ok(service::demo::play(&ctx, &clock, &day).await?)
}

#[cfg(unix)]
async fn terminate() -> std::io::Result<()> {
    let mut s = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    s.recv().await;
    Ok(())
}

#[cfg(not(unix))]
async fn terminate() -> std::io::Result<()> {
    std::future::pending().await
}
