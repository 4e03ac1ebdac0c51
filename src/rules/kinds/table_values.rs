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
        return match &c.value {
            CellValue::Number(v) => Some(Val {
                value: *v,
                blank: false,
                span: Some(c.span),
            }),
            CellValue::Dash => Some(Val {
                value: 0.0,
                blank: false,
                span: Some(c.span),
            }),
            CellValue::Blank => {
                let parts = m
                    .spec
                    .column(col)
                    .map(|c| c.total_of.as_slice())
                    .unwrap_or_default();
                if derive_totals && !parts.is_empty() {
                    let vals: Option<Vec<Val>> =
                        parts.iter().map(|p| value(m, row, p, false)).collect();
                    vals.map(|v| Val {
                        value: v.iter().map(|x| x.value).sum(),
                        blank: v.iter().any(|x| x.blank),
                        span: Some(c.span),
                    })
                } else {
                    Some(Val {
                        value: 0.0,
                        blank: true,
                        span: Some(c.span),
                    })
                }
            }
            CellValue::Text => None,
        };
    }
    let spec = m.spec.row(row)?;
    if !spec.category {
        return None;
    }
    let children: Vec<Val> = m
        .spec
        .children(row)
        .filter(|c| m.rows.contains_key(c.id.as_str()))
        .map(|c| value(m, &c.id, col, derive_totals))
        .collect::<Option<_>>()?;
    if children.is_empty() {
        return None;
    }
    Some(Val {
        value: children.iter().map(|v| v.value).sum(),
        blank: children.iter().any(|v| v.blank),
        span: children.first().and_then(|v| v.span),
    })
}

/// The sum of a category's sub-rows even where the report prints a subtotal; a row without
/// sub-rows in this table (（六） in the 2019 layout) is read as it stands.
pub fn children_sum(m: &Mapped, row: &str, col: &str) -> Option<Val> {
    let present: Vec<&str> = m
        .spec
        .children(row)
        .filter(|c| m.rows.contains_key(c.id.as_str()))
        .map(|c| c.id.as_str())
        .collect();
    if present.is_empty() {
        return value(m, row, col, false);
    }
    let children: Vec<Val> = present
        .iter()
        .map(|c| value(m, c, col, false))
        .collect::<Option<_>>()?;
    Some(Val {
        value: children.iter().map(|v| v.value).sum(),
        blank: children.iter().any(|v| v.blank),
        span: children.first().and_then(|v| v.span),
    })
}
