//! The document model every rule reads: blocks in order, headings with their levels and the
//! sections they open, figures and dates in the prose. Every node keeps its span.

pub mod document;
pub mod era;
pub mod lower;
pub mod profile;
pub mod table;

pub use document::*;
pub use era::{Era, Eras};
pub use lower::parse_document;
pub use profile::{OrganKind, Profile};
pub use table::{Cell, CellValue, Row, Table};
