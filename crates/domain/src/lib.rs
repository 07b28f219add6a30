//! The hall's domain: the types and rules of onetrip.
//!
//! This crate knows no database, web framework or desktop shell, and never reads the clock:
//! time comes in as a parameter (see [`clock::Clock`]). Values are built by `parse`, so a value
//! that exists is a valid one ("parse, don't validate").

pub mod appointment;
pub mod audit;
pub mod calendar;
pub mod call_policy;
pub mod case;
pub mod catalog;
pub mod clock;
pub mod codes;
pub mod estimate;
pub mod identity;
pub mod message;
pub mod privacy;
pub mod rating;
pub mod role;
pub mod seal;
pub mod staff;
#[cfg(test)]
mod test_support;
pub mod ticket;
pub mod voice;

pub use case::{Applicant, CaseError, CaseNo, CaseStatus, TaskStatus, TrackingCode};
pub use codes::{CategoryCode, CounterCode, DepartmentCode, MatterCode};
pub use identity::{CreditCode, IdNumber, PersonName, Phone};
pub use role::Role;
pub use ticket::{Priority, ServiceDay, SlipStatus, TicketNo, TicketStatus};
