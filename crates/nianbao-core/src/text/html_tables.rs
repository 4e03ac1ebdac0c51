//! `<table>` markup inside a text or markdown file: PDF-to-markdown converters write every table
//! as HTML (often a whole table on one line, with rowspan and colspan), and a web page's source
//! pasted into a text file does the same. Each such table is written as pipe rows, one per
//! `<tr>`, with the cells' words copied from the file (so a finding in a cell points at the
//! file's own bytes) and the merges kept as grid rows, as the readers of .html and .docx files
//! give them. Only table markup is read here; other tags stay text (and are reported as residue).

use super::grid::{GridCell, GridRow};
use super::source_map::{Builder, SourceMap};
use super::Span;
use std::ops::Range;

/// The text with its tables as pipe rows, the map back to the file, and the rows' cells.
pub struct Rewritten {
    pub text: String,
    pub map: SourceMap,
    pub rows: Vec<GridRow>,
}

/// Largest row or column span taken as written: past it a span is read as 1.
const MAX_SPAN: usize = 1000;

/// Cells that rowspans may cover in one table: past it, spans are read as 1.
const MAX_COVERED: usize = 100_000;

/// A piece of a cell's words: bytes of the file, or a character an entity stands for.
#[derive(Debug, Clone)]
enum Piece {
    Copy(Range<usize>),
    Char(char, usize),
}

#[derive(Debug, Default)]
struct CellDraft {
    /// Where its `<td>` tag starts: what the pipes written around it stand for.
    at: usize,
    pieces: Vec<Piece>,
    rowspan: usize,
    colspan: usize,
}

/// The file's tables rewritten, or None when it has no table markup.
pub fn rewrite(source: &str) -> Option<Rewritten> {
    let tables = find_tables(source);
    if tables.is_empty() {
        return None;
    }
    let mut b = Builder::new(source);
    let mut rows = Vec::new();
    let mut at = 0;
    for t in tables {
        let parsed = parse_rows(source, t.clone());
        if parsed.is_empty() {
            continue;
        }
        b.copy(at, t.start);
        // The table starts and ends a line of its own.
        if !b.text().is_empty() && !b.text().ends_with('\n') {
            b.insert("\n", t.start);
        }
        write_grid(&mut b, &parsed, &mut rows);
        // The last row ended its line: what follows the table starts a line of its own.
        at = t.end;
    }
    b.copy(at, source.len());
    let (text, map) = b.finish();
    Some(Rewritten {
        text,
        map: map.unwrap_or_default(),
        rows,
    })
}

/// The byte ranges of the outermost `<table>…</table>` elements.
fn find_tables(source: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !has_table_markup(source) {
        return out;
    }
    let mut depth = 0usize;
    let mut start = 0;
    for (range, tag) in tags(source, 0..source.len()) {
        match (tag.name.as_str(), tag.closing) {
            ("table", false) => {
                if depth == 0 {
                    start = range.start;
                }
                depth += 1;
            }
            ("table", true) if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(start..range.end);
                }
            }
            _ => {}
        }
    }
    out
}

fn has_table_markup(source: &str) -> bool {
    let b = source.as_bytes();
    memchr::memmem::find(b, b"<table").is_some()
        || memchr::memmem::find(b, b"<TABLE").is_some()
        || memchr::memmem::find(b, b"<Table").is_some()
}

#[derive(Debug)]
struct Tag {
    name: String,
    closing: bool,
    /// The bytes between the name and `>`.
    attrs: Range<usize>,
}

/// The tags in `range` of `source`, each with its byte range.
fn tags(source: &str, range: Range<usize>) -> impl Iterator<Item = (Range<usize>, Tag)> + '_ {
    let bytes = source.as_bytes();
    let mut at = range.start;
    let end = range.end;
    std::iter::from_fn(move || loop {
        let lt = at + memchr::memchr(b'<', &bytes[at..end])?;
        let gt = lt + memchr::memchr(b'>', &bytes[lt..end])?;
        at = lt + 1;
        let inner = &source[lt + 1..gt];
        let (closing, rest) = match inner.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, inner),
        };
        let name_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        at = gt + 1;
        let name_start = lt + 1 + usize::from(closing);
        return Some((
            lt..gt + 1,
            Tag {
                name: rest[..name_len].to_ascii_lowercase(),
                closing,
                attrs: name_start + name_len..gt,
            },
        ));
    })
}

#[derive(Debug, Default)]
struct RowDraft {
    /// Where its `<tr>` tag starts (or its first cell's, when the tag was left out).
    at: usize,
    cells: Vec<CellDraft>,
}

/// The rows of a table element, each a list of cells; a nested table's words go into the
/// cell it stands in.
fn parse_rows(source: &str, table: Range<usize>) -> Vec<RowDraft> {
    let mut rows: Vec<RowDraft> = Vec::new();
    let mut row: Option<RowDraft> = None;
    let mut cell: Option<CellDraft> = None;
    let mut depth = 0usize;
    let mut text_from = table.start;
    for (range, tag) in tags(source, table.clone()) {
        if let Some(c) = cell.as_mut() {
            words(source, text_from..range.start, &mut c.pieces);
        }
        text_from = range.end;
        match (tag.name.as_str(), tag.closing) {
            ("table", false) => depth += 1,
            ("table", true) => depth = depth.saturating_sub(1),
            _ if depth > 1 => {}
            ("tr", _) => {
                close_cell(&mut cell, &mut row);
                if let Some(r) = row.take() {
                    rows.push(r);
                }
                if !tag.closing {
                    row = Some(RowDraft {
                        at: range.start,
                        cells: Vec::new(),
                    });
                }
            }
            ("td" | "th", false) => {
                close_cell(&mut cell, &mut row);
                let attrs = &source[tag.attrs.clone()];
                if row.is_none() {
                    row = Some(RowDraft {
                        at: range.start,
                        cells: Vec::new(),
                    });
                }
                cell = Some(CellDraft {
                    at: range.start,
                    pieces: Vec::new(),
                    rowspan: attr_span(attrs, "rowspan"),
                    colspan: attr_span(attrs, "colspan"),
                });
            }
            ("td" | "th", true) => close_cell(&mut cell, &mut row),
            _ => {}
        }
    }
    close_cell(&mut cell, &mut row);
    if let Some(r) = row.take() {
        rows.push(r);
    }
    rows.retain(|r| !r.cells.is_empty());
    rows
}

fn close_cell(cell: &mut Option<CellDraft>, row: &mut Option<RowDraft>) {
    if let (Some(c), Some(r)) = (cell.take(), row.as_mut()) {
        r.cells.push(c);
    }
}

/// The value of `rowspan="2"` or `colspan=3` in a tag's attributes; 1 when absent or odd.
fn attr_span(attrs: &str, name: &str) -> usize {
    let lower = attrs.to_ascii_lowercase();
    let Some(i) = lower.find(name) else { return 1 };
    let rest = lower[i + name.len()..].trim_start();
    let Some(rest) = rest.strip_prefix('=') else {
        return 1;
    };
    let digits: String = rest
        .trim_start()
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse::<usize>().unwrap_or(1).clamp(1, MAX_SPAN)
}

/// The words of `range` as pieces: runs of the file's bytes with white space (line breaks,
/// pipes that would split the cell) left out, and entities as the characters they stand for.
fn words(source: &str, range: Range<usize>, out: &mut Vec<Piece>) {
    let text = &source[range.clone()];
    let mut run: Option<usize> = None;
    let mut i = 0;
    let flush = |run: &mut Option<usize>, end: usize, out: &mut Vec<Piece>| {
        if let Some(s) = run.take() {
            out.push(Piece::Copy(range.start + s..range.start + end));
        }
    };
    while i < text.len() {
        let c = text[i..].chars().next().expect("in bounds");
        if c == '&' {
            if let Some((ch, len)) = entity(&text[i..]) {
                flush(&mut run, i, out);
                if ch != ' ' || !matches!(out.last(), None | Some(Piece::Char(' ', _))) {
                    out.push(Piece::Char(ch, range.start + i));
                }
                i += len;
                continue;
            }
        }
        if c.is_whitespace() || c == '|' {
            flush(&mut run, i, out);
            if !matches!(out.last(), None | Some(Piece::Char(' ', _))) {
                out.push(Piece::Char(' ', range.start + i));
            }
        } else if run.is_none() {
            run = Some(i);
        }
        i += c.len_utf8();
    }
    flush(&mut run, text.len(), out);
}

/// The character an entity at the start of `s` stands for, and the entity's length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s[..s.len().min(12)].find(';')?;
    let name = &s[1..end];
    let ch = match name {
        "nbsp" | "ensp" | "emsp" | "#160" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let code = if let Some(h) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(h, 16).ok()?
            } else {
                name.strip_prefix('#')?.parse().ok()?
            };
            match char::from_u32(code)? {
                c if c.is_whitespace() || c == '|' => ' ',
                c => c,
            }
        }
    };
    Some((ch, end + 1))
}

/// Writes the rows as pipe rows: a cell spanning rows stands in its first row, and each row
/// below has an empty covered cell in its place.
fn write_grid(b: &mut Builder, rows: &[RowDraft], out: &mut Vec<GridRow>) {
    let mut covered: std::collections::HashMap<(usize, usize), usize> = Default::default();
    for (r, row) in rows.iter().enumerate() {
        let start = b.text().len();
        b.insert("|", row.at);
        let mut cells = Vec::with_capacity(row.cells.len());
        let mut col = 0;
        for cell in &row.cells {
            skip_covered(b, &covered, (r, &mut col), cell.at, &mut cells);
            let bar = b.text().len();
            let before = cell.at;
            b.insert(" ", before);
            let from = b.text().len();
            let pieces = trimmed(&cell.pieces);
            for p in pieces {
                match p {
                    Piece::Copy(range) => b.copy(range.start, range.end),
                    Piece::Char(c, at) => b.insert(c.encode_utf8(&mut [0; 4]), *at),
                }
            }
            let to = b.text().len();
            b.insert(" |", before);
            let mut rs = cell.rowspan;
            if covered.len() + rs > MAX_COVERED {
                rs = 1;
            }
            cells.push(GridCell {
                span: if to > from {
                    Span::new(from, to)
                } else {
                    Span::new(bar, bar)
                },
                rowspan: rs,
                colspan: cell.colspan,
                covered: false,
            });
            for k in 1..rs {
                covered.insert((r + k, col), cell.colspan);
            }
            col += cell.colspan;
        }
        let end = row.cells.last().map_or(row.at, |c| c.at);
        skip_covered(b, &covered, (r, &mut col), end, &mut cells);
        out.push(GridRow {
            span: Span::new(start, b.text().len()),
            cells,
        });
        b.insert("\n", end);
    }
}

/// One empty cell for each cell from a row above that covers this position.
fn skip_covered(
    b: &mut Builder,
    covered: &std::collections::HashMap<(usize, usize), usize>,
    (r, col): (usize, &mut usize),
    before: usize,
    cells: &mut Vec<GridCell>,
) {
    while let Some(width) = covered.get(&(r, *col)).copied() {
        let bar = b.text().len();
        b.insert("  |", before);
        cells.push(GridCell {
            span: Span::new(bar, bar),
            rowspan: 1,
            colspan: width,
            covered: true,
        });
        *col += width;
    }
}

/// The pieces without the spaces at either end.
fn trimmed(pieces: &[Piece]) -> &[Piece] {
    let blank = |p: &Piece| matches!(p, Piece::Char(' ', _));
    let start = pieces.iter().position(|p| !blank(p)).unwrap_or(pieces.len());
    let end = pieces.iter().rposition(|p| !blank(p)).map_or(start, |e| e + 1);
    &pieces[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_on_one_line_becomes_pipe_rows_with_its_merges() {
        let src = "前文\n<table><tr><td rowspan=\"2\">（三）不予公开</td><td>1.属于国家秘密</td><td>0</td></tr>\
                   <tr><td>2.其他法律&nbsp;行政法规禁止公开</td><td>1</td></tr></table>\n后文";
        let r = rewrite(src).expect("has a table");
        assert_eq!(
            r.text,
            "前文\n| （三）不予公开 | 1.属于国家秘密 | 0 |\n|  | 2.其他法律 行政法规禁止公开 | 1 |\n\n后文"
        );
        assert_eq!(r.rows.len(), 2);
        let first = &r.rows[0].cells[0];
        assert_eq!((first.rowspan, first.covered), (2, false));
        assert!(r.rows[1].cells[0].covered);
        // A cell's words are the file's bytes: their place maps back into the file.
        let one = &r.rows[1].cells[2];
        assert_eq!(&r.text[one.span.start..one.span.end], "1");
        let at = r.map.to_source(one.span.start);
        assert_eq!(&src[at..at + 1], "1");
        assert_eq!(&src[at - 4..at], "<td>");
    }

    #[test]
    fn text_without_table_markup_is_left_alone() {
        assert!(rewrite("一、总体情况\n<p>正文</p>").is_none());
        assert!(rewrite("<table").is_none());
        // An unclosed table is not guessed at.
        assert!(rewrite("<table><tr><td>1</td></tr>").is_none());
    }

    #[test]
    fn odd_markup_never_panics() {
        for src in [
            "<table><td>",
            "<table></table>",
            "<table><tr><td colspan=\"99999999999\">a</td></tr></table>",
            "<table><tr><td>&#xZZ;&amp</td><td>&#1114112;</td></tr></table>",
            "<TABLE><TR><TD>规章<TD>5</TR></TABLE>",
            "<table><tr><td><table><tr><td>内</td></tr></table></td></tr></table>",
        ] {
            let _ = rewrite(src);
        }
        let r = rewrite("<TABLE><TR><TD>规章<TD>5</TR></TABLE>").unwrap();
        assert_eq!(r.text, "| 规章 | 5 |\n");
    }
}
