//! The demo day's staff: a clerk for each intake counter, an approver for each department
//! that has matters, an output clerk, an admin who handles citizens' messages and a kiosk.
//! Accounts are created once and reused, so playing several days keeps the same people behind
//! the statistics.

use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use crate::service::views::CreateUserRequest;
use crate::service::{admin, bootstrap, Principal, PrincipalId};
use onetrip_domain::Role;
use std::collections::BTreeMap;

const CLERK_NAMES: &[&str] = &["赵晓梅", "钱立新", "孙佳琪", "李文博", "周海宁", "吴雪"];

pub struct Cast {
    /// Intake counter code → the clerk who works it.
    pub clerks: Vec<(String, Principal)>,
    /// Department code → its approver.
    pub approvers: BTreeMap<String, Principal>,
    pub output: Principal,
    /// Forwards and publishes citizens' messages.
    pub admin: Principal,
    pub kiosk: Principal,
}

pub async fn assemble(
    ctx: &AppContext,
    intake_counters: &[String],
    departments: &[String],
) -> AppResult<Cast> {
    let mut clerks = Vec::new();
    for (i, counter) in intake_counters.iter().enumerate() {
        let name = CLERK_NAMES[i % CLERK_NAMES.len()];
        let who = staff(ctx, &format!("demo_clerk{counter}"), name, "clerk", None).await?;
        clerks.push((counter.clone(), who));
    }
    let mut approvers = BTreeMap::new();
    for d in departments {
        let username = format!("demo_approver_{}", d.to_ascii_lowercase());
        let who = staff(ctx, &username, &format!("{d}审批员"), "approver", Some(d)).await?;
        approvers.insert(d.clone(), who);
    }
    let output = staff(ctx, "demo_output", "郑出件", "output", None).await?;
    let admin = hall_admin(ctx).await?;
    Ok(Cast {
        clerks,
        approvers,
        output,
        admin,
        kiosk: kiosk(ctx).await?,
    })
}

/// The account if it exists, created with a random password otherwise (an admin resets it
/// to log in as the demo clerk).
async fn staff(
    ctx: &AppContext,
    username: &str,
    name: &str,
    role: &str,
    department: Option<&str>,
) -> AppResult<Principal> {
    let existing = ctx
        .store
        .begin_read()
        .await?
        .find_user_by_username(username)
        .await?;
    let user = match existing {
        Some(u) => u,
        None => {
            let req = CreateUserRequest {
                username: username.into(),
                name: name.into(),
                password: bootstrap::random_password(),
                roles: vec![role.into()],
                department: department.map(str::to_string),
            };
            admin::insert_user(ctx, admin::prepare_user(&req).await?).await?;
            ctx.store
                .begin_read()
                .await?
                .find_user_by_username(username)
                .await?
                .ok_or_else(|| AppError::internal(anyhow::anyhow!("demo user vanished")))?
        }
    };
    Ok(Principal {
        id: PrincipalId::User(user.id),
        username: Some(user.username),
        name: user.name,
        roles: user.roles,
        department: user.department,
    })
}

/// The hall's own admin forwards and publishes the day's messages; a hall without one gets a
/// demo admin (the first start creates `admin` before any demo day, see `server::start`).
async fn hall_admin(ctx: &AppContext) -> AppResult<Principal> {
    let users = ctx.store.begin_read().await?.list_users().await?;
    let existing = users
        .iter()
        .filter(|u| u.roles.contains(&Role::Admin) && !u.disabled)
        .min_by_key(|u| (u.username != "admin", u.id));
    match existing {
        Some(u) => Ok(Principal {
            id: PrincipalId::User(u.id),
            username: Some(u.username.clone()),
            name: u.name.clone(),
            roles: u.roles.clone(),
            department: u.department.clone(),
        }),
        None => staff(ctx, "demo_admin", "冯督办", "admin", None).await,
    }
}

async fn kiosk(ctx: &AppContext) -> AppResult<Principal> {
    const NAME: &str = "演示自助机";
    let existing = ctx
        .store
        .begin_read()
        .await?
        .find_device_by_name(NAME)
        .await?;
    let id = match existing {
        Some(d) => d.id,
        None => admin::register_device(ctx, NAME, "kiosk").await?.id,
    };
    Ok(Principal {
        id: PrincipalId::Device(id),
        username: None,
        name: NAME.into(),
        roles: vec![Role::Kiosk],
        department: None,
    })
}
