//! A4 notices handed to applicants at the counter (受理通知书, 一次性告知书 …).
//!
//! Each kind is a plain data struct with a `render_*` function; they share
//! the page furniture in [`page`] (header, fields, tables, closing, footer)
//! and the value types below. Nothing here decides anything: every text,
//! date and number arrives formatted.

mod acceptance;
mod completion;
mod correction;
mod one_time;
mod page;
mod pledge;
mod refusal;

pub use acceptance::{render_acceptance_notice, AcceptanceNotice};
pub use completion::{render_completion_document, CompletionDocument, Decision, DepartmentResult};
pub use correction::{render_correction_notice, CorrectionNotice};
pub use one_time::{render_one_time_notice, OneTimeNotice};
pub use pledge::{render_pledge_notice, PledgeNotice};
pub use refusal::{render_refusal_notice, RefusalNotice};

/// Who applied: a person (身份证号码) or an organisation (统一社会信用代码).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applicant {
    pub name: String,
    /// What `id_number` is, e.g. "公民身份号码" or "统一社会信用代码".
    pub id_label: String,
    pub id_number: String,
}

/// How the result reaches the applicant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// Collected at a window, e.g. "综合出件窗口（一楼 12 号）".
    WindowPickup { place: String },
    /// Posted; carrier and waybill are known once it has been sent.
    Mail {
        recipient: String,
        phone: String,
        address: String,
        carrier: Option<String>,
        waybill_no: Option<String>,
    },
}

impl Delivery {
    pub(crate) fn describe(&self) -> String {
        match self {
            Delivery::WindowPickup { place } => format!("窗口领取：{place}"),
            Delivery::Mail {
                recipient,
                phone,
                address,
                carrier,
                waybill_no,
            } => {
                let mut text = format!("邮寄送达：{recipient}，{phone}，{address}");
                if let Some(carrier) = carrier {
                    text.push_str(&format!("；承运：{carrier}"));
                }
                if let Some(no) = waybill_no {
                    text.push_str(&format!("；运单号：{no}"));
                }
                text
            }
        }
    }
}

/// A material handed in at the counter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Material {
    pub name: String,
    pub originals: u32,
    pub copies: u32,
    /// E.g. "原件核后退回"; may be empty.
    pub note: String,
}

/// Why an item is listed on a one-time or correction notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingReason {
    /// 缺少: not handed in.
    Missing,
    /// 不可容缺: handed in but faulty, and required before acceptance.
    NotDeferrable,
    /// 可容缺后补: may follow after acceptance on the applicant's pledge.
    Deferrable,
}

impl MissingReason {
    pub fn label(self) -> &'static str {
        match self {
            MissingReason::Missing => "缺少",
            MissingReason::NotDeferrable => "不可容缺",
            MissingReason::Deferrable => "可容缺后补",
        }
    }
}

/// A material still to be supplied, and what it must satisfy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingItem {
    pub name: String,
    /// What is required, or what was wrong with what was handed in.
    pub requirement: String,
    pub reason: MissingReason,
}

/// Statutory and promised time limits, in working days, with due dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeLimits {
    pub legal_days: u32,
    pub legal_due: String,
    pub promised_days: u32,
    pub promised_due: String,
}
