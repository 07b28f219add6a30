//! onetrip — 只跑一次综合服务大厅.
//!
//! The hall server as a library: `service` holds the use cases (one transaction each) over the
//! store contract, `http` exposes them as a JSON API with Server-Sent Events and serves the UI,
//! and `server` starts it all. The `onetrip` binary and the desktop shell are thin callers.

pub mod context;
pub mod error;
pub mod events;
pub mod http;
pub mod server;
pub mod service;

pub use onetrip_domain as domain;
pub use onetrip_store as store;
