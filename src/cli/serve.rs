//! `onetrip serve`: run the hall server until Ctrl-C or SIGTERM.

use super::{init_logging, DbArgs};
use clap::Args;
use onetrip::server::{self, ServerConfig};
use onetrip_domain::clock::{Clock, OffsetClock, SystemClock};
use std::net::SocketAddr;
use std::sync::Arc;

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
    } = args;
    init_logging(log_json);
    let clock: Arc<dyn Clock> = match clock_start {
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
