//! What can go wrong with a case, in words a clerk or approver can act on.

use super::state::{TaskAction, TaskStatus};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    #[error("办件编号须为“年月日-序号”（如 20260302-00001），收到“{0}”")]
    InvalidCaseNo(String),
    #[error("办件序号须大于 0")]
    CaseSeqZero,
    #[error("办件编号的日期须在 0001–9999 年之间")]
    CaseNoYear,
    /// The code is not repeated: it is what lets a stranger read a case.
    #[error("查询码须为16位字母或数字（不含 I、L、O、0、1），请核对")]
    InvalidTrackingCode,
    #[error("单位名称须为 2–{max} 个字，且不含控制字符", max = super::OrgName::MAX_CHARS)]
    InvalidOrgName,

    #[error("材料“{0}”不在本件的材料清单中")]
    UnknownMaterial(String),
    #[error("材料“{0}”重复勾选")]
    DuplicateMaterial(String),

    #[error("{}的任务不能{}", .from.label_zh(), .action.label_zh())]
    IllegalTransition {
        from: TaskStatus,
        action: TaskAction,
    },

    #[error("本事项不允许延期")]
    ExtensionNotAllowed,
    #[error("每个任务只能延期一次，本任务已延期")]
    AlreadyExtended,
    #[error("延期天数须至少为 1 个工作日")]
    ExtensionZero,
    #[error("本事项最多可延期 {max} 个工作日，申请延期 {days} 个工作日")]
    ExtensionTooLong { days: u32, max: u16 },

    #[error("请填写{what}")]
    TextMissing { what: &'static str },
    #[error("{what}不能超过{max}个字")]
    TextTooLong { what: &'static str, max: usize },
    #[error("{what}含有不可见的控制字符")]
    TextControl { what: &'static str },
    #[error("请列出需要补正的材料")]
    NoReturnItems,
    #[error("补正项“{0}”重复")]
    DuplicateReturnItem(String),

    #[error("本任务已在等待补正，不能再次中止计时")]
    AlreadySuspended,
    #[error("本任务没有在等待补正")]
    NotSuspended,
    #[error("补正日期 {to} 早于退回补正的日期 {from}")]
    ResumeBeforeSuspend {
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    },
}
