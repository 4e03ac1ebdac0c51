//! `roll_up`: a government's table figures beside the sum of its units' figures (the units
//! of the office's list, or the departments the batch holds). The regulation does not ask for
//! equality: a government's report may cover its own office only. The difference is a hint
//! for the office, not a defect.

use super::{Check, PairCtx, PairHit};
use serde::Deserialize;

use super::breakdown::fmt_num;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["cell", "own", "sum", "units", "difference"];
pub const VARIANTS: &[&str] = &["more", "less"];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RollUp {
    /// The cells compared, written table.row.column.
    pub cells: Vec<String>,
}

impl Check for RollUp {
    /// `previous` is the units' figures summed; `pair.parts` the units themselves.
    fn run_pair(&self, pair: &PairCtx, out: &mut Vec<PairHit>) {
        let (sum, own) = (pair.previous, pair.current);
        if sum.year != own.year {
            return;
        }
        let units = pair.parts.len().max(1);
        for cell in &self.cells {
            let mut parts = cell.splitn(3, '.');
            let (Some(t), Some(r), Some(c)) = (parts.next(), parts.next(), parts.next()) else {
                continue;
            };
            let (Some(mine), Some(theirs)) = (own.cell(t, r, c), sum.cell(t, r, c)) else {
                continue;
            };
            if mine.value == theirs.value {
                continue;
            }
            let detail: Vec<String> = pair
                .parts
                .iter()
                .filter_map(|u| {
                    let v = u.cell(t, r, c)?.value;
                    Some(format!("{}：{}", u.issuer.as_deref().unwrap_or("（未写明单位）"), fmt_num(v)))
                })
                .collect();
            out.push(
                PairHit {
                    at: Some(mine.place.clone()),
                    related: None,
                    detail: (!detail.is_empty()).then(|| detail.join("\n")),
                    ..PairHit::default()
                }
                .variant(if mine.value > theirs.value { "more" } else { "less" })
                .var("cell", cell_name(t, r, c))
                .var("own", fmt_num(mine.value))
                .var("sum", fmt_num(theirs.value))
                .var("units", units)
                .var("difference", fmt_num((mine.value - theirs.value).abs())),
            );
        }
    }

    fn validate(&self, v: &mut crate::rules::compile::Validator) {
        for c in &self.cells {
            v.cell(c);
        }
    }
}

/// 表三“一、本年新收政府信息公开申请数量”总计; a table of one data row (表四) by its column.
fn cell_name(table: &str, row: &str, col: &str) -> String {
    let Some(spec) = crate::template::table_spec(table) else {
        return format!("{table}.{row}.{col}");
    };
    let number = match table {
        "t2" => "表二",
        "t3" => "表三",
        "t4" => "表四",
        _ => "",
    };
    let column = spec.column(col).map_or(col, |c| c.short());
    match spec.row(row) {
        Some(r) if spec.rows.len() > 1 => format!("{number}“{}”{column}", r.label),
        _ => format!("{number}{column}"),
    }
}
