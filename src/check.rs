//! Checking one file end to end: load it (nianbao-input), then check its text (nianbao-core).

use crate::input;
use crate::model::Era;
use crate::outcome::FileReport;
use crate::rules::{self, RuleSet};
use crate::text::TextView;
use std::path::Path;

pub use nianbao_core::check::*;

/// Checks one file. The text view is returned too, for reporters that print source lines.
pub fn check_file(
    path: &Path,
    shown_as: &str,
    rules: &RuleSet,
    forced: Option<Era>,
) -> (FileReport, Option<TextView>) {
    match input::load(path) {
        Ok(view) => (check_view(&view, shown_as, rules, forced), Some(view)),
        Err(e) => (
            FileReport::of_one(shown_as, rules::unreadable(rules, &e.0)),
            None,
        ),
    }
}

/// Checks a file that came as bytes (an upload), as `check_file` checks one on disk.
pub fn check_upload(
    name: &str,
    bytes: Vec<u8>,
    rules: &RuleSet,
    forced: Option<Era>,
) -> (FileReport, Option<TextView>) {
    match input::load_upload(name, bytes) {
        Ok(view) => (check_view(&view, name, rules, forced), Some(view)),
        Err(e) => (
            FileReport::of_one(name, rules::unreadable(rules, &e.0)),
            None,
        ),
    }
}
