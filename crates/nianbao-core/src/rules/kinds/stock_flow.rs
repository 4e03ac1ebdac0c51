//! `stock_flow`: a stock carried from year to year (table 二 of the 2021 format: 现行有效件数)
//! is last year's stock plus what this year added less what it removed. Amendments and
//! re-counts legitimately break it, so a rule of this kind is a warning with the figures.

use super::{Check, PairCtx, PairHit};
use serde::Deserialize;

use super::breakdown::fmt_num;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &[
    "row",
    "current",
    "previous",
    "inflow",
    "outflow",
    "expected",
    "previous_year",
];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StockFlow {
    pub table: String,
    /// The rows holding a stock (规章, 行政规范性文件).
    pub rows: Vec<String>,
    /// Columns: the stock, what came in this year, what went out.
    pub stock: String,
    pub inflow: String,
    pub outflow: String,
}

impl Check for StockFlow {
    fn run_pair(&self, pair: &PairCtx, out: &mut Vec<PairHit>) {
        let (prev, cur) = (pair.previous, pair.current);
        if !pair.consecutive() {
            return;
        }
        let Some(spec) = crate::template::table_spec(&self.table) else {
            return;
        };
        for row in &self.rows {
            let cell = |d: &'_ crate::across::digest::Digest, col: &str| {
                d.cell(&self.table, row, col)
                    .map(|c| (c.value, c.place.clone()))
            };
            let (Some(last), Some(now), Some(inflow), Some(outflow)) = (
                cell(prev, &self.stock),
                cell(cur, &self.stock),
                cell(cur, &self.inflow),
                cell(cur, &self.outflow),
            ) else {
                continue;
            };
            let expected = last.0 + inflow.0 - outflow.0;
            if (now.0 - expected).abs() > 1e-6 {
                let label = spec.row(row).map_or(row.as_str(), |r| r.label.as_str());
                out.push(
                    PairHit {
                        at: Some(now.1),
                        related: Some(last.1),
                        ..PairHit::default()
                    }
                    .var("row", label)
                    .var("current", fmt_num(now.0))
                    .var("previous", fmt_num(last.0))
                    .var("inflow", fmt_num(inflow.0))
                    .var("outflow", fmt_num(outflow.0))
                    .var("expected", fmt_num(expected))
                    .var("previous_year", pair.year_label(prev.year)),
                );
            }
        }
    }

    fn validate(&self, v: &mut crate::rules::compile::Validator) {
        if let Some(t) = v.table(&self.table) {
            for r in &self.rows {
                v.row(t, r);
            }
            for c in [&self.stock, &self.inflow, &self.outflow] {
                v.column(t, c);
            }
        }
    }
}
