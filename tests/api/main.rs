//! Integration tests: the real server on port 0 with a fresh database, spoken to over HTTP.

mod auth;
mod errors;
mod events;
mod helpers;
mod openapi;
mod restart;
mod tickets;
