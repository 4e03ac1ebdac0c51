//! Builds a text view from structured input (DOCX, HTML, PDF, spreadsheets): paragraphs as
//! lines, tables as pipe rows, and for every line where it came from in the original.

use nianbao_core::text::TextView;

/// A table as rows of cell texts; a cell covered by a merge above or to the left is empty.
pub type Grid = Vec<Vec<String>>;

#[derive(Default)]
pub struct TextBuilder {
    text: String,
    origins: Vec<(usize, String)>,
    /// What the reader left out, for the user (a cap reached).
    notices: Vec<String>,
    /// Byte ranges of paragraphs with a suppression comment, and the comment's text.
    suppressions: Vec<(usize, usize, String)>,
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
        let origin = origin.into();
        for (i, row) in grid.iter().enumerate() {
            if row.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            self.origins
                .push((self.text.len(), format!("{origin}第{}行", i + 1)));
            self.text.push('|');
            for cell in row {
                self.text.push(' ');
                self.text.push_str(&one_line(cell));
                self.text.push_str(" |");
            }
            self.text.push('\n');
        }
    }

    pub fn finish(self, encoding: &'static str) -> TextView {
        let mut view = TextView::new(&self.text, encoding);
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
        view.set_origins(self.origins);
        view.notices = self.notices;
        view
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}
