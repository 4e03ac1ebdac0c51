//! `table_cells`: every figure cell holds a non-negative whole number; blank cells are
//! reported once per table, never one finding per blank.

use super::{Check, Ctx};
use crate::model::CellValue;
use crate::rules::compile::Validator;
use crate::rules::finding::{Hit, Severity};
use crate::template::map::Mapped;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["cell", "cells", "count", "table", "written"];
pub const VARIANTS: &[&str] = &["blank", "fraction", "negative", "not_number", "with_unit"];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableCells {
    pub tables: Vec<String>,
    /// Columns that may be negative (本年增/减).
    #[serde(default)]
    pub signed: Vec<String>,
    /// Columns that may hold decimals (金额 in 万元).
    #[serde(default)]
    pub decimal: Vec<String>,
    /// Columns whose cells may carry a unit or text (采购总金额 written as 251000元).
    #[serde(default)]
    pub free_text: Vec<String>,
    /// How many blank cells are named in the message.
    pub name_blanks: usize,
    pub blank_severity: Severity,
}

impl Check for TableCells {
    fn validate(&self, v: &mut Validator) {
        v.tables(&self.tables);
        // A column named here must be a column of one of the tables.
        for col in self
            .signed
            .iter()
            .chain(&self.decimal)
            .chain(&self.free_text)
        {
            let known = self
                .tables
                .iter()
                .filter_map(|t| crate::template::table_spec(t))
                .any(|t| t.column_pos(col).is_some());
            if !known {
                if let Some(t) = self
                    .tables
                    .first()
                    .and_then(|t| crate::template::table_spec(t))
                {
                    v.column(t, col);
                }
            }
        }
    }

    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        for id in &self.tables {
            let Some(m) = ctx.tables().get(id) else {
                continue;
            };
            self.check(ctx, m, out);
        }
    }
}

impl TableCells {
    fn check(&self, ctx: &Ctx, m: &Mapped, out: &mut Vec<Hit>) {
        let mut cells: Vec<(&str, &str, &crate::template::map::MappedCell)> =
            m.cells.iter().collect();
        cells.sort_by_key(|(_, _, c)| c.span.start);
        let mut blanks = Vec::new();
        for (row, col, cell) in cells {
            let name = || cell_name(m, row, col);
            match &cell.value {
                CellValue::Blank => blanks.push((row, col, cell.span)),
                CellValue::Text if !self.free_text.iter().any(|x| x == col) => {
                    out.push(
                        Hit::at(cell.span)
                            .variant(if with_unit(ctx.doc.slice(cell.span)) {
                                "with_unit"
                            } else {
                                "not_number"
                            })
                            .var("cell", name())
                            .var("table", &m.spec.name)
                            .var("written", ctx.doc.slice(cell.span)),
                    );
                }
                CellValue::Number(v) if *v < 0.0 && !self.signed.iter().any(|x| x == col) => {
                    out.push(
                        Hit::at(cell.span)
                            .variant("negative")
                            .var("cell", name())
                            .var("table", &m.spec.name),
                    );
                }
                CellValue::Number(v)
                    if v.fract() != 0.0 && !self.decimal.iter().any(|x| x == col) =>
                {
                    out.push(
                        Hit::at(cell.span)
                            .variant("fraction")
                            .var("cell", name())
                            .var("table", &m.spec.name),
                    );
                }
                _ => {}
            }
        }
        if let Some((_, _, first)) = blanks.first() {
            // Only the first few are named: a blank table has hundreds.
            let named: Vec<String> = blanks
                .iter()
                .take(self.name_blanks)
                .map(|(row, col, _)| cell_name(m, row, col))
                .collect();
            let more = if blanks.len() > self.name_blanks {
                "等"
            } else {
                ""
            };
            out.push(
                Hit::at(*first)
                    .variant("blank")
                    .var("table", &m.spec.name)
                    .var("count", blanks.len())
                    .var("cells", format!("{}{more}", named.join("、")))
                    .severity(self.blank_severity),
            );
        }
    }
}

fn cell_name(m: &Mapped, row: &str, col: &str) -> String {
    let r = m.spec.row(row).map(|r| r.short().to_string());
    let c = m
        .spec
        .column(col)
        .map(|c| c.short().to_string())
        .unwrap_or_else(|| col.to_string());
    match r {
        Some(r) => format!("{r}/{c}"),
        None => c,
    }
}

/// A count written with its unit ("1523件", "12 条"): the figure is there, the unit belongs in
/// the header.
fn with_unit(text: &str) -> bool {
    let t = text.trim();
    let Some(unit) = t.chars().last() else {
        return false;
    };
    let figure = t[..t.len() - unit.len_utf8()].trim();
    matches!(unit, '件' | '条' | '项' | '个' | '次' | '宗' | '起')
        && !figure.is_empty()
        && matches!(CellValue::parse(figure), CellValue::Number(_))
}
