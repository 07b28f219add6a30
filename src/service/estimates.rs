//! Wait estimates from today's service times and the counters open now.

use crate::context::AppContext;
use crate::error::AppResult;
use onetrip_domain::estimate::estimate_wait_minutes;
use onetrip_domain::CategoryCode;
use onetrip_store::Tx;

/// How many of the latest services of a category make its mean service time.
const SERVICE_SAMPLE: i64 = 20;

pub async fn wait_for(
    ctx: &AppContext,
    tx: &mut dyn Tx,
    category: CategoryCode,
    ahead: i64,
) -> AppResult<i64> {
    let day = ctx.today();
    let samples = tx
        .recent_service_minutes(day, category, SERVICE_SAMPLE)
        .await?;
    let mean = (!samples.is_empty()).then(|| samples.iter().sum::<f64>() / samples.len() as f64);
    let sessions = tx.open_sessions().await?;
    let counters = tx.list_counters().await?;
    let open = sessions
        .iter()
        .filter(|s| !s.paused)
        .filter(|s| {
            counters
                .iter()
                .any(|c| c.code == s.counter && c.categories.iter().any(|k| k.code == category))
        })
        .count() as i64;
    Ok(estimate_wait_minutes(ahead, mean, open))
}
