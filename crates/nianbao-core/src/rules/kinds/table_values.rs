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
    value_at(
        m,
        m.spec.row_pos(row)?,
        m.spec.column_pos(col)?,
        derive_totals,
    )
}

/// [`value`] by row and column position in the table's spec.
pub fn value_at(m: &Mapped, row: usize, col: usize, derive_totals: bool) -> Option<Val> {
    if let Some(c) = m.cells.at(row, col) {
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
                let parts = &m.spec.column_at(col).total_of;
                if derive_totals && !parts.is_empty() {
                    let sum = sum(parts
                        .iter()
                        .map(|p| value_at(m, row, m.spec.column_pos(p)?, false)))?;
                    at(sum.value, sum.blank)
                } else {
                    at(0.0, true)
                }
            }
            CellValue::Text => None,
        };
    }
    if !m.spec.row_at(row)?.category {
        return None;
    }
    sum(present_children(m, row).map(|c| value_at(m, c, col, derive_totals)))
}

/// The sub-rows of the row at `row` that the table has.
fn present_children(m: &Mapped, row: usize) -> impl Iterator<Item = usize> + '_ {
    m.spec
        .children_at(row)
        .iter()
        .copied()
        .filter(|&c| m.rows.has_at(c))
}

/// The sum of a category's sub-rows even where the report prints a subtotal; a row without
/// sub-rows in this table (（六） in the 2019 layout) is read as it stands.
pub fn children_sum_at(m: &Mapped, row: usize, col: usize) -> Option<Val> {
    let mut present = present_children(m, row).peekable();
    if present.peek().is_none() {
        return value_at(m, row, col, false);
    }
    sum(present.map(|c| value_at(m, c, col, false)))
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
