//! What each audience sees of a message. The citizen and the public never see the phone or
//! the name unmasked; published text goes through `message::deidentify`.

use crate::context::AppContext;
use chrono::{DateTime, NaiveDate, Utc};
use onetrip_domain::catalog::CatalogDoc;
use onetrip_domain::message::{answer_light, days_left, deidentify, is_overdue, Contact};
use onetrip_domain::privacy::{mask_name, mask_phone};
use onetrip_store::MessageRow;
use serde::Serialize;
use utoipa::ToSchema;

/// The citizen's receipt: the number and the secret query code to follow the message. It
/// echoes nothing the citizen typed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MessageReceipt {
    /// 留言编号, `LY20261127-0001`.
    pub message_no: String,
    /// The secret to follow the message (`GET /api/v1/messages/lookup/{code}`).
    pub query_code: String,
    /// `consultation`, `suggestion` or `complaint`.
    pub kind: String,
    pub kind_label: String,
    pub state: String,
    pub state_label: String,
    pub submitted_at: DateTime<Utc>,
}

/// A published message with its answer, de-identified: masked name, no phone.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublishedMessage {
    pub message_no: String,
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub body: String,
    /// `张*三`, or null when the citizen left no name.
    pub name_masked: Option<String>,
    pub department_name: Option<String>,
    pub answer: Option<String>,
    pub submitted_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
}

/// The citizen following their own message by its query code: still masked, since whoever
/// holds the code need not be the writer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MessageTrack {
    #[serde(flatten)]
    pub message: PublishedMessage,
    pub state: String,
    pub state_label: String,
    /// `139****4213`.
    pub phone_masked: String,
    /// The department's deadline once forwarded.
    pub due_on: Option<NaiveDate>,
    /// Why the hall closed it without an answer.
    pub close_reason: Option<String>,
}

/// A message as the hall's staff see it: who wrote (to call back), where it stands, and what
/// publishing would show.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MessageView {
    pub id: i64,
    pub message_no: String,
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub body: String,
    pub name: Option<String>,
    pub phone: String,
    /// `public`, `kiosk` or `staff`.
    pub channel: String,
    /// `submitted`, `forwarded`, `answered`, `published` or `closed`.
    pub state: String,
    pub state_label: String,
    pub submitted_at: DateTime<Utc>,
    pub department: Option<String>,
    pub department_name: Option<String>,
    pub forward_note: Option<String>,
    pub forwarded_at: Option<DateTime<Utc>>,
    /// The last day to answer (working days from forwarding).
    pub due_on: Option<NaiveDate>,
    /// Working days left to answer (0 on the due date); null unless awaiting the answer.
    pub days_left: Option<i64>,
    /// `green`, `yellow` or `red` while awaiting the answer.
    pub light: Option<String>,
    /// Awaiting the answer past `due_on`.
    pub overdue: bool,
    pub answer: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    /// `invalid` or `duplicate`.
    pub close_kind: Option<String>,
    pub close_reason: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Exactly what publishing shows: the de-identified message and answer.
    pub public_preview: PublishedMessage,
}

pub(crate) fn contact(m: &MessageRow) -> Option<Contact> {
    Contact::parse(m.name.as_deref(), &m.phone).ok()
}

/// Stored text de-identified for the public; a row whose contact no longer parses is scrubbed
/// of every phone and ID number all the same.
fn public_text(m: &MessageRow, text: &str) -> String {
    match contact(m) {
        Some(c) => deidentify(text, &c),
        None => onetrip_domain::privacy::scrub_text(text),
    }
}

fn department_name(doc: Option<&CatalogDoc>, code: Option<&str>) -> Option<String> {
    let name = crate::service::cases::department_name(doc?, code?);
    Some(name).filter(|n| !n.is_empty())
}

pub(crate) fn receipt(m: &MessageRow) -> MessageReceipt {
    MessageReceipt {
        message_no: m.message_no.clone(),
        query_code: m.query_code.clone(),
        kind: m.kind.as_str().into(),
        kind_label: m.kind.label_zh().into(),
        state: m.state.as_str().into(),
        state_label: m.state.label_zh().into(),
        submitted_at: m.submitted_at,
    }
}

pub(crate) fn published(doc: Option<&CatalogDoc>, m: &MessageRow) -> PublishedMessage {
    PublishedMessage {
        message_no: m.message_no.clone(),
        kind: m.kind.as_str().into(),
        kind_label: m.kind.label_zh().into(),
        title: public_text(m, &m.title),
        body: public_text(m, &m.body),
        name_masked: m.name.as_deref().map(mask_name),
        department_name: department_name(doc, m.department.as_deref()),
        answer: m.answer.as_deref().map(|a| public_text(m, a)),
        submitted_at: m.submitted_at,
        answered_at: m.answered_at,
        published_at: m.published_at,
    }
}

pub(crate) fn track(doc: Option<&CatalogDoc>, m: &MessageRow) -> MessageTrack {
    MessageTrack {
        message: published(doc, m),
        state: m.state.as_str().into(),
        state_label: m.state.label_zh().into(),
        phone_masked: mask_phone(&m.phone),
        due_on: m.due_on,
        close_reason: m.close_reason.as_deref().map(|r| public_text(m, r)),
    }
}

pub(crate) fn staff(
    ctx: &AppContext,
    doc: Option<&CatalogDoc>,
    m: &MessageRow,
    today: NaiveDate,
) -> MessageView {
    let cal = ctx.calendar();
    let light = answer_light(&cal, m.state, m.due_on, today);
    MessageView {
        id: m.id,
        message_no: m.message_no.clone(),
        kind: m.kind.as_str().into(),
        kind_label: m.kind.label_zh().into(),
        title: m.title.clone(),
        body: m.body.clone(),
        name: m.name.clone(),
        phone: m.phone.clone(),
        channel: m.channel.clone(),
        state: m.state.as_str().into(),
        state_label: m.state.label_zh().into(),
        submitted_at: m.submitted_at,
        department: m.department.clone(),
        department_name: department_name(doc, m.department.as_deref()),
        forward_note: m.forward_note.clone(),
        forwarded_at: m.forwarded_at,
        due_on: m.due_on,
        days_left: light.and(m.due_on).map(|due| days_left(&cal, today, due)),
        light: light.map(|l| l.as_str().to_string()),
        overdue: is_overdue(m.state, m.due_on, today),
        answer: m.answer.clone(),
        answered_at: m.answered_at,
        published_at: m.published_at,
        close_kind: m.close_kind.clone(),
        close_reason: m.close_reason.clone(),
        closed_at: m.closed_at,
        public_preview: published(doc, m),
    }
}
