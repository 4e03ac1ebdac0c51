//! Puts each statistical table together before it is mapped. Published texts cut a table into
//! pieces: a page break or a converter makes several runs of rows, with a repeated header, a
//! caption or a `|---|` row between them; a row group becomes a small table of its own under a
//! heading of its own ("### （三）不予公开"); a label stands on one line and its figures on the
//! next; a row comes as plain text ("行政许可 97"). Walking the document once, every run of
//! rows and every short line between them is given to the table whose section or caption it
//! stands under; the lines so taken are table labels, not headings or prose.

use super::table_spec;
use crate::model::{BlockKind, Cell, CellValue, Document, Row, Table};
use crate::text::normalize::fold_label;
use crate::text::Span;

/// Longest line (in characters) read as a caption, header fragment or label.
const MAX_LABEL_CHARS: usize = 60;

/// Row labels that make a table of lines with no figure at all.
const MIN_NAMED_ROWS: usize = 3;

/// Longest heading title that opens a table's section.
const MAX_CUE_CHARS: usize = 30;

/// The statistical tables, from their pieces; and which lines became their labels.
pub fn assemble(doc: &mut Document) {
    let plan = plan(doc);
    if plan.assembled == 0 {
        return;
    }
    doc.tables = plan.tables;
    doc.absorb_into_tables(&plan.absorbed);
}

struct Plan {
    tables: Vec<Table>,
    absorbed: Vec<usize>,
    /// How many tables were put together (0: nothing recognised, the runs stay as they are).
    assembled: usize,
}

/// One table being put together.
struct Pieces {
    kind: &'static str,
    rows: Vec<Row>,
    labels: Vec<usize>,
    /// Whether any piece holds figures: a section heading followed by prose is no table.
    has_figures: bool,
    /// Lines that name a row of the table: a table whose figures were all lost still shows.
    named: usize,
    span: Span,
    pieces: usize,
}

fn plan(doc: &Document) -> Plan {
    let mut pieces: Vec<Pieces> = Vec::new();
    let mut loose: Vec<Table> = Vec::new();
    let mut current: Option<&'static str> = None;
    let mut fragment = 0;
    let mut i = 0;
    while i < doc.blocks.len() {
        let b = &doc.blocks[i];
        match &b.kind {
            BlockKind::TableRow { .. } => {
                let Some(t) = doc.tables.get(fragment) else {
                    i += 1;
                    continue;
                };
                fragment += 1;
                let n = t.rows.len().max(1);
                match super::map::classify(doc, t).or(current) {
                    Some(kind) => {
                        current = Some(kind);
                        let p = pieces_for(&mut pieces, kind, t.span);
                        p.rows.extend(t.rows.iter().cloned());
                        p.has_figures = true;
                        p.pieces += 1;
                        p.span.end = p.span.end.max(t.span.end);
                    }
                    None => loose.push(t.clone()),
                }
                i += n;
                continue;
            }
            BlockKind::Heading(h) => {
                let h = &doc.headings[*h];
                let title_chars = doc.shadow_slice(h.title).chars().count();
                // A heading with text run on after it is read up to its title.
                let text = fold_label(
                    doc.shadow_slice(crate::text::Span::new(h.marker.start, h.title.end)),
                );
                match cue(&text) {
                    Some(kind) if title_chars <= MAX_CUE_CHARS && h.run_in.is_none() => {
                        current = Some(kind);
                    }
                    _ => match current {
                        Some(kind) if is_label_heading(kind, h.style, &text, title_chars) => {
                            take_line(doc, &mut pieces, kind, i);
                        }
                        _ => current = None,
                    },
                }
            }
            BlockKind::Paragraph => {
                let raw = doc.shadow_slice(b.span);
                // Bytes first: most paragraphs are far longer than a label.
                let short = raw.len() <= MAX_LABEL_CHARS * 4
                    && raw.chars().count() <= MAX_LABEL_CHARS
                    && !raw.contains('。');
                if short {
                    let text = fold_label(raw);
                    if let Some(kind) = caption_cue(&text) {
                        current = Some(kind);
                    }
                    if let Some(kind) = current {
                        take_line(doc, &mut pieces, kind, i);
                    }
                } else if current.is_some() && raw.contains('。') {
                    current = None;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut tables = Vec::new();
    let mut absorbed = Vec::new();
    let mut assembled = 0;
    for p in pieces {
        // A section heading with a few short lines after it is no table, unless the lines
        // are the table's own row labels (a table whose figures were lost).
        if !p.has_figures && p.named < MIN_NAMED_ROWS {
            continue;
        }
        assembled += 1;
        absorbed.extend(p.labels);
        tables.push(Table {
            rows: one_row_per_label(doc, p.rows),
            span: p.span,
            kind: Some(p.kind),
            pieces: p.pieces,
        });
    }
    tables.extend(loose);
    tables.sort_by_key(|t| t.span.start);
    absorbed.sort_unstable();
    Plan {
        tables,
        absorbed,
        assembled,
    }
}

fn pieces_for<'p>(pieces: &'p mut Vec<Pieces>, kind: &'static str, span: Span) -> &'p mut Pieces {
    match pieces.iter().position(|p| p.kind == kind) {
        Some(i) => &mut pieces[i],
        None => {
            pieces.push(Pieces {
                kind,
                rows: Vec::new(),
                labels: Vec::new(),
                has_figures: false,
                named: 0,
                span,
                pieces: 0,
            });
            pieces.last_mut().expect("just pushed")
        }
    }
}

/// A line taken into a table as a row of its own: a label, or a label with its figures.
fn take_line(doc: &Document, pieces: &mut Vec<Pieces>, kind: &'static str, block: usize) {
    let b = &doc.blocks[block];
    let cells = line_cells(doc.shadow(), b.span);
    let names_a_row = cells
        .first()
        .is_some_and(|c| names_row(kind, &fold_label(&doc.shadow()[c.start..c.end])));
    let p = pieces_for(pieces, kind, b.span);
    p.has_figures |= cells.len() > 1 || cells.len() == 1 && is_lone_figure(doc, cells[0]);
    p.named += usize::from(names_a_row);
    p.labels.push(block);
    p.pieces += 1;
    p.span.end = p.span.end.max(b.span.end);
    p.rows.push(Row {
        cells: cells
            .into_iter()
            .map(Cell::plain)
            .collect(),
        span: b.span,
    });
}

/// Whether the one cell of a line is a figure: a cell of a table copied one cell per line.
fn is_lone_figure(doc: &Document, cell: Span) -> bool {
    matches!(
        CellValue::parse(doc.shadow_slice(cell)),
        CellValue::Number(_) | CellValue::Dash
    )
}

/// Rows of one figure each after a label with none gathered into the label's row: a table
/// copied from a web page or a PDF one cell per line ("行政许可", "97") reads as it was drawn.
/// A row that already holds figures stays as it is, and so do the figures after it.
fn one_row_per_label(doc: &Document, rows: Vec<Row>) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    // The row in `out` that takes the lone figures that follow it.
    let mut open: Option<usize> = None;
    for row in rows {
        let lone = matches!(row.cells.as_slice(), [one] if is_lone_figure(doc, one.span));
        if lone {
            if let Some(at) = open {
                let label = &mut out[at];
                label.span.end = label.span.end.max(row.span.end);
                label.cells.extend(row.cells);
                continue;
            }
        }
        let label_only = !row.cells.is_empty()
            && row
                .cells
                .iter()
                .all(|c| CellValue::parse(doc.shadow_slice(c.span)) == CellValue::Text);
        open = label_only.then_some(out.len());
        out.push(row);
    }
    out
}

/// A line as cells: its label, then each figure written after it ("行政许可 97", "规章 0 0 0",
/// "一、本年新收政府信息公开申请数量 450000045"). Figures are runs of digits at the end of the
/// line, apart by spaces or glued to the label.
pub fn line_cells(text: &str, span: Span) -> Vec<Span> {
    let line = &text[span.start..span.end];
    if line.contains('|') {
        return pipe_separated(line, span.start);
    }
    let is_fig = |c: char| c.is_ascii_digit() || matches!(c, '.' | ',');
    let mut figures: Vec<Span> = Vec::new();
    let mut end = line.len();
    loop {
        let body = line[..end].trim_end();
        let trimmed_end = body.len();
        let start = body
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_fig(*c))
            .last()
            .map(|(i, _)| i);
        let Some(start) = start else { break };
        if !body[start..].starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        figures.push(Span::new(span.start + start, span.start + trimmed_end));
        end = start;
        // Figures are apart by spaces; a figure glued to the label ends the run.
        if !line[..end].ends_with([' ', '\t', '\u{3000}']) {
            break;
        }
    }
    figures.reverse();
    let label = line[..end].trim_end();
    let mut cells = Vec::with_capacity(figures.len() + 1);
    if !label.trim().is_empty() {
        let lead = label.len() - label.trim_start().len();
        cells.push(Span::new(span.start + lead, span.start + label.len()));
    }
    cells.extend(figures);
    cells
}

/// Cells of a line that a crawler wrote with pipes after (or between) its cells but not
/// before them ("信息内容 |", "规章 | 0 | 0 |"): a blank between two pipes is a blank cell,
/// nothing before the first or after the last pipe is no cell.
fn pipe_separated(line: &str, base: usize) -> Vec<Span> {
    let mut cells = Vec::new();
    let mut start = 0;
    let ends = line.match_indices('|').map(|(i, _)| i).chain([line.len()]);
    for end in ends {
        let raw = &line[start..end];
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        cells.push(Span::new(
            base + start + lead,
            base + start + lead + trimmed.len(),
        ));
        start = end + 1;
    }
    while cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    let blank_lead = cells.iter().take_while(|c| c.is_empty()).count();
    cells.drain(..blank_lead);
    cells
}

/// The table a section heading or caption names: 二、主动公开政府信息情况, 表三：收到和处理…,
/// 四、政府信息公开行政复议、行政诉讼情况 (template-tables.yaml `recognition.headings`).
fn cue(text: &str) -> Option<&'static str> {
    super::template().recognition.heading(text)
}

/// A short plain line that names a table: a caption (表三：…, 第二十条第（一）项), not a sentence
/// that happens to name one.
fn caption_cue(text: &str) -> Option<&'static str> {
    let caption = super::template().recognition.is_caption_start(text)
        || text.chars().count() <= MAX_CUE_CHARS;
    caption.then(|| cue(text)).flatten()
}

/// Whether a numbered line inside a table's section is one of its labels rather than the next
/// heading of the report: table 三's rows are numbered like headings (一、本年新收…, （一）予以公开,
/// 1.属于国家秘密), and a label cut by a page break may be a fragment of one (（三）不).
fn is_label_heading(
    kind: &str,
    style: crate::model::MarkerStyle,
    text: &str,
    title_chars: usize,
) -> bool {
    use crate::model::MarkerStyle;
    let Some(spec) = super::table_spec(kind) else {
        return false;
    };
    if names_row(kind, text) || spec.header_words.iter().any(|w| text.contains(w.as_str())) {
        return true;
    }
    spec.numbered_labels
        && !matches!(style, MarkerStyle::CnDun | MarkerStyle::CnPart)
        && title_chars <= MAX_CUE_CHARS
        && !text.contains('。')
}

/// Whether a label names a row of the table (in a block of table 二 too).
fn names_row(kind: &str, text: &str) -> bool {
    table_spec(kind).is_some_and(|spec| {
        spec.rows
            .iter()
            .chain(spec.blocks.iter().flat_map(|b| &b.rows))
            .any(|r| r.pattern.is_match(text))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(line: &str) -> Vec<&str> {
        line_cells(line, Span::new(0, line.len()))
            .into_iter()
            .map(|s| &line[s.start..s.end])
            .collect()
    }

    #[test]
    fn a_line_is_read_as_a_label_and_its_figures() {
        assert_eq!(cells("行政许可 97"), ["行政许可", "97"]);
        assert_eq!(cells("行政许可97"), ["行政许可", "97"]);
        assert_eq!(cells("规章 0 0 0"), ["规章", "0", "0", "0"]);
        assert_eq!(
            cells("行政事业性收费 4068.208"),
            ["行政事业性收费", "4068.208"]
        );
        assert_eq!(
            cells("一、本年新收政府信息公开申请数量 450000045"),
            ["一、本年新收政府信息公开申请数量", "450000045"]
        );
        // Cells a crawler wrote with pipes after them, and pipes between.
        assert_eq!(cells("信息内容 |"), ["信息内容"]);
        assert_eq!(cells("规章 | 0 |  | 3 |"), ["规章", "0", "", "3"]);
        assert_eq!(cells("| 1 | 0 |"), ["1", "0"]);
        assert_eq!(cells("第二十条第（五）项"), ["第二十条第（五）项"]);
        assert_eq!(cells("1"), ["1"]);
    }

    #[test]
    fn sections_and_captions_name_their_tables() {
        assert_eq!(cue("四、政府信息公开行政复议、行政诉讼情况"), Some("t4"));
        assert_eq!(cue("三、收到和处理政府信息公开申请情况"), Some("t3"));
        assert_eq!(cue("二、主动公开政府信息情况"), Some("t2"));
        assert_eq!(cue("四、政府信息公开申请情况"), None);
        assert_eq!(
            caption_cue("表三:收到和处理政府信息公开申请情况"),
            Some("t3")
        );
    }
}
