//! The deadline watcher: a background task that raises a `task_warning` event when a task
//! turns yellow or red (once per light), terminates cases whose pledge (容缺承诺) ran out, and
//! flags follow-ups of bad reviews and citizens' messages that ran past their deadline.

use super::tasks::{current_light, refresh_case};
use super::view::light_name;
use super::{record, Entry};
use crate::context::AppContext;
use crate::error::AppResult;
use onetrip_domain::case::{Light, TaskAction, TaskStatus};
use onetrip_store::{Audience, NewEvent};
use serde_json::json;
use std::time::Duration;

const EVERY: Duration = Duration::from_secs(60);

/// Runs until the server shuts down.
pub fn spawn(ctx: AppContext) {
    tokio::spawn(async move {
        let closed = ctx.events.closed();
        tokio::pin!(closed);
        loop {
            if let Err(e) = scan(&ctx).await {
                tracing::warn!(error = %e, "deadline scan failed; retrying");
            }
            if let Err(e) = crate::service::ratings::flag_overdue(&ctx).await {
                tracing::warn!(error = %e, "follow-up deadline scan failed; retrying");
            }
            if let Err(e) = crate::service::messages::flag_overdue(&ctx).await {
                tracing::warn!(error = %e, "message deadline scan failed; retrying");
            }
            tokio::select! {
                _ = &mut closed => return,
                _ = tokio::time::sleep(EVERY) => {}
            }
        }
    });
}

fn rank(l: Light) -> u8 {
    match l {
        Light::Green => 0,
        Light::Yellow => 1,
        Light::Red => 2,
    }
}

/// One pass; returns how many warnings and terminations it made.
pub async fn scan(ctx: &AppContext) -> AppResult<(usize, usize)> {
    let now = ctx.clock.now();
    let today = ctx.today().date();
    let mut tx = ctx.store.begin_write().await?;
    let mut events = Vec::new();
    let mut warned = 0;
    for row in tx.open_tasks().await? {
        let mut task = row.task;
        if task.status == TaskStatus::Returned {
            continue; // the clock is stopped
        }
        let lamp = current_light(ctx, &task, today);
        let last = match task.warned.as_deref() {
            Some("red") => Light::Red,
            Some("yellow") => Light::Yellow,
            _ => Light::Green,
        };
        if rank(lamp) <= rank(last) {
            continue;
        }
        task.warned = Some(light_name(lamp).into());
        if !tx.update_task(&task, task.status).await? {
            continue;
        }
        events.push(
            tx.append_event(&NewEvent {
                kind: "task_warning".into(),
                audience: Audience::Staff,
                payload: json!({
                    "task_id": task.id,
                    "case_no": row.case_no.as_str(),
                    "department": task.department.as_str(),
                    "light": light_name(lamp),
                    "legal_due": task.legal_due,
                }),
                created_at: now,
            })
            .await?,
        );
        warned += 1;
    }
    let mut terminated = 0;
    for mut case in tx.pledges_overdue(today).await? {
        for mut task in tx.case_tasks(case.id).await? {
            if task.status.is_final() {
                continue;
            }
            let before = task.status;
            task.status = before.apply(TaskAction::Terminate).map_err(|e| {
                crate::error::AppError::internal(anyhow::anyhow!("terminate task: {e}"))
            })?;
            tx.update_task(&task, before).await?;
        }
        record(
            tx.as_mut(),
            Entry {
                case_id: case.id,
                task_id: None,
                who: None,
                at: now,
                action: "pledge_expired",
                from: None,
                to: None,
                note: format!(
                    "容缺承诺已于 {} 到期，材料未补齐，办件终止",
                    case.pledge_due.map(|d| d.to_string()).unwrap_or_default()
                ),
            },
        )
        .await?;
        if let Some(e) = refresh_case(tx.as_mut(), &mut case, None, now).await? {
            events.push(e);
        }
        terminated += 1;
    }
    tx.commit().await?;
    ctx.events.publish(events);
    Ok((warned, terminated))
}
