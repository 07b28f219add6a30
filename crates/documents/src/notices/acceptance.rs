//! 受理通知书: the case was accepted; what, by whom, until when, and how to follow it.

use super::page::{col, seq, NoticePage};
use super::{Applicant, Delivery, Material, TimeLimits};
use crate::layout::Align;
use crate::DocumentError;

/// Everything printed on an acceptance notice, formatted by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptanceNotice {
    pub hall_name: String,
    pub case_no: String,
    /// The matter, or the bundle's name when several are handled as one.
    pub matter_name: String,
    /// The bundle's member matters; empty for a single matter.
    pub member_matters: Vec<String>,
    pub applicant: Applicant,
    pub office: String,
    pub counter: String,
    pub clerk: String,
    pub received_at: String,
    pub accepted_at: String,
    pub limits: TimeLimits,
    /// E.g. "不收费" or "登记费 80 元".
    pub fee: String,
    pub delivery: Delivery,
    pub tracking_code: String,
    /// Encoded in the footer's QR code and printed as the progress address.
    pub qr_url: String,
    pub materials: Vec<Material>,
    /// The date printed above the seal, e.g. "2026年11月27日".
    pub issued_at: String,
}

pub const ACCEPTANCE_TITLE: &str = "受理通知书";

/// Renders an acceptance notice as an A4 PDF.
pub fn render_acceptance_notice(notice: &AcceptanceNotice) -> Result<Vec<u8>, DocumentError> {
    let mut page = begin(notice, ACCEPTANCE_TITLE)?;
    page.addressee(&notice.applicant.name);
    page.paragraph(&format!(
        "你（单位）于{}提交的“{}”申请，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条的规定，决定予以受理。",
        notice.received_at, notice.matter_name
    ));
    write_body(&mut page, notice);
    page.closing(&notice.office, &notice.issued_at);
    page.finish()
}

pub(crate) fn begin(notice: &AcceptanceNotice, title: &str) -> Result<NoticePage, DocumentError> {
    let number = format!("受理编号：{}", notice.case_no);
    NoticePage::begin(&notice.hall_name, title, &number, &notice.qr_url)
}

/// The sections an acceptance and a pledge notice share.
pub(crate) fn write_body(page: &mut NoticePage, n: &AcceptanceNotice) {
    page.section("一、受理信息");
    let mut fields = vec![("事项名称", n.matter_name.clone())];
    if !n.member_matters.is_empty() {
        fields.push(("包含事项", numbered(&n.member_matters)));
    }
    fields.extend([
        ("申请人", n.applicant.name.clone()),
        (n.applicant.id_label.as_str(), n.applicant.id_number.clone()),
        ("受理部门", n.office.clone()),
        ("受理窗口", format!("{}（受理人：{}）", n.counter, n.clerk)),
        ("收件时间", n.received_at.clone()),
        ("受理时间", n.accepted_at.clone()),
    ]);
    page.fields(&fields);

    page.section("二、办理时限与收费");
    let l = &n.limits;
    page.fields(&[
        (
            "法定办结时限",
            format!("{} 个工作日（{}前）", l.legal_days, l.legal_due),
        ),
        (
            "承诺办结时限",
            format!("{} 个工作日（{}前）", l.promised_days, l.promised_due),
        ),
        ("收费", n.fee.clone()),
    ]);

    page.section("三、结果送达与进度查询");
    page.fields(&[
        ("送达方式", n.delivery.describe()),
        ("查询码", n.tracking_code.clone()),
        ("查询网址", n.qr_url.clone()),
    ]);

    page.section(&format!("四、已收取材料（共 {} 项）", n.materials.len()));
    materials_table(page, &n.materials);
}

fn materials_table(page: &mut NoticePage, materials: &[Material]) {
    let columns = [
        col("序号", 1.0, Align::Center),
        col("材料名称", 6.0, Align::Left),
        col("原件", 0.9, Align::Center),
        col("复印件", 1.1, Align::Center),
        col("备注", 2.6, Align::Left),
    ];
    let rows: Vec<Vec<String>> = materials
        .iter()
        .enumerate()
        .map(|(i, m)| {
            vec![
                seq(i),
                m.name.clone(),
                m.originals.to_string(),
                m.copies.to_string(),
                m.note.clone(),
            ]
        })
        .collect();
    page.table(&columns, &rows);
}

/// "1. 甲；2. 乙" on separate lines.
pub(crate) fn numbered(items: &[String]) -> String {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| format!("{}. {item}", i + 1))
        .collect::<Vec<_>>()
        .join("\n")
}
