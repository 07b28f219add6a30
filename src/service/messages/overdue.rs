//! The deadline watcher's pass over citizens' messages: each forwarded message past its
//! answer deadline raises one `message_overdue` event for the hall's staff, once per deadline.

use crate::context::AppContext;
use crate::error::AppResult;
use onetrip_store::{Audience, NewEvent};
use serde_json::json;

/// Returns how many messages it flagged.
pub async fn flag_overdue(ctx: &AppContext) -> AppResult<usize> {
    let now = ctx.clock.now();
    let today = ctx.today().date();
    let mut tx = ctx.store.begin_write().await?;
    let mut events = Vec::new();
    for m in tx.unflagged_overdue_messages(today).await? {
        let Some(due_on) = m.due_on else { continue };
        if !tx.flag_message_overdue(m.id, due_on).await? {
            continue;
        }
        events.push(
            tx.append_event(&NewEvent {
                kind: "message_overdue".into(),
                audience: Audience::Staff,
                payload: json!({
                    "id": m.id,
                    "message_no": m.message_no,
                    "department": m.department,
                    "due_on": due_on,
                }),
                created_at: now,
            })
            .await?,
        );
    }
    let flagged = events.len();
    tx.commit().await?;
    ctx.events.publish(events);
    Ok(flagged)
}
