//! Use cases. Each public function is one transaction: begin, work through `&mut dyn Tx`,
//! commit once, then publish the events it appended.

pub mod admin;
pub mod appointments;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod bootstrap;
pub mod calendar;
pub mod cases;
pub mod catalog;
pub mod counters;
pub mod demo;
pub mod documents;
mod estimates;
pub mod hall;
pub mod login_limit;
pub mod messages;
pub mod ops;
pub mod printing;
pub mod queue;
pub mod ratings;
pub mod seals;
pub mod staff;
pub mod stats;
pub mod ticket_ops;
pub mod tickets;
pub mod views;

pub use auth::{Principal, PrincipalId};
