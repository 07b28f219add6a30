//! The queue ticket printed on the kiosk's 80 mm thermal printer.

use crate::layout::{Flow, PageSize, RuleStyle, TextStyle};
use crate::DocumentError;

/// Everything printed on a ticket, already formatted by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketSlip {
    pub hall_name: String,
    /// The queue number as called out, e.g. `A001`.
    pub number: String,
    pub category_name: String,
    pub waiting_ahead: i64,
    pub estimated_wait_minutes: Option<i64>,
    /// Local time, already formatted, e.g. `2026-11-27 09:05`.
    pub issued_at: String,
    /// Where the visitor can follow the queue; encoded in the QR code.
    pub track_url: String,
    /// A standing instruction, e.g. `过号请重新取号`.
    pub notice: String,
    /// Shown prominently when the ticket is in a priority lane, e.g. `绿色通道`.
    pub priority_label: Option<String>,
}

/// Minimum height of the slip; the printer cuts after the content anyway, but
/// a slip much shorter than a hand is easy to lose.
const MIN_SLIP_HEIGHT_MM: f32 = 100.0;
/// Phones focus and decode a 30 mm+ code comfortably at arm's length.
const MIN_QR_MM: f32 = 32.0;
/// The queue number is what people read from across the hall.
const NUMBER_SIZE_PT: f32 = 44.0;

/// Renders `slip` as a one-page PDF, 80 mm wide and as long as it needs.
pub fn render_ticket_slip(slip: &TicketSlip) -> Result<Vec<u8>, DocumentError> {
    let mut flow = Flow::new(PageSize::Receipt80mm {
        height_mm: MIN_SLIP_HEIGHT_MM,
    })?;
    flow.text(&slip.hall_name, TextStyle::HEADING.centered());
    flow.rule(RuleStyle::Dashed, 2.0);

    if let Some(label) = &slip.priority_label {
        flow.text(
            &format!("【{label}】"),
            TextStyle::HEADING.size(12.0).centered(),
        );
    }
    flow.text(
        &slip.number,
        TextStyle::TITLE
            .size(NUMBER_SIZE_PT)
            .spacing(1.15)
            .centered(),
    );
    flow.text(&slip.category_name, TextStyle::BODY.size(12.0).centered());
    flow.rule(RuleStyle::Dashed, 2.0);

    let body = TextStyle::BODY.size(11.0).centered();
    // A negative count can only come from a caller's off-by-one; printing
    // "前面还有 -1 人" would confuse the visitor more than "0".
    let ahead = slip.waiting_ahead.max(0);
    flow.text(&format!("前面还有 {ahead} 人"), body.bold());
    if let Some(minutes) = slip.estimated_wait_minutes {
        flow.text(&format!("预计等候约 {} 分钟", minutes.max(0)), body);
    }
    flow.text(&format!("取号时间 {}", slip.issued_at), body);
    flow.space(1.0);
    flow.text(&slip.notice, TextStyle::BODY.size(10.0).centered());
    flow.rule(RuleStyle::Dashed, 2.0);

    flow.text("扫码查看排队进度", TextStyle::SMALL.size(9.0).centered());
    flow.qr_code(&slip.track_url, MIN_QR_MM)?;
    flow.text(url_path(&slip.track_url), TextStyle::SMALL.centered());

    flow.into_pdf(&format!("{} {}", slip.hall_name, slip.number))
}

/// The part of a URL after the host (path and query), which is what a person
/// would type after the hall's well-known address if the QR code fails. A
/// string with no scheme or no path is shown whole.
fn url_path(url: &str) -> &str {
    let Some(scheme_end) = url.find("://") else {
        return url;
    };
    let after_scheme = &url[scheme_end + 3..];
    match after_scheme.find(['/', '?']) {
        Some(path_start) => &after_scheme[path_start..],
        None => url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_path_drops_scheme_and_host() {
        assert_eq!(url_path("https://hall.example.cn/t/A001-x7"), "/t/A001-x7");
        assert_eq!(url_path("http://10.0.0.2:8080/t/1?k=2"), "/t/1?k=2");
        assert_eq!(url_path("https://hall.example.cn?t=1"), "?t=1");
        assert_eq!(
            url_path("https://hall.example.cn"),
            "https://hall.example.cn"
        );
        assert_eq!(url_path("/t/A001"), "/t/A001");
    }
}
