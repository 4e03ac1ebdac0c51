//! Checking one file end to end: load, parse, run the rules, resolve positions.

use crate::input;
use crate::model::Era;
use crate::report::{FileReport, Located};
use crate::rules::{self, RuleSet};
use crate::syntax::parse_document;
use crate::text::TextView;
use std::path::Path;

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
            FileReport {
                path: shown_as.to_string(),
                profile: None,
                findings: vec![Located {
                    finding: rules::unreadable(rules, &e.0),
                    line_col: None,
                    origin: None,
                }],
            },
            None,
        ),
    }
}

pub fn check_view(
    view: &TextView,
    shown_as: &str,
    rules: &RuleSet,
    forced: Option<Era>,
) -> FileReport {
    // A defect in one check must not stop a batch: the file gets a finding that says so.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        check_view_inner(view, shown_as, rules, forced)
    })) {
        Ok(r) => r,
        Err(_) => FileReport {
            path: shown_as.to_string(),
            profile: None,
            findings: vec![Located {
                finding: rules::unreadable(
                    rules,
                    "检查过程中出现内部错误，请将此文件报告给 nianbao 开发者",
                ),
                line_col: None,
                origin: None,
            }],
        },
    }
}

fn check_view_inner(
    view: &TextView,
    shown_as: &str,
    rules: &RuleSet,
    forced: Option<Era>,
) -> FileReport {
    let doc = parse_document(view);
    let checked = rules::check_document(&doc, rules, forced);
    FileReport {
        path: shown_as.to_string(),
        profile: Some(checked.profile),
        findings: checked
            .findings
            .into_iter()
            .map(|f| Located {
                line_col: f.span.map(|s| view.line_col(s.start)),
                origin: f
                    .span
                    .and_then(|s| view.origin(s.start))
                    .map(str::to_string),
                finding: f,
            })
            .collect(),
    }
}
