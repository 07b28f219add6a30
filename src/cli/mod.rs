//! The `onetrip` command's arguments (clap) and one module per group of subcommands.

pub mod audit;
pub mod backup;
pub mod catalog;
pub mod demo_day;
pub mod devices;
pub mod hall;
pub mod keys;
pub mod serve;
pub mod users;

use clap::{Args, Parser, Subcommand};
use onetrip::server::{self, DEFAULT_TIMEZONE};
use onetrip_domain::clock::SystemClock;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "onetrip",
    version,
    about = "只跑一次综合服务大厅 — hall server"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Clone)]
pub struct DbArgs {
    /// Directory for the hall's files; the default database lives here.
    #[arg(long, env = "ONETRIP_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// `sqlite://path/to/hall.db`; defaults to `<data-dir>/hall.db`.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,
    /// The hall's time zone: ticket numbers restart at its midnight.
    #[arg(long, env = "ONETRIP_TIMEZONE", default_value = DEFAULT_TIMEZONE)]
    pub timezone: String,
}

impl DbArgs {
    pub fn data_dir(&self) -> PathBuf {
        self.data_dir.clone().unwrap_or_else(|| {
            dirs::data_dir()
                .unwrap_or_else(|| PathBuf::from("."))
                .join("onetrip")
        })
    }

    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| server::sqlite_url(&self.data_dir().join("hall.db")))
    }

    pub async fn context(&self) -> anyhow::Result<onetrip::context::AppContext> {
        std::fs::create_dir_all(self.data_dir())?;
        server::open_context(&self.database_url(), &self.timezone, Arc::new(SystemClock)).await
    }
}

#[derive(Subcommand)]
pub enum Command {
    /// Run the hall server.
    Serve(serve::ServeArgs),
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
        command: users::UserCommand,
    },
    /// Kiosk and display terminals.
    Device {
        #[command(subcommand)]
        command: devices::DeviceCommand,
    },
    /// The keys that seal the hall's documents (kept in <data-dir>/keys).
    Keys {
        #[command(subcommand)]
        command: keys::KeysCommand,
    },
    /// The audit chain (审计链).
    Audit {
        #[command(subcommand)]
        command: audit::AuditCommand,
    },
    /// Play a realistic working day in the hall — tickets, calls, cases, approvals, output
    /// and ratings — through the ordinary use cases: for demonstration and training halls,
    /// never a live one. Loads the demo catalog first if the hall has none.
    DemoDay(demo_day::DemoDayArgs),
    /// The catalog as an Excel workbook (the template in docs/CATALOG-TEMPLATE.md).
    Catalog {
        #[command(subcommand)]
        command: catalog::CatalogCommand,
    },
    /// Copy a live SQLite hall's database into a backup file while it keeps serving.
    Backup(backup::BackupArgs),
    /// Bring a backup back as the hall's SQLite database (with the server stopped).
    Restore(backup::RestoreArgs),
    /// Print the OpenAPI document.
    Openapi,
}

pub fn init_logging(json: bool) {
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
