//! Reading canonical cells for the table rules: a category row sums its numbered sub-rows when
//! it has no printed subtotal, and a blank total can be derived from its row where asked.

use crate::model::CellValue;
use crate::template::map::Mapped;
use crate::text::Span;

#[derive(Debug, Clone, Copy)]
pub struct Val {
    pub value: f64,
    /// A blank cell was read as 0 somewhere in this value.
    pub blank: bool,
    pub span: Option<Span>,
}

/// The value of (row, column). `derive_totals`: a blank total cell is the sum of the columns it
/// totals (for comparing prose with the table, not for checking the table's own arithmetic).
pub fn value(m: &Mapped, row: &str, col: &str, derive_totals: bool) -> Option<Val> {
    if let Some(c) = m.cell(row, col) {
        let at = |value: f64, blank: bool| {
            Some(Val {
                value,
                blank,
                span: Some(c.span),
            })
        };
        return match &c.value {
            CellValue::Number(v) => at(*v, false),
            CellValue::Dash => at(0.0, false),
            CellValue::Blank => {
                let parts = m
                    .spec
                    .column(col)
                    .map(|c| c.total_of.as_slice())
                    .unwrap_or_default();
                if derive_totals && !parts.is_empty() {
                    let sum = sum(parts.iter().map(|p| value(m, row, p, false)))?;
                    at(sum.value, sum.blank)
                } else {
                    at(0.0, true)
                }
            }
            CellValue::Text => None,
        };
    }
    if !m.spec.row(row)?.category {
        return None;
    }
    sum(m
        .spec
        .children(row)
        .filter(|c| m.rows.contains_key(c.id.as_str()))
        .map(|c| value(m, &c.id, col, derive_totals)))
}

/// The sum of a category's sub-rows even where the report prints a subtotal; a row without
/// sub-rows in this table (（六） in the 2019 layout) is read as it stands.
pub fn children_sum(m: &Mapped, row: &str, col: &str) -> Option<Val> {
    let mut present = m
        .spec
        .children(row)
        .filter(|c| m.rows.contains_key(c.id.as_str()))
        .peekable();
    if present.peek().is_none() {
        return value(m, row, col, false);
    }
    sum(present.map(|c| value(m, &c.id, col, false)))
}

/// The sum of some values, blank if any was, pointing at the first; None if any is unknown or
/// there are none.
pub fn sum(vals: impl Iterator<Item = Option<Val>>) -> Option<Val> {
    let mut total: Option<Val> = None;
    for v in vals {
        let v = v?;
        total = Some(match total {
            None => v,
            Some(t) => Val {
                value: t.value + v.value,
                blank: t.blank || v.blank,
                span: t.span.or(v.span),
            },
        });
    }
    total
}
