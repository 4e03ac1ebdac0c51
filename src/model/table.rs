//! Tables as grids of cells, whatever layout they came from (pipe rows, tab-separated rows,
//! column-aligned text; later HTML/DOCX/XLSX grids). Every cell keeps its span.

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
    /// Which statistical table of the template this is, once the fragments are assembled
    /// (t2, t3, t4); None for a run of rows read as it stands.
    pub kind: Option<&'static str>,
    /// How many pieces it was put together from: runs of rows, and lines read as labels.
    pub pieces: usize,
}

pub use crate::text::cell::CellValue;

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

    #[test]
    fn shortcuts_read_cells_as_the_full_reading_does() {
        let mut cells: Vec<String> = [
            "",
            " ",
            "0",
            "007",
            "999999999999999",
            "9999999999999999",
            "1,523",
            "１２",
            "3.5",
            "-",
            "--",
            "—",
            "——",
            "/",
            "／",
            "无",
            "无无",
            "1-2",
            "1e5",
            "inf",
            "NaN",
            "12件",
            "一、本年新收",
            "商业 企业",
            "\u{3000}5\u{3000}",
            "5 6",
            "－3",
            "．5",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for line in crate::corpus_texts::corpus_lines(&[]) {
            cells.extend(line.split(['|', '\t']).map(str::to_string));
        }
        for c in &cells {
            assert_eq!(CellValue::parse(c), CellValue::read_folded(c), "{c:?}");
        }
    }
}
