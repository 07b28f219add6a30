//! `onetrip keys …`: the keys that seal the hall's documents.

use super::DbArgs;
use clap::Subcommand;
use onetrip::service::seals::Keyring;

#[derive(Subcommand)]
pub enum KeysCommand {
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

pub fn run(command: KeysCommand) -> anyhow::Result<()> {
    let (db, action) = match &command {
        KeysCommand::List { db } => (db, None),
        KeysCommand::Rotate { db } => (db, Some(Ok(()))),
        KeysCommand::Revoke { db, id } => (db, Some(Err(id.clone()))),
    };
    let dir = db.data_dir().join("keys");
    match action {
        Some(Ok(())) => {
            println!("新密钥 {} 已启用", Keyring::rotate(&dir)?)
        }
        Some(Err(id)) => {
            Keyring::revoke(&dir, &id)?;
            println!("密钥 {id} 已吊销");
        }
        None => {}
    }
    for k in Keyring::load_or_create(&dir)?.published() {
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
    Ok(())
}
