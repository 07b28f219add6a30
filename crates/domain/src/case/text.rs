//! The words a decision must carry: an approver's opinion, the reason for a rejection or an
//! extension, the items of a 补正 request, and a 不予受理 with where to apply instead.
//! These are written to the citizen, so an empty one is refused, never stored.

use super::CaseError;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Longest opinion or rejection reason, in characters: a paragraph of legal reasoning.
pub const MAX_DECISION_CHARS: usize = 500;
/// Longest short text (an extension reason, a 补正 item, a referral), in characters.
pub const MAX_SHORT_CHARS: usize = 200;

/// `s` trimmed, if it is non-empty, at most `max_chars` characters and free of control
/// characters other than line breaks and tabs. `what` names the field in the message.
pub fn required_text(what: &'static str, s: &str, max_chars: usize) -> Result<String, CaseError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(CaseError::TextMissing { what });
    }
    if t.chars().count() > max_chars {
        return Err(CaseError::TextTooLong {
            what,
            max: max_chars,
        });
    }
    if t.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(CaseError::TextControl { what });
    }
    Ok(t.to_string())
}

/// 审批意见 given with an approval.
pub fn check_opinion(s: &str) -> Result<String, CaseError> {
    required_text("审批意见", s, MAX_DECISION_CHARS)
}

/// 驳回理由: the citizen is owed the reason for a rejection.
pub fn check_reject_reason(s: &str) -> Result<String, CaseError> {
    required_text("驳回理由", s, MAX_DECISION_CHARS)
}

/// The items a 退回补正 asks the citizen for: at least one, each a short text, no repeats
/// (after trimming). Returned trimmed, in the order given.
pub fn check_return_items(items: &[String]) -> Result<Vec<String>, CaseError> {
    if items.is_empty() {
        return Err(CaseError::NoReturnItems);
    }
    let mut seen = HashSet::new();
    items
        .iter()
        .map(|item| {
            let t = required_text("补正项", item, MAX_SHORT_CHARS)?;
            if !seen.insert(t.clone()) {
                return Err(CaseError::DuplicateReturnItem(t));
            }
            Ok(t)
        })
        .collect()
}

/// 不予受理: the matter is outside this hall's remit. The clerk says why and where the
/// applicant should go instead, so the refusal is itself a piece of guidance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    pub reason: String,
    /// The authority or place to apply to, e.g. "市不动产登记中心（XX路XX号）".
    pub refer_to: String,
}

impl Refusal {
    pub fn new(reason: &str, refer_to: &str) -> Result<Self, CaseError> {
        Ok(Self {
            reason: required_text("不予受理理由", reason, MAX_SHORT_CHARS)?,
            refer_to: required_text("受理机关或去处", refer_to, MAX_SHORT_CHARS)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn texts_are_trimmed_and_required() {
        assert_eq!(check_opinion("  同意。\n ").unwrap(), "同意。");
        assert_eq!(
            check_opinion(" ").unwrap_err().to_string(),
            "请填写审批意见"
        );
        assert_eq!(
            check_reject_reason(&"不".repeat(501))
                .unwrap_err()
                .to_string(),
            "驳回理由不能超过500个字"
        );
        assert!(check_reject_reason(&"不".repeat(500)).is_ok());
        assert_eq!(
            check_opinion("同意\u{7}").unwrap_err().to_string(),
            "审批意见含有不可见的控制字符"
        );
        assert!(check_opinion("一、同意；\r\n二、\t按期发证").is_ok());
    }

    #[test]
    fn return_items_are_listed_once_each() {
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            check_return_items(&items(&[" 营业执照副本 ", "租赁合同"])).unwrap(),
            ["营业执照副本", "租赁合同"]
        );
        assert_eq!(check_return_items(&[]), Err(CaseError::NoReturnItems));
        assert_eq!(
            check_return_items(&items(&["租赁合同", "租赁合同 "]))
                .unwrap_err()
                .to_string(),
            "补正项“租赁合同”重复"
        );
        assert_eq!(
            check_return_items(&items(&["租赁合同", ""])),
            Err(CaseError::TextMissing { what: "补正项" })
        );
    }

    #[test]
    fn a_refusal_says_where_to_go() {
        let r = Refusal::new("不动产登记不在本大厅受理范围", "市不动产登记中心").unwrap();
        assert_eq!(r.refer_to, "市不动产登记中心");
        assert_eq!(
            Refusal::new("不在受理范围", " ").unwrap_err().to_string(),
            "请填写受理机关或去处"
        );
        assert_eq!(
            Refusal::new("", "市不动产登记中心")
                .unwrap_err()
                .to_string(),
            "请填写不予受理理由"
        );
    }

    proptest! {
        #[test]
        fn required_text_never_panics(s in "\\PC{0,40}|[\\x00-\\x1f ]{0,5}", max in 1usize..30) {
            if let Ok(t) = required_text("意见", &s, max) {
                prop_assert!(!t.is_empty() && t.chars().count() <= max);
                prop_assert_eq!(t.as_str(), s.trim());
            }
        }
    }
}
