use super::*;
use proptest::prelude::*;
use PartialRejection::{AllOrNothing, Partial};
use TaskAction as A;
use TaskStatus as S;

/// The whole table, written out: every pair not listed must be refused.
const LEGAL: [(TaskStatus, TaskAction, TaskStatus); 10] = [
    (S::Queued, A::Claim, S::Claimed),
    (S::Claimed, A::Release, S::Queued),
    (S::Claimed, A::Approve, S::Approved),
    (S::Claimed, A::Reject, S::Rejected),
    (S::Claimed, A::Return, S::Returned),
    (S::Returned, A::Supplement, S::Queued),
    (S::Claimed, A::Extend, S::Claimed),
    (S::Queued, A::Terminate, S::Terminated),
    (S::Claimed, A::Terminate, S::Terminated),
    (S::Returned, A::Terminate, S::Terminated),
];

#[test]
fn the_transition_table_is_exactly_this() {
    for from in TaskStatus::ALL {
        for action in TaskAction::ALL {
            let expected = LEGAL
                .iter()
                .find(|(f, a, _)| *f == from && *a == action)
                .map(|(_, _, to)| *to);
            match (from.apply(action), expected) {
                (Ok(to), Some(want)) => assert_eq!(to, want, "{from:?} {action:?}"),
                (Err(e), None) => {
                    assert_eq!(e, CaseError::IllegalTransition { from, action })
                }
                (got, want) => panic!("{from:?} {action:?}: {got:?}, expected {want:?}"),
            }
        }
    }
}

#[test]
fn illegal_transitions_say_why_in_chinese() {
    let msg = |s: TaskStatus, a: TaskAction| s.apply(a).unwrap_err().to_string();
    assert_eq!(msg(S::Queued, A::Approve), "待认领的任务不能批准");
    assert_eq!(msg(S::Claimed, A::Claim), "已认领的任务不能认领");
    assert_eq!(msg(S::Returned, A::Approve), "待补正的任务不能批准");
    assert_eq!(msg(S::Approved, A::Terminate), "已批准的任务不能终止");
    assert_eq!(msg(S::Rejected, A::Release), "已驳回的任务不能放回队列");
    assert_eq!(msg(S::Queued, A::Extend), "待认领的任务不能延期");
}

#[test]
fn names_round_trip_in_snake_case() {
    for s in TaskStatus::ALL {
        assert_eq!(TaskStatus::parse(s.as_str()), Some(s));
        assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
    }
    for a in TaskAction::ALL {
        assert_eq!(TaskAction::parse(a.as_str()), Some(a));
        assert_eq!(serde_json::to_value(a).unwrap(), a.as_str());
    }
    for c in CaseStatus::ALL {
        assert_eq!(CaseStatus::parse(c.as_str()), Some(c));
        assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
    }
    assert_eq!(CaseStatus::PartiallyApproved.as_str(), "partially_approved");
    assert_eq!(TaskStatus::parse("Queued"), None);
    assert_eq!(CaseStatus::parse(""), None);
}

#[test]
fn a_single_matter_case_follows_its_task() {
    let st = |t: TaskStatus| case_status(&[t], Partial);
    assert_eq!(st(S::Queued), CaseStatus::InProgress);
    assert_eq!(st(S::Claimed), CaseStatus::InProgress);
    assert_eq!(st(S::Returned), CaseStatus::Suspended);
    assert_eq!(st(S::Approved), CaseStatus::Approved);
    assert_eq!(st(S::Rejected), CaseStatus::Rejected);
    assert_eq!(st(S::Terminated), CaseStatus::Terminated);
    assert_eq!(case_status(&[], AllOrNothing), CaseStatus::InProgress);
}

#[test]
fn a_bundle_is_approved_when_every_department_approves() {
    let tasks = [S::Approved, S::Claimed, S::Approved];
    assert_eq!(case_status(&tasks, Partial), CaseStatus::InProgress);
    let tasks = [S::Approved, S::Approved, S::Approved];
    assert_eq!(case_status(&tasks, Partial), CaseStatus::Approved);
    assert_eq!(case_status(&tasks, AllOrNothing), CaseStatus::Approved);
}

#[test]
fn one_rejection_decides_by_the_bundle_rule() {
    let done = [S::Approved, S::Rejected, S::Approved];
    assert_eq!(case_status(&done, Partial), CaseStatus::PartiallyApproved);
    assert_eq!(case_status(&done, AllOrNothing), CaseStatus::Rejected);
    // all-or-nothing knows at once; partial waits for the others.
    let open = [S::Approved, S::Rejected, S::Queued];
    assert_eq!(case_status(&open, AllOrNothing), CaseStatus::Rejected);
    assert_eq!(case_status(&open, Partial), CaseStatus::InProgress);
    // The service terminates the siblings of an all-or-nothing rejection: still rejected.
    let closed = [S::Approved, S::Rejected, S::Terminated];
    assert_eq!(case_status(&closed, AllOrNothing), CaseStatus::Rejected);
    assert_eq!(
        case_status(&[S::Rejected, S::Rejected], Partial),
        CaseStatus::Rejected
    );
}

#[test]
fn a_return_suspends_the_case_until_decided() {
    let tasks = [S::Approved, S::Returned, S::Claimed];
    assert_eq!(case_status(&tasks, Partial), CaseStatus::Suspended);
    let tasks = [S::Rejected, S::Returned];
    assert_eq!(case_status(&tasks, AllOrNothing), CaseStatus::Rejected);
    assert_eq!(case_status(&tasks, Partial), CaseStatus::Suspended);
}

#[test]
fn a_lapsed_pledge_terminates_the_case() {
    let tasks = [S::Approved, S::Terminated, S::Terminated];
    assert_eq!(case_status(&tasks, Partial), CaseStatus::Terminated);
    assert_eq!(
        case_status(&[S::Terminated; 3], AllOrNothing),
        CaseStatus::Terminated
    );
}

fn any_rule() -> impl Strategy<Value = PartialRejection> {
    prop::sample::select(vec![Partial, AllOrNothing])
}

fn any_status() -> impl Strategy<Value = TaskStatus> {
    prop::sample::select(TaskStatus::ALL.to_vec())
}

fn any_action() -> impl Strategy<Value = TaskAction> {
    prop::sample::select(TaskAction::ALL.to_vec())
}

proptest! {
    #[test]
    fn random_runs_stay_consistent(actions in prop::collection::vec(any_action(), 0..40)) {
        let mut status = S::Queued;
        for action in actions {
            match status.apply(action) {
                Ok(next) => {
                    prop_assert!(!status.is_final(), "{:?} left a final state", status);
                    prop_assert!(LEGAL.contains(&(status, action, next)));
                    // Decisions and returns are made only by the approver holding the task.
                    if matches!(next, S::Approved | S::Rejected | S::Returned) {
                        prop_assert_eq!(status, S::Claimed);
                    }
                    status = next;
                }
                Err(CaseError::IllegalTransition { from, action: a }) => {
                    prop_assert_eq!((from, a), (status, action));
                }
                Err(e) => prop_assert!(false, "unexpected error {e}"),
            }
        }
    }

    #[test]
    fn final_states_absorb(status in any_status(), action in any_action()) {
        if status.is_final() {
            prop_assert!(status.apply(action).is_err());
        } else {
            prop_assert!(status.apply(TaskAction::Terminate).is_ok());
        }
    }

    #[test]
    fn case_status_agrees_with_its_tasks(
        tasks in prop::collection::vec(any_status(), 0..6),
        rule in any_rule(),
    ) {
        let status = case_status(&tasks, rule);
        let all = |s: TaskStatus| !tasks.is_empty() && tasks.iter().all(|t| *t == s);
        let any = |s: TaskStatus| tasks.contains(&s);
        prop_assert_eq!(status == CaseStatus::Approved, all(S::Approved));
        if status == CaseStatus::PartiallyApproved {
            prop_assert_eq!(rule, Partial);
            prop_assert!(any(S::Approved) && any(S::Rejected));
            prop_assert!(tasks.iter().all(|t| t.is_final()));
        }
        if status == CaseStatus::Suspended {
            prop_assert!(any(S::Returned));
        }
        if status == CaseStatus::Rejected {
            prop_assert!(any(S::Rejected));
        }
        if status == CaseStatus::Terminated {
            prop_assert!(any(S::Terminated));
        }
        // Decided only when every task is, or when the outcome cannot change any more.
        if status.is_final() && !tasks.iter().all(|t| t.is_final()) {
            prop_assert!(any(S::Terminated) || (rule == AllOrNothing && any(S::Rejected)));
        }
        if !tasks.is_empty() && tasks.iter().all(|t| t.is_final()) {
            prop_assert!(status.is_final());
        }
    }

    /// Applies actions to random tasks of a case (terminating the whole case at once, as the
    /// service does): once the case is decided, its status never changes.
    #[test]
    fn a_decided_case_stays_decided(
        n in 1usize..5,
        steps in prop::collection::vec((0usize..5, any_action()), 0..60),
        rule in any_rule(),
    ) {
        let mut tasks = vec![S::Queued; n];
        let mut decided: Option<CaseStatus> = None;
        for (i, action) in steps {
            if action == TaskAction::Terminate {
                for t in tasks.iter_mut().filter(|t| !t.is_final()) {
                    *t = t.apply(action).unwrap();
                }
            } else if let Ok(next) = tasks[i % n].apply(action) {
                tasks[i % n] = next;
            }
            let status = case_status(&tasks, rule);
            if let Some(d) = decided {
                prop_assert_eq!(status, d);
            } else if status.is_final() {
                decided = Some(status);
            }
        }
    }
}

proptest! {
    /// Task status, task action and case status names parse back; nothing else parses.
    #[test]
    fn names_and_only_they_parse(s in crate::test_support::near(
        TaskStatus::ALL.iter().map(|x| x.as_str())
            .chain(TaskAction::ALL.iter().map(|x| x.as_str()))
            .chain(CaseStatus::ALL.iter().map(|x| x.as_str()))
            .collect(),
    )) {
        use crate::test_support::parses_only_names;
        parses_only_names(&TaskStatus::ALL, TaskStatus::as_str, TaskStatus::parse, &s)?;
        parses_only_names(&TaskAction::ALL, TaskAction::as_str, TaskAction::parse, &s)?;
        parses_only_names(&CaseStatus::ALL, CaseStatus::as_str, CaseStatus::parse, &s)?;
    }
}
