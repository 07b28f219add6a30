//! Printed documents of the service hall, rendered to PDF bytes entirely in
//! Rust, with an embedded subset CJK font so they print identically on any
//! machine.
//!
//! - [`layout`]: page sizes, margins and the [`layout::Flow`] writer.
//! - [`ticket_slip`]: the 80 mm queue ticket handed out at the kiosk.
//!
//! Callers pass plain, already-formatted data; nothing here knows about
//! queues, rules or time zones.

mod font;
pub mod layout;
pub mod ticket_slip;

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
