//! 一次性告知书: everything still missing, told once, so one more visit suffices.

use super::page::{col, seq, NoticePage};
use super::MissingItem;
use crate::layout::Align;
use crate::DocumentError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneTimeNotice {
    pub hall_name: String,
    pub notice_no: String,
    pub matter_name: String,
    pub applicant_name: String,
    /// Every missing or faulty item; the notice lists all of them.
    pub items: Vec<MissingItem>,
    pub notified_at: String,
    pub clerk: String,
    pub office: String,
    pub qr_url: String,
    pub issued_at: String,
}

pub const ONE_TIME_TITLE: &str = "一次性告知书";

/// Renders a one-time notice (一次性告知书) as an A4 PDF.
pub fn render_one_time_notice(notice: &OneTimeNotice) -> Result<Vec<u8>, DocumentError> {
    let number = format!("告知编号：{}", notice.notice_no);
    let mut page = NoticePage::begin(&notice.hall_name, ONE_TIME_TITLE, &number, &notice.qr_url)?;
    page.addressee(&notice.applicant_name);
    page.paragraph(&format!(
        "你（单位）申请办理的“{}”，经审查，申请材料尚需补充或更正。现将需要补正的全部内容一次性告知如下（共 {} 项）：",
        notice.matter_name,
        notice.items.len()
    ));
    let columns = [
        col("序号", 1.0, Align::Center),
        col("材料名称", 4.0, Align::Left),
        col("要求及说明", 5.6, Align::Left),
        col("情形", 1.6, Align::Center),
    ];
    let rows: Vec<Vec<String>> = notice
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            vec![
                seq(i),
                item.name.clone(),
                item.requirement.clone(),
                item.reason.label().to_string(),
            ]
        })
        .collect();
    page.table(&columns, &rows);
    page.paragraph("以上为需要补正的全部内容。你（单位）按本告知书补齐材料后，最多再跑一次即可办理；工作人员不得再要求提交本告知书以外的材料。");
    page.fields(&[
        ("事项名称", notice.matter_name.clone()),
        ("告知时间", notice.notified_at.clone()),
        ("告知人", notice.clerk.clone()),
        ("告知部门", notice.office.clone()),
    ]);
    page.closing(&notice.office, &notice.issued_at);
    page.finish()
}
