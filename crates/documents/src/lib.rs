//! Printed documents of the service hall, rendered to PDF bytes entirely in
//! Rust, with an embedded subset CJK font so they print identically on any
//! machine.
//!
//! - [`layout`]: page sizes, margins and the [`layout::Flow`] writer.
//! - [`ticket_slip`]: the 80 mm queue ticket handed out at the kiosk.
//! - [`guide_slip`]: the 80 mm 办事指南 of a matter or bundle with its materials list.
//! - [`notices`]: the A4 notices of a case (受理通知书, 一次性告知书, 容缺受理通知书,
//!   不予受理通知书, 补正通知书, 办结通知书), each with a QR footer on every page.
//!
//! Callers pass plain, already-formatted data; nothing here knows about
//! queues, rules or time zones.

mod font;
pub mod guide_slip;
pub mod layout;
pub mod notices;
pub mod ticket_slip;

pub use guide_slip::{render_guide_slip, GuideMaterial, GuideSlip};
pub use notices::{
    render_acceptance_notice, render_completion_document, render_correction_notice,
    render_one_time_notice, render_pledge_notice, render_refusal_notice, AcceptanceNotice,
    Applicant, CompletionDocument, CorrectionNotice, Decision, Delivery, DepartmentResult,
    Material, MissingItem, MissingReason, OneTimeNotice, PledgeNotice, RefusalNotice, TimeLimits,
};
pub use ticket_slip::{render_ticket_slip, TicketSlip};

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("the embedded CJK font could not be parsed")]
    FontUnavailable,
    #[error("cannot encode the QR code: {reason}")]
    QrCode { reason: String },
    #[error("PDF serialisation failed: {0}")]
    Pdf(String),
}
