//! `pending_cases`: cases last year's report left pending (尚未审结) should end some time; a
//! report that shows none concluded this year, beside last year's pending ones, is worth a
//! look (info: a case may well run on).

use super::{Check, PairCtx, PairHit};
use crate::across::digest::Digest;
use serde::Deserialize;

use super::breakdown::fmt_num;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["group", "pending", "previous_year"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PendingCases {
    pub table: String,
    pub groups: Vec<Group>,
}

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// How the message names it (行政复议).
    pub name: String,
    /// The column of cases pending at the end of a year.
    pub pending: String,
    /// The columns of cases concluded in a year (维持, 纠正, 其他结果).
    pub concluded: Vec<String>,
}

impl Check for PendingCases {
    fn run_pair(&self, pair: &PairCtx, out: &mut Vec<PairHit>) {
        let (prev, cur) = (pair.previous, pair.current);
        if !pair.consecutive() {
            return;
        }
        let table = self.table.as_str();
        for g in &self.groups {
            let Some(pending) = column(prev, table, &g.pending).filter(|c| c.value > 0.0) else {
                continue;
            };
            let concluded: Vec<_> = g.concluded.iter().map(|c| column(cur, table, c)).collect();
            // Only when this year's figures were read, each of them.
            if concluded.iter().all(|c| c.is_some_and(|c| c.value == 0.0)) {
                let at = concluded[0].map(|c| c.place.clone());
                out.push(
                    PairHit {
                        at,
                        related: Some(pending.place.clone()),
                        ..PairHit::default()
                    }
                    .var("group", &g.name)
                    .var("pending", fmt_num(pending.value))
                    .var("previous_year", pair.year_label(prev.year)),
                );
            }
        }
    }

    fn validate(&self, v: &mut crate::rules::compile::Validator) {
        if let Some(t) = v.table(&self.table) {
            for g in &self.groups {
                v.column(t, &g.pending);
                for c in &g.concluded {
                    v.column(t, c);
                }
            }
        }
    }
}

/// The first figure read in a column of a table (table 四 has one row).
fn column<'d>(d: &'d Digest, table: &str, col: &str) -> Option<&'d crate::across::digest::Cell> {
    d.cells.iter().find(|c| c.table == table && c.col == col)
}
