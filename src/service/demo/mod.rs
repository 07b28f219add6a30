//! `onetrip demo-day`: a realistic day of hall activity for demonstrations and training, so
//! the admin's statistics, ratings, follow-ups and audit log have something true to show.
//!
//! Everything goes through the ordinary use cases with the hall's clock set to each step's
//! minute; nothing is written to the database behind the rules' back.

mod cast;
mod day;
mod people;
mod plan;
mod topics;

pub use day::DaySummary;

use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use chrono::NaiveDate;
use onetrip_domain::catalog::CounterKind;
use onetrip_domain::clock::FixedClock;
use rand::rngs::StdRng;
use rand::SeedableRng;

pub struct DemoDay {
    pub date: NaiveDate,
    /// Visitors who take a ticket.
    pub visitors: usize,
    pub seed: u64,
}

/// Plays one working day. `ctx` must run on `clock`, which the simulation moves.
pub async fn play(ctx: &AppContext, clock: &FixedClock, day: &DemoDay) -> AppResult<DaySummary> {
    if !ctx.calendar().is_working_day(day.date) {
        return Err(AppError::invalid(format!(
            "{} 不是工作日，大厅不办公，请选择工作日",
            day.date
        )));
    }
    let service_day =
        onetrip_domain::ServiceDay::of(day::opening(ctx, day.date), ctx.hall().timezone);
    if !ctx
        .store
        .begin_read()
        .await?
        .recent_calls(service_day, 1)
        .await?
        .is_empty()
    {
        return Err(AppError::invalid(format!(
            "{} 已有叫号记录，演示日只能在没有业务的日子上演练",
            day.date
        )));
    }
    if !(1..=5000).contains(&day.visitors) {
        return Err(AppError::invalid("来访人数须为 1–5000"));
    }
    let intake_counters: Vec<String> = ctx
        .store
        .begin_read()
        .await?
        .list_counters()
        .await?
        .into_iter()
        .filter(|c| c.kind == CounterKind::Intake)
        .map(|c| c.code.to_string())
        .collect();
    let mut departments: Vec<String> = crate::service::catalog::matters(ctx)
        .await?
        .into_iter()
        .map(|m| m.department)
        .collect();
    departments.sort();
    departments.dedup();
    if intake_counters.is_empty() {
        return Err(AppError::invalid(
            "大厅还没有综合窗口，请先载入清单目录（seed-demo）",
        ));
    }
    let cast = cast::assemble(ctx, &intake_counters, &departments).await?;
    let rng = StdRng::seed_from_u64(day.seed);
    day::Day::new(ctx, clock, &cast, day.date, rng)
        .await?
        .play(day.visitors)
        .await
}

/// The last working day before `today`: the default day to play, so today's live queue is
/// left alone.
pub fn previous_working_day(ctx: &AppContext, today: NaiveDate) -> NaiveDate {
    let cal = ctx.calendar();
    let mut d = today.pred_opt().expect("a day before");
    while !cal.is_working_day(d) {
        d = d.pred_opt().expect("a day before");
    }
    d
}
