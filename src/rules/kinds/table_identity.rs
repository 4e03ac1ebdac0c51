//! `table_identity`: arithmetic identities between canonical cells, each given in the YAML as
//! two lists of terms that must have equal sums, for every column (terms are rows) or for every
//! row (terms are columns). A blank is read as 0 only where the identity then holds; otherwise
//! the identity is left to the blank-cell warning rather than reported as wrong.

use super::table_values::{children_sum, sum, value, Val};
use super::{Check, Ctx};
use crate::rules::finding::Hit;
use crate::template::map::Mapped;
use serde::Deserialize;

use super::breakdown::fmt_num;

#[derive(Debug, Deserialize, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum ForEach {
    /// The terms are rows; the identity holds in every column.
    Column,
    /// The terms are columns; the identity holds in every row.
    Row,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    #[default]
    Left,
    Right,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    pub left: Vec<String>,
    pub right: Vec<String>,
    /// Read the right side's category terms as the sum of their sub-rows even where a
    /// subtotal is printed (to check the subtotal itself).
    #[serde(default)]
    pub right_from_children: bool,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Params {
    pub table: String,
    pub for_each: ForEach,
    /// The columns (or rows) to check; all mapped ones when absent.
    #[serde(default)]
    pub over: Vec<String>,
    pub identities: Vec<Identity>,
    /// Which side's first cell the finding points at.
    #[serde(default)]
    pub point_at: Side,
}

impl Check for Params {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let Some(m) = ctx.tables().get(&self.table) else {
            return;
        };
        let keys: Vec<String> = if !self.over.is_empty() {
            self.over.clone()
        } else {
            match self.for_each {
                ForEach::Column => m.spec.columns.iter().map(|c| c.id.clone()).collect(),
                ForEach::Row => m.row_order.iter().map(|r| r.to_string()).collect(),
            }
        };
        for id in &self.identities {
            for key in &keys {
                self.check(m, id, key, out);
            }
        }
    }
}

impl Params {
    fn term(&self, m: &Mapped, term: &str, key: &str, from_children: bool) -> Option<Val> {
        let (row, col) = match self.for_each {
            ForEach::Column => (term, key),
            ForEach::Row => (key, term),
        };
        if from_children && m.spec.row(row).is_some_and(|r| r.category) {
            return children_sum(m, row, col);
        }
        // A row's own total is only checked where the row is in the table.
        if self.for_each == ForEach::Row && m.cell(row, col).is_none() {
            return None;
        }
        value(m, row, col, false)
    }

    fn short(&self, m: &Mapped, term: &str) -> String {
        match self.for_each {
            ForEach::Column => m.spec.row(term).map(|r| r.short().to_string()),
            ForEach::Row => m.spec.column(term).map(|c| c.short().to_string()),
        }
        .unwrap_or_else(|| term.to_string())
    }

    fn check(&self, m: &Mapped, id: &Identity, key: &str, out: &mut Vec<Hit>) {
        // Summed without collecting: the terms are only listed for a finding.
        let Some(l) = sum(id.left.iter().map(|t| self.term(m, t, key, false))) else {
            return;
        };
        let Some(r) = sum(id
            .right
            .iter()
            .map(|t| self.term(m, t, key, id.right_from_children)))
        else {
            return;
        };
        let (ls, rs) = (l.value, r.value);
        if (ls - rs).abs() < 1e-6 || l.blank || r.blank {
            return;
        }
        let left: Vec<Val> = id
            .left
            .iter()
            .filter_map(|t| self.term(m, t, key, false))
            .collect();
        let right: Vec<Val> = id
            .right
            .iter()
            .filter_map(|t| self.term(m, t, key, id.right_from_children))
            .collect();
        let side = |terms: &[String], vals: &[Val]| {
            let names: Vec<String> = terms.iter().map(|t| self.short(m, t)).collect();
            let nums: Vec<String> = vals.iter().map(|v| fmt_num(v.value)).collect();
            (
                names.join("+"),
                nums.join("+"),
                fmt_num(vals.iter().map(|v| v.value).sum()),
            )
        };
        let (ln, lv, lsum) = side(&id.left, &left);
        let (rn, rv, rsum) = side(&id.right, &right);
        let key_name = match self.for_each {
            ForEach::Column => m.spec.column(key).map(|c| format!("{}列", c.short())),
            ForEach::Row => m
                .spec
                .row(key)
                .map(|r| format!("{}行", r.short()))
                .or_else(|| Some(String::new())),
        }
        .unwrap_or_default();
        let point = match self.point_at {
            Side::Left => left.first(),
            Side::Right => right.first(),
        };
        let Some(span) = point.and_then(|v| v.span).or(Some(m.span)) else {
            return;
        };
        out.push(
            Hit::at(span)
                .var("table", &m.spec.name)
                .var("where", key_name)
                .var("left", format!("{ln} = {lv} = {lsum}"))
                .var("right", format!("{rn} = {rv} = {rsum}"))
                .var("diff", fmt_num((ls - rs).abs())),
        );
    }
}
