//! `table_order`: one cell of a row may not be smaller than another (现行有效件数 ≥ 本年制发件数),
//! or larger than a plausible bound (收费金额 in 万元).

use super::table_values::value;
use super::{Check, Ctx};
use crate::rules::compile::Validator;
use crate::rules::finding::Hit;
use serde::Deserialize;

use super::breakdown::fmt_num;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["column", "other", "other_value", "row", "value"];
pub const VARIANTS: &[&str] = &["less", "too_large"];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableOrder {
    pub table: String,
    pub rows: Vec<String>,
    /// The column that must be at least `lesser` (if given) and at most `max` (if given).
    pub column: String,
    #[serde(default)]
    pub lesser: Option<String>,
    #[serde(default)]
    pub max: Option<f64>,
}

impl Check for TableOrder {
    fn validate(&self, v: &mut Validator) {
        if let Some(t) = v.table(&self.table) {
            for r in &self.rows {
                v.row(t, r);
            }
            v.column(t, &self.column);
            if let Some(l) = &self.lesser {
                v.column(t, l);
            }
        }
    }

    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let Some(m) = ctx.tables().get(&self.table) else {
            return;
        };
        for row in &self.rows {
            let Some(v) = value(m, row, &self.column, false).filter(|v| !v.blank) else {
                continue;
            };
            let label = m.spec.row(row).map(|r| r.label.as_str()).unwrap_or(row);
            let col = |id: &str| {
                m.spec
                    .column(id)
                    .map(|c| c.label.clone())
                    .unwrap_or_else(|| id.to_string())
            };
            if let Some(lesser) = &self.lesser {
                if let Some(l) = value(m, row, lesser, false).filter(|l| !l.blank) {
                    if v.value < l.value {
                        if let Some(span) = v.span {
                            out.push(
                                Hit::at(span)
                                    .variant("less")
                                    .var("row", label)
                                    .var("column", col(&self.column))
                                    .var("value", fmt_num(v.value))
                                    .var("other", col(lesser))
                                    .var("other_value", fmt_num(l.value)),
                            );
                        }
                    }
                }
            }
            if let Some(max) = self.max {
                if v.value > max {
                    if let Some(span) = v.span {
                        out.push(
                            Hit::at(span)
                                .variant("too_large")
                                .var("row", label)
                                .var("column", col(&self.column))
                                .var("value", fmt_num(v.value)),
                        );
                    }
                }
            }
        }
    }
}
