//! Queue tickets: their numbers, the day they belong to, their priority and their life cycle.

use crate::codes::CategoryCode;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TicketNoError {
    #[error("号码须为类别字母加至少三位数字（如 A001），收到“{0}”")]
    Malformed(String),
    #[error("号码序号须在 1–{max} 之间，收到 {0}", max = TicketNo::MAX_SEQ)]
    OutOfRange(u32),
}

/// A ticket number: category letter plus a sequence padded to three digits (A001 … A999, A1000).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TicketNo {
    category: CategoryCode,
    seq: u32,
}

impl TicketNo {
    /// Far above any day's crowd; keeps the printed number short enough for the slip.
    pub const MAX_SEQ: u32 = 99_999;

    pub fn new(category: CategoryCode, seq: u32) -> Result<Self, TicketNoError> {
        if seq == 0 || seq > Self::MAX_SEQ {
            return Err(TicketNoError::OutOfRange(seq));
        }
        Ok(Self { category, seq })
    }

    pub fn parse(s: &str) -> Result<Self, TicketNoError> {
        let malformed = || TicketNoError::Malformed(s.to_string());
        let mut chars = s.chars();
        let letter = chars.next().ok_or_else(malformed)?;
        let digits = chars.as_str();
        let category = CategoryCode::parse(&letter.to_string()).map_err(|_| malformed())?;
        if digits.len() < 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed());
        }
        // A1000 is written without padding, so "A0999" has no canonical meaning.
        if digits.len() > 3 && digits.starts_with('0') {
            return Err(malformed());
        }
        let seq: u32 = digits.parse().map_err(|_| malformed())?;
        Self::new(category, seq)
    }

    pub fn category(self) -> CategoryCode {
        self.category
    }

    pub fn seq(self) -> u32 {
        self.seq
    }
}

impl fmt::Display for TicketNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{:03}", self.category, self.seq)
    }
}

/// The hall's working day a ticket belongs to: the local date in the hall's time zone.
/// Numbers restart at local midnight, whatever the server's own time zone is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ServiceDay(NaiveDate);

impl ServiceDay {
    pub fn of(instant: DateTime<Utc>, hall_tz: Tz) -> Self {
        Self(instant.with_timezone(&hall_tz).date_naive())
    }

    pub fn from_date(date: NaiveDate) -> Self {
        Self(date)
    }

    pub fn date(self) -> NaiveDate {
        self.0
    }
}

impl fmt::Display for ServiceDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

/// Who is served first. Order of the variants is the order of service.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Checked in with an appointment code inside its window.
    Appointment,
    /// 绿色通道: elderly, disabled, pregnant.
    Green,
    #[default]
    Normal,
}

impl Priority {
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Appointment => "appointment",
            Priority::Green => "green",
            Priority::Normal => "normal",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "appointment" => Some(Priority::Appointment),
            "green" => Some(Priority::Green),
            "normal" => Some(Priority::Normal),
            _ => None,
        }
    }

    /// Lower ranks are called first.
    pub fn rank(self) -> i64 {
        self as i64
    }
}

/// Whether the paper slip reached the citizen. A failed print is reprinted, never lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlipStatus {
    Pending,
    Printed,
    Failed,
}

impl SlipStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SlipStatus::Pending => "pending",
            SlipStatus::Printed => "printed",
            SlipStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(SlipStatus::Pending),
            "printed" => Some(SlipStatus::Printed),
            "failed" => Some(SlipStatus::Failed),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    Waiting,
    Called,
    Serving,
    Done,
    NoShow,
}

/// What a counter does to a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketAction {
    Call,
    Recall,
    Start,
    Finish,
    NoShow,
    Reinstate,
    Transfer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("号票当前状态为“{}”，不能{}", .from.label_zh(), .action.label_zh())]
pub struct IllegalTransition {
    pub from: TicketStatus,
    pub action: TicketAction,
}

impl TicketStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TicketStatus::Waiting => "waiting",
            TicketStatus::Called => "called",
            TicketStatus::Serving => "serving",
            TicketStatus::Done => "done",
            TicketStatus::NoShow => "no_show",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "waiting" => Some(TicketStatus::Waiting),
            "called" => Some(TicketStatus::Called),
            "serving" => Some(TicketStatus::Serving),
            "done" => Some(TicketStatus::Done),
            "no_show" => Some(TicketStatus::NoShow),
            _ => None,
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            TicketStatus::Waiting => "等候中",
            TicketStatus::Called => "已叫号",
            TicketStatus::Serving => "办理中",
            TicketStatus::Done => "已办结",
            TicketStatus::NoShow => "过号",
        }
    }

    /// A ticket still in the hall's hands (not finished, not gone).
    pub fn is_active(self) -> bool {
        matches!(
            self,
            TicketStatus::Waiting | TicketStatus::Called | TicketStatus::Serving
        )
    }

    /// The ticket life cycle. Anything not listed is an error, never a silent no-op.
    pub fn apply(self, action: TicketAction) -> Result<TicketStatus, IllegalTransition> {
        use TicketAction as A;
        use TicketStatus as S;
        let next = match (self, action) {
            (S::Waiting, A::Call) => S::Called,
            (S::Called, A::Recall) => S::Called,
            (S::Called, A::Start) => S::Serving,
            (S::Called | S::Serving, A::Finish) => S::Done,
            (S::Called, A::NoShow) => S::NoShow,
            (S::NoShow, A::Reinstate) => S::Waiting,
            (S::Called | S::Serving, A::Transfer) => S::Waiting,
            (from, action) => return Err(IllegalTransition { from, action }),
        };
        Ok(next)
    }
}

impl TicketAction {
    pub const ALL: [TicketAction; 7] = [
        TicketAction::Call,
        TicketAction::Recall,
        TicketAction::Start,
        TicketAction::Finish,
        TicketAction::NoShow,
        TicketAction::Reinstate,
        TicketAction::Transfer,
    ];

    pub fn label_zh(self) -> &'static str {
        match self {
            TicketAction::Call => "叫号",
            TicketAction::Recall => "重呼",
            TicketAction::Start => "开始办理",
            TicketAction::Finish => "办结",
            TicketAction::NoShow => "标记过号",
            TicketAction::Reinstate => "恢复排队",
            TicketAction::Transfer => "转移",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn a() -> CategoryCode {
        CategoryCode::parse("A").unwrap()
    }

    #[test]
    fn numbers_pad_to_three_digits_then_grow() {
        assert_eq!(TicketNo::new(a(), 1).unwrap().to_string(), "A001");
        assert_eq!(TicketNo::new(a(), 999).unwrap().to_string(), "A999");
        assert_eq!(TicketNo::new(a(), 1000).unwrap().to_string(), "A1000");
        assert!(TicketNo::new(a(), 0).is_err());
    }

    #[test]
    fn malformed_numbers_are_refused() {
        for bad in ["", "A", "A01", "a001", "A0999", "AA001", "A00x", "1001"] {
            assert!(TicketNo::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn service_day_follows_the_hall_time_zone_not_utc() {
        let shanghai: Tz = "Asia/Shanghai".parse().unwrap();
        // 2026-03-01 23:59:59 in Shanghai is 15:59:59 UTC the same day...
        let before = Utc.with_ymd_and_hms(2026, 3, 1, 15, 59, 59).unwrap();
        // ...and one second later it is already the 2nd in Shanghai while UTC still says the 1st.
        let after = Utc.with_ymd_and_hms(2026, 3, 1, 16, 0, 0).unwrap();
        assert_eq!(ServiceDay::of(before, shanghai).to_string(), "2026-03-01");
        assert_eq!(ServiceDay::of(after, shanghai).to_string(), "2026-03-02");
        assert_eq!(
            ServiceDay::of(after, chrono_tz::UTC).to_string(),
            "2026-03-01"
        );
    }

    #[test]
    fn priorities_are_served_appointment_then_green_then_normal() {
        assert!(Priority::Appointment.rank() < Priority::Green.rank());
        assert!(Priority::Green.rank() < Priority::Normal.rank());
    }

    #[test]
    fn a_waiting_ticket_can_only_be_called() {
        for action in TicketAction::ALL {
            let r = TicketStatus::Waiting.apply(action);
            assert_eq!(r.is_ok(), action == TicketAction::Call, "{action:?}");
        }
    }

    #[test]
    fn illegal_transition_message_is_chinese() {
        let e = TicketStatus::Done.apply(TicketAction::Call).unwrap_err();
        assert_eq!(e.to_string(), "号票当前状态为“已办结”，不能叫号");
    }

    proptest! {
        #[test]
        fn numbers_round_trip(letter in proptest::char::range('A', 'Z'), seq in 1u32..=TicketNo::MAX_SEQ) {
            let no = TicketNo::new(CategoryCode::parse(&letter.to_string()).unwrap(), seq).unwrap();
            prop_assert_eq!(TicketNo::parse(&no.to_string()).unwrap(), no);
        }

        #[test]
        fn parse_never_panics_and_accepts_only_canonical_text(s in "\\PC{0,8}") {
            if let Ok(no) = TicketNo::parse(&s) {
                prop_assert_eq!(no.to_string(), s);
            }
        }

        /// Priority, slip and ticket status names parse back; nothing else parses.
        #[test]
        fn status_names_and_only_they_parse(s in crate::test_support::near(vec![
            "appointment", "green", "normal", "pending", "printed", "failed",
            "waiting", "called", "serving", "done", "no_show",
        ])) {
            use crate::test_support::parses_only_names;
            parses_only_names(
                &[Priority::Appointment, Priority::Green, Priority::Normal],
                Priority::as_str, Priority::parse, &s,
            )?;
            parses_only_names(
                &[SlipStatus::Pending, SlipStatus::Printed, SlipStatus::Failed],
                SlipStatus::as_str, SlipStatus::parse, &s,
            )?;
            parses_only_names(
                &[TicketStatus::Waiting, TicketStatus::Called, TicketStatus::Serving,
                  TicketStatus::Done, TicketStatus::NoShow],
                TicketStatus::as_str, TicketStatus::parse, &s,
            )?;
        }

        #[test]
        fn done_is_final(actions in proptest::collection::vec(0usize..7, 0..20)) {
            let mut status = TicketStatus::Waiting;
            for i in actions {
                let was_done = status == TicketStatus::Done;
                match status.apply(TicketAction::ALL[i]) {
                    Ok(next) => { prop_assert!(!was_done); status = next; }
                    Err(e) => prop_assert_eq!(e.from, status),
                }
            }
        }
    }
}
