//! Integration tests: the real server on port 0 with a fresh database, spoken to over HTTP.

mod appointments;
mod audit;
mod auth;
mod backend;
mod calendar;
mod cases;
mod concurrency;
mod demo;
mod documents;
mod errors;
mod events;
mod helpers;
mod instances;
mod messages;
mod openapi;
mod outage;
mod pg_cluster;
mod printing;
mod privacy;
mod queue_ops;
mod ratings;
mod restart;
mod seals;
mod staff;
mod stats;
mod tickets;
