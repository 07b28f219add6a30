//! 好差评: the citizen's rating of a service, and the follow-up of a bad one.
//!
//! After each service — a ticket served at a counter, a case completed — the citizen rates it
//! once (一次一评, 一事一评) on a [`RatingLevel`] from 1 to 5. Levels 1 and 2 are bad reviews
//! (差评): each opens a follow-up for the hall's admin, due a number of working days later,
//! which must be answered ([`FollowUpAction::Reply`]) before it may be closed
//! ([`FollowUpState::apply`]). A follow-up past its deadline and not closed is overdue
//! ([`is_overdue`]).
//!
//! Like the rest of the crate this does no IO: dates and the calendar come in as parameters.

use crate::calendar::WorkingCalendar;
use chrono::NaiveDate;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RatingError {
    #[error("评价等级须为 1–5（5 非常满意，1 非常不满意），收到 {0}")]
    InvalidLevel(i64),
    #[error("请指明评价对象：号票、办件编号或查询码三者选其一")]
    NoSubject,
    #[error("一次只能评价一个对象：号票、办件编号或查询码三者选其一")]
    SeveralSubjects,
    #[error("评价内容不能超过{max}个字", max = Comment::MAX_CHARS)]
    CommentTooLong,
    #[error("评价内容含有不可见的控制字符")]
    CommentControl,
    #[error("请填写整改答复")]
    ReplyMissing,
    #[error("整改答复不能超过{max}个字", max = FollowUp::MAX_REPLY_CHARS)]
    ReplyTooLong,
    #[error("办结说明不能超过{max}个字", max = FollowUp::MAX_REPLY_CHARS)]
    NoteTooLong,
    #[error("{}的差评回访不能{}", .from.label_zh(), .action.label_zh())]
    IllegalTransition {
        from: FollowUpState,
        action: FollowUpAction,
    },
    #[error("差评回访须先答复，才能办结")]
    ReplyRequired,
}

/// 1 非常不满意 … 5 非常满意. A value that exists is in 1..=5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RatingLevel(u8);

impl RatingLevel {
    pub const ALL: [RatingLevel; 5] = [
        RatingLevel(5),
        RatingLevel(4),
        RatingLevel(3),
        RatingLevel(2),
        RatingLevel(1),
    ];

    pub fn parse(n: i64) -> Result<Self, RatingError> {
        match n {
            1..=5 => Ok(RatingLevel(n as u8)),
            _ => Err(RatingError::InvalidLevel(n)),
        }
    }

    pub fn value(self) -> u8 {
        self.0
    }

    pub fn label_zh(self) -> &'static str {
        match self.0 {
            5 => "非常满意",
            4 => "满意",
            3 => "基本满意",
            2 => "不满意",
            _ => "非常不满意",
        }
    }

    /// 差评: levels 1 and 2 open a follow-up.
    pub fn is_bad(self) -> bool {
        self.0 <= 2
    }
}

impl fmt::Display for RatingLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// What the citizen named: a ticket (一次一评), or a case by number or by the tracking code
/// printed on its papers (一事一评). Exactly one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubjectRef {
    Ticket(i64),
    CaseNo(String),
    TrackingCode(String),
}

impl SubjectRef {
    /// Blank strings count as absent; anything else must be exactly one subject.
    pub fn pick(
        ticket_id: Option<i64>,
        case_no: Option<&str>,
        tracking_code: Option<&str>,
    ) -> Result<Self, RatingError> {
        let case_no = case_no.map(str::trim).filter(|s| !s.is_empty());
        let tracking = tracking_code.map(str::trim).filter(|s| !s.is_empty());
        let given = ticket_id.is_some() as u8 + case_no.is_some() as u8 + tracking.is_some() as u8;
        match given {
            0 => Err(RatingError::NoSubject),
            1 => Ok(match (ticket_id, case_no, tracking) {
                (Some(id), _, _) => SubjectRef::Ticket(id),
                (_, Some(no), _) => SubjectRef::CaseNo(no.to_string()),
                (_, _, Some(code)) => SubjectRef::TrackingCode(code.to_string()),
                _ => unreachable!("one of three is set"),
            }),
            _ => Err(RatingError::SeveralSubjects),
        }
    }
}

/// What was rated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectKind {
    Ticket,
    Case,
}

impl SubjectKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SubjectKind::Ticket => "ticket",
            SubjectKind::Case => "case",
        }
    }
}

/// Where the rating was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// The self-service kiosk.
    Kiosk,
    /// The evaluation screen facing the citizen at a counter (the clerk's session).
    Counter,
    /// Later, publicly, through the QR code on the case's papers.
    Qr,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Kiosk => "kiosk",
            Channel::Counter => "counter",
            Channel::Qr => "qr",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Channel::Kiosk, Channel::Counter, Channel::Qr]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

/// The citizen's optional words: trimmed, at most [`Comment::MAX_CHARS`] characters, no
/// control characters other than line breaks. Empty when nothing was said.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comment(String);

impl Comment {
    pub const MAX_CHARS: usize = 500;

    pub fn parse(s: Option<&str>) -> Result<Self, RatingError> {
        let s = s.unwrap_or("").trim();
        if s.chars().count() > Self::MAX_CHARS {
            return Err(RatingError::CommentTooLong);
        }
        if s.chars().any(|c| c.is_control() && c != '\n') {
            return Err(RatingError::CommentControl);
        }
        Ok(Comment(s.replace("\r\n", "\n")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The follow-up of a bad review: open → replied → closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FollowUpState {
    Open,
    Replied,
    Closed,
}

impl FollowUpState {
    pub fn as_str(self) -> &'static str {
        match self {
            FollowUpState::Open => "open",
            FollowUpState::Replied => "replied",
            FollowUpState::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Open, Self::Replied, Self::Closed]
            .into_iter()
            .find(|x| x.as_str() == s)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            FollowUpState::Open => "待答复",
            FollowUpState::Replied => "已答复",
            FollowUpState::Closed => "已办结",
        }
    }

    /// The next state, or why not. A reply is required before closing; nothing moves a closed
    /// follow-up.
    pub fn apply(self, action: FollowUpAction) -> Result<FollowUpState, RatingError> {
        use FollowUpAction::*;
        use FollowUpState::*;
        match (self, action) {
            (Open, Reply) => Ok(Replied),
            (Replied, Close) => Ok(Closed),
            (Open, Close) => Err(RatingError::ReplyRequired),
            (from, action) => Err(RatingError::IllegalTransition { from, action }),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpAction {
    Reply,
    Close,
}

impl FollowUpAction {
    pub fn label_zh(self) -> &'static str {
        match self {
            FollowUpAction::Reply => "答复",
            FollowUpAction::Close => "办结",
        }
    }
}

/// Rules of the follow-up of a bad review.
pub struct FollowUp;

impl FollowUp {
    pub const MAX_REPLY_CHARS: usize = 1000;
    /// Working days to answer a bad review unless the hall says otherwise.
    pub const DEFAULT_DAYS: u32 = 5;

    /// The last day to answer: `days` working days after the day of the rating (Day 1 is the
    /// first working day after it, as for the legal clock).
    pub fn due(calendar: &WorkingCalendar, rated_on: NaiveDate, days: u32) -> NaiveDate {
        calendar.add_working_days(rated_on, days)
    }

    /// The admin's answer: required, trimmed, at most [`FollowUp::MAX_REPLY_CHARS`].
    pub fn reply(text: &str) -> Result<String, RatingError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(RatingError::ReplyMissing);
        }
        if t.chars().count() > Self::MAX_REPLY_CHARS {
            return Err(RatingError::ReplyTooLong);
        }
        Ok(t.to_string())
    }

    /// The optional closing note.
    pub fn note(text: Option<&str>) -> Result<String, RatingError> {
        let t = text.unwrap_or("").trim();
        if t.chars().count() > Self::MAX_REPLY_CHARS {
            return Err(RatingError::NoteTooLong);
        }
        Ok(t.to_string())
    }
}

/// Past its deadline and not closed.
pub fn is_overdue(state: FollowUpState, due_on: NaiveDate, today: NaiveDate) -> bool {
    state != FollowUpState::Closed && today > due_on
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn levels_parse_from_one_to_five_with_chinese_labels() {
        assert_eq!(RatingLevel::parse(5).unwrap().label_zh(), "非常满意");
        assert_eq!(RatingLevel::parse(4).unwrap().label_zh(), "满意");
        assert_eq!(RatingLevel::parse(3).unwrap().label_zh(), "基本满意");
        assert_eq!(RatingLevel::parse(2).unwrap().label_zh(), "不满意");
        assert_eq!(RatingLevel::parse(1).unwrap().label_zh(), "非常不满意");
        assert_eq!(RatingLevel::parse(0), Err(RatingError::InvalidLevel(0)));
        assert_eq!(RatingLevel::parse(6), Err(RatingError::InvalidLevel(6)));
        assert!(RatingLevel::parse(2).unwrap().is_bad());
        assert!(!RatingLevel::parse(3).unwrap().is_bad());
    }

    #[test]
    fn exactly_one_subject() {
        assert_eq!(
            SubjectRef::pick(Some(7), None, Some("  ")),
            Ok(SubjectRef::Ticket(7))
        );
        assert_eq!(
            SubjectRef::pick(None, Some(" 20260925-00001 "), None),
            Ok(SubjectRef::CaseNo("20260925-00001".into()))
        );
        assert_eq!(
            SubjectRef::pick(None, None, None),
            Err(RatingError::NoSubject)
        );
        assert_eq!(
            SubjectRef::pick(Some(1), None, Some("ABC")),
            Err(RatingError::SeveralSubjects)
        );
    }

    #[test]
    fn comments_are_trimmed_and_limited() {
        assert_eq!(Comment::parse(None).unwrap().as_str(), "");
        assert_eq!(Comment::parse(Some("  很好 ")).unwrap().as_str(), "很好");
        let long = "好".repeat(Comment::MAX_CHARS + 1);
        assert_eq!(
            Comment::parse(Some(&long)),
            Err(RatingError::CommentTooLong)
        );
        assert!(Comment::parse(Some(&"好".repeat(Comment::MAX_CHARS))).is_ok());
        assert_eq!(
            Comment::parse(Some("a\u{7}b")),
            Err(RatingError::CommentControl)
        );
    }

    #[test]
    fn a_reply_comes_before_closing_and_closed_is_final() {
        let s = FollowUpState::Open;
        assert_eq!(
            s.apply(FollowUpAction::Close),
            Err(RatingError::ReplyRequired)
        );
        let s = s.apply(FollowUpAction::Reply).unwrap();
        assert_eq!(s, FollowUpState::Replied);
        assert!(s.apply(FollowUpAction::Reply).is_err());
        let s = s.apply(FollowUpAction::Close).unwrap();
        assert_eq!(s, FollowUpState::Closed);
        assert!(s.apply(FollowUpAction::Reply).is_err());
        assert!(s.apply(FollowUpAction::Close).is_err());
        assert_eq!(FollowUp::reply("  "), Err(RatingError::ReplyMissing));
    }

    #[test]
    fn the_deadline_counts_working_days_and_overdue_ends_when_closed() {
        let cal = WorkingCalendar::bundled();
        // Friday 25 September 2026: Sunday 27 September is a make-up day, 1–7 October are off.
        let rated = NaiveDate::from_ymd_opt(2026, 9, 25).unwrap();
        let due = FollowUp::due(&cal, rated, 5);
        assert_eq!(due, cal.add_working_days(rated, 5));
        assert!(due > NaiveDate::from_ymd_opt(2026, 10, 7).unwrap());
        let after = due.succ_opt().unwrap();
        assert!(!is_overdue(FollowUpState::Open, due, due));
        assert!(is_overdue(FollowUpState::Open, due, after));
        assert!(is_overdue(FollowUpState::Replied, due, after));
        assert!(!is_overdue(FollowUpState::Closed, due, after));
    }

    proptest! {
        /// Whatever is tried, a follow-up closes only after a reply, and never moves again.
        #[test]
        fn closed_only_after_a_reply(actions in proptest::collection::vec(any::<bool>(), 0..12)) {
            let mut s = FollowUpState::Open;
            let mut replied = false;
            for close in actions {
                let a = if close { FollowUpAction::Close } else { FollowUpAction::Reply };
                let before = s;
                match s.apply(a) {
                    Ok(next) => {
                        prop_assert_ne!(before, FollowUpState::Closed);
                        if next == FollowUpState::Closed { prop_assert!(replied); }
                        replied |= a == FollowUpAction::Reply;
                        s = next;
                    }
                    Err(_) => prop_assert_eq!(s, before),
                }
            }
        }

        #[test]
        fn levels_outside_one_to_five_are_refused(n in any::<i64>()) {
            prop_assert_eq!(RatingLevel::parse(n).is_ok(), (1..=5).contains(&n));
            if let Ok(l) = RatingLevel::parse(n) {
                prop_assert_eq!(i64::from(l.value()), n);
            }
        }

        /// Channel and follow-up state names parse back; nothing else parses.
        #[test]
        fn names_and_only_they_parse(s in crate::test_support::near(vec![
            "kiosk", "counter", "qr", "open", "replied", "closed",
        ])) {
            use crate::test_support::parses_only_names;
            parses_only_names(
                &[Channel::Kiosk, Channel::Counter, Channel::Qr], Channel::as_str, Channel::parse, &s,
            )?;
            parses_only_names(
                &[FollowUpState::Open, FollowUpState::Replied, FollowUpState::Closed],
                FollowUpState::as_str, FollowUpState::parse, &s,
            )?;
        }

        #[test]
        fn comments_never_exceed_the_limit(s in "\\PC{0,600}") {
            if let Ok(c) = Comment::parse(Some(&s)) {
                prop_assert!(c.as_str().chars().count() <= Comment::MAX_CHARS);
                prop_assert_eq!(c.as_str(), c.as_str().trim());
            }
        }
    }
}
