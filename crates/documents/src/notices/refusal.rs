//! 不予受理通知书: the hall cannot accept this application, why, and where to go.

use super::page::NoticePage;
use crate::DocumentError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusalNotice {
    pub hall_name: String,
    pub notice_no: String,
    pub matter_name: String,
    pub applicant_name: String,
    pub received_at: String,
    pub reason: String,
    /// The office that can handle the application.
    pub competent_office: String,
    /// Its address or contact, e.g. "某某路 1 号，0571-12345678".
    pub competent_office_contact: String,
    pub clerk: String,
    pub office: String,
    pub qr_url: String,
    pub issued_at: String,
}

pub const REFUSAL_TITLE: &str = "不予受理通知书";

/// Renders a refusal notice (不予受理通知书) as an A4 PDF.
pub fn render_refusal_notice(notice: &RefusalNotice) -> Result<Vec<u8>, DocumentError> {
    let number = format!("文书编号：{}", notice.notice_no);
    let mut page = NoticePage::begin(&notice.hall_name, REFUSAL_TITLE, &number, &notice.qr_url)?;
    page.addressee(&notice.applicant_name);
    page.paragraph(&format!(
        "你（单位）于{}申请办理的“{}”，经审查，决定不予受理。",
        notice.received_at, notice.matter_name
    ));
    page.section("不予受理理由");
    page.paragraph(&notice.reason);
    page.section("有权受理的机关");
    page.fields(&[
        ("受理机关", notice.competent_office.clone()),
        ("地址及联系方式", notice.competent_office_contact.clone()),
    ]);
    page.paragraph("如对本决定不服，可自收到本通知书之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼。");
    page.fields(&[
        ("申请事项", notice.matter_name.clone()),
        ("经办人", notice.clerk.clone()),
    ]);
    page.closing(&notice.office, &notice.issued_at);
    page.finish()
}
