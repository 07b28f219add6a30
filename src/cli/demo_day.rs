//! `onetrip demo-day`: play a realistic working day in a demonstration hall.

use super::{init_logging, DbArgs};
use clap::Args;
use onetrip::server;
use onetrip::service;
use std::sync::Arc;

#[derive(Args)]
pub struct DemoDayArgs {
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
}

pub async fn run(args: DemoDayArgs) -> anyhow::Result<()> {
    init_logging(false);
    let summary = demo_day(&args.db, args.date, args.visitors, args.seed).await?;
    println!("{}", serde_json::to_string_pretty(&summary)?);
    if !summary.refusals.is_empty() {
        anyhow::bail!("演示日有 {} 个操作被拒绝", summary.refusals.len());
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
