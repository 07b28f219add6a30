//! `onetrip device …`: kiosk and display terminals.

use super::{init_logging, DbArgs};
use clap::Subcommand;
use onetrip::service;

#[derive(Subcommand)]
pub enum DeviceCommand {
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

pub async fn run(command: DeviceCommand) -> anyhow::Result<()> {
    let DeviceCommand::Add { db, name, role } = command;
    init_logging(false);
    let ctx = db.context().await?;
    let device = service::admin::register_device(&ctx, &name, &role).await?;
    println!(
        "已登记设备 {}（{}），设备令牌（只显示这一次）：",
        device.name, device.role
    );
    println!("{}", device.token);
    Ok(())
}
