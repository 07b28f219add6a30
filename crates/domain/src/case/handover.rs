//! 统一出件: how a decided case leaves the hall. Handed over at the output window (the
//! recipient's ID checked) the case is closed at once; mailed, it is closed when delivered.

use super::CaseStatus;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputState {
    /// Decided, waiting at the output window (or to be mailed).
    Ready,
    PickedUp,
    Mailed,
    Delivered,
}

impl OutputState {
    pub fn as_str(self) -> &'static str {
        match self {
            OutputState::Ready => "ready",
            OutputState::PickedUp => "picked_up",
            OutputState::Mailed => "mailed",
            OutputState::Delivered => "delivered",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Ready, Self::PickedUp, Self::Mailed, Self::Delivered]
            .into_iter()
            .find(|x| x.as_str() == s)
    }

    /// 办结: the result has reached the applicant.
    pub fn is_closed(self) -> bool {
        matches!(self, OutputState::PickedUp | OutputState::Delivered)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputAction {
    PickUp,
    Mail,
    Deliver,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HandoverError {
    #[error("办件尚未审批完毕，不能出件")]
    NotDecided,
    #[error("办件已终止，没有可出件的结果")]
    Terminated,
    #[error("{0}")]
    Illegal(&'static str),
}

/// Whether a case in `status` has a result to hand over.
pub fn ready_for_output(status: CaseStatus) -> Result<(), HandoverError> {
    match status {
        CaseStatus::Approved | CaseStatus::PartiallyApproved | CaseStatus::Rejected => Ok(()),
        CaseStatus::Terminated => Err(HandoverError::Terminated),
        CaseStatus::InProgress | CaseStatus::Suspended => Err(HandoverError::NotDecided),
    }
}

impl OutputState {
    pub fn apply(self, action: OutputAction) -> Result<OutputState, HandoverError> {
        use OutputAction::*;
        use OutputState::*;
        match (self, action) {
            (Ready, PickUp) => Ok(PickedUp),
            (Ready, Mail) => Ok(Mailed),
            (Mailed, Deliver) => Ok(Delivered),
            (Ready, Deliver) => Err(HandoverError::Illegal("尚未寄出，不能登记送达")),
            (PickedUp | Delivered, _) => Err(HandoverError::Illegal("该办件已出件办结")),
            (Mailed, _) => Err(HandoverError::Illegal("该办件已寄出，只能登记送达")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn pickup_closes_at_once_and_mail_closes_on_delivery() {
        let s = OutputState::Ready.apply(OutputAction::PickUp).unwrap();
        assert!(s.is_closed());
        let s = OutputState::Ready.apply(OutputAction::Mail).unwrap();
        assert!(!s.is_closed());
        assert!(s.apply(OutputAction::Deliver).unwrap().is_closed());
        assert!(OutputState::Ready.apply(OutputAction::Deliver).is_err());
    }

    #[test]
    fn only_decided_cases_go_out() {
        assert!(ready_for_output(CaseStatus::Approved).is_ok());
        assert!(ready_for_output(CaseStatus::Rejected).is_ok());
        assert_eq!(
            ready_for_output(CaseStatus::InProgress),
            Err(HandoverError::NotDecided)
        );
    }

    proptest! {
        /// Output state names parse back; nothing else parses.
        #[test]
        fn names_and_only_they_parse(s in crate::test_support::near(vec![
            "ready", "picked_up", "mailed", "delivered",
        ])) {
            crate::test_support::parses_only_names(
                &[OutputState::Ready, OutputState::PickedUp, OutputState::Mailed, OutputState::Delivered],
                OutputState::as_str,
                OutputState::parse,
                &s,
            )?;
        }

        /// Once closed, nothing moves a handover again.
        #[test]
        fn closed_absorbs(actions in proptest::collection::vec(0u8..3, 0..8)) {
            let mut s = OutputState::Ready;
            let mut closed = false;
            for a in actions {
                let a = [OutputAction::PickUp, OutputAction::Mail, OutputAction::Deliver][a as usize];
                if let Ok(next) = s.apply(a) {
                    prop_assert!(!closed);
                    s = next;
                }
                closed |= s.is_closed();
            }
        }
    }
}
