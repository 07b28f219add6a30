//! What a hall needs on its first start: an admin, and for the standalone desktop app,
//! credentials for its own windows.

use super::admin::{insert_user, prepare_user};
use super::auth::{issue_device_token, issue_session};
use super::views::CreateUserRequest;
use crate::context::AppContext;
use crate::error::AppResult;
use onetrip_domain::Role;
use rand::distributions::{Alphanumeric, DistString};

pub fn random_password() -> String {
    Alphanumeric.sample_string(&mut rand::thread_rng(), 16)
}

/// Creates the `admin` account when the hall has no admin yet. Returns the password it set,
/// so the caller can show it once.
pub async fn ensure_admin(ctx: &AppContext, password: Option<String>) -> AppResult<Option<String>> {
    {
        let mut tx = ctx.store.begin_read().await?;
        if tx.count_users_with_role(Role::Admin).await? > 0 {
            return Ok(None);
        }
    }
    let password = password.unwrap_or_else(random_password);
    let draft = prepare_user(&CreateUserRequest {
        username: "admin".into(),
        name: "系统管理员".into(),
        password: password.clone(),
        roles: vec!["admin".into()],
        department: None,
    })
    .await?;
    insert_user(ctx, draft).await?;
    Ok(Some(password))
}

#[derive(Debug, Clone)]
pub struct WindowCredentials {
    pub kiosk_token: String,
    pub display_token: String,
    pub counter_session: String,
}

const STANDALONE_KIOSK: &str = "本机自助终端";
const STANDALONE_DISPLAY: &str = "本机叫号屏";
const STANDALONE_CLERK: &str = "counter";

/// For the standalone desktop app: the person who runs a single-machine hall owns it, so its
/// windows open signed in. Tokens of the previous start are revoked; nothing accumulates.
pub async fn standalone_credentials(ctx: &AppContext) -> AppResult<WindowCredentials> {
    let clerk_draft = {
        let mut tx = ctx.store.begin_read().await?;
        match tx.find_user_by_username(STANDALONE_CLERK).await? {
            Some(_) => None,
            None => Some(
                prepare_user(&CreateUserRequest {
                    username: STANDALONE_CLERK.into(),
                    name: "本机综合窗口".into(),
                    password: random_password(),
                    roles: vec!["clerk".into()],
                    department: None,
                })
                .await?,
            ),
        }
    };
    if let Some(draft) = clerk_draft {
        insert_user(ctx, draft).await?;
    }

    let now = ctx.clock.now();
    let mut tx = ctx.store.begin_write().await?;
    let mut tokens = Vec::new();
    for (name, role) in [
        (STANDALONE_KIOSK, Role::Kiosk),
        (STANDALONE_DISPLAY, Role::Display),
    ] {
        let device = match tx.find_device_by_name(name).await? {
            Some(d) => {
                tx.revoke_device_tokens(d.id, now).await?;
                d
            }
            None => tx.insert_device(name, role, now).await?,
        };
        tokens.push(issue_device_token(ctx, tx.as_mut(), device.id).await?);
    }
    let clerk = tx
        .find_user_by_username(STANDALONE_CLERK)
        .await?
        .ok_or_else(|| {
            crate::error::AppError::internal(anyhow::anyhow!("standalone clerk missing"))
        })?;
    let counter_session = issue_session(ctx, tx.as_mut(), clerk.id).await?;
    tx.commit().await?;
    let display_token = tokens.pop().unwrap_or_default();
    let kiosk_token = tokens.pop().unwrap_or_default();
    Ok(WindowCredentials {
        kiosk_token,
        display_token,
        counter_session,
    })
}
