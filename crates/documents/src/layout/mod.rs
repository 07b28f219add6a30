//! Page geometry and a small top-down layout engine shared by every document.
//!
//! Documents describe themselves as a sequence of blocks (wrapped text, rules,
//! a QR code) on a [`Flow`]; the flow positions each block absolutely and
//! produces the PDF. There is no HTML/CSS engine in between: slips and notices
//! are simple enough that explicit placement is shorter and fully predictable.

mod flow;
mod page;
mod qr;
mod render;
mod wrap;

pub(crate) use flow::QR_FOOTER_HEIGHT_MM;
pub use flow::{Align, Column, Flow, QrFooter, RuleStyle, TextStyle};
pub use page::{Margins, PageSize};
pub use wrap::wrap_text;
