//! Use cases. Each public function is one transaction: begin, work through `&mut dyn Tx`,
//! commit once, then publish the events it appended.

pub mod admin;
pub mod auth;
pub mod bootstrap;
pub mod catalog;
pub mod queue;
pub mod tickets;
pub mod views;

pub use auth::Principal;
