//! 容缺受理通知书: accepted on the applicant's pledge to hand in the rest later.

use super::acceptance::{begin, write_body, AcceptanceNotice};
use super::page::{col, seq};
use super::MissingItem;
use crate::layout::Align;
use crate::DocumentError;

/// An acceptance notice plus the deferred materials and the pledge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PledgeNotice {
    pub acceptance: AcceptanceNotice,
    /// The materials the applicant pledges to hand in later.
    pub deferred: Vec<MissingItem>,
    /// The date by which they must be handed in, e.g. "2026年12月4日".
    pub pledge_due: String,
}

pub const PLEDGE_TITLE: &str = "容缺受理通知书";

/// Renders a pledge (容缺) acceptance notice as an A4 PDF.
pub fn render_pledge_notice(notice: &PledgeNotice) -> Result<Vec<u8>, DocumentError> {
    let a = &notice.acceptance;
    let mut page = begin(a, PLEDGE_TITLE)?;
    page.addressee(&a.applicant.name);
    page.paragraph(&format!(
        "你（单位）于{}提交的“{}”申请，主要申请材料齐全，次要材料存在欠缺。根据容缺受理有关规定，经你（单位）书面承诺，决定予以容缺受理。",
        a.received_at, a.matter_name
    ));
    write_body(&mut page, a);

    page.section(&format!(
        "五、容缺后补材料（共 {} 项）",
        notice.deferred.len()
    ));
    let columns = [
        col("序号", 1.0, Align::Center),
        col("材料名称", 4.6, Align::Left),
        col("要求", 6.0, Align::Left),
    ];
    let rows: Vec<Vec<String>> = notice
        .deferred
        .iter()
        .enumerate()
        .map(|(i, item)| vec![seq(i), item.name.clone(), item.requirement.clone()])
        .collect();
    page.table(&columns, &rows);
    page.fields(&[("补交期限", format!("{}前", notice.pledge_due))]);

    page.section("六、承诺");
    page.paragraph(&format!(
        "本人（单位）承诺：已知悉上述容缺材料及要求，将于{}前补齐，并对所提交材料的真实性负责。逾期未补齐或材料不符合要求的，同意按有关规定终止办理，由此产生的后果由本人（单位）承担。",
        notice.pledge_due
    ));
    page.signature("承诺人", "日期");
    page.closing(&a.office, &a.issued_at);
    page.finish()
}
