//! `table_structure`: what did not fit the template when a table was mapped: mistyped or
//! unknown row labels, missing rows or columns, data rows with too few figures.

use super::{Check, Ctx};
use crate::rules::compile::Validator;
use crate::rules::finding::Hit;
use crate::template::map::Issue;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["canonical", "expected", "found", "label", "table"];
pub const VARIANTS: &[&str] = &[
    "long_row",
    "short_row",
    "typo",
    "missing_row",
    "missing_column",
    "unknown_row",
];

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Typo,
    UnknownRow,
    MissingRow,
    MissingColumn,
    ShortRow,
    LongRow,
}

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableStructure {
    pub tables: Vec<String>,
    /// Which mapping issues this rule reports.
    pub report: Vec<Kind>,
}

impl Check for TableStructure {
    fn validate(&self, v: &mut Validator) {
        v.tables(&self.tables);
    }

    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        for id in &self.tables {
            let Some(m) = ctx.tables().get(id) else {
                continue;
            };
            // One cause, one finding: the missing rows of a table, and its missing columns,
            // are each listed in one finding.
            let mut missing_rows: Vec<&str> = Vec::new();
            let mut missing_columns: Vec<&str> = Vec::new();
            for issue in &m.issues {
                let (kind, hit) = match issue {
                    Issue::Typo {
                        span,
                        found,
                        canonical,
                    } => (
                        Kind::Typo,
                        Hit::at(*span)
                            .variant("typo")
                            .var("found", found)
                            .var("canonical", canonical),
                    ),
                    Issue::UnknownRow { span, label } => (
                        Kind::UnknownRow,
                        Hit::at(*span).variant("unknown_row").var("label", label),
                    ),
                    Issue::MissingRow { label } => {
                        missing_rows.push(label);
                        continue;
                    }
                    Issue::MissingColumn { label } => {
                        missing_columns.push(label);
                        continue;
                    }
                    Issue::ShortRow {
                        span,
                        expected,
                        found,
                    } => (
                        Kind::ShortRow,
                        Hit::at(*span)
                            .variant("short_row")
                            .var("expected", expected)
                            .var("found", found),
                    ),
                    Issue::LongRow {
                        span,
                        expected,
                        found,
                    } => (
                        Kind::LongRow,
                        Hit::at(*span)
                            .variant("long_row")
                            .var("expected", expected)
                            .var("found", found),
                    ),
                };
                if self.report.contains(&kind) {
                    out.push(hit.var("table", &m.spec.name));
                }
            }
            for (kind, variant, labels) in [
                (Kind::MissingRow, "missing_row", missing_rows),
                (Kind::MissingColumn, "missing_column", missing_columns),
            ] {
                if labels.is_empty() || !self.report.contains(&kind) {
                    continue;
                }
                out.push(
                    Hit::at(m.span)
                        .variant(variant)
                        .var("label", labels.join("”、“"))
                        .var("table", &m.spec.name),
                );
            }
        }
    }
}
