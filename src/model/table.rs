//! Tables as grids of cells, whatever layout they came from (pipe rows, tab-separated rows,
//! column-aligned text; later HTML/DOCX/XLSX grids). Every cell keeps its span.

use crate::text::normalize::fold_char;
use crate::text::Span;

#[derive(Debug, Clone)]
pub struct Cell {
    pub span: Span,
    /// Rows and columns this cell covers (1 for text layouts, which do not say).
    pub rowspan: usize,
    pub colspan: usize,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// The whole row in the text view.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub rows: Vec<Row>,
    pub span: Span,
}

/// What a data cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Number(f64),
    /// Nothing written.
    Blank,
    /// "—", "/", "无": written as nothing-to-report.
    Dash,
    /// Anything else (text in a figure cell, a number with a unit such as 251000元).
    Text,
}

impl CellValue {
    pub fn parse(raw: &str) -> CellValue {
        // Most cells are plain digits: read without building a folded copy.
        let trimmed = raw.trim();
        if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(v) = trimmed.parse::<f64>() {
                return CellValue::Number(v);
            }
        }
        let t: String = raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(fold_char)
            .collect();
        if t.is_empty() {
            return CellValue::Blank;
        }
        if matches!(t.as_str(), "-" | "—" | "——" | "/" | "无" | "--") {
            return CellValue::Dash;
        }
        let digits = t.replace(',', "");
        match digits.parse::<f64>() {
            Ok(v)
                if digits
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == '-') =>
            {
                CellValue::Number(v)
            }
            _ => CellValue::Text,
        }
    }

    /// A cell that can stand in a figure column: a number, blank or a dash.
    pub fn is_figure(&self) -> bool {
        !matches!(self, CellValue::Text)
    }

    /// The value used in arithmetic: blanks and dashes as 0.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            CellValue::Number(v) => Some(*v),
            CellValue::Blank | CellValue::Dash => Some(0.0),
            CellValue::Text => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_values() {
        assert_eq!(CellValue::parse(" 859 "), CellValue::Number(859.0));
        assert_eq!(CellValue::parse("１２"), CellValue::Number(12.0));
        assert_eq!(CellValue::parse(""), CellValue::Blank);
        assert_eq!(CellValue::parse("—"), CellValue::Dash);
        assert_eq!(CellValue::parse("无"), CellValue::Dash);
        assert_eq!(CellValue::parse("251000元"), CellValue::Text);
        assert_eq!(CellValue::parse("85.6"), CellValue::Number(85.6));
    }
}
