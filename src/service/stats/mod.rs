//! Statistics for the hall's admins and the public, their `.xlsx`/CSV exports, and the
//! yearly disclosure report. Each report reads the facts of its date range in one snapshot
//! (one query per kind of fact) and aggregates them in one pass here, so both backends give
//! the same figures and the hall's time zone decides hours and days.

pub mod cases;
pub mod disclosure;
pub mod export;
pub mod ratings;
pub mod summary;
pub mod tables;
pub mod tickets;

use super::Principal;
use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use onetrip_domain::Role;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

/// The longest range one report covers, in days.
pub const MAX_DAYS: i64 = 366;

/// `?from=YYYY-MM-DD&to=YYYY-MM-DD`: hall-local dates, inclusive; both default to today.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A range and the export's format.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsExportQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    /// `xlsx` (default) or `csv`.
    pub format: Option<String>,
}

/// `?year=YYYY` (default: this year) and, for the export, the format.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DisclosureQuery {
    pub year: Option<String>,
    /// `xlsx` (default) or `csv`; the export only.
    pub format: Option<String>,
}

/// The statistics of a date range.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StatsReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The hall's time zone, in which hours and days are counted.
    pub timezone: String,
    pub generated_at: DateTime<Utc>,
    pub tickets: tickets::TicketStats,
    pub cases: cases::CaseStats,
    pub ratings: ratings::RatingStats,
}

/// A file to download.
pub struct Download {
    pub filename: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Format {
    Xlsx,
    Csv,
}

pub fn parse_format(s: Option<&str>) -> AppResult<Format> {
    match s.map(str::trim).unwrap_or("xlsx") {
        "" | "xlsx" => Ok(Format::Xlsx),
        "csv" => Ok(Format::Csv),
        _ => Err(AppError::invalid("导出格式须为 xlsx 或 csv")),
    }
}

fn parse_day(s: Option<&str>, today: NaiveDate, what: &str) -> AppResult<NaiveDate> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(today),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|_| AppError::invalid(format!("{what}须为 YYYY-MM-DD 格式的日期"))),
    }
}

/// The inclusive range asked for, checked: from ≤ to and at most [`MAX_DAYS`] days.
pub fn parse_range(
    from: Option<&str>,
    to: Option<&str>,
    today: NaiveDate,
) -> AppResult<(NaiveDate, NaiveDate)> {
    let from = parse_day(from, today, "起始日期")?;
    let to = parse_day(to, today, "截止日期")?;
    if from > to {
        return Err(AppError::invalid("起始日期不能晚于截止日期"));
    }
    if (to - from).num_days() + 1 > MAX_DAYS {
        return Err(AppError::invalid(format!("统计区间不能超过 {MAX_DAYS} 天")));
    }
    Ok((from, to))
}

/// Names of the catalog's codes, read once per report.
struct Names {
    categories: HashMap<String, String>,
    counters: HashMap<String, String>,
    matters: HashMap<String, String>,
    departments: HashMap<String, String>,
    disclosure_matters: Vec<(String, String)>,
}

impl Names {
    fn of(map: &HashMap<String, String>, code: &str) -> String {
        map.get(code).cloned().unwrap_or_else(|| code.to_string())
    }
}

async fn names(tx: &mut dyn onetrip_store::Tx) -> AppResult<Names> {
    let mut n = Names {
        categories: HashMap::new(),
        counters: HashMap::new(),
        matters: HashMap::new(),
        departments: HashMap::new(),
        disclosure_matters: Vec::new(),
    };
    for c in tx.list_categories().await? {
        n.categories.insert(c.code.to_string(), c.name);
    }
    for c in tx.list_counters().await? {
        n.counters.insert(c.code.to_string(), c.name);
    }
    for m in tx.list_matters().await? {
        let code = m.matter.code.to_string();
        n.departments
            .insert(m.matter.department.to_string(), m.department_name);
        if m.matter.kind == disclosure::DISCLOSURE_KIND {
            n.disclosure_matters
                .push((code.clone(), m.matter.name.clone()));
        }
        n.matters.insert(code, m.matter.name);
    }
    Ok(n)
}

async fn build(ctx: &AppContext, from: NaiveDate, to: NaiveDate) -> AppResult<StatsReport> {
    let tz = ctx.hall().timezone;
    let today = ctx.today().date();
    let mut tx = ctx.store.begin_read().await?;
    let n = names(tx.as_mut()).await?;
    let ticket_facts = tx.ticket_facts(from, to).await?;
    let task_facts = tx.task_facts(from, to, None).await?;
    let case_facts = tx.case_facts(from, to).await?;
    let supplies = tx.supply_facts(from, to).await?;
    let rating_facts = tx.rating_facts(from, to).await?;
    drop(tx);
    Ok(StatsReport {
        from,
        to,
        timezone: tz.name().to_string(),
        generated_at: ctx.clock.now(),
        tickets: tickets::aggregate(&ticket_facts, tz, |c| Names::of(&n.categories, c)),
        cases: cases::aggregate(&task_facts, &case_facts, &supplies, today, tz, |d| {
            Names::of(&n.departments, d)
        }),
        ratings: ratings::aggregate(
            &rating_facts,
            |c| Names::of(&n.counters, c),
            |m| Names::of(&n.matters, m),
        ),
    })
}

/// Admin: the full statistics of a range, clerks named.
pub async fn report(
    ctx: &AppContext,
    principal: &Principal,
    q: StatsQuery,
) -> AppResult<StatsReport> {
    principal.require_any(&[Role::Admin])?;
    let (from, to) = parse_range(q.from.as_deref(), q.to.as_deref(), ctx.today().date())?;
    build(ctx, from, to).await
}

/// Anyone: the same aggregates without anything about a person — clerks are left out.
pub async fn public_report(ctx: &AppContext, q: StatsQuery) -> AppResult<StatsReport> {
    let (from, to) = parse_range(q.from.as_deref(), q.to.as_deref(), ctx.today().date())?;
    let mut r = build(ctx, from, to).await?;
    r.ratings.by_clerk.clear();
    Ok(r)
}

fn download(name: String, format: Format, t: &[export::Table]) -> AppResult<Download> {
    Ok(match format {
        Format::Xlsx => Download {
            filename: format!("{name}.xlsx"),
            content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            bytes: export::xlsx(t).map_err(|e| AppError::internal(anyhow::anyhow!("xlsx: {e}")))?,
        },
        Format::Csv => Download {
            filename: format!("{name}.csv"),
            content_type: "text/csv; charset=utf-8",
            bytes: export::csv(t),
        },
    })
}

/// Admin: the statistics of a range as a workbook or CSV.
pub async fn export_report(
    ctx: &AppContext,
    principal: &Principal,
    q: StatsExportQuery,
) -> AppResult<Download> {
    principal.require_any(&[Role::Admin])?;
    let format = parse_format(q.format.as_deref())?;
    let (from, to) = parse_range(q.from.as_deref(), q.to.as_deref(), ctx.today().date())?;
    let r = build(ctx, from, to).await?;
    download(format!("统计报表_{from}_{to}"), format, &tables::stats(&r))
}

fn parse_year(s: Option<&str>, this_year: i32) -> AppResult<i32> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(this_year),
        Some(s) => s
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=this_year).contains(y))
            .ok_or_else(|| AppError::invalid(format!("年份须在 2000 到 {this_year} 之间"))),
    }
}

fn start_of(day: NaiveDate, tz: Tz) -> AppResult<DateTime<Utc>> {
    tz.from_local_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight"))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| AppError::invalid("日期无效"))
}

/// Admin: the disclosure report of a year.
pub async fn disclosure_report(
    ctx: &AppContext,
    principal: &Principal,
    q: &DisclosureQuery,
) -> AppResult<disclosure::DisclosureReport> {
    principal.require_any(&[Role::Admin])?;
    let tz = ctx.hall().timezone;
    let today = ctx.today().date();
    let year = parse_year(q.year.as_deref(), today.year())?;
    let from = NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January");
    let to = NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December");
    let mut tx = ctx.store.begin_read().await?;
    let n = names(tx.as_mut()).await?;
    let mut tasks = Vec::new();
    let mut refusal_names = Vec::new();
    for (code, name) in &n.disclosure_matters {
        tasks.extend(tx.task_facts(from, to, Some(code)).await?);
        refusal_names.extend([code.clone(), name.clone()]);
    }
    let next = start_of(to.succ_opt().expect("a next day"), tz)?;
    let refused = tx
        .count_refusals(start_of(from, tz)?, next, &refusal_names)
        .await?;
    let codes = n.disclosure_matters.into_iter().map(|(c, _)| c).collect();
    Ok(disclosure::aggregate(
        year,
        codes,
        &tasks,
        usize::try_from(refused).unwrap_or(0),
        today,
        tz,
    ))
}

/// Admin: the disclosure report of a year as a workbook or CSV.
pub async fn export_disclosure(
    ctx: &AppContext,
    principal: &Principal,
    q: DisclosureQuery,
) -> AppResult<Download> {
    principal.require_any(&[Role::Admin])?;
    let format = parse_format(q.format.as_deref())?;
    let r = disclosure_report(ctx, principal, &q).await?;
    download(
        format!("政府信息公开年度报告数据_{}", r.year),
        format,
        &tables::disclosure(&r),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_range_defaults_to_today_and_is_checked() {
        let today = d("2026-09-25");
        assert_eq!(parse_range(None, None, today).unwrap(), (today, today));
        assert_eq!(
            parse_range(Some("2025-09-25"), None, today).unwrap().0,
            d("2025-09-25"),
            "366 days, from the same day a year before"
        );
        for (from, to, msg) in [
            (Some("2026-09-26"), None, "起始日期不能晚于截止日期"),
            (Some("2025-09-24"), None, "统计区间不能超过 366 天"),
            (
                Some("2026/09/25"),
                None,
                "起始日期须为 YYYY-MM-DD 格式的日期",
            ),
        ] {
            assert_eq!(parse_range(from, to, today).unwrap_err().message, msg);
        }
    }

    #[test]
    fn formats_and_years() {
        assert!(parse_format(None).is_ok_and(|f| f == Format::Xlsx));
        assert!(parse_format(Some("csv")).is_ok_and(|f| f == Format::Csv));
        assert!(parse_format(Some("pdf")).is_err());
        assert_eq!(parse_year(None, 2026).unwrap(), 2026);
        assert!(parse_year(Some("2027"), 2026).is_err());
        assert!(parse_year(Some("abc"), 2026).is_err());
    }
}
