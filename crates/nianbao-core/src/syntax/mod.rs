//! The quantity grammar (`grammar/quantity.pest`): figures, amounts, rates and dates as
//! Chinese official writing puts them. It knows no template and no rule; the document's lines
//! are parsed where the document model is built (`model::lower`).

pub mod quantity;

pub use quantity::{scan_quantities, Date, Quantity, Token};
