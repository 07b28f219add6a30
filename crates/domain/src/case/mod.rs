//! Cases (办件): general intake (综合受理) and classified approval (分类审批).
//!
//! A counter clerk checks the applicant's materials against the matter's checklist
//! ([`materials::evaluate`]): all required ones there → 受理; only 容缺 ones missing → 容缺受理
//! with a pledge and a deadline ([`clock::pledge_deadline`]); anything else missing → 一次性告知,
//! listing every missing item at once, and no case is created. 不予受理 is the clerk's decision
//! ([`text::Refusal`]), not something the checklist can tell.
//!
//! An accepted case gets a [`CaseNo`] for staff (`20260302-00001`) and a random
//! [`TrackingCode`] for the citizen. It has one task per matter: one for a single matter, one per
//! member matter for a 一件事 bundle, each in its department's queue and worked in parallel.
//! Approvers move tasks through [`TaskStatus::apply`]; the case's status is derived from its
//! tasks by [`case_status`]. Each task's time limit runs on its own [`LegalClock`], in working
//! days, stopped while the task waits for the citizen's 补正.
//!
//! Like the rest of the crate this does no IO: dates, random generators and calendars come in
//! as parameters.

pub mod applicant;
pub mod clock;
pub mod error;
pub mod handover;
pub mod materials;
pub mod number;
pub mod state;
pub mod text;

pub use applicant::{Applicant, MaskedApplicant, OrgName};
pub use clock::{
    check_extension, light, pledge_deadline, pledge_lapsed, LegalClock, Light, Suspension,
    DEFAULT_YELLOW_WITHIN,
};
pub use error::CaseError;
pub use handover::{ready_for_output, HandoverError, OutputAction, OutputState};
pub use materials::{
    checklist, evaluate, pledgeable, IntakeOutcome, MaterialState, MaterialTick, MissingItem,
    MissingReason,
};
pub use number::{CaseNo, TrackingCode};
pub use state::{case_status, CaseStatus, TaskAction, TaskStatus};
pub use text::{check_opinion, check_reject_reason, check_return_items, required_text, Refusal};
