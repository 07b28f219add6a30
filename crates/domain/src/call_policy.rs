//! Which waiting ticket a counter calls next, and why — so every call can be explained.
//!
//! The candidates are the head of each category the counter serves. The policy here is the
//! foundation's: earliest by priority class, then by issue time. Weighted rotation between
//! categories and the longest-wait cap build on the same seam.

use crate::ticket::Priority;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub ticket_id: i64,
    pub priority: Priority,
    pub issued_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub ticket_id: i64,
    /// Recorded with the call, in Chinese, for the hall's supervisors.
    pub reason: String,
}

pub fn pick(candidates: &[Candidate]) -> Option<Choice> {
    let best = candidates
        .iter()
        .min_by_key(|c| (c.priority.rank(), c.issued_at, c.ticket_id))?;
    let reason = match best.priority {
        Priority::Appointment => "预约到号优先",
        Priority::Green => "绿色通道优先",
        Priority::Normal => "按取号先后",
    };
    Some(Choice {
        ticket_id: best.ticket_id,
        reason: reason.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn at(min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 1, min, 0).unwrap()
    }

    #[test]
    fn nobody_waiting_means_no_call() {
        assert_eq!(pick(&[]), None);
    }

    #[test]
    fn green_channel_goes_before_an_earlier_normal_ticket() {
        let c = pick(&[
            Candidate {
                ticket_id: 1,
                priority: Priority::Normal,
                issued_at: at(0),
            },
            Candidate {
                ticket_id: 2,
                priority: Priority::Green,
                issued_at: at(5),
            },
        ])
        .unwrap();
        assert_eq!(c.ticket_id, 2);
        assert_eq!(c.reason, "绿色通道优先");
    }

    proptest! {
        #[test]
        fn the_pick_is_never_behind_another_candidate(
            raw in proptest::collection::vec((0usize..3, 0u32..60), 1..12)
        ) {
            let prios = [Priority::Appointment, Priority::Green, Priority::Normal];
            let cs: Vec<Candidate> = raw.iter().enumerate().map(|(i, (p, m))| Candidate {
                ticket_id: i as i64, priority: prios[*p], issued_at: at(*m),
            }).collect();
            let choice = pick(&cs).unwrap();
            let chosen = cs.iter().find(|c| c.ticket_id == choice.ticket_id).unwrap();
            for c in &cs {
                prop_assert!((chosen.priority.rank(), chosen.issued_at) <= (c.priority.rank(), c.issued_at));
            }
        }
    }
}
