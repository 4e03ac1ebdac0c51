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
