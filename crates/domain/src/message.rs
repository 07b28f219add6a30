//! 网民留言: a citizen's message (咨询, 建议, 投诉) left at the kiosk or on a public page, forwarded
//! by the hall's admin to a department (转办), answered by that department within a number of
//! working days, and published with its answer once de-identified.
//!
//! ```text
//!             forward              answer              publish
//!  submitted ─────────▶ forwarded ─────────▶ answered ─────────▶ published
//!      │                 │    ▲ forward             │
//!      │                 └────┘ (to another department)
//!      └──────── close (invalid / duplicate, with a reason) ◀───┘ from any open state
//! ```
//!
//! Publishing is an explicit admin step: the hall reviews the answer before it goes public.
//! Nothing here does IO; dates, the calendar and the random source come in as parameters.

use crate::calendar::WorkingCalendar;
use crate::case::{light, Light};
use crate::identity::{PersonName, Phone};
use crate::privacy::{mask_name, mask_phone, scrub_text};
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessageError {
    #[error(
        "留言类型须为 consultation（咨询）、suggestion（建议）或 complaint（投诉），收到“{0}”"
    )]
    InvalidKind(String),
    #[error("请填写留言标题")]
    TitleMissing,
    #[error("留言标题不能超过{max}个字", max = Title::MAX_CHARS)]
    TitleTooLong,
    #[error("请填写留言内容")]
    BodyMissing,
    #[error("留言内容不能超过{max}个字", max = Body::MAX_CHARS)]
    BodyTooLong,
    #[error("{0}含有不可见的控制字符")]
    Control(&'static str),
    #[error("请填写11位手机号码，以便部门联系您")]
    InvalidPhone,
    #[error("姓名不能超过{max}个字", max = PersonName::MAX_CHARS)]
    NameTooLong,
    #[error("请填写答复内容")]
    AnswerMissing,
    #[error("答复内容不能超过{max}个字", max = MAX_ANSWER_CHARS)]
    AnswerTooLong,
    #[error("转办说明不能超过{max}个字", max = MAX_NOTE_CHARS)]
    NoteTooLong,
    #[error("请填写关闭原因")]
    ReasonMissing,
    #[error("关闭原因不能超过{max}个字", max = MAX_NOTE_CHARS)]
    ReasonTooLong,
    #[error("关闭类型须为 invalid（无效留言）或 duplicate（重复留言），收到“{0}”")]
    InvalidCloseKind(String),
    #[error("查询码无效，请核对留言回执上的查询码")]
    InvalidQueryCode,
    #[error("{}的留言不能{}", .from.label_zh(), .action.label_zh())]
    IllegalTransition {
        from: MessageState,
        action: MessageAction,
    },
}

pub const MAX_ANSWER_CHARS: usize = 2000;
pub const MAX_NOTE_CHARS: usize = 200;
/// Working days a department has to answer unless the hall says otherwise.
pub const DEFAULT_ANSWER_DAYS: u32 = 5;
/// The light turns yellow with this many working days left (the due date included).
pub const YELLOW_WITHIN: u32 = 1;

/// 咨询, 建议 or 投诉.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageKind {
    Consultation,
    Suggestion,
    Complaint,
}

impl MessageKind {
    pub const ALL: [MessageKind; 3] = [Self::Consultation, Self::Suggestion, Self::Complaint];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Consultation => "consultation",
            Self::Suggestion => "suggestion",
            Self::Complaint => "complaint",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Consultation => "咨询",
            Self::Suggestion => "建议",
            Self::Complaint => "投诉",
        }
    }

    pub fn parse(s: &str) -> Result<Self, MessageError> {
        let s = s.trim();
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| MessageError::InvalidKind(s.to_string()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageState {
    Submitted,
    Forwarded,
    Answered,
    Published,
    Closed,
}

impl MessageState {
    pub const ALL: [MessageState; 5] = [
        Self::Submitted,
        Self::Forwarded,
        Self::Answered,
        Self::Published,
        Self::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::Forwarded => "forwarded",
            Self::Answered => "answered",
            Self::Published => "published",
            Self::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Submitted => "待转办",
            Self::Forwarded => "办理中",
            Self::Answered => "已答复",
            Self::Published => "已公开",
            Self::Closed => "已关闭",
        }
    }

    /// Published and closed messages do not move again.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Published | Self::Closed)
    }

    /// The next state, or why not. A forwarded message may be forwarded again (the first
    /// department was the wrong one); an answer is only published after it exists.
    pub fn apply(self, action: MessageAction) -> Result<MessageState, MessageError> {
        use MessageAction as A;
        use MessageState as S;
        match (self, action) {
            (S::Submitted | S::Forwarded, A::Forward) => Ok(S::Forwarded),
            (S::Forwarded, A::Answer) => Ok(S::Answered),
            (S::Answered, A::Publish) => Ok(S::Published),
            (from, A::Close) if !from.is_final() => Ok(S::Closed),
            (from, action) => Err(MessageError::IllegalTransition { from, action }),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageAction {
    Forward,
    Answer,
    Publish,
    Close,
}

impl MessageAction {
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Forward => "转办",
            Self::Answer => "答复",
            Self::Publish => "公开",
            Self::Close => "关闭",
        }
    }
}

/// Why the admin closed a message without an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseKind {
    Invalid,
    Duplicate,
}

impl CloseKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invalid => "invalid",
            Self::Duplicate => "duplicate",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Invalid => "无效留言",
            Self::Duplicate => "重复留言",
        }
    }

    /// Absent or blank means invalid.
    pub fn parse(s: Option<&str>) -> Result<Self, MessageError> {
        match s.map(str::trim).unwrap_or("") {
            "" | "invalid" => Ok(Self::Invalid),
            "duplicate" => Ok(Self::Duplicate),
            other => Err(MessageError::InvalidCloseKind(other.to_string())),
        }
    }
}

/// Trimmed, CRLF made LF, at most `max` characters, no control characters but line breaks
/// (and none at all when `multiline` is false).
fn text(
    s: &str,
    max: usize,
    multiline: bool,
    what: &'static str,
    missing: MessageError,
    too_long: MessageError,
) -> Result<String, MessageError> {
    let t = s.trim().replace("\r\n", "\n");
    if t.is_empty() {
        return Err(missing);
    }
    if t.chars().count() > max {
        return Err(too_long);
    }
    if t.chars()
        .any(|c| c.is_control() && !(multiline && c == '\n'))
    {
        return Err(MessageError::Control(what));
    }
    Ok(t)
}

/// The message's title: 1–50 characters on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title(String);

impl Title {
    pub const MAX_CHARS: usize = 50;

    pub fn parse(s: &str) -> Result<Self, MessageError> {
        let t = text(
            s,
            Self::MAX_CHARS,
            false,
            "留言标题",
            MessageError::TitleMissing,
            MessageError::TitleTooLong,
        )?;
        Ok(Self(t))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The message itself: 1–1000 characters, line breaks allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body(String);

impl Body {
    pub const MAX_CHARS: usize = 1000;

    pub fn parse(s: &str) -> Result<Self, MessageError> {
        let t = text(
            s,
            Self::MAX_CHARS,
            true,
            "留言内容",
            MessageError::BodyMissing,
            MessageError::BodyTooLong,
        )?;
        Ok(Self(t))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The department's answer.
pub fn answer(s: &str) -> Result<String, MessageError> {
    text(
        s,
        MAX_ANSWER_CHARS,
        true,
        "答复内容",
        MessageError::AnswerMissing,
        MessageError::AnswerTooLong,
    )
}

/// The admin's optional note to the department when forwarding.
pub fn forward_note(s: Option<&str>) -> Result<String, MessageError> {
    let t = s.unwrap_or("").trim();
    if t.is_empty() {
        return Ok(String::new());
    }
    text(
        t,
        MAX_NOTE_CHARS,
        true,
        "转办说明",
        MessageError::NoteTooLong,
        MessageError::NoteTooLong,
    )
}

/// The admin's reason for closing: required.
pub fn close_reason(s: &str) -> Result<String, MessageError> {
    text(
        s,
        MAX_NOTE_CHARS,
        true,
        "关闭原因",
        MessageError::ReasonMissing,
        MessageError::ReasonTooLong,
    )
}

/// Who wrote: a phone the department can call back (required) and, if given, a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub name: Option<PersonName>,
    pub phone: Phone,
}

impl Contact {
    pub fn parse(name: Option<&str>, phone: &str) -> Result<Self, MessageError> {
        let name = match name.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(n) => Some(PersonName::parse(n).map_err(|e| match e {
                crate::identity::PersonNameError::Control => MessageError::Control("姓名"),
                _ => MessageError::NameTooLong,
            })?),
        };
        let phone = Phone::parse(phone).map_err(|_| MessageError::InvalidPhone)?;
        Ok(Self { name, phone })
    }
}

/// 留言编号: `LY` + the hall's date + a four-digit sequence of that day, `LY20261127-0001`.
pub fn message_no(day: NaiveDate, seq: u32) -> String {
    format!("LY{}-{seq:04}", day.format("%Y%m%d"))
}

/// The secret query code on the citizen's receipt: 12 characters from the alphabet of
/// appointment codes (no look-alikes), 31¹² ≈ 2⁵⁹ possibilities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryCode(String);

impl QueryCode {
    pub const LEN: usize = 12;

    /// Pass a cryptographically secure generator in the server; tests pass a seeded one.
    pub fn generate(rng: &mut impl rand::Rng) -> Self {
        let alphabet = crate::appointment::CODE_ALPHABET;
        let code = (0..Self::LEN)
            .map(|_| char::from(alphabet[rng.gen_range(0..alphabet.len())]))
            .collect();
        Self(code)
    }

    /// Forgiving of case, spaces and hyphens, as the receipt prints it in groups of four.
    pub fn parse(s: &str) -> Result<Self, MessageError> {
        let code: String = s
            .trim()
            .chars()
            .filter(|&c| c != ' ' && c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let alphabet = crate::appointment::CODE_ALPHABET;
        let ok = code.len() == Self::LEN && code.bytes().all(|b| alphabet.contains(&b));
        if !ok {
            return Err(MessageError::InvalidQueryCode);
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The last day to answer: `days` working days after the day of forwarding (Day 1 is the
/// first working day after it, as for the legal clock).
pub fn answer_due(calendar: &WorkingCalendar, forwarded_on: NaiveDate, days: u32) -> NaiveDate {
    calendar.add_working_days(forwarded_on, days)
}

/// Working days left on `today` until `due_on` (0 on the due date itself), and at most -1 on
/// any day after it, even a weekend one.
pub fn days_left(calendar: &WorkingCalendar, today: NaiveDate, due_on: NaiveDate) -> i64 {
    let left = calendar.working_days_between(today, due_on);
    if today > due_on {
        left.min(-1)
    } else {
        left
    }
}

/// Waiting for the department's answer past its deadline.
pub fn is_overdue(state: MessageState, due_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    state == MessageState::Forwarded && due_on.is_some_and(|d| today > d)
}

/// The traffic light of a message awaiting its answer; none once answered or closed.
pub fn answer_light(
    calendar: &WorkingCalendar,
    state: MessageState,
    due_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<Light> {
    let due_on = due_on.filter(|_| state == MessageState::Forwarded)?;
    Some(light(days_left(calendar, today, due_on), YELLOW_WITHIN))
}

/// Free text as it may be published: the writer's own name and phone masked wherever they
/// wrote them, then every other ID number and mobile number masked ([`scrub_text`]).
pub fn deidentify(text: &str, contact: &Contact) -> String {
    let mut out = text.to_string();
    if let Some(name) = &contact.name {
        // A one-character "name" would mask that character everywhere; 2+ is a real name.
        if name.as_str().chars().count() >= 2 {
            out = out.replace(name.as_str(), &mask_name(name.as_str()));
        }
    }
    out = out.replace(contact.phone.as_str(), &mask_phone(contact.phone.as_str()));
    scrub_text(&out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rand::SeedableRng;

    fn contact(name: Option<&str>) -> Contact {
        Contact::parse(name, "13957864213").unwrap()
    }

    #[test]
    fn kinds_parse_with_chinese_labels() {
        assert_eq!(MessageKind::parse("complaint").unwrap().label_zh(), "投诉");
        assert_eq!(
            MessageKind::parse(" consultation ").unwrap(),
            MessageKind::Consultation
        );
        let err = MessageKind::parse("praise").unwrap_err().to_string();
        assert!(err.contains("咨询") && err.contains("praise"), "{err}");
    }

    #[test]
    fn titles_bodies_and_contacts_are_validated() {
        assert_eq!(Title::parse("  排队太久 ").unwrap().as_str(), "排队太久");
        assert_eq!(Title::parse(" "), Err(MessageError::TitleMissing));
        assert_eq!(
            Title::parse(&"长".repeat(51)),
            Err(MessageError::TitleTooLong)
        );
        assert_eq!(
            Title::parse("两行\n标题"),
            Err(MessageError::Control("留言标题"))
        );
        assert_eq!(
            Body::parse("第一行\r\n第二行").unwrap().as_str(),
            "第一行\n第二行"
        );
        assert_eq!(Body::parse(""), Err(MessageError::BodyMissing));
        assert!(Body::parse(&"字".repeat(1000)).is_ok());
        assert_eq!(
            Body::parse(&"字".repeat(1001)),
            Err(MessageError::BodyTooLong)
        );
        let c = Contact::parse(Some("  "), "139-5786-4213").unwrap();
        assert_eq!((c.name, c.phone.as_str()), (None, "13957864213"));
        assert_eq!(
            Contact::parse(None, "12345"),
            Err(MessageError::InvalidPhone)
        );
        assert_eq!(
            Contact::parse(Some(&"名".repeat(51)), "13957864213"),
            Err(MessageError::NameTooLong)
        );
        assert_eq!(answer(" "), Err(MessageError::AnswerMissing));
        assert_eq!(close_reason(""), Err(MessageError::ReasonMissing));
        assert_eq!(forward_note(None).unwrap(), "");
        assert_eq!(CloseKind::parse(None), Ok(CloseKind::Invalid));
        assert!(CloseKind::parse(Some("spam")).is_err());
    }

    #[test]
    fn the_state_machine_publishes_only_answered_messages() {
        use MessageAction as A;
        use MessageState as S;
        let s = S::Submitted;
        assert!(s.apply(A::Answer).is_err());
        assert!(s.apply(A::Publish).is_err());
        let s = s.apply(A::Forward).unwrap();
        assert_eq!(s.apply(A::Forward), Ok(S::Forwarded));
        assert!(s.apply(A::Publish).is_err());
        let s = s.apply(A::Answer).unwrap();
        assert!(s.apply(A::Forward).is_err());
        assert_eq!(s.apply(A::Publish), Ok(S::Published));
        assert!(S::Published.apply(A::Close).is_err());
        assert_eq!(S::Submitted.apply(A::Close), Ok(S::Closed));
        let err = S::Closed.apply(A::Answer).unwrap_err().to_string();
        assert_eq!(err, "已关闭的留言不能答复");
    }

    #[test]
    fn the_deadline_counts_working_days_and_lights_turn() {
        let cal = WorkingCalendar::bundled();
        // Friday 25 September 2026: 1–7 October are off, 10 October is a make-up day.
        let fwd = NaiveDate::from_ymd_opt(2026, 9, 25).unwrap();
        let due = answer_due(&cal, fwd, 5);
        assert_eq!(due, cal.add_working_days(fwd, 5));
        assert!(due > NaiveDate::from_ymd_opt(2026, 10, 7).unwrap());
        let f = MessageState::Forwarded;
        assert_eq!(answer_light(&cal, f, Some(due), fwd), Some(Light::Green));
        assert_eq!(answer_light(&cal, f, Some(due), due), Some(Light::Yellow));
        let after = due.succ_opt().unwrap();
        assert_eq!(answer_light(&cal, f, Some(due), after), Some(Light::Red));
        assert!(days_left(&cal, after, due) < 0);
        assert!(is_overdue(f, Some(due), after));
        assert!(!is_overdue(f, Some(due), due));
        assert!(!is_overdue(MessageState::Answered, Some(due), after));
        assert_eq!(
            answer_light(&cal, MessageState::Answered, Some(due), after),
            None
        );
    }

    #[test]
    fn published_text_loses_the_writers_name_and_every_phone() {
        let c = contact(Some("欧阳明华"));
        let text = "我是欧阳明华，电话13957864213，邻居电话13812345678。";
        let out = deidentify(text, &c);
        assert_eq!(out, "我是欧**华，电话139****4213，邻居电话138****5678。");
        assert_eq!(deidentify("好", &contact(None)), "好");
    }

    #[test]
    fn query_codes_are_generated_and_read_back() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let code = QueryCode::generate(&mut rng);
        assert_eq!(code.as_str().len(), QueryCode::LEN);
        let spaced = format!(
            "{}-{} {}",
            &code.as_str()[..4],
            &code.as_str()[4..8].to_lowercase(),
            &code.as_str()[8..]
        );
        assert_eq!(QueryCode::parse(&spaced), Ok(code));
        assert!(QueryCode::parse("SHORT").is_err());
        assert_eq!(
            message_no(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(), 3),
            "LY20261127-0003"
        );
    }

    fn action() -> impl Strategy<Value = MessageAction> {
        prop_oneof![
            Just(MessageAction::Forward),
            Just(MessageAction::Answer),
            Just(MessageAction::Publish),
            Just(MessageAction::Close),
        ]
    }

    proptest! {
        /// Whatever is tried, a message is published only after an answer, an answer only
        /// after forwarding, and a final state never moves.
        #[test]
        fn published_only_after_an_answer(actions in proptest::collection::vec(action(), 0..16)) {
            let mut s = MessageState::Submitted;
            let (mut forwarded, mut answered) = (false, false);
            for a in actions {
                let before = s;
                match s.apply(a) {
                    Ok(next) => {
                        prop_assert!(!before.is_final());
                        if next == MessageState::Answered { prop_assert!(forwarded); }
                        if next == MessageState::Published { prop_assert!(answered); }
                        forwarded |= next == MessageState::Forwarded;
                        answered |= next == MessageState::Answered;
                        s = next;
                    }
                    Err(_) => prop_assert_eq!(s, before),
                }
            }
        }

        #[test]
        fn deidentified_text_never_holds_the_writers_phone(
            before in "[\u{4e00}-\u{4e20}a-z ，。]{0,12}",
            phone in "1[3-9][0-9]{9}",
            after in "[\u{4e00}-\u{4e20}a-z ，。]{0,12}",
        ) {
            let c = Contact::parse(Some("欧阳明华"), &phone).unwrap();
            let out = deidentify(&format!("{before}欧阳明华{phone}{after}"), &c);
            prop_assert!(!out.contains(&phone), "{}", out);
            prop_assert!(!out.contains("欧阳明华"), "{}", out);
        }

        /// Kind, state and close-kind names parse back; nothing else parses (kinds and close
        /// kinds forgive surrounding spaces; a blank close kind means invalid).
        #[test]
        fn names_and_only_they_parse(s in crate::test_support::near(
            MessageKind::ALL.iter().map(|k| k.as_str())
                .chain(MessageState::ALL.iter().map(|x| x.as_str()))
                .chain(["invalid", "duplicate"])
                .collect(),
        )) {
            use crate::test_support::parses_only_names;
            parses_only_names(&MessageState::ALL, MessageState::as_str, MessageState::parse, &s)?;
            parses_only_names(
                &MessageKind::ALL, MessageKind::as_str, |t| MessageKind::parse(t).ok(), s.trim(),
            )?;
            if let Err(e) = MessageKind::parse(&s) {
                prop_assert_eq!(e, MessageError::InvalidKind(s.trim().to_string()));
            }
            match CloseKind::parse(Some(&s)) {
                Ok(k) if s.trim().is_empty() => prop_assert_eq!(k, CloseKind::Invalid),
                Ok(k) => prop_assert_eq!(k.as_str(), s.trim()),
                Err(e) => prop_assert_eq!(e, MessageError::InvalidCloseKind(s.trim().to_string())),
            }
        }

        /// Every free-text field: never a panic; what is kept is trimmed, non-empty, within
        /// its limit, LF-only, and free of control characters (one line for a title).
        #[test]
        fn free_text_is_kept_clean(s in prop_oneof![
            "\\PC{0,60}",
            "[ \r\n\t\u{0}\u{7f}\u{85}\u{2028}a张]{0,60}",
            "\\PC{190,210}",
        ]) {
            fn clean(t: &str, max: usize, multiline: bool) -> Result<(), TestCaseError> {
                prop_assert!(!t.is_empty());
                prop_assert_eq!(t, t.trim());
                prop_assert!(t.chars().count() <= max);
                prop_assert!(!t.contains('\r'));
                prop_assert!(t.chars().all(|c| !c.is_control() || (multiline && c == '\n')), "{:?}", t);
                Ok(())
            }
            if let Ok(t) = Title::parse(&s) { clean(t.as_str(), Title::MAX_CHARS, false)?; }
            if let Ok(t) = Body::parse(&s) { clean(t.as_str(), Body::MAX_CHARS, true)?; }
            if let Ok(t) = answer(&s) { clean(&t, MAX_ANSWER_CHARS, true)?; }
            if let Ok(t) = close_reason(&s) { clean(&t, MAX_NOTE_CHARS, true)?; }
            match forward_note(Some(&s)) {
                Ok(t) if t.is_empty() => prop_assert!(s.trim().is_empty()),
                Ok(t) => clean(&t, MAX_NOTE_CHARS, true)?,
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }

        /// A query code is read back from any grouping, case and spacing; anything else is
        /// refused without a panic.
        #[test]
        fn query_codes_parse_back_from_any_grouping(
            seed in any::<u64>(),
            noise in "[ -]{0,3}",
            lower in any::<bool>(),
            junk in "\\PC{0,20}",
        ) {
            use rand::SeedableRng;
            let code = QueryCode::generate(&mut rand::rngs::StdRng::seed_from_u64(seed));
            let mut printed = String::new();
            for (i, c) in code.as_str().chars().enumerate() {
                if i > 0 && i % 4 == 0 { printed.push_str(&noise); }
                printed.push(if lower { c.to_ascii_lowercase() } else { c });
            }
            prop_assert_eq!(QueryCode::parse(&format!(" {printed} ")), Ok(code.clone()));
            prop_assert_eq!(QueryCode::parse(code.as_str()), Ok(code));
            if let Ok(q) = QueryCode::parse(&junk) {
                prop_assert_eq!(q.as_str().len(), QueryCode::LEN);
                prop_assert_eq!(QueryCode::parse(q.as_str()), Ok(q.clone()));
            }
        }

        /// Any contact and any text: never a panic, and a valid phone never survives
        /// de-identification.
        #[test]
        fn contacts_and_deidentification_never_panic(
            name in proptest::option::of("\\PC{0,12}"),
            phone in prop_oneof!["1[3-9][0-9]{9}", "\\PC{0,14}"],
            text in "\\PC{0,80}",
        ) {
            if let Ok(c) = Contact::parse(name.as_deref(), &phone) {
                let out = deidentify(&format!("{text}{}{text}", c.phone.as_str()), &c);
                prop_assert!(!out.contains(c.phone.as_str()), "{}", out);
            }
        }

        #[test]
        fn bodies_never_exceed_the_limit(s in "\\PC{0,1100}") {
            if let Ok(b) = Body::parse(&s) {
                prop_assert!(b.as_str().chars().count() <= Body::MAX_CHARS);
                prop_assert!(!b.as_str().is_empty());
            }
        }
    }
}
