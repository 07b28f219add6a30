//! The state of the hall's queue, as counters and display screens see it.

use super::estimates;
use super::views::{
    CallView, CounterStateView, QueueCategoryView, QueueStatsView, QueueView, ServingView,
};
use super::Principal;
use crate::context::AppContext;
use crate::error::AppResult;
use onetrip_domain::estimate::median_absolute_error;
use onetrip_domain::Role;
use onetrip_store::{CallKind, WaitSample};

const RECENT_CALLS: i64 = 10;

fn wait_minutes(s: &WaitSample) -> i64 {
    (s.first_called_at - s.issued_at).num_minutes()
}

fn stats(samples: &[WaitSample]) -> QueueStatsView {
    let called_today = samples.len() as i64;
    let average_wait_minutes = (!samples.is_empty()).then(|| {
        samples
            .iter()
            .map(|s| (s.first_called_at - s.issued_at).num_seconds() as f64 / 60.0)
            .sum::<f64>()
            / samples.len() as f64
    });
    let pairs: Vec<(i64, i64)> = samples
        .iter()
        .filter_map(|s| s.estimated_wait_minutes.map(|e| (e, wait_minutes(s))))
        .collect();
    QueueStatsView {
        average_wait_minutes,
        called_today,
        estimate_median_abs_error_minutes: median_absolute_error(&pairs),
    }
}

pub async fn snapshot(ctx: &AppContext, who: &Principal) -> AppResult<QueueView> {
    who.require_any(&Role::ALL)?;
    let day = ctx.today();
    let now = ctx.clock.now();
    let mut tx = ctx.store.begin_read().await?;
    let waiting = tx.waiting_counts(day).await?;
    let category_rows = tx.list_categories().await?;
    let codes: Vec<_> = category_rows.iter().map(|c| c.code).collect();
    let heads = tx.waiting_heads(day, &codes).await?;
    let mut categories = Vec::with_capacity(category_rows.len());
    for c in category_rows {
        let n = waiting
            .iter()
            .find(|(k, _)| *k == c.code)
            .map_or(0, |(_, n)| *n);
        let longest = heads
            .iter()
            .filter(|t| t.queue_category == c.code)
            .map(|t| (now - t.queued_at).num_minutes())
            .max()
            .unwrap_or(0);
        categories.push(QueueCategoryView {
            estimated_wait_minutes: estimates::wait_for(ctx, tx.as_mut(), c.code, n).await?,
            code: c.code.to_string(),
            name: c.name,
            waiting: n,
            longest_wait_minutes: longest.max(0),
        });
    }
    let serving = tx.now_serving(day).await?;
    let sessions = tx.open_sessions().await?;
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
            let session = sessions.iter().find(|s| s.counter == c.code);
            CounterStateView {
                code: c.code.to_string(),
                name: c.name,
                kind: c.kind.as_str().to_string(),
                open: session.is_some(),
                paused: session.is_some_and(|s| s.paused),
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
        .map(|c| CallView {
            ticket_id: c.ticket_id,
            number: c.number.to_string(),
            category: c.number.category().to_string(),
            counter: c.counter.to_string(),
            counter_name: c.counter_name.clone(),
            recall: c.kind == CallKind::Recall,
            called_at: c.called_at,
        })
        .collect();
    let samples = tx.wait_samples(day).await?;
    Ok(QueueView {
        service_day: day.to_string(),
        categories,
        counters,
        recent_calls,
        stats: stats(&samples),
    })
}
