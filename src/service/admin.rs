//! Staff accounts and terminal devices, managed by the hall's admin.

use super::auth::{check_password_rules, hash_password, issue_device_token};
use super::views::{CreateDeviceRequest, CreateUserRequest, CreatedDevice, DeviceView, UserView};
use super::Principal;
use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use onetrip_domain::staff::Username;
use onetrip_domain::Role;
use onetrip_store::{Audience, DeviceRow, NewEvent, NewUser, StoreError};
use serde_json::json;

pub(crate) fn parse_staff_roles(roles: &[String]) -> AppResult<Vec<Role>> {
    if roles.is_empty() {
        return Err(AppError::invalid("请至少选择一个角色"));
    }
    let mut parsed = Vec::new();
    for r in roles {
        let role: Role = r
            .parse()
            .map_err(|e: onetrip_domain::role::UnknownRole| AppError::invalid(e.to_string()))?;
        if role.is_device() {
            return Err(AppError::invalid(format!(
                "“{}”是设备角色，请在设备管理中签发设备令牌",
                role.label_zh()
            )));
        }
        if !parsed.contains(&role) {
            parsed.push(role);
        }
    }
    Ok(parsed)
}

/// Validated and hashed outside any transaction: hashing is slow on purpose.
pub async fn prepare_user(req: &CreateUserRequest) -> AppResult<NewUserDraft> {
    let username = Username::parse(&req.username).map_err(|e| AppError::invalid(e.to_string()))?;
    let name = req.name.trim();
    if name.is_empty() || name.chars().count() > 50 {
        return Err(AppError::invalid("姓名须为 1–50 个字符"));
    }
    check_password_rules(&req.password)?;
    let roles = parse_staff_roles(&req.roles)?;
    let department = req
        .department
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string);
    if roles.contains(&Role::Approver) && department.is_none() {
        return Err(AppError::invalid("审批人员须指定所属部门"));
    }
    let password = req.password.clone();
    let password_hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    Ok(NewUserDraft {
        username,
        name: name.to_string(),
        password_hash,
        roles,
        department,
    })
}

pub struct NewUserDraft {
    username: Username,
    name: String,
    password_hash: String,
    roles: Vec<Role>,
    department: Option<String>,
}

/// Creates a staff account; used by the admin API and the `onetrip user add` command.
pub async fn insert_user(ctx: &AppContext, draft: NewUserDraft) -> AppResult<UserView> {
    let mut tx = ctx.store.begin_write().await?;
    if let Some(d) = &draft.department {
        if !tx.department_exists(d).await? {
            return Err(AppError::invalid(format!("没有代码为“{d}”的部门")));
        }
    }
    let row = tx
        .insert_user(&NewUser {
            username: draft.username.to_string(),
            name: draft.name,
            password_hash: draft.password_hash,
            roles: draft.roles,
            department: draft.department,
            created_at: ctx.clock.now(),
        })
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => {
                AppError::conflict(format!("用户名“{}”已被使用", draft.username))
            }
            other => other.into(),
        })?;
    let event = tx
        .append_event(&NewEvent {
            kind: "user_created".into(),
            audience: Audience::Staff,
            payload: json!({
                "user_id": row.id,
                "username": row.username,
                "name": row.name,
                "roles": row.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
                "department": row.department,
            }),
            created_at: row.created_at,
        })
        .await?;
    tx.commit().await?;
    ctx.events.publish(vec![event]);
    Ok(UserView::from(&row))
}

pub async fn create_user(
    ctx: &AppContext,
    who: &Principal,
    req: &CreateUserRequest,
) -> AppResult<UserView> {
    who.require_any(&[Role::Admin])?;
    let draft = prepare_user(req).await?;
    insert_user(ctx, draft).await
}

pub async fn list_users(ctx: &AppContext, who: &Principal) -> AppResult<Vec<UserView>> {
    who.require_any(&[Role::Admin])?;
    let mut tx = ctx.store.begin_read().await?;
    Ok(tx.list_users().await?.iter().map(UserView::from).collect())
}

pub async fn create_device(
    ctx: &AppContext,
    who: &Principal,
    req: &CreateDeviceRequest,
) -> AppResult<CreatedDevice> {
    who.require_any(&[Role::Admin])?;
    register_device(ctx, &req.name, &req.role).await
}

/// Registers a terminal and returns its token (shown once).
pub async fn register_device(ctx: &AppContext, name: &str, role: &str) -> AppResult<CreatedDevice> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 50 {
        return Err(AppError::invalid("设备名称须为 1–50 个字符"));
    }
    let role: Role = role
        .parse()
        .map_err(|e: onetrip_domain::role::UnknownRole| AppError::invalid(e.to_string()))?;
    if !role.is_device() {
        return Err(AppError::invalid(
            "设备角色只能是 kiosk（自助终端）或 display（叫号屏）",
        ));
    }
    let mut tx = ctx.store.begin_write().await?;
    let device = tx.insert_device(name, role, ctx.clock.now()).await?;
    let token = issue_device_token(ctx, tx.as_mut(), device.id).await?;
    let event = tx
        .append_event(&device_event("device_registered", &device))
        .await?;
    tx.commit().await?;
    ctx.events.publish(vec![event]);
    Ok(CreatedDevice {
        id: device.id,
        name: device.name,
        role: role.as_str().to_string(),
        token,
    })
}

pub async fn list_devices(ctx: &AppContext, who: &Principal) -> AppResult<Vec<DeviceView>> {
    who.require_any(&[Role::Admin])?;
    let mut tx = ctx.store.begin_read().await?;
    Ok(tx
        .list_devices()
        .await?
        .iter()
        .map(DeviceView::from)
        .collect())
}

pub async fn revoke_device(ctx: &AppContext, who: &Principal, id: i64) -> AppResult<()> {
    who.require_any(&[Role::Admin])?;
    let mut tx = ctx.store.begin_write().await?;
    if !tx.revoke_device(id, ctx.clock.now()).await? {
        return Err(AppError::not_found(format!("没有编号为 {id} 的在用设备")));
    }
    let device = tx
        .list_devices()
        .await?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("revoked device {id} vanished")))?;
    let event = tx
        .append_event(&device_event("device_revoked", &device))
        .await?;
    tx.commit().await?;
    ctx.events.publish(vec![event]);
    Ok(())
}

/// Devices are audited by name and role; their tokens never leave `issue_device_token`.
fn device_event(kind: &str, d: &DeviceRow) -> NewEvent {
    NewEvent {
        kind: kind.into(),
        audience: Audience::Staff,
        payload: json!({
            "device_id": d.id,
            "name": d.name,
            "role": d.role.as_str(),
            "revoked_at": d.revoked_at,
        }),
        created_at: d.revoked_at.unwrap_or(d.created_at),
    }
}
