//! The 办事指南 slip: a matter's or bundle's guide and materials list on the kiosk's 80 mm
//! roll, so the citizen gathers everything at home and comes back once.

use crate::layout::{Flow, PageSize, RuleStyle, TextStyle};
use crate::DocumentError;

/// One material as the citizen must bring it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideMaterial {
    pub name: String,
    pub required: bool,
    pub originals: u8,
    pub copies: u8,
    pub note: String,
}

/// Everything printed on a guide slip, already formatted by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideSlip {
    pub hall_name: String,
    pub code: String,
    pub name: String,
    /// The departments that decide, e.g. "市场监管局" or "市场监管局、公安分局".
    pub departments: String,
    /// Where to go, e.g. "企业服务（A类）：1号综合窗口、2号综合窗口".
    pub place: String,
    pub conditions: String,
    /// E.g. "承诺10个工作日（法定20个工作日）".
    pub limits: String,
    /// E.g. "只跑一次" or "全程网办".
    pub visits: String,
    /// E.g. "不收费".
    pub fee: String,
    pub materials: Vec<GuideMaterial>,
    /// The full guide online; encoded in the QR code.
    pub url: String,
    /// E.g. "2026-08-05".
    pub published_on: String,
}

const MIN_SLIP_HEIGHT_MM: f32 = 100.0;
/// Phones focus and decode a 30 mm+ code comfortably at arm's length.
const MIN_QR_MM: f32 = 32.0;
/// Wide enough for the four-character labels at the body size.
const LABEL_MM: f32 = 17.0;

/// Renders `slip` as a one-page PDF, 80 mm wide and as long as it needs.
pub fn render_guide_slip(slip: &GuideSlip) -> Result<Vec<u8>, DocumentError> {
    let mut flow = Flow::new(PageSize::Receipt80mm {
        height_mm: MIN_SLIP_HEIGHT_MM,
    })?;
    flow.text(&slip.hall_name, TextStyle::HEADING.size(11.0).centered());
    flow.text("办事指南", TextStyle::TITLE.centered());
    flow.text(&slip.name, TextStyle::HEADING.centered());
    flow.text(&slip.code, TextStyle::SMALL.centered());
    flow.rule(RuleStyle::Dashed, 2.0);

    let body = TextStyle::BODY.size(10.0);
    for (label, value) in [
        ("办理部门", &slip.departments),
        ("办理地点", &slip.place),
        ("办理时限", &slip.limits),
        ("跑动次数", &slip.visits),
        ("收费标准", &slip.fee),
    ] {
        if !value.is_empty() {
            flow.field(label, value, LABEL_MM, body);
        }
    }
    if !slip.conditions.is_empty() {
        flow.space(1.0);
        flow.text("受理条件", body.bold());
        flow.text(&slip.conditions, body);
    }
    flow.rule(RuleStyle::Dashed, 2.0);

    flow.text("申请材料", TextStyle::HEADING.size(12.0));
    for (i, m) in slip.materials.iter().enumerate() {
        flow.text(
            &format!("{}. {}（{}）", i + 1, m.name, material_terms(m)),
            body,
        );
        if !m.note.is_empty() {
            flow.text_indented(&m.note, TextStyle::SMALL.size(8.5), 4.0);
        }
    }
    flow.space(1.0);
    flow.text(
        "请备齐以上材料后前来办理，只跑一次。",
        body.bold().centered(),
    );
    flow.rule(RuleStyle::Dashed, 2.0);

    flow.text(
        "扫码查看完整办事指南",
        TextStyle::SMALL.size(9.0).centered(),
    );
    flow.qr_code(&slip.url, MIN_QR_MM)?;
    flow.text(
        &format!("公开日期 {}", slip.published_on),
        TextStyle::SMALL.centered(),
    );

    flow.into_pdf(&format!("办事指南 {}", slip.name))
}

/// "必交，原件1份、复印件1份" — the counts a clerk will ask for.
fn material_terms(m: &GuideMaterial) -> String {
    let mut parts = Vec::new();
    if m.originals > 0 {
        parts.push(format!("原件{}份", m.originals));
    }
    if m.copies > 0 {
        parts.push(format!("复印件{}份", m.copies));
    }
    let need = if m.required { "必交" } else { "视情提交" };
    format!("{need}，{}", parts.join("、"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn material(required: bool, originals: u8, copies: u8) -> GuideMaterial {
        GuideMaterial {
            name: "居民身份证".into(),
            required,
            originals,
            copies,
            note: String::new(),
        }
    }

    #[test]
    fn terms_name_need_and_counts() {
        assert_eq!(
            material_terms(&material(true, 1, 1)),
            "必交，原件1份、复印件1份"
        );
        assert_eq!(
            material_terms(&material(false, 0, 2)),
            "视情提交，复印件2份"
        );
    }

    #[test]
    fn a_long_list_stays_one_receipt_page() {
        let slip = GuideSlip {
            hall_name: "只跑一次综合服务大厅".into(),
            code: "YJS-001".into(),
            name: "开办餐饮店一件事".into(),
            departments: "市场监管局、公安分局".into(),
            place: "企业服务（A类）：1号综合窗口".into(),
            conditions: "依法设立的餐饮经营者。".into(),
            limits: "承诺10个工作日".into(),
            visits: "只跑一次".into(),
            fee: "不收费".into(),
            materials: (0..20).map(|_| material(true, 1, 0)).collect(),
            url: "http://hall.example/public/catalog#YJS-001".into(),
            published_on: "2026-08-27".into(),
        };
        let pdf = render_guide_slip(&slip).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
    }
}
