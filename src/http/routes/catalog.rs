use crate::context::AppContext;
use crate::error::AppError;
use crate::http::error::ApiError;
use crate::http::extract::ApiPath;
use crate::http::extract::Auth;
use crate::service;
use crate::service::views::{
    BundleView, CatalogDisclosureView, CategoryView, ChecklistView, CounterView, MatterView,
    PublicCatalogView,
};
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::IntoResponse;
use axum::Json;

/// Queue categories with how many wait in each today. Public.
#[utoipa::path(get, path = "/api/v1/categories", tag = "catalog",
    responses((status = 200, body = [CategoryView])))]
pub async fn categories(
    State(ctx): State<AppContext>,
) -> Result<Json<Vec<CategoryView>>, AppError> {
    Ok(Json(service::catalog::categories(&ctx).await?))
}

/// The matter catalog with guides and materials. Public (政务公开).
#[utoipa::path(get, path = "/api/v1/matters", tag = "catalog",
    responses((status = 200, body = [MatterView])))]
pub async fn matters(State(ctx): State<AppContext>) -> Result<Json<Vec<MatterView>>, AppError> {
    Ok(Json(service::catalog::matters(&ctx).await?))
}

/// The hall's counters and the categories each serves.
#[utoipa::path(get, path = "/api/v1/counters", tag = "catalog",
    security(("bearer" = [])),
    responses((status = 200, body = [CounterView]), (status = 401, body = ApiError)))]
pub async fn counters(
    State(ctx): State<AppContext>,
    auth: Auth,
) -> Result<Json<Vec<CounterView>>, AppError> {
    Ok(Json(
        service::catalog::counters(&ctx, &auth.principal).await?,
    ))
}

/// Public: the hall's 一件事 bundles with their member matters.
#[utoipa::path(get, path = "/api/v1/bundles", tag = "catalog",
    responses((status = 200, body = [BundleView])))]
pub async fn bundles(State(ctx): State<AppContext>) -> Result<Json<Vec<BundleView>>, AppError> {
    Ok(Json(service::catalog::bundles(&ctx).await?))
}

/// Public: the materials checklist of a matter or bundle, with the codes intake expects.
#[utoipa::path(get, path = "/api/v1/checklists/{code}", tag = "catalog",
    params(("code" = String, Path, description = "A matter or bundle code")),
    responses((status = 200, body = ChecklistView), (status = 422, body = ApiError)))]
pub async fn checklist(
    State(ctx): State<AppContext>,
    crate::http::extract::ApiPath(code): crate::http::extract::ApiPath<String>,
) -> Result<Json<ChecklistView>, AppError> {
    Ok(Json(service::catalog::checklist(&ctx, &code).await?))
}

/// Public: every published matter and bundle with its full guide, dates and the catalog
/// version, as machine-readable JSON (政务公开). Drafts are not included.
#[utoipa::path(get, path = "/api/v1/public/catalog", tag = "public",
    responses((status = 200, body = PublicCatalogView), (status = 404, body = ApiError)))]
pub async fn public_catalog(
    State(ctx): State<AppContext>,
) -> Result<Json<PublicCatalogView>, AppError> {
    Ok(Json(service::catalog::public_catalog(&ctx).await?))
}

/// Admin: every catalog item with its 制定/公开 dates against the 20-day rule
/// (以信息制定之日起20日内必须公开); late and overdue items first.
#[utoipa::path(get, path = "/api/v1/catalog/disclosure", tag = "catalog",
    security(("bearer" = [])),
    responses((status = 200, body = CatalogDisclosureView),
        (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn catalog_disclosure(
    State(ctx): State<AppContext>,
    auth: Auth,
) -> Result<Json<CatalogDisclosureView>, AppError> {
    Ok(Json(
        service::catalog::disclosure(&ctx, &auth.principal).await?,
    ))
}

/// Public: the 80 mm 办事指南 slip (PDF) of a published matter or bundle: departments,
/// where to go, conditions, the materials list, limits, fee and a QR to the online guide.
#[utoipa::path(get, path = "/api/v1/guides/{code}/slip.pdf", tag = "public",
    params(("code" = String, Path, description = "A matter or bundle code")),
    responses(
        (status = 200, description = "The slip", content_type = "application/pdf", body = Vec<u8>),
        (status = 404, body = ApiError),
    ))]
pub async fn guide_slip(
    State(ctx): State<AppContext>,
    headers: HeaderMap,
    ApiPath(code): ApiPath<String>,
) -> Result<impl IntoResponse, AppError> {
    let base = super::printing::base_url(&ctx, &headers);
    let pdf = service::catalog::guide_slip(&ctx, &code, &base).await?;
    // The code is a validated MatterCode by now, safe inside the header.
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"guide-{}.pdf\"", code.trim()),
            ),
        ],
        pdf,
    ))
}
