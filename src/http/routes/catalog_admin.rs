//! 清单目录管理 (admin): the draft, publishing, versions, history, and the workbook.

use crate::context::AppContext;
use crate::error::{AppError, ErrorCode};
use crate::http::error::ApiError;
use crate::http::extract::{ApiJson, ApiPath, ApiQuery, Auth};
use crate::service::catalog::admin::{self, EditItem};
use crate::service::views::{
    BundleInput, CatalogHistoryEntry, CatalogImportPreview, CatalogVersionView, CatalogWorkspace,
    CategoryInput, CounterInput, DepartmentInput, MatterInput, PublishRequest,
};
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use onetrip_domain::catalog::diff::ItemKind;
use serde::Deserialize;
use utoipa::IntoParams;

type Workspace = Result<Json<CatalogWorkspace>, AppError>;

/// The draft (or, without one, the published catalog), what the draft changes against the
/// published version, and the items that can no longer be deleted.
#[utoipa::path(get, path = "/api/v1/admin/catalog", tag = "catalog-admin",
    security(("bearer" = [])),
    responses((status = 200, body = CatalogWorkspace), (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 422, body = ApiError)))]
pub async fn workspace(State(ctx): State<AppContext>, auth: Auth) -> Workspace {
    Ok(Json(admin::workspace(&ctx, &auth.principal).await?))
}

/// Drops every unpublished change.
#[utoipa::path(delete, path = "/api/v1/admin/catalog/draft", tag = "catalog-admin",
    security(("bearer" = [])),
    responses((status = 200, body = CatalogWorkspace), (status = 422, body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn discard_draft(State(ctx): State<AppContext>, auth: Auth) -> Workspace {
    Ok(Json(admin::discard_draft(&ctx, &auth.principal).await?))
}

/// Publishes the draft as a new catalog version (by default the next `YYYY.N`). New matters
/// and bundles are disclosed that day; cases and tickets keep the version they were made
/// under. Refused while a removed item is still referred to, or when the draft was started
/// from an older version.
#[utoipa::path(post, path = "/api/v1/admin/catalog/publish", tag = "catalog-admin",
    security(("bearer" = [])),
    request_body = PublishRequest,
    responses((status = 201, body = CatalogVersionView), (status = 409, body = ApiError),
        (status = 422, body = ApiError), (status = 401, body = ApiError),
        (status = 403, body = ApiError)))]
pub async fn publish(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiJson(req): ApiJson<PublishRequest>,
) -> Result<(StatusCode, Json<CatalogVersionView>), AppError> {
    let v = admin::publish(&ctx, &auth.principal, req).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// Every published version, newest first, with how many items each changed.
#[utoipa::path(get, path = "/api/v1/admin/catalog/versions", tag = "catalog-admin",
    security(("bearer" = [])),
    responses((status = 200, body = [CatalogVersionView]), (status = 401, body = ApiError),
        (status = 403, body = ApiError)))]
pub async fn versions(
    State(ctx): State<AppContext>,
    auth: Auth,
) -> Result<Json<Vec<CatalogVersionView>>, AppError> {
    Ok(Json(admin::versions(&ctx, &auth.principal).await?))
}

/// What each published version changed of one item, field by field, newest first.
#[utoipa::path(get, path = "/api/v1/admin/catalog/history/{kind}/{code}", tag = "catalog-admin",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "department, category, matter, bundle or counter"),
        ("code" = String, Path, description = "The item's code")),
    responses((status = 200, body = [CatalogHistoryEntry]), (status = 422, body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn history(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath((kind, code)): ApiPath<(String, String)>,
) -> Result<Json<Vec<CatalogHistoryEntry>>, AppError> {
    Ok(Json(
        admin::history(&ctx, &auth.principal, &kind, &code).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Only check and preview; save nothing.
    #[serde(default)]
    pub dry_run: bool,
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Reads an uploaded catalog workbook (the template of `GET …/export`, body: the .xlsx
/// itself). Every row's problems are listed by sheet, row and column; a workbook without
/// problems becomes the draft unless `dry_run`. Nothing is published here.
#[utoipa::path(post, path = "/api/v1/admin/catalog/import", tag = "catalog-admin",
    security(("bearer" = [])),
    params(ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    responses((status = 200, body = CatalogImportPreview), (status = 413, body = ApiError),
        (status = 415, body = ApiError), (status = 422, body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn import(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiQuery(q): ApiQuery<ImportQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<CatalogImportPreview>, AppError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !(content_type.starts_with(XLSX) || content_type.starts_with("application/octet-stream")) {
        return Err(AppError::new(
            ErrorCode::UnsupportedMediaType,
            format!("请上传 Excel 工作簿（Content-Type: {XLSX}）"),
        ));
    }
    // The workbook is read here with its own limit; the API's small default is for JSON.
    let bytes = axum::body::to_bytes(body, admin::MAX_WORKBOOK_BYTES)
        .await
        .map_err(|_| AppError::new(ErrorCode::PayloadTooLarge, "文件超过 20 MB，不是目录模板"))?;
    Ok(Json(
        admin::import_workbook(&ctx, &auth.principal, &bytes, q.dry_run).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// The draft instead of the published catalog (the published one when there is no draft).
    #[serde(default)]
    pub draft: bool,
}

/// The catalog as the Excel template (目录, 部门, 类别, 事项, 材料, 一件事, 窗口).
#[utoipa::path(get, path = "/api/v1/admin/catalog/export", tag = "catalog-admin",
    security(("bearer" = [])),
    params(ExportQuery),
    responses((status = 200, description = "The workbook, as an attachment", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn export(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiQuery(q): ApiQuery<ExportQuery>,
) -> Result<impl IntoResponse, AppError> {
    let bytes = admin::export_workbook(&ctx, &auth.principal, q.draft).await?;
    let name = if q.draft { "catalog-draft" } else { "catalog" };
    Ok((
        [
            (header::CONTENT_TYPE, XLSX.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"onetrip-{name}.xlsx\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    ))
}

/// One kind's `PUT` (add or replace in the draft) and `DELETE` (remove from the draft; 409
/// when something refers to it) handlers.
macro_rules! item_routes {
    ($put:ident, $delete:ident, $path:literal, $input:ty, $variant:ident, $kind:expr, $what:literal) => {
        #[doc = concat!("Adds the ", $what, " to the draft or replaces it there; the whole draft must stay a valid catalog (422 lists every problem in Chinese).")]
        #[utoipa::path(put, path = $path, tag = "catalog-admin",
            security(("bearer" = [])),
            params(("code" = String, Path, description = "The item's code; must equal the body's")),
            request_body = $input,
            responses((status = 200, body = CatalogWorkspace), (status = 422, body = ApiError),
                (status = 401, body = ApiError), (status = 403, body = ApiError)))]
        pub async fn $put(
            State(ctx): State<AppContext>,
            auth: Auth,
            ApiPath(code): ApiPath<String>,
            ApiJson(item): ApiJson<$input>,
        ) -> Workspace {
            Ok(Json(
                admin::put_item(&ctx, &auth.principal, &code, EditItem::$variant(item)).await?,
            ))
        }

        #[doc = concat!("Removes the ", $what, " from the draft: refused (409) when tickets, cases, staff or records refer to it.")]
        #[utoipa::path(delete, path = $path, tag = "catalog-admin",
            security(("bearer" = [])),
            params(("code" = String, Path, description = "The item's code")),
            responses((status = 200, body = CatalogWorkspace), (status = 404, body = ApiError),
                (status = 409, body = ApiError), (status = 422, body = ApiError),
                (status = 401, body = ApiError), (status = 403, body = ApiError)))]
        pub async fn $delete(
            State(ctx): State<AppContext>,
            auth: Auth,
            ApiPath(code): ApiPath<String>,
        ) -> Workspace {
            Ok(Json(
                admin::delete_item(&ctx, &auth.principal, $kind, &code).await?,
            ))
        }
    };
}

item_routes!(
    put_department,
    delete_department,
    "/api/v1/admin/catalog/draft/departments/{code}",
    DepartmentInput,
    Department,
    ItemKind::Department,
    "department"
);
item_routes!(
    put_category,
    delete_category,
    "/api/v1/admin/catalog/draft/categories/{code}",
    CategoryInput,
    Category,
    ItemKind::Category,
    "queue category"
);
item_routes!(
    put_matter,
    delete_matter,
    "/api/v1/admin/catalog/draft/matters/{code}",
    MatterInput,
    Matter,
    ItemKind::Matter,
    "matter (guide, checklist, limits, routing)"
);
item_routes!(
    put_bundle,
    delete_bundle,
    "/api/v1/admin/catalog/draft/bundles/{code}",
    BundleInput,
    Bundle,
    ItemKind::Bundle,
    "一件事 bundle"
);
item_routes!(
    put_counter,
    delete_counter,
    "/api/v1/admin/catalog/draft/counters/{code}",
    CounterInput,
    Counter,
    ItemKind::Counter,
    "counter"
);
