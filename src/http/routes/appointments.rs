use crate::context::AppContext;
use crate::error::AppError;
use crate::http::error::ApiError;
use crate::http::extract::{ApiJson, ApiPath, ApiQuery, Auth};
use crate::service;
use crate::service::views::{
    AppointmentSlotsView, AppointmentView, BookAppointmentRequest, CancelAppointmentRequest,
    CheckInResponse,
};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SlotsQuery {
    /// Category letter, e.g. "A".
    category: String,
}

/// Public: bookable days and slots of a category, with places left.
#[utoipa::path(get, path = "/api/v1/public/appointment-slots", tag = "public",
    params(SlotsQuery),
    responses((status = 200, body = AppointmentSlotsView), (status = 422, body = ApiError)))]
pub async fn slots(
    State(ctx): State<AppContext>,
    ApiQuery(q): ApiQuery<SlotsQuery>,
) -> Result<Json<AppointmentSlotsView>, AppError> {
    Ok(Json(service::appointments::slots(&ctx, &q.category).await?))
}

/// Public: books a slot and returns the appointment code to check in with.
#[utoipa::path(post, path = "/api/v1/public/appointments", tag = "public",
    request_body = BookAppointmentRequest,
    responses(
        (status = 201, body = AppointmentView),
        (status = 409, description = "Full, already booked that day, or blocked after no-shows", body = ApiError),
        (status = 422, body = ApiError),
    ))]
pub async fn book(
    State(ctx): State<AppContext>,
    ApiJson(req): ApiJson<BookAppointmentRequest>,
) -> Result<(StatusCode, Json<AppointmentView>), AppError> {
    let a = service::appointments::book(&ctx, &req).await?;
    Ok((StatusCode::CREATED, Json(a)))
}

/// Public: cancels a booking (at least 2 hours ahead), proven by the ID number.
#[utoipa::path(post, path = "/api/v1/public/appointments/{code}/cancel", tag = "public",
    params(("code" = String, Path)),
    request_body = CancelAppointmentRequest,
    responses((status = 200, body = AppointmentView), (status = 404, body = ApiError),
        (status = 409, body = ApiError)))]
pub async fn cancel(
    State(ctx): State<AppContext>,
    ApiPath(code): ApiPath<String>,
    ApiJson(req): ApiJson<CancelAppointmentRequest>,
) -> Result<Json<AppointmentView>, AppError> {
    Ok(Json(
        service::appointments::cancel(&ctx, &code, &req.id_number).await?,
    ))
}

/// Kiosk: checks an appointment in and issues its ticket — the appointment queue inside the
/// window, the normal queue when late.
#[utoipa::path(post, path = "/api/v1/appointments/{code}/check-in", tag = "queue",
    security(("bearer" = [])),
    params(("code" = String, Path)),
    responses((status = 201, body = CheckInResponse), (status = 404, body = ApiError),
        (status = 409, description = "Too early, not today, or already checked in", body = ApiError)))]
pub async fn check_in(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(code): ApiPath<String>,
) -> Result<(StatusCode, Json<CheckInResponse>), AppError> {
    let r = service::appointments::check_in(&ctx, &auth.principal, &code).await?;
    Ok((StatusCode::CREATED, Json(r)))
}
