//! The life cycle of an approval task (one matter of a case, in one department's queue) and
//! the status of the case its tasks add up to.
//!
//! ```text
//!            claim              approve / reject
//!   queued ─────────▶ claimed ───────────────────▶ approved | rejected
//!     ▲  ▲  release    │  │ ▲
//!     │  └─────────────┘  │ └─┘ extend (once; see clock::check_extension)
//!     │                   │ return (补正: the clock stops)
//!     │   supplement      ▼
//!     └─────────────── returned
//!
//!   terminate: queued | claimed | returned ──▶ terminated
//! ```

use super::CaseError;
use crate::catalog::PartialRejection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// In the department's queue, waiting for an approver.
    Queued,
    /// One approver holds it.
    Claimed,
    /// Sent back to the citizen for 补正; its clock is stopped.
    Returned,
    Approved,
    Rejected,
    /// Ended without a decision: the pledge lapsed, the applicant withdrew.
    Terminated,
}

/// What an approver (or the system, for `Supplement` and `Terminate`) does to a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskAction {
    Claim,
    Release,
    Approve,
    Reject,
    /// 退回补正.
    Return,
    /// The citizen supplied what was asked for.
    Supplement,
    Extend,
    Terminate,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 6] = [
        TaskStatus::Queued,
        TaskStatus::Claimed,
        TaskStatus::Returned,
        TaskStatus::Approved,
        TaskStatus::Rejected,
        TaskStatus::Terminated,
    ];

    /// The task life cycle. Anything not listed is an error, never a silent no-op: a second
    /// approver claiming a claimed task, approving a task nobody claimed, acting on a closed one.
    pub fn apply(self, action: TaskAction) -> Result<TaskStatus, CaseError> {
        use TaskAction as A;
        use TaskStatus as S;
        let next = match (self, action) {
            (S::Queued, A::Claim) => S::Claimed,
            (S::Claimed, A::Release) => S::Queued,
            (S::Claimed, A::Approve) => S::Approved,
            (S::Claimed, A::Reject) => S::Rejected,
            (S::Claimed, A::Return) => S::Returned,
            // Back to the queue, not to the approver who returned it: they may be away, and
            // any approver of the department can pick it up.
            (S::Returned, A::Supplement) => S::Queued,
            (S::Claimed, A::Extend) => S::Claimed,
            (from, A::Terminate) if !from.is_final() => S::Terminated,
            (from, action) => return Err(CaseError::IllegalTransition { from, action }),
        };
        Ok(next)
    }

    /// Approved, rejected or terminated: no action applies any more.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            TaskStatus::Approved | TaskStatus::Rejected | TaskStatus::Terminated
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Queued => "queued",
            TaskStatus::Claimed => "claimed",
            TaskStatus::Returned => "returned",
            TaskStatus::Approved => "approved",
            TaskStatus::Rejected => "rejected",
            TaskStatus::Terminated => "terminated",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            TaskStatus::Queued => "待认领",
            TaskStatus::Claimed => "已认领",
            TaskStatus::Returned => "待补正",
            TaskStatus::Approved => "已批准",
            TaskStatus::Rejected => "已驳回",
            TaskStatus::Terminated => "已终止",
        }
    }
}

impl TaskAction {
    pub const ALL: [TaskAction; 8] = [
        TaskAction::Claim,
        TaskAction::Release,
        TaskAction::Approve,
        TaskAction::Reject,
        TaskAction::Return,
        TaskAction::Supplement,
        TaskAction::Extend,
        TaskAction::Terminate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskAction::Claim => "claim",
            TaskAction::Release => "release",
            TaskAction::Approve => "approve",
            TaskAction::Reject => "reject",
            TaskAction::Return => "return",
            TaskAction::Supplement => "supplement",
            TaskAction::Extend => "extend",
            TaskAction::Terminate => "terminate",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            TaskAction::Claim => "认领",
            TaskAction::Release => "放回队列",
            TaskAction::Approve => "批准",
            TaskAction::Reject => "驳回",
            TaskAction::Return => "退回补正",
            TaskAction::Supplement => "补正",
            TaskAction::Extend => "延期",
            TaskAction::Terminate => "终止",
        }
    }
}

/// A case's status, derived from its tasks by [`case_status`]; never set by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    InProgress,
    /// A task waits for the citizen's 补正.
    Suspended,
    Approved,
    /// A `partial` bundle: some matters approved, the others rejected.
    PartiallyApproved,
    Rejected,
    Terminated,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 6] = [
        CaseStatus::InProgress,
        CaseStatus::Suspended,
        CaseStatus::Approved,
        CaseStatus::PartiallyApproved,
        CaseStatus::Rejected,
        CaseStatus::Terminated,
    ];

    /// The outcome is decided: the result can be handed out (or the refusal explained).
    pub fn is_final(self) -> bool {
        !matches!(self, CaseStatus::InProgress | CaseStatus::Suspended)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::InProgress => "in_progress",
            CaseStatus::Suspended => "suspended",
            CaseStatus::Approved => "approved",
            CaseStatus::PartiallyApproved => "partially_approved",
            CaseStatus::Rejected => "rejected",
            CaseStatus::Terminated => "terminated",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            CaseStatus::InProgress => "办理中",
            CaseStatus::Suspended => "待补正",
            CaseStatus::Approved => "已办结（准予）",
            CaseStatus::PartiallyApproved => "已办结（部分准予）",
            CaseStatus::Rejected => "已办结（不予准予）",
            CaseStatus::Terminated => "已终止",
        }
    }
}

/// The case's status from its tasks' (one per matter), in this order of precedence:
///
/// 1. **Rejected**, for an `all_or_nothing` bundle, as soon as any task is rejected: no later
///    decision can change the outcome, so the citizen is told at once. The service should then
///    terminate the siblings still open, so no approver works on a case already lost; their
///    termination does not turn the case into "terminated", the rejection stands.
/// 2. **Terminated** if any task is terminated. Termination is an act on the whole case (a
///    lapsed pledge, a withdrawal): the service terminates every open task together, and tasks
///    already approved or rejected keep their decision but the case delivers nothing.
/// 3. While any task is open: **Suspended** if one waits for the citizen's 补正, else
///    **InProgress**. (A `partial` bundle with a rejection and an open task is still open: the
///    outcome depends on the open one.)
/// 4. All decided: **Approved** if all were approved, **Rejected** if none was, else
///    **PartiallyApproved** (only a `partial` bundle gets here; `all_or_nothing` stopped at 1).
///
/// A case without tasks is **InProgress**: it cannot be decided by nobody.
///
/// Once this gives a final status, no legal task action (with termination applied to all open
/// tasks together) changes it.
pub fn case_status(tasks: &[TaskStatus], rule: PartialRejection) -> CaseStatus {
    let any = |s: TaskStatus| tasks.contains(&s);
    if rule == PartialRejection::AllOrNothing && any(TaskStatus::Rejected) {
        return CaseStatus::Rejected;
    }
    if any(TaskStatus::Terminated) {
        return CaseStatus::Terminated;
    }
    if tasks.is_empty() || tasks.iter().any(|t| !t.is_final()) {
        return if any(TaskStatus::Returned) {
            CaseStatus::Suspended
        } else {
            CaseStatus::InProgress
        };
    }
    match (any(TaskStatus::Approved), any(TaskStatus::Rejected)) {
        (true, false) => CaseStatus::Approved,
        (false, _) => CaseStatus::Rejected,
        (true, true) => CaseStatus::PartiallyApproved,
    }
}

#[cfg(test)]
mod tests;
