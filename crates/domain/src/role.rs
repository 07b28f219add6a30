//! Who may act: staff roles and device roles.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Generalist counter clerk (综合窗口).
    Clerk,
    /// Department approver (分类审批), bound to one department.
    Approver,
    /// Output window clerk (统一出件).
    Output,
    /// Hall administrator.
    Admin,
    /// A self-service kiosk terminal (device token).
    Kiosk,
    /// A calling display screen (device token).
    Display,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Clerk,
        Role::Approver,
        Role::Output,
        Role::Admin,
        Role::Kiosk,
        Role::Display,
    ];
    pub const STAFF: [Role; 4] = [Role::Clerk, Role::Approver, Role::Output, Role::Admin];
    pub const DEVICES: [Role; 2] = [Role::Kiosk, Role::Display];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Approver => "approver",
            Role::Output => "output",
            Role::Admin => "admin",
            Role::Kiosk => "kiosk",
            Role::Display => "display",
        }
    }

    pub fn is_device(self) -> bool {
        Self::DEVICES.contains(&self)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Role::Clerk => "综合窗口人员",
            Role::Approver => "审批人员",
            Role::Output => "出件窗口人员",
            Role::Admin => "管理员",
            Role::Kiosk => "自助终端",
            Role::Display => "叫号屏",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("未知的角色“{0}”，可选：clerk、approver、output、admin、kiosk、display")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "clerk" => Ok(Role::Clerk),
            "approver" => Ok(Role::Approver),
            "output" => Ok(Role::Output),
            "admin" => Ok(Role::Admin),
            "kiosk" => Ok(Role::Kiosk),
            "display" => Ok(Role::Display),
            other => Err(UnknownRole(other.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_name() {
        for role in Role::STAFF.into_iter().chain(Role::DEVICES) {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("root".parse::<Role>().is_err());
    }
}
