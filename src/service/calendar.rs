//! The working-day calendar: the arrangements shipped with the product, plus years an admin
//! loads when the State Council publishes them (kept in the settings table, so every instance
//! and every restart sees them).

use super::Principal;
use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use onetrip_domain::calendar::{HolidayYear, WorkingCalendar};
use onetrip_domain::Role;
use onetrip_store::{Audience, NewEvent, Store};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

const KEY_PREFIX: &str = "calendar:";
/// Years looked for in the settings at start: a hall loads at most a few years ahead.
const STORED_YEARS: std::ops::RangeInclusive<i32> = 2020..=2040;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CalendarYearView {
    pub year: i32,
    /// `bundled` (shipped with the product) or `loaded` (by an admin).
    pub source: String,
    /// The State Council notices the arrangement comes from.
    pub papers: Vec<String>,
    pub holidays: usize,
    pub make_up_days: usize,
}

/// The bundled calendar with every stored year on top.
pub async fn stored_calendar(store: &dyn Store) -> anyhow::Result<WorkingCalendar> {
    let mut calendar = WorkingCalendar::bundled();
    let mut tx = store.begin_read().await?;
    for year in STORED_YEARS {
        if let Some(text) = tx.get_setting(&format!("{KEY_PREFIX}{year}")).await? {
            match HolidayYear::parse_json(&text) {
                Ok(y) => calendar = calendar.with_year(y),
                Err(e) => {
                    tracing::error!(year, error = %e, "stored holiday arrangement unreadable")
                }
            }
        }
    }
    Ok(calendar)
}

/// Reloads the calendar when any instance loads a year (the `calendar_loaded` event).
pub fn follow_loads(ctx: AppContext) {
    let mut events = ctx.events.subscribe();
    tokio::spawn(async move {
        let closed = ctx.events.closed();
        tokio::pin!(closed);
        loop {
            tokio::select! {
                _ = &mut closed => return,
                e = events.recv() => match e {
                    Ok(e) if e.kind != "calendar_loaded" => continue,
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
                    _ => {}
                },
            }
            match stored_calendar(ctx.store.as_ref()).await {
                Ok(c) => ctx.calendars.replace(c),
                Err(e) => tracing::warn!(error = %e, "cannot reload the calendar"),
            }
        }
    });
}

fn year_view(y: &HolidayYear, source: &str) -> CalendarYearView {
    let (off, on): (Vec<_>, Vec<_>) = y.days().partition(|(_, d)| d.is_off_day());
    CalendarYearView {
        year: y.year(),
        source: source.into(),
        papers: y.papers().to_vec(),
        holidays: off.len(),
        make_up_days: on.len(),
    }
}

/// `GET /api/v1/calendar`: the years the calendar covers.
pub async fn years(ctx: &AppContext) -> AppResult<Vec<CalendarYearView>> {
    let calendar = ctx.calendar();
    let bundled = WorkingCalendar::bundled();
    Ok(calendar
        .years()
        .filter_map(|year| calendar.year(year))
        .map(|y| {
            let source = if bundled.year(y.year()) == Some(y) {
                "bundled"
            } else {
                "loaded"
            };
            year_view(y, source)
        })
        .collect())
}

/// A listed day of a year's arrangement.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CalendarDayView {
    pub date: chrono::NaiveDate,
    /// The holiday it belongs to, e.g. "国庆节" (also for its make-up working days).
    pub name: String,
    /// `true`: a holiday (off); `false`: a make-up working day (调休上班).
    pub is_off_day: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CalendarYearDetail {
    #[serde(flatten)]
    pub summary: CalendarYearView,
    /// Every listed day, in date order; weekends not listed follow the usual week.
    pub days: Vec<CalendarDayView>,
}

/// `GET /api/v1/calendar/{year}`: the days of a year the calendar covers.
pub async fn year_detail(ctx: &AppContext, year: i32) -> AppResult<CalendarYearDetail> {
    let calendar = ctx.calendar();
    let y = calendar
        .year(year)
        .ok_or_else(|| AppError::not_found(format!("日历中没有 {year} 年的节假日安排")))?;
    let source = if WorkingCalendar::bundled().year(year) == Some(y) {
        "bundled"
    } else {
        "loaded"
    };
    let mut days: Vec<CalendarDayView> = y
        .days()
        .map(|(date, d)| CalendarDayView {
            date,
            name: d.name().to_string(),
            is_off_day: d.is_off_day(),
        })
        .collect();
    days.sort_by_key(|d| d.date);
    Ok(CalendarYearDetail {
        summary: year_view(y, source),
        days,
    })
}

/// `PUT /api/v1/admin/calendar`: loads a year's arrangement (holiday-cn JSON), replacing any
/// loaded for that year; deadlines counted from now on use it.
pub async fn load_year(
    ctx: &AppContext,
    who: &Principal,
    document: &serde_json::Value,
) -> AppResult<CalendarYearView> {
    who.require_any(&[Role::Admin])?;
    let text = document.to_string();
    let year = HolidayYear::parse_json(&text).map_err(|e| AppError::invalid(e.to_string()))?;
    if !STORED_YEARS.contains(&year.year()) {
        return Err(AppError::invalid(format!(
            "只能加载 {}–{} 年的节假日安排",
            STORED_YEARS.start(),
            STORED_YEARS.end()
        )));
    }
    let now = ctx.clock.now();
    let before = ctx
        .calendar()
        .year(year.year())
        .map(|y| year_view(y, "before"));
    let mut tx = ctx.store.begin_write().await?;
    tx.set_setting(&format!("{KEY_PREFIX}{}", year.year()), &text)
        .await?;
    let event = tx
        .append_event(&NewEvent {
            kind: "calendar_loaded".into(),
            audience: Audience::Staff,
            payload: json!({
                "year": year.year(),
                "before": before,
                "after": year_view(&year, "loaded"),
            }),
            created_at: now,
        })
        .await?;
    tx.commit().await?;
    ctx.calendars
        .replace(ctx.calendar().as_ref().clone().with_year(year.clone()));
    ctx.events.publish(vec![event]);
    Ok(year_view(&year, "loaded"))
}
