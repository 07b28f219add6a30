//! What the API sends and takes. Field names here are a contract with terminals and other
//! halls' systems: add fields freely, never rename.

mod appointments;
mod cases;
mod catalog;
mod catalog_admin;
mod catalog_public;
mod queue;
mod staff;

pub use appointments::*;
pub use cases::*;
pub use catalog::*;
pub use catalog_admin::*;
pub use catalog_public::*;
pub use queue::*;
pub use staff::*;
