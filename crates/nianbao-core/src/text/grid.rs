//! Tables that came as grids (.docx, .html, workbooks, .pdf): where each cell stands in the
//! text view and which rows and columns it covers. The view shows such a table as pipe rows;
//! the document model takes its cells from here instead of splitting those rows again, and
//! keeps the merges.

use super::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCell {
    /// The cell's text in the view; for an empty cell, an empty span just after its `|`.
    pub span: Span,
    pub rowspan: usize,
    pub colspan: usize,
    /// An empty cell standing for the merged cell above it (or, in a workbook, to its left),
    /// which covers this place too.
    pub covered: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    /// The pipe row in the view, from its first `|` to its last.
    pub span: Span,
    pub cells: Vec<GridCell>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::TextView;

    /// A grid row over `| a | b |` written at `at` in `source`, with its cells.
    fn row_at(source: &str, at: usize) -> GridRow {
        let line = &source[at..at + source[at..].find('\n').unwrap()];
        let mut cells = Vec::new();
        let mut start = at + 1;
        for part in line[1..].split('|').filter(|p| !p.is_empty()) {
            let text = part.trim();
            let lead = part.len() - part.trim_start().len();
            let s = if text.is_empty() { start } else { start + lead };
            cells.push(GridCell {
                span: Span::new(s, s + text.len()),
                rowspan: 1,
                colspan: 1,
                covered: false,
            });
            start += part.len() + 1;
        }
        GridRow {
            span: Span::new(at, at + line.len()),
            cells,
        }
    }

    #[test]
    fn grid_rows_follow_the_text_the_repair_made_and_are_dropped_where_it_changed_them() {
        // The markdown heading's `# ` is dropped: the row moves two bytes up, cells with it.
        let source = "# 标题\n| 规章 | 13 |\n| 行政 **许可** | 5 |\n";
        let at = source.find("| 规章").unwrap();
        let changed = source.find("| 行政").unwrap();
        let mut view = TextView::read_plain(source, "UTF-8", true);
        view.set_grid_rows(vec![row_at(source, at), row_at(source, changed)]);
        let start = view.text().find("| 规章").unwrap();
        assert_ne!(start, at, "the repair moved nothing: {:?}", view.text());
        let row = view.grid_row(start).expect("the unchanged row is kept");
        let cells: Vec<&str> = row
            .cells
            .iter()
            .map(|c| &view.text()[c.span.start..c.span.end])
            .collect();
        assert_eq!(cells, ["规章", "13"]);
        // The bold markers were taken out of the second row: it is read from its text.
        let second = view.text().find("| 行政许可 | 5 |").expect("markers dropped");
        assert!(view.grid_row(second).is_none());
        let doc = crate::model::parse_document(&view);
        let t = &doc.tables[0];
        let text = |c: &crate::model::Cell| &view.text()[c.span.start..c.span.end];
        assert_eq!(t.rows.len(), 2);
        assert_eq!(text(&t.rows[1].cells[0]), "行政许可");
        assert_eq!(text(&t.rows[1].cells[1]), "5");
    }
}
