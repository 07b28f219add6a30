//! `onetrip user …`: staff accounts.

use super::{init_logging, DbArgs};
use clap::Subcommand;
use onetrip::service;
use onetrip::service::views::CreateUserRequest;
use std::io::Read as _;

#[derive(Subcommand)]
pub enum UserCommand {
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

pub async fn run(command: UserCommand) -> anyhow::Result<()> {
    let UserCommand::Add {
        db,
        username,
        name,
        roles,
        department,
        password_stdin,
    } = command;
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
    Ok(())
}
