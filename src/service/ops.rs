//! What the operations endpoint (`GET /metrics`) reads from the store at scrape time: counts
//! only, never a person.

use crate::context::AppContext;
use crate::error::AppResult;
use onetrip_domain::case::Light;
use std::collections::BTreeMap;

/// The hall right now, in numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gauges {
    /// Tickets waiting today, per category code (every category, zeros included).
    pub waiting: BTreeMap<String, i64>,
    /// Open tasks (queued, claimed, returned for supplement) by their light.
    pub green: i64,
    pub yellow: i64,
    pub red: i64,
}

/// One short read transaction.
pub async fn gauges(ctx: &AppContext) -> AppResult<Gauges> {
    let day = ctx.today();
    let mut tx = ctx.store.begin_read().await?;
    let mut g = Gauges::default();
    for c in tx.list_categories().await? {
        g.waiting.insert(c.code.to_string(), 0);
    }
    for (code, n) in tx.waiting_counts(day).await? {
        g.waiting.insert(code.to_string(), n);
    }
    let tasks = tx.open_tasks().await?;
    drop(tx);
    for row in &tasks {
        match super::cases::current_light(ctx, &row.task, day.date()) {
            Light::Green => g.green += 1,
            Light::Yellow => g.yellow += 1,
            Light::Red => g.red += 1,
        }
    }
    Ok(g)
}
