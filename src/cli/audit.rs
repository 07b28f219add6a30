//! `onetrip audit …`: the audit chain (审计链).

use super::{init_logging, DbArgs};
use clap::Subcommand;
use onetrip::service;

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check every entry's hash and link; exit 1 naming each edited, inserted or deleted entry.
    Verify {
        #[command(flatten)]
        db: DbArgs,
    },
}

pub async fn run(command: AuditCommand) -> anyhow::Result<()> {
    let AuditCommand::Verify { db } = command;
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
    Ok(())
}
