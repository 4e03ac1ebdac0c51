//! Reporters: one per output format, all reading the same findings; none re-runs a check.

pub mod compared;
pub mod concise;
pub mod full;
pub mod html;
pub mod json;
pub mod junit;
pub mod machine;
pub mod summary;
pub mod workbook;

pub use crate::outcome::{context_of, quote_of, FileReport, Located, PreviousReport};
