//! `table_identity`: arithmetic identities between canonical cells, each given in the YAML as
//! two lists of terms that must have equal sums, for every column (terms are rows) or for every
//! row (terms are columns). A blank is read as 0 only where the identity then holds; otherwise
//! the identity is left to the blank-cell warning rather than reported as wrong.

use super::table_values::{children_sum_at, sum, value_at, Val};
use super::{Check, Ctx};
use crate::rules::compile::Validator;
use crate::rules::finding::Hit;
use crate::template::map::Mapped;
use serde::Deserialize;

use super::breakdown::fmt_num;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["diff", "left", "right", "table", "where"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ForEach {
    /// The terms are rows; the identity holds in every column.
    Column,
    /// The terms are columns; the identity holds in every row.
    Row,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Default, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    #[default]
    Left,
    Right,
}

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    pub left: Vec<String>,
    pub right: Vec<String>,
    /// Read the right side's category terms as the sum of their sub-rows even where a
    /// subtotal is printed (to check the subtotal itself).
    #[serde(default)]
    pub right_from_children: bool,
}

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableIdentity {
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

impl Check for TableIdentity {
    fn validate(&self, v: &mut Validator) {
        let Some(t) = v.table(&self.table) else {
            return;
        };
        // Terms are rows when the identity holds in every column, and the reverse.
        let (terms_are_rows, keys_are_rows) = match self.for_each {
            ForEach::Column => (true, false),
            ForEach::Row => (false, true),
        };
        let name = |v: &mut Validator, id: &str, row: bool| {
            if row {
                v.row(t, id)
            } else {
                v.column(t, id)
            }
        };
        for id in &self.over {
            name(v, id, keys_are_rows);
        }
        for i in &self.identities {
            for term in i.left.iter().chain(&i.right) {
                name(v, term, terms_are_rows);
            }
        }
    }

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
            // Ids resolved to positions once per table, not at every cell.
            let left: Vec<Option<usize>> = id.left.iter().map(|t| self.term_pos(m, t)).collect();
            let right: Vec<Option<usize>> = id.right.iter().map(|t| self.term_pos(m, t)).collect();
            for key in &keys {
                let Some(k) = self.key_pos(m, key) else {
                    continue;
                };
                self.check(m, id, [&left, &right], (key, k), out);
            }
        }
    }
}

impl TableIdentity {
    /// Where a term is: a row for an identity that holds in every column, else a column.
    fn term_pos(&self, m: &Mapped, term: &str) -> Option<usize> {
        match self.for_each {
            ForEach::Column => m.spec.row_pos(term),
            ForEach::Row => m.spec.column_pos(term),
        }
    }

    fn key_pos(&self, m: &Mapped, key: &str) -> Option<usize> {
        match self.for_each {
            ForEach::Column => m.spec.column_pos(key),
            ForEach::Row => m.spec.row_pos(key),
        }
    }

    fn term(&self, m: &Mapped, term: usize, key: usize, from_children: bool) -> Option<Val> {
        let (row, col) = match self.for_each {
            ForEach::Column => (term, key),
            ForEach::Row => (key, term),
        };
        if from_children && m.spec.row_at(row).is_some_and(|r| r.category) {
            return children_sum_at(m, row, col);
        }
        // A row's own total is only checked where the row is in the table.
        if self.for_each == ForEach::Row && m.cells.at(row, col).is_none() {
            return None;
        }
        value_at(m, row, col, false)
    }

    /// The values of a side's terms, None for a term not in the template.
    fn side<'a>(
        &'a self,
        m: &'a Mapped,
        terms: &'a [Option<usize>],
        key: usize,
        from_children: bool,
    ) -> impl Iterator<Item = Option<Val>> + 'a {
        terms
            .iter()
            .map(move |t| self.term(m, (*t)?, key, from_children))
    }

    fn short(&self, m: &Mapped, term: &str) -> String {
        match self.for_each {
            ForEach::Column => m.spec.row(term).map(|r| r.short().to_string()),
            ForEach::Row => m.spec.column(term).map(|c| c.short().to_string()),
        }
        .unwrap_or_else(|| term.to_string())
    }

    fn check(
        &self,
        m: &Mapped,
        id: &Identity,
        [left_at, right_at]: [&[Option<usize>]; 2],
        (key, k): (&str, usize),
        out: &mut Vec<Hit>,
    ) {
        // Summed without collecting: the terms are only listed for a finding.
        let Some(l) = sum(self.side(m, left_at, k, false)) else {
            return;
        };
        let Some(r) = sum(self.side(m, right_at, k, id.right_from_children)) else {
            return;
        };
        let (ls, rs) = (l.value, r.value);
        if (ls - rs).abs() < 1e-6 || l.blank || r.blank {
            return;
        }
        let left: Vec<Val> = self.side(m, left_at, k, false).flatten().collect();
        let right: Vec<Val> = self
            .side(m, right_at, k, id.right_from_children)
            .flatten()
            .collect();
        // Each figure beside its name: "本年新收 5 + 上年结转 1 = 6", or "总计为4" alone.
        let side = |terms: &[String], vals: &[Val]| {
            let named: Vec<String> = terms
                .iter()
                .zip(vals)
                .map(|(t, v)| format!("{} {}", self.short(m, t), fmt_num(v.value)))
                .collect();
            match (terms, vals) {
                ([t], [v]) => format!("{}为{}", self.short(m, t), fmt_num(v.value)),
                _ => format!(
                    "{} = {}",
                    named.join(" + "),
                    fmt_num(vals.iter().map(|v| v.value).sum())
                ),
            }
        };
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
                .var("left", side(&id.left, &left))
                .var("right", side(&id.right, &right))
                .var("diff", fmt_num((ls - rs).abs())),
        );
    }
}
