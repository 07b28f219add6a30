//! Time limits of a task in working days: the legal deadline (法定时限) with its suspensions
//! (补正) and its one extension (延期), the promised deadline (承诺时限), the pledge deadline
//! of 容缺受理, and the traffic light an approver sees.
//!
//! # The rule
//!
//! * **Day 1 is the first working day after acceptance** (the acceptance day itself is not
//!   counted, whatever the hour), as [`WorkingCalendar::add_working_days`] counts.
//! * A **suspension** runs from the day the task is returned for 补正 (`from`) to the day the
//!   citizen supplies the items (`to`). The working days *after* `from` up to and including
//!   `to` do not count: the return day was a day the department had the file, and the supply
//!   day is like a new acceptance, so counting resumes on the next working day. A suspension
//!   begun after the deadline had passed does not move the deadline.
//! * An **open** suspension (`to = None`) stops the clock from `from` onward:
//!   * [`LegalClock::due_on`] treats it as ending `today`: the due date if the items came in
//!     today. It moves on by one working day for every working day of waiting, so
//!     [`LegalClock::working_days_left`] stays the same while the citizen is away;
//!   * [`LegalClock::due`], which knows no today, treats it as ending on `from` (no day
//!     suspended yet): the due date as it stood when the clock stopped. It is exact whenever
//!     no suspension is open; while one is, store it as "due when stopped" or use `due_on`.
//! * The deadline is the working day on which the `limit_days + extension_days`-th counted day
//!   falls. The **extension** adds its days to the legal limit only; the promised deadline
//!   ([`LegalClock::promised`]) is the same clock with the promised limit and no extension.
//! * **Days left** on `today` = the limit minus the counted working days after acceptance up
//!   to and including today: the due date itself has 0 left, the working day after it -1.
//!   A date after the due date is overdue even when it is not a working day (the Saturday
//!   after a Friday deadline has -1, as does the Monday), so a light is red exactly when
//!   today is after the due date — unless the clock has stood still since: a task returned
//!   on its last day keeps 0 left while the citizen is away, and is overdue from the day
//!   after the items come in. While a suspension is open, days left do not change.

use super::{required_text, CaseError};
use crate::calendar::WorkingCalendar;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A stretch of 补正 during which the clock stands still.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suspension {
    /// The day the task was returned to the citizen.
    pub from: NaiveDate,
    /// The day the citizen supplied the items; `None` while still waiting.
    pub to: Option<NaiveDate>,
}

impl Suspension {
    /// Whether `date` is a day the clock stands still, an open suspension running until
    /// `open_until`.
    fn stops(&self, date: NaiveDate, open_until: NaiveDate) -> bool {
        self.from < date && date <= self.to.unwrap_or(open_until)
    }
}

/// The legal time limit of one task. Suspensions may be given in any order and may overlap
/// (a day is stopped if any suspension stops it); one whose `to` is before its `from`
/// stops nothing. Use [`Self::suspend`] and [`Self::resume`] to keep them tidy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalClock {
    pub accepted_on: NaiveDate,
    pub limit_days: u32,
    pub extension_days: u32,
    pub suspensions: Vec<Suspension>,
}

impl LegalClock {
    pub fn new(accepted_on: NaiveDate, limit_days: u32) -> Self {
        Self {
            accepted_on,
            limit_days,
            extension_days: 0,
            suspensions: Vec::new(),
        }
    }

    /// The limit with its extension, in working days.
    pub fn total_days(&self) -> u32 {
        self.limit_days + self.extension_days
    }

    pub fn is_extended(&self) -> bool {
        self.extension_days > 0
    }

    /// Waiting for the citizen: a suspension is open.
    pub fn is_suspended(&self) -> bool {
        self.suspensions.iter().any(|s| s.to.is_none())
    }

    /// The clock stops: the task was returned for 补正 on `on`.
    pub fn suspend(&mut self, on: NaiveDate) -> Result<(), CaseError> {
        if self.is_suspended() {
            return Err(CaseError::AlreadySuspended);
        }
        self.suspensions.push(Suspension { from: on, to: None });
        Ok(())
    }

    /// The clock runs again: the citizen supplied the items on `on`.
    pub fn resume(&mut self, on: NaiveDate) -> Result<(), CaseError> {
        let open = self
            .suspensions
            .iter_mut()
            .find(|s| s.to.is_none())
            .ok_or(CaseError::NotSuspended)?;
        if on < open.from {
            return Err(CaseError::ResumeBeforeSuspend {
                from: open.from,
                to: on,
            });
        }
        open.to = Some(on);
        Ok(())
    }

    /// Grants the task's one extension, after [`check_extension`] against the matter's
    /// allowance; returns the reason trimmed, for the record.
    pub fn extend(
        &mut self,
        matter_extension_days: u16,
        days: u32,
        reason: &str,
    ) -> Result<String, CaseError> {
        check_extension(matter_extension_days, self.is_extended(), days, reason)?;
        self.extension_days = days;
        Ok(reason.trim().to_string())
    }

    /// The same clock measured against the promised limit (承诺时限): same acceptance and
    /// suspensions, no extension.
    pub fn promised(&self, promised_limit_days: u32) -> LegalClock {
        LegalClock {
            limit_days: promised_limit_days,
            extension_days: 0,
            ..self.clone()
        }
    }

    /// The due date with open suspensions ending on their `from` day (see the module doc).
    pub fn due(&self, cal: &WorkingCalendar) -> NaiveDate {
        self.walk(cal, None)
    }

    /// The due date on `today`, open suspensions running until `today`.
    pub fn due_on(&self, cal: &WorkingCalendar, today: NaiveDate) -> NaiveDate {
        self.walk(cal, Some(today))
    }

    /// Working days left on `today`: 0 on the due date, negative after it (see the module doc).
    pub fn working_days_left(&self, cal: &WorkingCalendar, today: NaiveDate) -> i64 {
        let used = self
            .accepted_on
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= today)
            .filter(|d| self.counts(cal, *d, Some(today)))
            .count() as i64;
        let left = i64::from(self.total_days()) - used;
        // The last day used up but not a working day since: overdue all the same, unless the
        // clock has stood still ever since the due date (returned on its last day).
        let due = self.due_on(cal, today);
        let overdue_since = due
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= today)
            .any(|d| !self.stopped(d, Some(today)));
        if left == 0 && overdue_since {
            -1
        } else {
            left
        }
    }

    /// The light on `today`; see [`light`].
    pub fn light(&self, cal: &WorkingCalendar, today: NaiveDate, yellow_within: u32) -> Light {
        light(self.working_days_left(cal, today), yellow_within)
    }

    /// Working days after acceptance up to `today` on which the clock stood still.
    pub fn suspended_working_days(&self, cal: &WorkingCalendar, today: NaiveDate) -> u32 {
        self.accepted_on
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= today)
            .filter(|d| cal.is_working_day(*d) && self.stopped(*d, Some(today)))
            .count() as u32
    }

    fn stopped(&self, date: NaiveDate, today: Option<NaiveDate>) -> bool {
        self.suspensions
            .iter()
            .any(|s| s.stops(date, today.unwrap_or(s.from)))
    }

    fn counts(&self, cal: &WorkingCalendar, date: NaiveDate, today: Option<NaiveDate>) -> bool {
        cal.is_working_day(date) && !self.stopped(date, today)
    }

    /// Steps through working days from acceptance, skipping stopped ones, until the limit is
    /// used up. Linear in the days walked; limits are at most a year or so.
    fn walk(&self, cal: &WorkingCalendar, today: Option<NaiveDate>) -> NaiveDate {
        let mut date = self.accepted_on;
        let mut left = self.total_days();
        while left > 0 {
            date = cal.next_working_day(date);
            if !self.stopped(date, today) {
                left -= 1;
            }
        }
        date
    }
}

/// The light on an approver's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    Green,
    /// `yellow_within` working days or fewer left, the due date included.
    Yellow,
    /// Overdue.
    Red,
}

impl Light {
    pub fn as_str(self) -> &'static str {
        match self {
            Light::Green => "green",
            Light::Yellow => "yellow",
            Light::Red => "red",
        }
    }
}

/// A sensible default for the yellow light: three working days or fewer left.
pub const DEFAULT_YELLOW_WITHIN: u32 = 3;

/// Red when overdue (`days_left` < 0), yellow with 0..=`yellow_within` working days left,
/// green otherwise. With `yellow_within` 0 only the due date itself is yellow.
pub fn light(days_left: i64, yellow_within: u32) -> Light {
    if days_left < 0 {
        Light::Red
    } else if days_left <= i64::from(yellow_within) {
        Light::Yellow
    } else {
        Light::Green
    }
}

/// Longest extension reason, in characters.
pub const MAX_EXTENSION_REASON_CHARS: usize = 200;

/// Whether a task may be extended by `days` working days: the matter must allow extensions
/// (`legal_extension_days` > 0), the task must not have been extended before (the law allows
/// one extension, e.g. 政府信息公开: 20 working days, once extendable by 20), `days` must be
/// 1..=the allowance, and the reason (written to the citizen) must be given, at most 200
/// characters. The checks run in that order, so the message names the first obstacle.
pub fn check_extension(
    matter_extension_days: u16,
    already_extended: bool,
    days: u32,
    reason: &str,
) -> Result<(), CaseError> {
    if matter_extension_days == 0 {
        return Err(CaseError::ExtensionNotAllowed);
    }
    if already_extended {
        return Err(CaseError::AlreadyExtended);
    }
    if days == 0 {
        return Err(CaseError::ExtensionZero);
    }
    if days > u32::from(matter_extension_days) {
        return Err(CaseError::ExtensionTooLong {
            days,
            max: matter_extension_days,
        });
    }
    required_text("延期理由", reason, MAX_EXTENSION_REASON_CHARS).map(drop)
}

/// The day by which a 容缺 pledge must be honoured: `days` working days counted like a time
/// limit (Day 1 is the first working day after acceptance).
pub fn pledge_deadline(accepted_on: NaiveDate, cal: &WorkingCalendar, days: u32) -> NaiveDate {
    cal.add_working_days(accepted_on, days)
}

/// The pledge is broken once the deadline day is over: the case is then terminated.
pub fn pledge_lapsed(deadline: NaiveDate, today: NaiveDate) -> bool {
    today > deadline
}

#[cfg(test)]
mod tests;
