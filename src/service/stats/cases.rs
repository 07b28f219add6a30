//! Cases accepted in the range: per department accepted, completed, overdue and on time, and
//! the one-trip rate.
//!
//! **One trip** (只跑一次): a completed case (办结: its result picked up or delivered) counts
//! when the applicant had to come to the hall on at most one day. The days counted are the day
//! of intake, each day a 补正 supplement or a deferred (容缺) material was brought, and the day
//! of a pickup at the output window; a mailed result needs no visit. Several visits on the
//! same day (intake, decision and pickup while waiting) are one trip.

use super::summary::rate;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use onetrip_store::{CaseFact, SupplyFact, TaskFact};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseStats {
    /// Cases accepted in the range.
    pub accepted: usize,
    /// Of those, completed (办结): the result picked up or delivered.
    pub completed: usize,
    /// Approval tasks decided (approved or rejected).
    pub decided: usize,
    /// Tasks decided after their legal deadline, or still open past it (a task waiting for a
    /// 补正 has its clock stopped and is not overdue).
    pub overdue: usize,
    /// Decided tasks decided by their legal deadline, as a share of those decided.
    pub on_time_rate: Option<f64>,
    pub one_trip: OneTrip,
    pub by_department: Vec<DepartmentStats>,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct OneTrip {
    /// Completed cases considered.
    pub completed: usize,
    /// Of those, finished with the applicant in the hall on at most one day.
    pub one_trip: usize,
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DepartmentStats {
    pub department: String,
    pub name: String,
    /// Tasks routed to the department (one per matter of each case).
    pub accepted: usize,
    pub completed: usize,
    pub overdue: usize,
    pub on_time: usize,
    pub on_time_rate: Option<f64>,
}

/// Whether a task is decided, on time and overdue, judged on `today` (the hall's date).
pub struct TaskJudgement {
    pub decided: bool,
    pub on_time: bool,
    pub overdue: bool,
}

pub fn judge(t: &TaskFact, today: NaiveDate, tz: Tz) -> TaskJudgement {
    let decided_on = t
        .decided_at
        .filter(|_| matches!(t.status.as_str(), "approved" | "rejected"))
        .map(|d| d.with_timezone(&tz).date_naive());
    match decided_on {
        Some(on) => TaskJudgement {
            decided: true,
            on_time: on <= t.legal_due,
            overdue: on > t.legal_due,
        },
        None => TaskJudgement {
            decided: false,
            on_time: false,
            overdue: matches!(t.status.as_str(), "queued" | "claimed") && today > t.legal_due,
        },
    }
}

fn local_day(t: DateTime<Utc>, tz: Tz) -> NaiveDate {
    t.with_timezone(&tz).date_naive()
}

/// Completed cases and how many of them took at most one day in the hall.
pub fn one_trip(cases: &[CaseFact], supplies: &[SupplyFact], tz: Tz) -> OneTrip {
    let mut days: HashMap<i64, HashSet<NaiveDate>> = HashMap::new();
    for s in supplies {
        days.entry(s.case_id)
            .or_default()
            .insert(local_day(s.at, tz));
    }
    let mut out = OneTrip::default();
    for c in cases.iter().filter(|c| is_completed(c)) {
        let mut visited = days.remove(&c.id).unwrap_or_default();
        visited.insert(local_day(c.accepted_at, tz));
        if let (Some("pickup"), Some(at)) = (c.handover_method.as_deref(), c.handed_at) {
            visited.insert(local_day(at, tz));
        }
        out.completed += 1;
        out.one_trip += usize::from(visited.len() <= 1);
    }
    out.rate = rate(out.one_trip, out.completed);
    out
}

fn is_completed(c: &CaseFact) -> bool {
    c.closed_at.is_some() && c.status != "terminated"
}

#[derive(Default)]
struct Dept {
    accepted: usize,
    completed: usize,
    overdue: usize,
    on_time: usize,
}

pub fn aggregate(
    tasks: &[TaskFact],
    cases: &[CaseFact],
    supplies: &[SupplyFact],
    today: NaiveDate,
    tz: Tz,
    name: impl Fn(&str) -> String,
) -> CaseStats {
    let mut depts: BTreeMap<&str, Dept> = BTreeMap::new();
    for t in tasks {
        let j = judge(t, today, tz);
        let d = depts.entry(&t.department).or_default();
        d.accepted += 1;
        d.completed += usize::from(j.decided);
        d.overdue += usize::from(j.overdue);
        d.on_time += usize::from(j.on_time);
    }
    let decided = depts.values().map(|d| d.completed).sum();
    let on_time = depts.values().map(|d| d.on_time).sum();
    CaseStats {
        accepted: cases.len(),
        completed: cases.iter().filter(|c| is_completed(c)).count(),
        decided,
        overdue: depts.values().map(|d| d.overdue).sum(),
        on_time_rate: rate(on_time, decided),
        one_trip: one_trip(cases, supplies, tz),
        by_department: depts
            .into_iter()
            .map(|(code, d)| DepartmentStats {
                department: code.to_string(),
                name: name(code),
                accepted: d.accepted,
                completed: d.completed,
                overdue: d.overdue,
                on_time: d.on_time,
                on_time_rate: rate(d.on_time, d.completed),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const TZ: Tz = chrono_tz::Asia::Shanghai;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 10, d).unwrap()
    }

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 10, d, h, 0, 0).unwrap()
    }

    fn task(status: &str, due: u32, decided: Option<u32>) -> TaskFact {
        TaskFact {
            case_id: 1,
            case_status: "in_progress".into(),
            accepted_on: day(1),
            matter: "M".into(),
            department: "D".into(),
            status: status.into(),
            legal_due: day(due),
            decided_at: decided.map(|d| at(d, 2)),
            extension_days: 0,
        }
    }

    fn case(id: i64, method: Option<&str>, handed: Option<DateTime<Utc>>) -> CaseFact {
        CaseFact {
            id,
            status: "approved".into(),
            accepted_at: at(12, 2),
            closed_at: handed,
            handover_method: method.map(Into::into),
            handed_at: handed,
        }
    }

    #[test]
    fn on_time_and_overdue_against_the_legal_deadline() {
        let today = day(20);
        assert!(judge(&task("approved", 10, Some(10)), today, TZ).on_time);
        assert!(judge(&task("rejected", 10, Some(11)), today, TZ).overdue);
        assert!(judge(&task("claimed", 19, None), today, TZ).overdue);
        assert!(!judge(&task("claimed", 20, None), today, TZ).overdue);
        assert!(
            !judge(&task("returned", 1, None), today, TZ).overdue,
            "clock stopped"
        );
        let s = aggregate(
            &[
                task("approved", 10, Some(10)),
                task("rejected", 10, Some(11)),
                task("queued", 19, None),
            ],
            &[],
            &[],
            today,
            TZ,
            |c| c.to_string(),
        );
        assert_eq!((s.decided, s.overdue, s.on_time_rate), (2, 2, Some(0.5)));
        assert_eq!(s.by_department[0].accepted, 3);
    }

    #[test]
    fn one_trip_counts_days_in_the_hall() {
        let cases = [
            // Picked up the day of intake: one day.
            case(1, Some("pickup"), Some(at(12, 8))),
            // Mailed after a 补正 on another day: two days.
            case(2, Some("mail"), Some(at(20, 8))),
            // Mailed, nothing brought later: one day.
            case(3, Some("mail"), Some(at(20, 8))),
            // Picked up another day: two days.
            case(4, Some("pickup"), Some(at(13, 8))),
            // Not completed yet: not counted.
            case(5, None, None),
        ];
        let supplies = [
            SupplyFact {
                case_id: 2,
                at: at(15, 3),
            },
            SupplyFact {
                case_id: 1,
                at: at(12, 5),
            },
        ];
        let o = one_trip(&cases, &supplies, TZ);
        assert_eq!((o.completed, o.one_trip, o.rate), (4, 2, Some(0.5)));
    }
}
