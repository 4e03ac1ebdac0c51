//! `carry_over`: what last year's report carried over into this year is what this year's
//! report says it took over (table 三: 二、上年结转 of year Y = 四、结转下年度继续办理 of year
//! Y-1), column by column.

use super::{Check, PairCtx, PairHit};
use serde::Deserialize;

use super::breakdown::fmt_num;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["column", "current", "previous", "year", "previous_year"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CarryOver {
    pub table: String,
    /// The row of last year's table that carries over.
    pub previous_row: String,
    /// The row of this year's table that takes over.
    pub current_row: String,
}

impl Check for CarryOver {
    fn run_pair(&self, pair: &PairCtx, out: &mut Vec<PairHit>) {
        let (prev, cur) = (pair.previous, pair.current);
        if !pair.consecutive() {
            return;
        }
        let Some(spec) = crate::template::table_spec(&self.table) else {
            return;
        };
        for col in &spec.columns {
            let (Some(p), Some(c)) = (
                prev.cell(&self.table, &self.previous_row, &col.id),
                cur.cell(&self.table, &self.current_row, &col.id),
            ) else {
                continue;
            };
            if p.value != c.value {
                out.push(
                    PairHit {
                        at: Some(c.place.clone()),
                        related: Some(p.place.clone()),
                        ..PairHit::default()
                    }
                    .var("column", col.short())
                    .var("current", fmt_num(c.value))
                    .var("previous", fmt_num(p.value))
                    .var("year", pair.year_label(cur.year))
                    .var("previous_year", pair.year_label(prev.year)),
                );
            }
        }
    }

    fn validate(&self, v: &mut crate::rules::compile::Validator) {
        if let Some(t) = v.table(&self.table) {
            v.row(t, &self.previous_row);
            v.row(t, &self.current_row);
        }
    }
}
