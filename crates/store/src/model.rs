//! Rows the store hands back and the inserts it takes. Domain values are parsed on the way out,
//! so a row that exists is a valid one.

use chrono::{DateTime, Utc};
use onetrip_domain::catalog::Matter;
use onetrip_domain::{
    CategoryCode, CounterCode, Priority, Role, ServiceDay, TicketNo, TicketStatus,
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
    pub service_day: ServiceDay,
    pub priority: Priority,
    pub issued_at: DateTime<Utc>,
    /// Who asked for it, e.g. `device:3` or `user:7`; scopes the idempotency key.
    pub issuer: String,
    pub idempotency_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TicketRow {
    pub id: i64,
    pub number: TicketNo,
    pub service_day: ServiceDay,
    pub priority: Priority,
    pub status: TicketStatus,
    pub issued_at: DateTime<Utc>,
    pub issuer: String,
    pub counter: Option<CounterCode>,
    pub called_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CallRow {
    pub ticket_id: i64,
    pub number: TicketNo,
    pub counter: CounterCode,
    pub counter_name: String,
    pub called_at: DateTime<Utc>,
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
