//! What the API sends and takes. Field names here are a contract with terminals and other
//! halls' systems: add fields freely, never rename.

use chrono::{DateTime, Utc};
use onetrip_store::{CallRow, DeviceRow, UserRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TicketView {
    pub id: i64,
    /// e.g. "A001"
    pub number: String,
    /// Category letter, e.g. "A".
    pub category: String,
    pub category_name: String,
    /// `appointment`, `green` or `normal`.
    pub priority: String,
    /// `waiting`, `called`, `serving`, `done` or `no_show`.
    pub status: String,
    /// How many of the same category wait ahead of this ticket.
    pub waiting_ahead: i64,
    pub issued_at: DateTime<Utc>,
    pub called_at: Option<DateTime<Utc>>,
    /// The counter that called it, once called.
    pub counter: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueTicketRequest {
    /// Category letter, e.g. "A".
    pub category: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CategoryView {
    pub code: String,
    pub name: String,
    pub description: String,
    /// Tickets of this category waiting today.
    pub waiting: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MaterialView {
    pub code: String,
    pub name: String,
    pub required: bool,
    pub originals: u8,
    pub copies: u8,
    /// 容缺: may be supplied after acceptance, with a pledge.
    pub deferrable: bool,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MatterView {
    pub code: String,
    pub name: String,
    pub department: String,
    pub department_name: String,
    pub category: String,
    pub kind: String,
    pub conditions: String,
    /// 法定办结时限 (working days).
    pub legal_limit_days: u16,
    /// 承诺办结时限 (working days).
    pub promised_limit_days: u16,
    pub legal_extension_days: u16,
    /// 到现场次数: 0 or 1.
    pub visits: u8,
    /// Fee in fen (分); 0 = free.
    pub fee_fen: u32,
    pub fee_note: String,
    pub keywords: Vec<String>,
    pub materials: Vec<MaterialView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CounterCategoryView {
    pub code: String,
    pub weight: u8,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CounterView {
    pub code: String,
    pub name: String,
    /// `intake` or `output`.
    pub kind: String,
    pub categories: Vec<CounterCategoryView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CounterRef {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CallNextResponse {
    pub ticket: TicketView,
    pub counter: CounterRef,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ServingView {
    pub ticket_id: i64,
    pub number: String,
    pub status: String,
    pub called_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CounterStateView {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub serving: Option<ServingView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CallView {
    pub ticket_id: i64,
    pub number: String,
    pub category: String,
    pub counter: String,
    pub counter_name: String,
    pub called_at: DateTime<Utc>,
}

impl From<&CallRow> for CallView {
    fn from(c: &CallRow) -> Self {
        CallView {
            ticket_id: c.ticket_id,
            number: c.number.to_string(),
            category: c.number.category().to_string(),
            counter: c.counter.to_string(),
            counter_name: c.counter_name.clone(),
            called_at: c.called_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QueueView {
    /// The hall's service day, e.g. "2026-11-27".
    pub service_day: String,
    pub categories: Vec<CategoryView>,
    pub counters: Vec<CounterStateView>,
    /// Newest first.
    pub recent_calls: Vec<CallView>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserView {
    pub id: i64,
    pub username: String,
    pub name: String,
    pub roles: Vec<String>,
    pub department: Option<String>,
    pub disabled: bool,
}

impl From<&UserRow> for UserView {
    fn from(u: &UserRow) -> Self {
        UserView {
            id: u.id,
            username: u.username.clone(),
            name: u.name.clone(),
            roles: u.roles.iter().map(|r| r.as_str().to_string()).collect(),
            department: u.department.clone(),
            disabled: u.disabled,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LoginResponse {
    /// Bearer token for the `Authorization` header.
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user: UserView,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeView {
    /// `user` (staff) or `device` (kiosk, display).
    pub kind: String,
    pub username: Option<String>,
    pub name: String,
    pub roles: Vec<String>,
    pub department: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUserRequest {
    pub username: String,
    pub name: String,
    pub password: String,
    /// Any of `clerk`, `approver`, `output`, `admin`.
    pub roles: Vec<String>,
    /// Department code; required for approvers.
    #[serde(default)]
    pub department: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateDeviceRequest {
    pub name: String,
    /// `kiosk` or `display`.
    pub role: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeviceView {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<&DeviceRow> for DeviceView {
    fn from(d: &DeviceRow) -> Self {
        DeviceView {
            id: d.id,
            name: d.name.clone(),
            role: d.role.as_str().to_string(),
            created_at: d.created_at,
            revoked_at: d.revoked_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CreatedDevice {
    pub id: i64,
    pub name: String,
    pub role: String,
    /// Shown once: the device stores it; the server keeps only its digest.
    pub token: String,
}
