//! `same_tables`: a statistical table whose every figure is last year's, and not all zero,
//! was copied rather than compiled.

use super::{Check, PairCtx, PairHit};
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["table", "cells", "previous_year"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SameTables {
    pub tables: Vec<String>,
    /// Fewer figures read than this in either year prove nothing.
    pub min_cells: usize,
}

impl Check for SameTables {
    fn run_pair(&self, pair: &PairCtx, out: &mut Vec<PairHit>) {
        let (prev, cur) = (pair.previous, pair.current);
        for t in &self.tables {
            let mut mine: Vec<_> = cur.cells.iter().filter(|c| &c.table == t).collect();
            let mut theirs: Vec<_> = prev.cells.iter().filter(|c| &c.table == t).collect();
            if mine.len() < self.min_cells || mine.len() != theirs.len() {
                continue;
            }
            let order = |a: &&crate::across::digest::Cell, b: &&crate::across::digest::Cell| {
                (&a.row, &a.col).cmp(&(&b.row, &b.col))
            };
            mine.sort_by(order);
            theirs.sort_by(order);
            let same = mine
                .iter()
                .zip(&theirs)
                .all(|(a, b)| a.row == b.row && a.col == b.col && a.value == b.value);
            if same && mine.iter().any(|c| c.value != 0.0) {
                let first = |cells: &[&crate::across::digest::Cell]| {
                    cells
                        .iter()
                        .map(|c| c.place.clone())
                        .min_by_key(|p| p.span.start)
                };
                let name = crate::template::table_spec(t).map_or(t.as_str(), |s| s.name.as_str());
                out.push(
                    PairHit {
                        at: first(&mine),
                        related: first(&theirs),
                        ..PairHit::default()
                    }
                    .var("table", name)
                    .var("cells", mine.len())
                    .var("previous_year", pair.year_label(prev.year)),
                );
            }
        }
    }

    fn validate(&self, v: &mut crate::rules::compile::Validator) {
        v.tables(&self.tables);
    }
}
