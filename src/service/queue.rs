//! The state of the hall's queue, as counters and display screens see it.

use super::views::{CallView, CategoryView, CounterStateView, QueueView, ServingView};
use super::Principal;
use crate::context::AppContext;
use crate::error::AppResult;
use onetrip_domain::Role;

const RECENT_CALLS: i64 = 10;

pub async fn snapshot(ctx: &AppContext, who: &Principal) -> AppResult<QueueView> {
    who.require_any(&Role::ALL)?;
    let day = ctx.today();
    let mut tx = ctx.store.begin_read().await?;
    let waiting = tx.waiting_counts(day).await?;
    let categories = tx
        .list_categories()
        .await?
        .into_iter()
        .map(|c| CategoryView {
            waiting: waiting
                .iter()
                .find(|(k, _)| *k == c.code)
                .map_or(0, |(_, n)| *n),
            code: c.code.to_string(),
            name: c.name,
            description: c.description,
        })
        .collect();
    let serving = tx.now_serving(day).await?;
    let counters = tx
        .list_counters()
        .await?
        .into_iter()
        .map(|c| {
            // The most recent call at this counter is the one it is serving now.
            let current = serving
                .iter()
                .filter(|t| t.counter.as_ref() == Some(&c.code))
                .max_by_key(|t| t.called_at);
            CounterStateView {
                code: c.code.to_string(),
                name: c.name,
                kind: c.kind.as_str().to_string(),
                serving: current.map(|t| ServingView {
                    ticket_id: t.id,
                    number: t.number.to_string(),
                    status: t.status.as_str().to_string(),
                    called_at: t.called_at,
                }),
            }
        })
        .collect();
    let recent_calls = tx
        .recent_calls(day, RECENT_CALLS)
        .await?
        .iter()
        .map(CallView::from)
        .collect();
    Ok(QueueView {
        service_day: day.to_string(),
        categories,
        counters,
        recent_calls,
    })
}
