//! The pest parsers and their lowering into the document model. This layer knows the shapes of
//! Chinese official writing (numbering, figures, dates), not the template or any rule.

pub mod document;
pub mod quantity;

pub use document::parse_document;
pub use quantity::{scan_quantities, Date, Quantity, Token};
