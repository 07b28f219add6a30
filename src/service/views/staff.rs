//! Staff accounts, sessions and devices as the API shows them.

use chrono::{DateTime, Utc};
use onetrip_store::{DeviceRow, UserRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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
