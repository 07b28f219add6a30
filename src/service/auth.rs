//! Staff log-in, device tokens, and who is behind a bearer token.

use super::views::{LoginResponse, MeView, UserView};
use crate::context::AppContext;
use crate::error::{AppError, AppResult, ErrorCode};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use chrono::Duration;
use onetrip_domain::Role;
use onetrip_store::{NewToken, PrincipalRow, TokenOwner, Tx};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::net::IpAddr;

/// How long a staff session lasts: one working day and some.
pub const SESSION_HOURS: i64 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalId {
    User(i64),
    Device(i64),
}

/// Whoever is making the request: a staff member or a paired device.
#[derive(Debug, Clone)]
pub struct Principal {
    pub id: PrincipalId,
    pub username: Option<String>,
    pub name: String,
    pub roles: Vec<Role>,
    pub department: Option<String>,
}

impl Principal {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Every use case checks its roles here, on the server; hiding a button is not security.
    pub fn require_any(&self, roles: &[Role]) -> AppResult<()> {
        if roles.iter().any(|r| self.has(*r)) {
            Ok(())
        } else {
            Err(AppError::forbidden())
        }
    }

    pub fn is_staff(&self) -> bool {
        matches!(self.id, PrincipalId::User(_))
    }

    /// Scopes idempotency keys: two kiosks may pick the same key without clashing.
    pub fn issuer_key(&self) -> String {
        match self.id {
            PrincipalId::User(id) => format!("user:{id}"),
            PrincipalId::Device(id) => format!("device:{id}"),
        }
    }

    pub fn me(&self) -> MeView {
        MeView {
            kind: if self.is_staff() { "user" } else { "device" }.into(),
            username: self.username.clone(),
            name: self.name.clone(),
            roles: self.roles.iter().map(|r| r.as_str().to_string()).collect(),
            department: self.department.clone(),
        }
    }
}

impl From<PrincipalRow> for Principal {
    fn from(row: PrincipalRow) -> Self {
        match row {
            PrincipalRow::User(u) => Principal {
                id: PrincipalId::User(u.id),
                username: Some(u.username),
                name: u.name,
                roles: u.roles,
                department: u.department,
            },
            PrincipalRow::Device(d) => Principal {
                id: PrincipalId::Device(d.id),
                username: None,
                name: d.name,
                roles: vec![d.role],
                department: None,
            },
        }
    }
}

/// A fresh random bearer token and the digest the store keeps of it.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))
}

pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of nothing in particular, checked when the username is unknown so that a wrong
/// username costs as long as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("onetrip-decoy").expect("argon2 works"))
}

pub fn check_password_rules(password: &str) -> AppResult<()> {
    let n = password.chars().count();
    if !(8..=128).contains(&n) {
        return Err(AppError::invalid("密码长度须为 8–128 个字符"));
    }
    Ok(())
}

/// Log-in from `client` (the caller's address, when known). Too many recent failures for the
/// account or from the address refuse the attempt without checking the password
/// (`429 rate_limited`, see [`super::login_limit`]).
pub async fn login(
    ctx: &AppContext,
    username: &str,
    password: &str,
    client: Option<IpAddr>,
) -> AppResult<LoginResponse> {
    ctx.login_limit
        .check(username, client, ctx.clock.now())
        .map_err(|blocked| AppError {
            code: ErrorCode::RateLimited,
            message: blocked.message(),
            source: Some(blocked.into()),
        })?;
    // The slow password check runs outside any transaction: holding the single writer during
    // argon2 would stall every counter in the hall while a clerk logs in.
    let user = ctx
        .store
        .begin_read()
        .await?
        .find_user_by_username(username.trim())
        .await?;
    let candidate = user
        .as_ref()
        .filter(|u| !u.disabled)
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| decoy_hash().to_string());
    let password = password.to_string();
    let ok = tokio::task::spawn_blocking(move || verify_password(&candidate, &password))
        .await
        .map_err(AppError::internal)?;
    let user = match user {
        Some(u) if ok && !u.disabled => u,
        _ => {
            ctx.login_limit.failed(username, client, ctx.clock.now());
            return Err(AppError::new(
                ErrorCode::Unauthenticated,
                "用户名或密码不正确",
            ));
        }
    };
    ctx.login_limit.succeeded(username);
    let now = ctx.clock.now();
    let expires_at = now + Duration::hours(SESSION_HOURS);
    let (token, hash) = new_token();
    let mut tx = ctx.store.begin_write().await?;
    tx.insert_token(&NewToken {
        token_hash: hash,
        owner: TokenOwner::User(user.id),
        created_at: now,
        expires_at: Some(expires_at),
    })
    .await?;
    tx.commit().await?;
    Ok(LoginResponse {
        token,
        expires_at,
        user: UserView::from(&user),
    })
}

pub async fn authenticate(ctx: &AppContext, token: &str) -> AppResult<Principal> {
    if token.is_empty() || token.len() > 256 {
        return Err(AppError::unauthenticated());
    }
    let mut tx = ctx.store.begin_read().await?;
    let row = tx
        .find_principal_by_token(&token_hash(token), ctx.clock.now())
        .await?;
    row.map(Principal::from).ok_or_else(|| {
        AppError::new(
            ErrorCode::Unauthenticated,
            "登录已过期或令牌无效，请重新登录",
        )
    })
}

pub async fn logout(ctx: &AppContext, who: &Principal, token: &str) -> AppResult<()> {
    let mut tx = ctx.store.begin_write().await?;
    tx.revoke_token(&token_hash(token), ctx.clock.now()).await?;
    if let PrincipalId::User(id) = who.id {
        super::counters::release_on_logout(ctx, tx.as_mut(), id).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Issues a session token for `user_id` inside the caller's transaction.
pub(crate) async fn issue_session(
    ctx: &AppContext,
    tx: &mut dyn Tx,
    user_id: i64,
) -> AppResult<String> {
    let now = ctx.clock.now();
    let (token, hash) = new_token();
    tx.insert_token(&NewToken {
        token_hash: hash,
        owner: TokenOwner::User(user_id),
        created_at: now,
        expires_at: Some(now + Duration::hours(SESSION_HOURS)),
    })
    .await?;
    Ok(token)
}

/// Issues a device token (no expiry; revoked by an admin) inside the caller's transaction.
pub(crate) async fn issue_device_token(
    ctx: &AppContext,
    tx: &mut dyn Tx,
    device_id: i64,
) -> AppResult<String> {
    let (token, hash) = new_token();
    tx.insert_token(&NewToken {
        token_hash: hash,
        owner: TokenOwner::Device(device_id),
        created_at: ctx.clock.now(),
        expires_at: None,
    })
    .await?;
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_against_their_own_hash() {
        let h = hash_password("正确的密码123").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(&h, "正确的密码123"));
        assert!(!verify_password(&h, "错误的密码123"));
        assert!(!verify_password("not a hash", "x"));
    }

    #[test]
    fn tokens_are_random_and_stored_only_as_digests() {
        let (a, ha) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(ha, token_hash(&a));
        assert!(!ha.contains(&a));
    }
}
