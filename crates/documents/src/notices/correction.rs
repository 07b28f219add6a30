//! 补正通知书: a department needs more material; the clock stops until it arrives.

use super::page::{col, seq, NoticePage};
use super::MissingItem;
use crate::layout::Align;
use crate::DocumentError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectionNotice {
    pub hall_name: String,
    pub case_no: String,
    pub matter_name: String,
    pub applicant_name: String,
    /// The department asking for the correction.
    pub department: String,
    pub items: Vec<MissingItem>,
    /// When the correction was requested.
    pub notice_date: String,
    pub qr_url: String,
    pub issued_at: String,
}

pub const CORRECTION_TITLE: &str = "补正通知书";

/// Renders a correction notice (补正通知书) as an A4 PDF.
pub fn render_correction_notice(notice: &CorrectionNotice) -> Result<Vec<u8>, DocumentError> {
    let number = format!("受理编号：{}", notice.case_no);
    let mut page = NoticePage::begin(&notice.hall_name, CORRECTION_TITLE, &number, &notice.qr_url)?;
    page.addressee(&notice.applicant_name);
    page.paragraph(&format!(
        "你（单位）申请办理的“{}”（受理编号：{}），经{}审查，需补正以下材料（共 {} 项）：",
        notice.matter_name,
        notice.case_no,
        notice.department,
        notice.items.len()
    ));
    let columns = [
        col("序号", 1.0, Align::Center),
        col("材料名称", 4.2, Align::Left),
        col("补正要求", 7.0, Align::Left),
    ];
    let rows: Vec<Vec<String>> = notice
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| vec![seq(i), item.name.clone(), item.requirement.clone()])
        .collect();
    page.table(&columns, &rows);
    page.paragraph(&format!(
        "自{}起，办理时限暂停计算，待你（单位）补正材料齐全之日起继续计算。请携带本通知书及上述材料到大厅窗口补交，或通过扫描下方二维码查询办理进度。",
        notice.notice_date
    ));
    page.fields(&[
        ("审查部门", notice.department.clone()),
        ("通知日期", notice.notice_date.clone()),
    ]);
    page.closing(&notice.department, &notice.issued_at);
    page.finish()
}
