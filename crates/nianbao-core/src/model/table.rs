//! Tables as grids of cells, whatever layout they came from (pipe rows, tab-separated rows,
//! column-aligned text, or the grids of .docx/.html/workbook tables with their merges).
//! Every cell keeps its span.

use crate::text::Span;

#[derive(Debug, Clone)]
pub struct Cell {
    pub span: Span,
    /// Rows and columns this cell covers (1 for text layouts, which do not say).
    pub rowspan: usize,
    pub colspan: usize,
    /// An empty cell standing for the merged cell above it (or, in a workbook, to its left;
    /// grids only).
    pub covered: bool,
}

impl Cell {
    /// A cell of a text layout: one row, one column.
    pub fn plain(span: Span) -> Cell {
        Cell {
            span,
            rowspan: 1,
            colspan: 1,
            covered: false,
        }
    }
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
