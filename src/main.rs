//! The `onetrip` command: run a hall server and administer it. The subcommands live in
//! `cli/`; this file only dispatches.

mod cli;

use clap::Parser;
use cli::{Cli, Command};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Serve(args) => cli::serve::run(args).await,
        Command::Migrate { db } => cli::hall::migrate(db).await,
        Command::SeedDemo { db, catalog } => cli::hall::seed_demo(db, catalog).await,
        Command::User { command } => cli::users::run(command).await,
        Command::Device { command } => cli::devices::run(command).await,
        Command::Keys { command } => cli::keys::run(command),
        Command::Audit { command } => cli::audit::run(command).await,
        Command::DemoDay(args) => cli::demo_day::run(args).await,
        Command::Catalog { command } => cli::catalog::run(command).await,
        Command::Backup(args) => cli::backup::backup(args).await,
        Command::Restore(args) => cli::backup::restore(args).await,
        Command::Openapi => {
            println!("{}", onetrip::http::openapi().to_pretty_json()?);
            Ok(())
        }
    }
}
