//! The HTTP API under `/api/v1`, Server-Sent Events at `/api/v1/events`, and the UI at `/`.

pub mod audit;
pub mod error;
mod events;
pub mod extract;
pub mod metrics;
pub mod request_id;
mod routes;
mod ui;

use crate::context::AppContext;
use crate::error::{AppError, ErrorCode};
use axum::extract::DefaultBodyLimit;
use axum::response::IntoResponse;
use axum::{Extension, Router};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Request bodies above this are refused before they are read.
pub const BODY_LIMIT: usize = 64 * 1024;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "onetrip 只跑一次综合服务大厅 API",
        description = "The hall server's API. Errors are `{code, message}` with a Chinese message.",
        version = "1"
    ),
    modifiers(&BearerAuth),
    components(schemas(error::ApiError)),
    tags(
        (name = "auth", description = "Staff log-in and device tokens"),
        (name = "catalog", description = "Categories, matters and counters"),
        (name = "catalog-admin", description = "清单目录管理: the catalog draft, publishing versions, item history, the Excel workbook"),
        (name = "queue", description = "Tickets and calling (智慧排队)"),
        (name = "events", description = "Live events (SSE)"),
        (name = "cases", description = "Cases (办件): intake, approval queues, supplements"),
        (name = "ratings", description = "好差评: ratings of services and follow-ups of bad reviews"),
        (name = "messages", description = "网民留言: citizens' messages, forwarded to departments, answered and published de-identified"),
        (name = "stats", description = "统计分析: statistics, their exports and the disclosure report"),
        (name = "admin", description = "Staff and devices"),
        (name = "public", description = "Public pages: no personal data"),
        (name = "ops", description = "Operations"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

fn api() -> OpenApiRouter<AppContext> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(routes::health::healthz))
        .routes(routes!(routes::health::metrics))
        .routes(routes!(routes::auth::login))
        .routes(routes!(routes::auth::logout))
        .routes(routes!(routes::auth::me))
        .routes(routes!(routes::catalog::categories))
        .routes(routes!(routes::catalog::matters))
        .routes(routes!(routes::catalog::counters))
        .routes(routes!(routes::catalog::bundles))
        .routes(routes!(routes::catalog::checklist))
        .routes(routes!(routes::catalog::public_catalog))
        .routes(routes!(routes::catalog::catalog_disclosure))
        .routes(routes!(routes::catalog::guide_slip))
        .routes(routes!(routes::catalog_admin::workspace))
        .routes(routes!(routes::catalog_admin::discard_draft))
        .routes(routes!(routes::catalog_admin::publish))
        .routes(routes!(routes::catalog_admin::versions))
        .routes(routes!(routes::catalog_admin::history))
        .routes(routes!(routes::catalog_admin::import))
        .routes(routes!(routes::catalog_admin::export))
        .routes(routes!(
            routes::catalog_admin::put_department,
            routes::catalog_admin::delete_department
        ))
        .routes(routes!(
            routes::catalog_admin::put_category,
            routes::catalog_admin::delete_category
        ))
        .routes(routes!(
            routes::catalog_admin::put_matter,
            routes::catalog_admin::delete_matter
        ))
        .routes(routes!(
            routes::catalog_admin::put_bundle,
            routes::catalog_admin::delete_bundle
        ))
        .routes(routes!(
            routes::catalog_admin::put_counter,
            routes::catalog_admin::delete_counter
        ))
        .routes(routes!(routes::tickets::issue))
        .routes(routes!(routes::tickets::get))
        .routes(routes!(routes::tickets::track))
        .routes(routes!(routes::printing::ticket_slip))
        .routes(routes!(routes::printing::call_audio))
        .routes(routes!(routes::appointments::slots))
        .routes(routes!(routes::appointments::book))
        .routes(routes!(routes::appointments::cancel))
        .routes(routes!(routes::appointments::check_in))
        .routes(routes!(routes::tickets::slip_status))
        .routes(routes!(routes::tickets::recall))
        .routes(routes!(routes::tickets::start))
        .routes(routes!(routes::tickets::finish))
        .routes(routes!(routes::tickets::no_show))
        .routes(routes!(routes::tickets::reinstate))
        .routes(routes!(routes::tickets::transfer))
        .routes(routes!(routes::counters::call_next))
        .routes(routes!(
            routes::counters::open_session,
            routes::counters::close_session
        ))
        .routes(routes!(routes::counters::pause))
        .routes(routes!(routes::counters::resume))
        .routes(routes!(routes::counters::desk))
        .routes(routes!(routes::queue::snapshot))
        .routes(routes!(events::stream))
        .routes(routes!(
            routes::admin::create_user,
            routes::admin::list_users
        ))
        .routes(routes!(
            routes::admin::get_settings,
            routes::admin::put_settings
        ))
        .routes(routes!(routes::admin::update_user))
        .routes(routes!(routes::admin::reset_password))
        .routes(routes!(
            routes::admin::create_device,
            routes::admin::list_devices
        ))
        .routes(routes!(routes::admin::revoke_device))
        .routes(routes!(routes::admin::calendar_years))
        .routes(routes!(routes::admin::calendar_year))
        .routes(routes!(routes::admin::load_calendar))
        .routes(routes!(routes::cases::create))
        .routes(routes!(routes::cases::get))
        .routes(routes!(routes::cases::supplement))
        .routes(routes!(routes::cases::refuse))
        .routes(routes!(routes::cases::notice))
        .routes(routes!(routes::cases::queue))
        .routes(routes!(routes::cases::overdue))
        .routes(routes!(routes::cases::claim))
        .routes(routes!(routes::cases::release))
        .routes(routes!(routes::cases::approve))
        .routes(routes!(routes::cases::reject))
        .routes(routes!(routes::cases::return_for_supplement))
        .routes(routes!(routes::cases::extend))
        .routes(routes!(routes::cases::track))
        .routes(routes!(routes::cases::output_queue))
        .routes(routes!(routes::cases::handover))
        .routes(routes!(routes::cases::delivered))
        .routes(routes!(routes::cases::document))
        .routes(routes!(routes::cases::notice_document))
        .routes(routes!(routes::seals::keys))
        .routes(routes!(routes::seals::verify))
        .routes(routes!(routes::cases::put_draft, routes::cases::get_draft))
        .routes(routes!(routes::ratings::rate, routes::ratings::list))
        .routes(routes!(routes::ratings::follow_ups))
        .routes(routes!(routes::ratings::reply))
        .routes(routes!(routes::ratings::close))
        .routes(routes!(routes::messages::submit, routes::messages::list))
        .routes(routes!(routes::messages::published))
        .routes(routes!(routes::messages::lookup))
        .routes(routes!(routes::messages::forward))
        .routes(routes!(routes::messages::answer))
        .routes(routes!(routes::messages::publish))
        .routes(routes!(routes::messages::close))
        .routes(routes!(routes::audit::list))
        .routes(routes!(routes::stats::report))
        .routes(routes!(routes::stats::export))
        .routes(routes!(routes::stats::public))
        .routes(routes!(routes::stats::disclosure))
        .routes(routes!(routes::stats::disclosure_export))
}

/// The OpenAPI document of every route, as served at `/api/v1/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api().split_for_parts().1
}

pub fn router(ctx: AppContext) -> Router {
    let (api, doc) = api().split_for_parts();
    let http_metrics = std::sync::Arc::new(metrics::HttpMetrics::default());
    let doc_json = doc.to_pretty_json().expect("OpenAPI document serialises");
    api.route(
        "/api/v1/openapi.json",
        axum::routing::get(move || async move {
            (
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                doc_json,
            )
        }),
    )
    .method_not_allowed_fallback(|| async {
        AppError::new(ErrorCode::NotFound, "该地址不支持此请求方法").into_response()
    })
    .fallback(ui::serve)
    .layer(axum::middleware::from_fn_with_state(
        ctx.clone(),
        audit::layer,
    ))
    .layer(DefaultBodyLimit::max(BODY_LIMIT))
    .layer(axum::middleware::from_fn_with_state(
        http_metrics.clone(),
        metrics::layer,
    ))
    .layer(Extension(http_metrics))
    .layer(
        // Method, route template and request id only: paths may hold tracking codes and
        // queries an access token, which must never reach a log.
        TraceLayer::new_for_http()
            .make_span_with(request_id::span_for)
            .on_response(DefaultOnResponse::new().level(Level::INFO)),
    )
    // Outermost: the id exists before the span is made, and every answer carries it.
    .layer(axum::middleware::from_fn(request_id::layer))
    .with_state(ctx)
}
