//! Builds a text view from structured input (DOCX, HTML, PDF, spreadsheets): paragraphs as
//! lines, tables as pipe rows, and for every line where it came from in the original.

use nianbao_core::text::grid::{GridCell, GridRow};
use nianbao_core::text::{Span, TextView};

/// A table as rows of cell texts, for readers that know no merges (a cell covered by a merge
/// above is empty).
pub type Grid = Vec<Vec<String>>;

/// A cell of a table whose reader knows its merges.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedCell {
    pub text: String,
    pub rowspan: usize,
    pub colspan: usize,
    /// An empty cell standing for the merged cell above it (or, in a workbook, to its left).
    pub covered: bool,
}

impl MergedCell {
    pub fn plain(text: String) -> MergedCell {
        MergedCell {
            text,
            rowspan: 1,
            colspan: 1,
            covered: false,
        }
    }

    /// The place of a cell that a merge from above covers, as wide as that cell.
    pub fn covered(colspan: usize) -> MergedCell {
        MergedCell {
            text: String::new(),
            rowspan: 1,
            colspan,
            covered: true,
        }
    }
}

#[derive(Default)]
pub struct TextBuilder {
    text: String,
    origins: Vec<(usize, String)>,
    /// What the reader left out, for the user (a cap reached).
    notices: Vec<String>,
    /// Byte ranges of paragraphs with a suppression comment, and the comment's text.
    suppressions: Vec<(usize, usize, String)>,
    /// Where each table row and its cells are in `text`, with the merges.
    grid_rows: Vec<GridRow>,
}

/// One line of a table cell or paragraph: no line breaks, no pipes (they would split cells).
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = false;
    for c in s.chars() {
        let c = match c {
            '\n' | '\r' | '\t' | '\u{b}' | '\u{c}' => ' ',
            '|' => '｜',
            c => c,
        };
        if c == ' ' {
            if !last_space {
                out.push(c);
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    out.trim().to_string()
}

impl TextBuilder {
    pub fn new() -> TextBuilder {
        TextBuilder::default()
    }

    /// Says that the reader left something out (once per cause).
    pub fn notice(&mut self, what: String) {
        if !self.notices.contains(&what) {
            self.notices.push(what);
        }
    }

    /// A paragraph with comments on it: those that are suppressions cover its lines.
    pub fn commented_paragraph(
        &mut self,
        text: &str,
        origin: impl Into<String>,
        comments: &[String],
    ) {
        let start = self.text.len();
        self.paragraph(text, origin);
        let end = self.text.len();
        for c in comments
            .iter()
            .filter(|c| c.trim_start().starts_with("nianbao-disable"))
        {
            if end > start {
                self.suppressions.push((start, end, c.trim().to_string()));
            }
        }
    }

    /// A paragraph; empty ones are kept as blank lines only once.
    pub fn paragraph(&mut self, text: &str, origin: impl Into<String>) {
        let line = text.replace(['\r', '\u{b}', '\u{c}'], "\n");
        let line = line.trim_end();
        if line.trim().is_empty() {
            if !self.text.ends_with("\n\n") && !self.text.is_empty() {
                self.text.push('\n');
            }
            return;
        }
        self.origins.push((self.text.len(), origin.into()));
        self.text.push_str(line);
        self.text.push('\n');
    }

    pub fn table(&mut self, grid: &Grid, origin: impl Into<String>) {
        let merged: Vec<Vec<MergedCell>> = grid
            .iter()
            .map(|row| row.iter().cloned().map(MergedCell::plain).collect())
            .collect();
        self.merged_table(&merged, origin);
    }

    /// A table as pipe rows, one per row with any text; where each cell is written, and what it
    /// covers, goes to the view with it.
    pub fn merged_table(&mut self, grid: &[Vec<MergedCell>], origin: impl Into<String>) {
        let origin = origin.into();
        for (i, row) in grid.iter().enumerate() {
            if row.iter().all(|c| c.text.trim().is_empty()) {
                continue;
            }
            let start = self.text.len();
            self.origins.push((start, format!("{origin}第{}行", i + 1)));
            self.text.push('|');
            let mut cells = Vec::with_capacity(row.len());
            for cell in row {
                let bar = self.text.len();
                self.text.push(' ');
                let text = one_line(&cell.text);
                // An empty cell is an empty span just after its bar, as a pipe row reads.
                let span = if text.is_empty() {
                    Span::new(bar, bar)
                } else {
                    Span::new(self.text.len(), self.text.len() + text.len())
                };
                self.text.push_str(&text);
                self.text.push_str(" |");
                cells.push(GridCell {
                    span,
                    rowspan: cell.rowspan,
                    colspan: cell.colspan,
                    covered: cell.covered,
                });
            }
            self.grid_rows.push(GridRow {
                span: Span::new(start, self.text.len()),
                cells,
            });
            self.text.push('\n');
        }
    }

    pub fn finish(self, encoding: &'static str) -> TextView {
        let mut view = TextView::new(&self.text, encoding);
        view.set_grid_rows(self.grid_rows);
        view.set_origins(self.origins);
        view.notices = self.notices;
        let line_of = |at: usize| self.text[..at].matches('\n').count() + 1;
        view.comment_suppressions = self
            .suppressions
            .iter()
            .map(|(s, e, c)| (line_of(*s), line_of(e.saturating_sub(1).max(*s)), c.clone()))
            .collect();
        view
    }

    /// As `finish`, repairing the text as plain text is repaired (a web page crawled into one
    /// line, spaces inside figures); origins still lead back to the file.
    pub fn finish_reflowed(self, encoding: &'static str) -> TextView {
        let mut view = TextView::read_plain(&self.text, encoding, false);
        view.set_grid_rows(self.grid_rows);
        view.set_origins(self.origins);
        view.notices = self.notices;
        view
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}
