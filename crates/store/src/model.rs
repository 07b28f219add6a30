//! Rows the store hands back and the inserts it takes. Domain values are parsed on the way out,
//! so a row that exists is a valid one.

use chrono::{DateTime, Utc};
use onetrip_domain::catalog::Matter;
use onetrip_domain::{
    CategoryCode, CounterCode, MatterCode, Priority, Role, ServiceDay, SlipStatus, TicketNo,
    TicketStatus,
};

#[derive(Debug, Clone, PartialEq)]
pub struct CategoryRow {
    pub code: CategoryCode,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MatterRow {
    pub matter: Matter,
    pub department_name: String,
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub name: String,
    pub password_hash: String,
    pub roles: Vec<Role>,
    pub department: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub name: String,
    pub password_hash: String,
    pub roles: Vec<Role>,
    pub department: Option<String>,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DeviceRow {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct NewToken {
    pub token_hash: String,
    pub owner: TokenOwner,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenOwner {
    User(i64),
    Device(i64),
}

/// Who stands behind a token.
#[derive(Debug, Clone, PartialEq)]
pub enum PrincipalRow {
    User(UserRow),
    Device(DeviceRow),
}

#[derive(Debug, Clone)]
pub struct NewTicket {
    pub number: TicketNo,
    /// Random, unguessable: the slip's QR opens the ticket's live position with it.
    pub track_code: String,
    pub matter: Option<MatterCode>,
    pub service_day: ServiceDay,
    pub priority: Priority,
    pub issued_at: DateTime<Utc>,
    /// Who asked for it, e.g. `device:3` or `user:7`; scopes the idempotency key.
    pub issuer: String,
    pub idempotency_key: Option<String>,
    pub person_digest: Option<String>,
    pub estimated_wait_minutes: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TicketRow {
    pub id: i64,
    pub number: TicketNo,
    pub track_code: String,
    pub matter: Option<MatterCode>,
    pub service_day: ServiceDay,
    pub priority: Priority,
    pub status: TicketStatus,
    /// The line it waits in now (a transfer moves it; the number keeps its letter).
    pub queue_category: CategoryCode,
    /// Its place in that line: the issue time, kept across transfers; reset on reinstatement.
    pub queued_at: DateTime<Utc>,
    /// Transferred to one counter in particular.
    pub target_counter: Option<CounterCode>,
    pub issued_at: DateTime<Utc>,
    pub issuer: String,
    pub person_digest: Option<String>,
    pub estimated_wait_minutes: Option<i64>,
    pub counter: Option<CounterCode>,
    pub clerk_id: Option<i64>,
    pub first_called_at: Option<DateTime<Utc>>,
    pub called_at: Option<DateTime<Utc>>,
    pub recall_count: i64,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub slip_status: SlipStatus,
}

/// Where a ticket stands in its line, to count who is ahead.
#[derive(Debug, Clone, PartialEq)]
pub struct QueuePosition {
    pub service_day: ServiceDay,
    pub queue_category: CategoryCode,
    pub target_counter: Option<CounterCode>,
    pub priority: Priority,
    pub queued_at: DateTime<Utc>,
    /// Tie-break among equal times; `i64::MAX` for a ticket not inserted yet.
    pub id: i64,
}

impl TicketRow {
    pub fn position(&self) -> QueuePosition {
        QueuePosition {
            service_day: self.service_day,
            queue_category: self.queue_category,
            target_counter: self.target_counter.clone(),
            priority: self.priority,
            queued_at: self.queued_at,
            id: self.id,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallKind {
    Call,
    Recall,
}

impl CallKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CallKind::Call => "call",
            CallKind::Recall => "recall",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CallRow {
    pub ticket_id: i64,
    pub number: TicketNo,
    pub counter: CounterCode,
    pub counter_name: String,
    pub kind: CallKind,
    pub called_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CounterSessionRow {
    pub id: i64,
    pub counter: CounterCode,
    pub user_id: i64,
    pub user_name: String,
    pub opened_at: DateTime<Utc>,
    pub paused: bool,
}

/// One served ticket's times, for wait estimates and their error.
#[derive(Debug, Clone, PartialEq)]
pub struct WaitSample {
    pub queue_category: CategoryCode,
    pub estimated_wait_minutes: Option<i64>,
    pub issued_at: DateTime<Utc>,
    pub first_called_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Fit for public screens: no personal data.
    Public,
    /// Staff only.
    Staff,
}

impl Audience {
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Staff => "staff",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "public" => Some(Audience::Public),
            "staff" => Some(Audience::Staff),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewEvent {
    pub kind: String,
    pub audience: Audience,
    pub payload: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    pub id: i64,
    pub kind: String,
    pub audience: Audience,
    pub payload: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppointmentStatus {
    Booked,
    Cancelled,
    CheckedIn,
}

impl AppointmentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AppointmentStatus::Booked => "booked",
            AppointmentStatus::Cancelled => "cancelled",
            AppointmentStatus::CheckedIn => "checked_in",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "booked" => Some(AppointmentStatus::Booked),
            "cancelled" => Some(AppointmentStatus::Cancelled),
            "checked_in" => Some(AppointmentStatus::CheckedIn),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewAppointment {
    pub code: String,
    pub category: CategoryCode,
    pub service_day: ServiceDay,
    pub slot_start: chrono::NaiveTime,
    pub slot_end: chrono::NaiveTime,
    pub starts_at: DateTime<Utc>,
    pub person_digest: String,
    pub name: String,
    pub phone: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppointmentRow {
    pub id: i64,
    pub code: String,
    pub category: CategoryCode,
    pub service_day: ServiceDay,
    pub slot_start: chrono::NaiveTime,
    pub slot_end: chrono::NaiveTime,
    pub starts_at: DateTime<Utc>,
    pub person_digest: String,
    pub name: String,
    pub phone: String,
    pub status: AppointmentStatus,
    pub created_at: DateTime<Utc>,
    pub ticket_id: Option<i64>,
}
