//! Appointments (预约): time slots per category, the booking rules, and the check-in window.
//!
//! Rules, all configurable: book 1–5 working days ahead; one booking per ID number per day;
//! cancel at least 2 hours before the slot; repeated no-shows block booking for a month; at
//! the kiosk an appointment checks in from 30 minutes before its slot until 15 minutes after
//! its start — a later arrival joins the normal queue.

use crate::calendar::WorkingCalendar;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

#[derive(Debug, Clone, PartialEq)]
pub struct AppointmentRules {
    pub min_days_ahead: u32,
    pub max_days_ahead: u32,
    pub cancel_before: Duration,
    /// This many no-shows within `no_show_window` block booking …
    pub no_show_limit: i64,
    pub no_show_window: Duration,
    /// … for this long after the last of them.
    pub block_for: Duration,
    pub check_in_early: Duration,
    pub check_in_late: Duration,
    /// The hall's daily slots, shared by every category.
    pub slots: Vec<SlotTime>,
    /// Bookings per category per slot.
    pub capacity: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct SlotTime {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
}

impl Default for AppointmentRules {
    fn default() -> Self {
        let slot = |a: (u32, u32), b: (u32, u32)| SlotTime {
            start: hm(a.0, a.1),
            end: hm(b.0, b.1),
        };
        Self {
            min_days_ahead: 1,
            max_days_ahead: 5,
            cancel_before: Duration::hours(2),
            no_show_limit: 3,
            no_show_window: Duration::days(30),
            block_for: Duration::days(30),
            check_in_early: Duration::minutes(30),
            check_in_late: Duration::minutes(15),
            slots: vec![
                slot((9, 0), (10, 0)),
                slot((10, 0), (11, 0)),
                slot((11, 0), (12, 0)),
                slot((13, 30), (14, 30)),
                slot((14, 30), (15, 30)),
                slot((15, 30), (16, 30)),
            ],
            capacity: 4,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BookingError {
    #[error("{0} 不是工作日，请选择其他日期")]
    NotWorkingDay(NaiveDate),
    #[error("只能预约第 {min}–{max} 个工作日，请重新选择日期")]
    OutOfRange { min: u32, max: u32 },
    #[error("没有 {0} 开始的预约时段")]
    NoSuchSlot(NaiveTime),
    #[error("该时段已约满，请选择其他时段")]
    Full,
    #[error("您在 {0} 已有预约，每人每天限约一次")]
    AlreadyBooked(NaiveDate),
    #[error("近一个月内有 {count} 次预约未到，暂停预约至 {until}")]
    Blocked { count: i64, until: NaiveDate },
    #[error("预约须在开始前 {0} 小时取消，现已无法取消")]
    TooLateToCancel(i64),
}

/// The days a citizen may book on, counted from `today` in working days.
pub fn bookable_days(
    rules: &AppointmentRules,
    cal: &WorkingCalendar,
    today: NaiveDate,
) -> Vec<NaiveDate> {
    cal.working_days_ahead(today, rules.max_days_ahead)
        .into_iter()
        .skip(rules.min_days_ahead.saturating_sub(1) as usize)
        .collect()
}

/// The slot starting at `start`, if the hall has one.
pub fn slot_at(rules: &AppointmentRules, start: NaiveTime) -> Option<SlotTime> {
    rules.slots.iter().copied().find(|s| s.start == start)
}

/// Checks a booking request against the date rules; counts are checked by the caller's store.
pub fn check_date(
    rules: &AppointmentRules,
    cal: &WorkingCalendar,
    today: NaiveDate,
    date: NaiveDate,
) -> Result<(), BookingError> {
    if !cal.is_working_day(date) {
        return Err(BookingError::NotWorkingDay(date));
    }
    if !bookable_days(rules, cal, today).contains(&date) {
        return Err(BookingError::OutOfRange {
            min: rules.min_days_ahead,
            max: rules.max_days_ahead,
        });
    }
    Ok(())
}

/// Whether past no-shows block a new booking at `now`; `no_shows` are their slot starts.
pub fn check_no_shows(
    rules: &AppointmentRules,
    no_shows: &[DateTime<Utc>],
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<(), BookingError> {
    let recent: Vec<&DateTime<Utc>> = no_shows
        .iter()
        .filter(|t| now - **t <= rules.no_show_window)
        .collect();
    let count = recent.len() as i64;
    if count < rules.no_show_limit {
        return Ok(());
    }
    let last = recent.into_iter().max().copied().unwrap_or(now);
    let until = last + rules.block_for;
    if now < until {
        return Err(BookingError::Blocked {
            count,
            until: until.with_timezone(&tz).date_naive(),
        });
    }
    Ok(())
}

/// The instant a slot starts, in the hall's time zone.
pub fn slot_start(date: NaiveDate, slot: SlotTime, tz: Tz) -> DateTime<Utc> {
    tz.from_local_datetime(&date.and_time(slot.start))
        .earliest()
        .expect("Chinese time zones have no gaps")
        .with_timezone(&Utc)
}

pub fn check_cancel(
    rules: &AppointmentRules,
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), BookingError> {
    if starts_at - now < rules.cancel_before {
        return Err(BookingError::TooLateToCancel(
            rules.cancel_before.num_hours(),
        ));
    }
    Ok(())
}

/// Where an arrival at the kiosk stands against its slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckIn {
    /// Too early: come back from this instant.
    TooEarly(DateTime<Utc>),
    /// Inside the window: the appointment queue.
    OnTime,
    /// Past the window: the normal queue.
    Late,
}

pub fn check_in(rules: &AppointmentRules, starts_at: DateTime<Utc>, now: DateTime<Utc>) -> CheckIn {
    let opens = starts_at - rules.check_in_early;
    if now < opens {
        CheckIn::TooEarly(opens)
    } else if now <= starts_at + rules.check_in_late {
        CheckIn::OnTime
    } else {
        CheckIn::Late
    }
}

/// Appointment codes avoid look-alike characters (0/O, 1/I/L) so they survive being read
/// aloud or copied from a phone.
pub const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const CODE_LEN: usize = 8;

pub fn is_valid_code(code: &str) -> bool {
    code.len() == CODE_LEN && code.bytes().all(|b| CODE_ALPHABET.contains(&b))
}

#[cfg(test)]
mod tests;
