//! `onetrip serve`: run the hall server until Ctrl-C or SIGTERM.

use super::{init_logging, DbArgs};
use clap::Args;
use onetrip::server::{self, ServerConfig};
use onetrip::service::backup;
use onetrip_domain::clock::{Clock, OffsetClock, SystemClock};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

#[derive(Args)]
pub struct ServeArgs {
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
    /// Where scheduled backups go (SQLite only); defaults to <data-dir>/backups.
    #[arg(long, env = "ONETRIP_BACKUP_DIR")]
    backup_dir: Option<PathBuf>,
    /// Write a backup onetrip-YYYYMMDD-HHMMSS.db every N minutes; 0 turns it off.
    #[arg(long, env = "ONETRIP_BACKUP_EVERY_MINUTES", default_value_t = 0)]
    backup_every_minutes: u64,
    /// How many scheduled backups to keep; older ones (only files named like them) are
    /// deleted.
    #[arg(long, env = "ONETRIP_BACKUP_KEEP", default_value_t = 7,
          value_parser = clap::value_parser!(u32).range(1..))]
    backup_keep: u32,
}

pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let ServeArgs {
        db,
        bind,
        seed_demo,
        demo_day,
        public_url,
        log_json,
        clock_start,
        backup_dir,
        backup_every_minutes,
        backup_keep,
    } = args;
    init_logging(log_json);
    let clock: Arc<dyn Clock> = match clock_start {
        Some(start) => {
            tracing::warn!(%start, "rehearsal clock: the hall's time is not the real time");
            Arc::new(OffsetClock::starting_at(start.with_timezone(&chrono::Utc)))
        }
        None => Arc::new(SystemClock),
    };
    let schedule = (backup_every_minutes > 0).then(|| backup::Schedule {
        dir: backup_dir.unwrap_or_else(|| db.data_dir().join("backups")),
        every: Duration::from_secs(backup_every_minutes * 60),
        keep: backup_keep as usize,
    });
    if schedule.is_some() && backup::sqlite_path(&db.database_url()).is_none() {
        anyhow::bail!(
            "定时备份只适用于 SQLite 数据库。{}",
            onetrip::store::PG_BACKUP_HINT
        );
    }
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
    let schedule = schedule.map(|s| {
        tracing::info!(dir = %s.dir.display(), every_minutes = backup_every_minutes,
            keep = s.keep, "scheduled backups on");
        backup::spawn_schedule(running.context().clone(), s)
    });
    tokio::select! {
        r = tokio::signal::ctrl_c() => { r?; }
        r = terminate() => { r?; }
    }
    if let Some(task) = schedule {
        task.abort();
    }
    running.shutdown().await;
    Ok(())
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
