use crate::context::AppContext;
use crate::error::AppError;
use crate::http::error::ApiError;
use crate::http::extract::{ApiJson, ApiPath, Auth};
use crate::service;
use crate::service::hall::{HallSettingsUpdate, HallSettingsView};
use crate::service::staff::{PasswordReset, UpdateUserRequest};
use crate::service::views::{
    CreateDeviceRequest, CreateUserRequest, CreatedDevice, DeviceView, UserView,
};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

/// Creates a staff account (admin).
#[utoipa::path(post, path = "/api/v1/users", tag = "admin",
    security(("bearer" = [])),
    request_body = CreateUserRequest,
    responses((status = 201, body = UserView), (status = 409, body = ApiError),
        (status = 422, body = ApiError), (status = 403, body = ApiError)))]
pub async fn create_user(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiJson(req): ApiJson<CreateUserRequest>,
) -> Result<(StatusCode, Json<UserView>), AppError> {
    let user = service::admin::create_user(&ctx, &auth.principal, &req).await?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// Changes a staff account (admin): name, roles, department, disabled. Disabling ends its
/// sessions at once. An admin cannot disable themselves or drop their own admin role, and the
/// hall keeps at least one enabled admin. Audited with the account before and after.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The account's id")),
    request_body = UpdateUserRequest,
    responses((status = 200, body = UserView), (status = 404, body = ApiError),
        (status = 422, body = ApiError), (status = 403, body = ApiError)))]
pub async fn update_user(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<UpdateUserRequest>,
) -> Result<Json<UserView>, AppError> {
    Ok(Json(
        service::staff::update(&ctx, &auth.principal, id, req).await?,
    ))
}

/// A new random password for a staff account (admin), shown once; every session of the
/// account ends.
#[utoipa::path(post, path = "/api/v1/users/{id}/reset-password", tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The account's id")),
    responses((status = 200, body = PasswordReset), (status = 404, body = ApiError),
        (status = 403, body = ApiError)))]
pub async fn reset_password(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<PasswordReset>, AppError> {
    Ok(Json(
        service::staff::reset_password(&ctx, &auth.principal, id).await?,
    ))
}

/// The hall's settings (admin): name, time zone, public address, queue rules, warning
/// thresholds, deadlines and the booking window.
#[utoipa::path(get, path = "/api/v1/admin/settings", tag = "admin",
    security(("bearer" = [])),
    responses((status = 200, body = HallSettingsView), (status = 403, body = ApiError)))]
pub async fn get_settings(
    State(ctx): State<AppContext>,
    auth: Auth,
) -> Result<Json<HallSettingsView>, AppError> {
    Ok(Json(service::hall::get(&ctx, &auth.principal).await?))
}

/// Changes the hall's settings (admin): only the fields given; validated as a whole, applied
/// at once on every instance, audited before and after (`hall_settings_changed`).
#[utoipa::path(put, path = "/api/v1/admin/settings", tag = "admin",
    security(("bearer" = [])),
    request_body = HallSettingsUpdate,
    responses((status = 200, body = HallSettingsView), (status = 422, body = ApiError),
        (status = 403, body = ApiError)))]
pub async fn put_settings(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiJson(req): ApiJson<HallSettingsUpdate>,
) -> Result<Json<HallSettingsView>, AppError> {
    Ok(Json(
        service::hall::update(&ctx, &auth.principal, req).await?,
    ))
}

/// Lists staff accounts (admin).
#[utoipa::path(get, path = "/api/v1/users", tag = "admin",
    security(("bearer" = [])),
    responses((status = 200, body = [UserView]), (status = 403, body = ApiError)))]
pub async fn list_users(
    State(ctx): State<AppContext>,
    auth: Auth,
) -> Result<Json<Vec<UserView>>, AppError> {
    Ok(Json(
        service::admin::list_users(&ctx, &auth.principal).await?,
    ))
}

/// Registers a kiosk or display terminal and returns its token, once (admin).
#[utoipa::path(post, path = "/api/v1/devices", tag = "admin",
    security(("bearer" = [])),
    request_body = CreateDeviceRequest,
    responses((status = 201, body = CreatedDevice), (status = 422, body = ApiError),
        (status = 403, body = ApiError)))]
pub async fn create_device(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiJson(req): ApiJson<CreateDeviceRequest>,
) -> Result<(StatusCode, Json<CreatedDevice>), AppError> {
    let device = service::admin::create_device(&ctx, &auth.principal, &req).await?;
    Ok((StatusCode::CREATED, Json(device)))
}

/// Lists terminals (admin).
#[utoipa::path(get, path = "/api/v1/devices", tag = "admin",
    security(("bearer" = [])),
    responses((status = 200, body = [DeviceView]), (status = 403, body = ApiError)))]
pub async fn list_devices(
    State(ctx): State<AppContext>,
    auth: Auth,
) -> Result<Json<Vec<DeviceView>>, AppError> {
    Ok(Json(
        service::admin::list_devices(&ctx, &auth.principal).await?,
    ))
}

/// Revokes a terminal and its tokens (admin).
#[utoipa::path(delete, path = "/api/v1/devices/{id}", tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ApiError), (status = 403, body = ApiError)))]
pub async fn revoke_device(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, AppError> {
    service::admin::revoke_device(&ctx, &auth.principal, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Public: the listed days of one year of the working-day calendar — holidays and make-up
/// working days (调休) with their names.
#[utoipa::path(get, path = "/api/v1/calendar/{year}", tag = "catalog",
    params(("year" = i32, Path, description = "e.g. 2026")),
    responses((status = 200, body = crate::service::calendar::CalendarYearDetail),
        (status = 404, body = ApiError)))]
pub async fn calendar_year(
    State(ctx): State<AppContext>,
    ApiPath(year): ApiPath<i32>,
) -> Result<Json<crate::service::calendar::CalendarYearDetail>, AppError> {
    Ok(Json(service::calendar::year_detail(&ctx, year).await?))
}

/// The years the working-day calendar covers (bundled, or loaded by an admin).
#[utoipa::path(get, path = "/api/v1/calendar", tag = "catalog",
    responses((status = 200, body = [crate::service::calendar::CalendarYearView])))]
pub async fn calendar_years(
    State(ctx): State<AppContext>,
) -> Result<Json<Vec<crate::service::calendar::CalendarYearView>>, AppError> {
    Ok(Json(service::calendar::years(&ctx).await?))
}

/// Admin: loads a year's official holiday arrangement (holiday-cn JSON: `{"year", "papers",
/// "days": [{"name", "date", "isOffDay"}]}`), e.g. next year's when it is published.
#[utoipa::path(put, path = "/api/v1/admin/calendar", tag = "admin",
    security(("bearer" = [])),
    request_body = Object,
    responses((status = 200, body = crate::service::calendar::CalendarYearView),
        (status = 422, description = "Not a holiday-cn file, or a year not yet published", body = ApiError),
        (status = 403, body = ApiError)))]
pub async fn load_calendar(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiJson(document): ApiJson<serde_json::Value>,
) -> Result<Json<crate::service::calendar::CalendarYearView>, AppError> {
    Ok(Json(
        service::calendar::load_year(&ctx, &auth.principal, &document).await?,
    ))
}
