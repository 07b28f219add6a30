pub mod admin;
pub mod auth;
pub mod catalog;
pub mod health;
pub mod queue;
pub mod tickets;
