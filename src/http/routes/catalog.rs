use crate::context::AppContext;
use crate::error::AppError;
use crate::http::error::ApiError;
use crate::http::extract::Auth;
use crate::service;
use crate::service::views::{BundleView, CategoryView, ChecklistView, CounterView, MatterView};
use axum::extract::State;
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
