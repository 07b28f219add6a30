//! Identity documents: resident ID numbers (GB 11643-1999), unified social credit codes
//! (GB 32100-2015) and mobile phone numbers.
//!
//! Every type here is built by `parse`, which normalises the input (trims it, upper-cases
//! check letters, drops the +86 prefix, …), so two values that mean the same thing are equal.
//!
//! Personal data is kept out of logs by default: `Debug` of [`IdNumber`], [`Phone`] and
//! [`PersonName`] shows the masked form, and error messages never repeat the input.
//! `Display` and serde show the full value; callers mask explicitly with `masked()`.

mod credit_code;
mod id_number;
mod person_name;
mod phone;

pub use credit_code::{credit_check_char, org_code_check_char, CreditCode, CreditCodeError};
pub use id_number::{id_check_char, IdNumber, IdNumberError};
pub use person_name::{PersonName, PersonNameError};
pub use phone::{Phone, PhoneError};
