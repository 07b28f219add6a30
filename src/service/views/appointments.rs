//! Appointments as the API shows them. Public answers carry masked personal data only.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SlotView {
    /// "09:00"
    pub start: String,
    pub end: String,
    pub capacity: i64,
    pub remaining: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SlotDayView {
    /// "2026-11-30"
    pub date: String,
    /// e.g. "星期一", or the make-up day's name when a weekend is worked.
    pub label: String,
    pub slots: Vec<SlotView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AppointmentSlotsView {
    pub category: String,
    pub category_name: String,
    pub days: Vec<SlotDayView>,
    /// The booking rules in plain Chinese, for the page.
    pub rules: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BookAppointmentRequest {
    pub category: String,
    /// "2026-11-30"
    pub date: String,
    /// A slot start as listed, e.g. "09:00".
    pub slot_start: String,
    pub id_number: String,
    pub name: String,
    pub phone: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelAppointmentRequest {
    /// The ID number the booking was made with.
    pub id_number: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AppointmentView {
    /// Given at booking; checked in at the kiosk.
    pub code: String,
    pub category: String,
    pub category_name: String,
    pub date: String,
    pub slot_start: String,
    pub slot_end: String,
    /// 张*三
    pub name_masked: String,
    /// 138****1234
    pub phone_masked: String,
    /// `booked`, `cancelled` or `checked_in`.
    pub status: String,
    pub check_in_from: DateTime<Utc>,
    pub check_in_until: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CheckInResponse {
    pub appointment: AppointmentView,
    pub ticket: super::TicketView,
    /// Inside the window: the appointment queue; late: the normal queue.
    pub on_time: bool,
}
