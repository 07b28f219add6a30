//! Statistics (统计分析), their exports, the public figures and the disclosure report.

use crate::context::AppContext;
use crate::error::AppError;
use crate::http::error::ApiError;
use crate::http::extract::{ApiQuery, Auth};
use crate::service;
use crate::service::stats::disclosure::DisclosureReport;
use crate::service::stats::{DisclosureQuery, Download, StatsExportQuery, StatsQuery, StatsReport};
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;

/// `attachment` with an ASCII fallback and the Chinese name (RFC 6266 / 5987).
fn attachment(d: Download) -> impl IntoResponse {
    let ext = d.filename.rsplit('.').next().unwrap_or("bin").to_string();
    let encoded: String = d
        .filename
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, d.content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"onetrip-report.{ext}\"; filename*=UTF-8''{encoded}"
                ),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        d.bytes,
    )
}

/// Admin: the statistics of a date range (hall-local dates, inclusive, at most 366 days;
/// default today). Tickets per hour (hall time) and category; waiting and service times
/// (mean, median, p90 by nearest rank, minutes); no-shows; the wait estimator's error
/// (|estimate at issue − actual wait|); per department the tasks of cases accepted in the range:
/// accepted, completed (decided), overdue (decided after, or open past, the legal deadline;
/// a task waiting for 补正 has its clock stopped) and the on-time rate; the **one-trip rate**:
/// of the completed cases (result picked up or delivered), the share for which the applicant
/// came to the hall on at most one day — the days counted are intake, each day a 补正 or a
/// deferred (容缺) material was brought, and a pickup at the output window (mail needs no
/// visit); ratings per window, clerk and matter.
#[utoipa::path(get, path = "/api/v1/stats", tag = "stats",
    security(("bearer" = [])),
    params(StatsQuery),
    responses((status = 200, body = StatsReport),
        (status = 422, description = "Bad date, from after to, or more than 366 days", body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn report(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiQuery(q): ApiQuery<StatsQuery>,
) -> Result<Json<StatsReport>, AppError> {
    Ok(Json(
        service::stats::report(&ctx, &auth.principal, q).await?,
    ))
}

/// Admin: the statistics as a download. `xlsx`: one sheet per table (概况, 分时段取号,
/// 分类别排队, 时长分布, 部门办件, 窗口评价, 人员评价, 事项评价) with Chinese headers. `csv`:
/// one file, UTF-8 with a byte-order mark (so Excel reads the Chinese), one section per table:
/// a `【表名】` line, the header line, the rows, then a blank line.
#[utoipa::path(get, path = "/api/v1/stats/export", tag = "stats",
    security(("bearer" = [])),
    params(StatsExportQuery),
    responses(
        (status = 200, description = "The workbook or CSV, as an attachment", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 422, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn export(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiQuery(q): ApiQuery<StatsExportQuery>,
) -> Result<impl IntoResponse, AppError> {
    Ok(attachment(
        service::stats::export_report(&ctx, &auth.principal, q).await?,
    ))
}

/// Public: the same aggregate figures with nothing about a person — ratings per clerk are
/// left out (`ratings.by_clerk` is empty); windows, matters and departments stay.
#[utoipa::path(get, path = "/api/v1/public/stats", tag = "public",
    params(StatsQuery),
    responses((status = 200, body = StatsReport), (status = 422, body = ApiError)))]
pub async fn public(
    State(ctx): State<AppContext>,
    ApiQuery(q): ApiQuery<StatsQuery>,
) -> Result<Json<StatsReport>, AppError> {
    Ok(Json(service::stats::public_report(&ctx, q).await?))
}

/// Admin: data for the yearly government-information-disclosure report: requests of the
/// 依申请公开 matters (GWH-001) received in the year — accepted ones (one per task) and
/// 不予受理 at intake — answered, pending, by outcome, answered on time, overdue and extended.
#[utoipa::path(get, path = "/api/v1/disclosure-report", tag = "stats",
    security(("bearer" = [])),
    params(DisclosureQuery),
    responses((status = 200, body = DisclosureReport),
        (status = 422, description = "Bad year", body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn disclosure(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiQuery(q): ApiQuery<DisclosureQuery>,
) -> Result<Json<DisclosureReport>, AppError> {
    Ok(Json(
        service::stats::disclosure_report(&ctx, &auth.principal, &q).await?,
    ))
}

/// Admin: the disclosure report as a download (`xlsx`: sheets 年度概况 and 办理结果; `csv`:
/// the same two sections, UTF-8 with a byte-order mark).
#[utoipa::path(get, path = "/api/v1/disclosure-report/export", tag = "stats",
    security(("bearer" = [])),
    params(DisclosureQuery),
    responses(
        (status = 200, description = "The workbook or CSV, as an attachment", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 422, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn disclosure_export(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiQuery(q): ApiQuery<DisclosureQuery>,
) -> Result<impl IntoResponse, AppError> {
    Ok(attachment(
        service::stats::export_disclosure(&ctx, &auth.principal, q).await?,
    ))
}
