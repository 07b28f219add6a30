//! Changing staff accounts (issue 9, hall set-up): name, roles, department, disabling, and a
//! new password. Each change is one transaction that also records the account before and
//! after in the audit chain (`user_changed`, `user_password_reset`), never the password.

use super::admin::parse_staff_roles;
use super::auth::hash_password;
use super::views::UserView;
use super::{bootstrap, Principal, PrincipalId};
use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use onetrip_domain::Role;
use onetrip_store::{Audience, NewEvent, Tx, UserRow};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

/// The fields to change; those left out stay as they are.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    pub name: Option<String>,
    /// Any of `clerk`, `approver`, `output`, `admin`.
    pub roles: Option<Vec<String>>,
    /// A department code; an empty string removes it (not for approvers).
    pub department: Option<String>,
    /// A disabled account cannot log in; its sessions end at once.
    pub disabled: Option<bool>,
}

/// A new password, shown once.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PasswordReset {
    pub user: UserView,
    /// Give it to the staff member; the server keeps only its hash.
    pub password: String,
}

fn me(who: &Principal) -> AppResult<i64> {
    who.require_any(&[Role::Admin])?;
    match who.id {
        PrincipalId::User(id) => Ok(id),
        PrincipalId::Device(_) => Err(AppError::forbidden()),
    }
}

async fn load(tx: &mut dyn Tx, id: i64) -> AppResult<UserRow> {
    tx.get_user(id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("没有编号为 {id} 的人员")))
}

/// What the audit keeps of an account: everything but the password hash.
fn audited(u: &UserRow) -> serde_json::Value {
    json!({
        "name": u.name,
        "roles": u.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
        "department": u.department,
        "disabled": u.disabled,
    })
}

async fn apply(tx: &mut dyn Tx, user: &mut UserRow, req: UpdateUserRequest) -> AppResult<()> {
    if let Some(name) = req.name {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 50 {
            return Err(AppError::invalid("姓名须为 1–50 个字符"));
        }
        user.name = name.to_string();
    }
    if let Some(roles) = req.roles {
        user.roles = parse_staff_roles(&roles)?;
    }
    if let Some(d) = req.department {
        let d = d.trim();
        user.department = if d.is_empty() {
            None
        } else if tx.department_exists(d).await? {
            Some(d.to_string())
        } else {
            return Err(AppError::invalid(format!("没有代码为“{d}”的部门")));
        };
    }
    if let Some(disabled) = req.disabled {
        user.disabled = disabled;
    }
    if user.roles.contains(&Role::Approver) && user.department.is_none() {
        return Err(AppError::invalid("审批人员须指定所属部门"));
    }
    Ok(())
}

/// An admin cannot lock themselves out, and the hall always keeps one enabled admin.
async fn keep_an_admin(
    tx: &mut dyn Tx,
    me: i64,
    before: &UserRow,
    after: &UserRow,
) -> AppResult<()> {
    let was_admin = before.roles.contains(&Role::Admin) && !before.disabled;
    let is_admin = after.roles.contains(&Role::Admin) && !after.disabled;
    if after.id == me && after.disabled {
        return Err(AppError::invalid("不能停用自己的账号"));
    }
    if after.id == me && !is_admin {
        return Err(AppError::invalid("不能取消自己的管理员角色"));
    }
    if was_admin && !is_admin && tx.count_users_with_role(Role::Admin).await? <= 1 {
        return Err(AppError::invalid("大厅至少要保留一个启用的管理员账号"));
    }
    Ok(())
}

/// `PATCH /api/v1/users/{id}`.
pub async fn update(
    ctx: &AppContext,
    who: &Principal,
    id: i64,
    req: UpdateUserRequest,
) -> AppResult<UserView> {
    let me = me(who)?;
    let now = ctx.clock.now();
    let mut tx = ctx.store.begin_write().await?;
    let before = load(tx.as_mut(), id).await?;
    let mut user = before.clone();
    apply(tx.as_mut(), &mut user, req).await?;
    keep_an_admin(tx.as_mut(), me, &before, &user).await?;
    tx.update_user(&user).await?;
    if user.disabled && !before.disabled {
        end_sessions(ctx, tx.as_mut(), user.id).await?;
    }
    let event = tx
        .append_event(&NewEvent {
            kind: "user_changed".into(),
            audience: Audience::Staff,
            payload: json!({
                "user_id": user.id,
                "username": user.username,
                "by": who.username,
                "before": audited(&before),
                "after": audited(&user),
            }),
            created_at: now,
        })
        .await?;
    tx.commit().await?;
    ctx.events.publish(vec![event]);
    Ok(UserView::from(&user))
}

/// Logs the account out everywhere and frees the counter it held, unless a ticket is still in
/// hand there (the ticket must not be orphaned; another clerk transfers or finishes it).
async fn end_sessions(ctx: &AppContext, tx: &mut dyn Tx, user_id: i64) -> AppResult<()> {
    tx.revoke_user_tokens(user_id, ctx.clock.now()).await?;
    super::counters::release_on_logout(ctx, tx, user_id).await
}

/// `POST /api/v1/users/{id}/reset-password`: a new random password, every session ended.
pub async fn reset_password(
    ctx: &AppContext,
    who: &Principal,
    id: i64,
) -> AppResult<PasswordReset> {
    me(who)?;
    let password = bootstrap::random_password();
    let hashed = {
        let p = password.clone();
        tokio::task::spawn_blocking(move || hash_password(&p))
            .await
            .map_err(AppError::internal)?
            .map_err(AppError::internal)?
    };
    let now = ctx.clock.now();
    let mut tx = ctx.store.begin_write().await?;
    let mut user = load(tx.as_mut(), id).await?;
    user.password_hash = hashed;
    tx.update_user(&user).await?;
    tx.revoke_user_tokens(user.id, now).await?;
    let event = tx
        .append_event(&NewEvent {
            kind: "user_password_reset".into(),
            audience: Audience::Staff,
            payload: json!({"user_id": user.id, "username": user.username, "by": who.username}),
            created_at: now,
        })
        .await?;
    tx.commit().await?;
    ctx.events.publish(vec![event]);
    Ok(PasswordReset {
        user: UserView::from(&user),
        password,
    })
}
