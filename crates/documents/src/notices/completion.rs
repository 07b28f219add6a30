//! 办结通知书（出件单）: the case is finished; each department's result and the delivery.

use super::acceptance::numbered;
use super::page::{col, seq, NoticePage};
use super::{Applicant, Delivery};
use crate::layout::Align;
use crate::DocumentError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approved,
    Rejected,
}

impl Decision {
    pub fn label(self) -> &'static str {
        match self {
            Decision::Approved => "准予许可",
            Decision::Rejected => "不予许可",
        }
    }
}

/// One department's part of the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentResult {
    pub department: String,
    pub matter_name: String,
    pub decision: Decision,
    /// The opinion (required for a rejection), or e.g. the licence number.
    pub opinion: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionDocument {
    pub hall_name: String,
    pub case_no: String,
    pub matter_name: String,
    pub member_matters: Vec<String>,
    pub applicant: Applicant,
    pub results: Vec<DepartmentResult>,
    pub completed_at: String,
    pub delivery: Delivery,
    /// The output window's clerk handing it over.
    pub clerk: String,
    pub office: String,
    pub qr_url: String,
    pub issued_at: String,
}

pub const COMPLETION_TITLE: &str = "办结通知书";

/// Renders a completion notice / pickup slip (办结通知书/出件单) as an A4 PDF.
pub fn render_completion_document(doc: &CompletionDocument) -> Result<Vec<u8>, DocumentError> {
    let number = format!("受理编号：{}", doc.case_no);
    let mut page = NoticePage::begin(&doc.hall_name, COMPLETION_TITLE, &number, &doc.qr_url)?;
    page.addressee(&doc.applicant.name);
    page.paragraph(&format!(
        "你（单位）申请办理的“{}”已于{}办结，办理结果如下。",
        doc.matter_name, doc.completed_at
    ));
    page.section("一、办件信息");
    let mut fields = vec![("事项名称", doc.matter_name.clone())];
    if !doc.member_matters.is_empty() {
        fields.push(("包含事项", numbered(&doc.member_matters)));
    }
    fields.extend([
        ("申请人", doc.applicant.name.clone()),
        (
            doc.applicant.id_label.as_str(),
            doc.applicant.id_number.clone(),
        ),
        ("办结时间", doc.completed_at.clone()),
    ]);
    page.fields(&fields);

    page.section(&format!("二、办理结果（共 {} 项）", doc.results.len()));
    let columns = [
        col("序号", 1.0, Align::Center),
        col("部门", 3.0, Align::Left),
        col("事项", 3.4, Align::Left),
        col("结果", 1.6, Align::Center),
        col("意见", 4.0, Align::Left),
    ];
    let rows: Vec<Vec<String>> = doc
        .results
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                seq(i),
                r.department.clone(),
                r.matter_name.clone(),
                r.decision.label().to_string(),
                r.opinion.clone(),
            ]
        })
        .collect();
    page.table(&columns, &rows);

    page.section("三、出件");
    page.fields(&[
        ("送达方式", doc.delivery.describe()),
        ("出件人", doc.clerk.clone()),
    ]);
    page.signature("领取人", "领取日期");
    page.closing(&doc.office, &doc.issued_at);
    page.finish()
}
