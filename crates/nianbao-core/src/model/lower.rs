//! Parses the lines of a text view with `grammar/document.pest` and lowers them into the
//! document model: one function per construct.

use crate::model::{
    nest_headings, preface_span, Block, BlockKind, Cell, Document, Heading, MarkerStyle, Row, Table,
};
use crate::syntax::quantity::scan_quantities;
use crate::text::normalize::cn_numeral_value;
use crate::text::{Span, TextView};
use pest::iterators::Pair;
use pest::Parser;
use pest_derive::Parser;

#[derive(Parser)]
#[grammar = "../../../grammar/document.pest"]
struct DocumentParser;

/// How far from the top a title line is looked for.
const TITLE_SEARCH_LINES: usize = 8;

pub fn parse_document(view: &TextView) -> Document<'_> {
    let shadow = view.shadow();
    // Sized up front: growing these one line at a time copies them over and over.
    let mut blocks = Vec::with_capacity(view.line_count());
    let mut headings = Vec::new();
    let mut off = 0;
    for (line_no, raw) in shadow.split('\n').enumerate() {
        let raw_span = Span::new(off, off + raw.len());
        off += raw.len() + 1;
        let span = trim_span(shadow, raw_span);
        if span.is_empty() {
            continue;
        }
        // Entries see the line from its first character to its end (trailing tabs are cells).
        let line = Line {
            text: &shadow[span.start..raw_span.end],
            base: span.start,
        };
        // A row of a table the reader got as a grid has its cells already: no split again.
        let block = match view.grid_row(span.start) {
            Some(row) => Block {
                kind: BlockKind::TableRow {
                    cells: row.cells.iter().map(|c| c.span).collect(),
                },
                span,
                line: line_no,
            },
            None => lower_line(line, span, line_no, &mut headings, blocks.len()),
        };
        blocks.push(block);
    }
    mark_footers(&mut blocks, shadow);
    let title = find_title(&blocks, shadow);
    if let Some(t) = title {
        if let BlockKind::Heading(h) = blocks[t].kind {
            headings.remove(h);
            for b in blocks.iter_mut().skip(t + 1) {
                if let BlockKind::Heading(i) = &mut b.kind {
                    *i -= 1;
                }
            }
        }
        blocks[t].kind = BlockKind::Title;
    }
    mark_trailing_chrome(&mut blocks, shadow);
    let body = body_span(&blocks, title, shadow.len());
    nest_headings(&mut headings, &blocks, body.end);
    let preface = preface_span(&blocks, &headings, body);
    // Reports in the corpus have a figure or date per 140 to 390 bytes.
    let mut tokens = Vec::with_capacity((shadow.len() / 128).min(4096));
    for b in &blocks {
        if matches!(
            b.kind,
            BlockKind::Paragraph | BlockKind::Heading(_) | BlockKind::Title
        ) && b.span.start >= body.start.min(b.span.start)
        {
            tokens.extend(scan_quantities(
                &shadow[b.span.start..b.span.end],
                b.span.start,
            ));
        }
    }
    let tables = group_tables(&blocks, view);
    Document {
        view,
        blocks,
        headings,
        title,
        body,
        preface,
        tokens,
        tables,
    }
}

fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let is_pad = |c: char| c.is_whitespace() || c == '\u{FEFF}';
    let lead = s.len() - s.trim_start_matches(is_pad).len();
    let trail = s.len() - s.trim_end_matches(is_pad).len();
    if lead + trail >= s.len() {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.end - trail)
}

/// One line of the text view as an entry of the grammar sees it.
#[derive(Clone, Copy)]
struct Line<'t> {
    text: &'t str,
    /// Offset of `text` in the view.
    base: usize,
}

impl<'t> Line<'t> {
    /// The line parsed as `entry`, if it has that form: the pair of the construct inside it.
    fn parse(self, entry: Rule) -> Option<Pair<'t, Rule>> {
        DocumentParser::parse(entry, self.text)
            .ok()?
            .next()?
            .into_inner()
            .next()
    }

    /// Where a pair of this line lies in the view.
    fn span(self, p: &Pair<Rule>) -> Span {
        Span::new(
            self.base + p.as_span().start(),
            self.base + p.as_span().end(),
        )
    }
}

// `may_start_chrome`, `may_start_metadata`, `may_start_numbered`: the characters a chrome line
// (breadcrumb or footer key), a metadata key and a heading marker can start with, computed by
// build.rs from the grammar's rules.
include!(concat!(env!("OUT_DIR"), "/first_chars.rs"));

/// Whether a line has a gap between columns (two spaces, an ideographic space, two NBSPs): only
/// such a line can be a column-aligned table row.
fn has_column_gap(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr3_iter(b' ', 0xE3, 0xC2, b).any(|i| {
        let rest = &b[i..];
        rest.starts_with(b"  ")
            || rest.starts_with("\u{3000}".as_bytes())
            || rest.starts_with("\u{A0}\u{A0}".as_bytes())
    })
}

fn lower_line(
    line: Line,
    span: Span,
    line_no: usize,
    headings: &mut Vec<Heading>,
    block_index: usize,
) -> Block {
    let block = |kind| Block {
        kind,
        span,
        line: line_no,
    };
    let first = line.text.chars().next().unwrap_or(' ');
    if first == '|' {
        if let Some(cells) = pipe_cells(line) {
            return block(table_row(cells, line));
        }
    }
    if line.text.contains('\t') {
        if let Some(p) = line.parse(Rule::line_tab) {
            return block(lower_loose_row(p, line));
        }
    }
    if may_start_chrome(first) && line.parse(Rule::line_chrome).is_some() {
        return block(BlockKind::Chrome);
    }
    if may_start_metadata(first) {
        if let Some(p) = line.parse(Rule::line_metadata) {
            return block(lower_metadata(p, line));
        }
    }
    // A row of a column-aligned table may start like a numbered heading (（一）予以公开  20  2 …).
    if let Some(row) = aligned_row(line) {
        return block(row);
    }
    if may_start_numbered(first) {
        if let Some(h) = read_marker(line.text).and_then(|m| heading(m, line, block_index)) {
            headings.push(h);
            return block(BlockKind::Heading(headings.len() - 1));
        }
    }
    block(BlockKind::Paragraph)
}

/// How many lines at the bottom of a page can be its footer.
const CHROME_LINES_BOTTOM: usize = 8;

/// A footer sits at the bottom of a saved page and may carry its key mid-line (电话:… 主办单位:…);
/// only lines there are searched. Chrome at the top starts with its key and the grammar sees it.
fn mark_footers(blocks: &mut [Block], shadow: &str) {
    let n = blocks.len();
    for (i, b) in blocks.iter_mut().enumerate() {
        if i + CHROME_LINES_BOTTOM >= n
            && matches!(b.kind, BlockKind::Paragraph)
            && is_footer(&shadow[b.span.start..b.span.end])
        {
            b.kind = BlockKind::Chrome;
        }
    }
}

/// Longest line (in characters) that can be a page footer.
const MAX_FOOTER_CHARS: usize = 160;

/// A short line that carries a footer key anywhere (电话:… 主办单位:… ICP备…).
fn is_footer(line: &str) -> bool {
    line.chars().count() <= MAX_FOOTER_CHARS
        && line.char_indices().any(|(i, c)| {
            may_start_chrome(c)
                && DocumentParser::parse(Rule::footer_key, &line[i..])
                    .ok()
                    .and_then(|mut p| p.next())
                    .is_some_and(|p| !p.as_str().is_empty())
        })
}

/// The grammar's `PAD`: what may indent a marker's number or follow a row's last pipe.
fn is_pad(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{3000}' | '\u{A0}' | '\u{2002}' | '\u{2003}' | '\u{FEFF}'
    )
}

/// The cells of a pipe table row (`| a | b |`) as the grammar's `line_table` reads them, split
/// here without a parser call: a table is many rows, and a row costs the parser more than the
/// split. A test holds the two to the same cells on every line of the corpus.
fn pipe_cells(line: Line) -> Option<Vec<Span>> {
    let t = line.text;
    if !t.starts_with('|') {
        return None;
    }
    let mut cells = Vec::new();
    let mut start = 1;
    for i in memchr::memchr_iter(b'|', &t.as_bytes()[1..]).map(|i| i + 1) {
        cells.push(Span::new(line.base + start, line.base + i));
        start = i + 1;
    }
    let padding_only = t[start..].chars().all(is_pad);
    (padding_only && !cells.is_empty()).then_some(cells)
}

fn table_row(cells: Vec<Span>, line: Line) -> BlockKind {
    let cells = cells
        .into_iter()
        .map(|s| {
            let t = trim_span_in(line, s);
            if t.is_empty() {
                Span::new(s.start, s.start)
            } else {
                t
            }
        })
        .collect();
    BlockKind::TableRow { cells }
}

/// `trim_span` for a span of a line.
fn trim_span_in(line: Line, span: Span) -> Span {
    trim_span(
        line.text,
        Span::new(span.start - line.base, span.end - line.base),
    )
    .shift(line.base)
}

/// A line of column-aligned figures (pdftotext -layout); only lines with a gap are tried.
fn aligned_row(line: Line) -> Option<BlockKind> {
    if !has_column_gap(line.text) {
        return None;
    }
    let row = line.parse(Rule::line_aligned)?;
    let cells: Vec<Span> = row
        .into_inner()
        .map(|p| trim_span_in(line, line.span(&p)))
        .filter(|s| !s.is_empty())
        .collect();
    figure_row(line, cells)
}

/// Cells read from a tab- or space-separated line make a table row only when enough of them are
/// figures (or blanks); otherwise the line is prose.
fn figure_row(line: Line, cells: Vec<Span>) -> Option<BlockKind> {
    let figures = cells
        .iter()
        .filter(|c| {
            crate::model::CellValue::parse(&line.text[c.start - line.base..c.end - line.base])
                .is_figure()
        })
        .count();
    (figures >= MIN_FIGURE_CELLS).then_some(BlockKind::TableRow { cells })
}

/// Share of a loose row's cells that must be figures (or blanks) for it to be a table row;
/// prose with a tab or double spaces in it stays prose.
const MIN_FIGURE_CELLS: usize = 2;

fn lower_loose_row(pair: Pair<Rule>, line: Line) -> BlockKind {
    let cells: Vec<Span> = pair
        .into_inner()
        .map(|p| trim_span_in(line, line.span(&p)))
        .filter(|s| !s.is_empty())
        .collect();
    figure_row(line, cells).unwrap_or(BlockKind::Paragraph)
}

fn lower_metadata(pair: Pair<Rule>, line: Line) -> BlockKind {
    let mut key = String::new();
    let mut value = line.span(&pair);
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::meta_key => key = p.as_str().to_string(),
            Rule::rest => value = trim_span_in(line, line.span(&p)),
            _ => {}
        }
    }
    BlockKind::Metadata { key, value }
}

/// A heading marker at the start of a line (一、 （一） 1. 1) ①): its length in bytes, its style
/// and the text of its number.
#[derive(Debug, PartialEq)]
struct Marker<'t> {
    len: usize,
    style: MarkerStyle,
    number: &'t str,
}

/// The marker the grammar's `marker` reads at the start of `text`, read here without a parser
/// call: every heading of a report is one, and the parser costs more than the marker. Each
/// form is tried in the grammar's order, with its greedy repetitions; a test holds the two to
/// the same headings on every line of the corpus.
fn read_marker(text: &str) -> Option<Marker<'_>> {
    fn is_digit(c: char) -> bool {
        c.is_ascii_digit() || ('０'..='９').contains(&c)
    }
    fn is_cn(c: char) -> bool {
        matches!(
            c,
            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '〇' | '零' | '十'
        )
    }
    /// Bytes of at most `most` leading characters of `s` that satisfy `f`.
    fn take(s: &str, most: usize, f: fn(char) -> bool) -> usize {
        s.char_indices()
            .take(most)
            .take_while(|(_, c)| f(*c))
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8())
    }
    fn pads(s: &str) -> usize {
        s.len() - s.trim_start_matches(is_pad).len()
    }
    let first = text.chars().next()?;
    if matches!(first, '（' | '(') {
        let inside = &text[first.len_utf8()..];
        let lead = pads(inside);
        let s = &inside[lead..];
        for (style, f, most) in [
            (MarkerStyle::ParenCn, is_cn as fn(char) -> bool, 3),
            (MarkerStyle::ParenArabic, is_digit, 2),
        ] {
            let n = take(s, most, f);
            if n == 0 {
                continue;
            }
            let trail = pads(&s[n..]);
            if let Some(close) = s[n + trail..]
                .chars()
                .next()
                .filter(|c| matches!(c, '）' | ')'))
            {
                return Some(Marker {
                    len: first.len_utf8() + lead + n + trail + close.len_utf8(),
                    style,
                    number: &s[..n],
                });
            }
        }
        return None;
    }
    let next = |n: usize| text[n..].chars().next();
    let cn = take(text, 3, is_cn);
    if cn > 0 {
        return next(cn)
            .filter(|c| match c {
                '、' | '，' | '．' => true,
                '.' => !text[cn + 1..].chars().next().is_some_and(is_digit),
                _ => false,
            })
            .map(|c| Marker {
                len: cn + c.len_utf8(),
                style: MarkerStyle::CnDun,
                number: &text[..cn],
            });
    }
    if let Some(after) = text.strip_prefix('第') {
        let cn = take(after, 3, is_cn);
        let rest = &after[cn..];
        if cn == 0 || !rest.starts_with("部分") {
            return None;
        }
        let tail = rest["部分".len()..]
            .chars()
            .next()
            .filter(|c| matches!(c, '、' | '，' | '：' | ':' | '．'))
            .map_or(0, char::len_utf8);
        return Some(Marker {
            len: '第'.len_utf8() + cn + "部分".len() + tail,
            style: MarkerStyle::CnPart,
            number: &after[..cn],
        });
    }
    let digits = take(text, 2, is_digit);
    if digits > 0 {
        return match next(digits)? {
            c @ ('.' | '．' | '、')
                if !text[digits + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(is_digit) =>
            {
                Some((c, MarkerStyle::ArabicDot))
            }
            c @ (')' | '）') => Some((c, MarkerStyle::HalfParen)),
            _ => None,
        }
        .map(|(c, style)| Marker {
            len: digits + c.len_utf8(),
            style,
            number: &text[..digits],
        });
    }
    ('①'..='⑳').contains(&first).then(|| Marker {
        len: first.len_utf8(),
        style: MarkerStyle::Circled,
        number: &text[..first.len_utf8()],
    })
}

fn heading(marker: Marker, line: Line, block: usize) -> Option<Heading> {
    let number = match marker.style {
        MarkerStyle::Circled => marker.number.chars().next()? as u32 - 0x2460 + 1,
        _ => {
            let s: String = marker
                .number
                .chars()
                .map(crate::text::normalize::fold_char)
                .collect();
            s.parse().ok().or_else(|| cn_numeral_value(&s))?
        }
    };
    let marker_span = Span::new(line.base, line.base + marker.len);
    let rest = trim_span_in(
        line,
        Span::new(marker_span.end, line.base + line.text.len()),
    );
    if rest.is_empty() {
        return None;
    }
    let text = &line.text[rest.start - line.base..rest.end - line.base];
    // A byte search: 。's last byte is a common continuation byte, so `str::find` would stop
    // at many places in Chinese text to check.
    let (title, run_in) = match memchr::memmem::find(text.as_bytes(), "。".as_bytes()) {
        Some(p) if p + '。'.len_utf8() < text.len() => (
            Span::new(rest.start, rest.start + p),
            Some(Span::new(rest.start + p + '。'.len_utf8(), rest.end)),
        ),
        Some(p) => (Span::new(rest.start, rest.start + p), None),
        None => (rest, None),
    };
    Some(Heading {
        style: marker.style,
        number,
        marker: marker_span,
        title,
        run_in,
        level: 0,
        parent: None,
        section_end: 0,
        block,
    })
}

/// The title: an early, unnumbered line naming a report and a year, not a sentence.
fn find_title(blocks: &[Block], shadow: &str) -> Option<usize> {
    for (i, b) in blocks.iter().enumerate().take(TITLE_SEARCH_LINES + 4) {
        if b.line > TITLE_SEARCH_LINES + 4 {
            break;
        }
        match b.kind {
            BlockKind::Chrome | BlockKind::Metadata { .. } => continue,
            BlockKind::Paragraph => {
                let t = &shadow[b.span.start..b.span.end];
                let chars = t.chars().count();
                if chars <= 80 && t.contains("报告") && t.contains('年') && !t.contains('。') {
                    return Some(i);
                }
                if chars > 80 || t.contains('。') {
                    return None;
                }
            }
            _ => return None,
        }
    }
    None
}

/// Page chrome at the end of a saved web page: once a footer line appears after the report,
/// the short lines around and after it belong to the page, not to the report.
fn mark_trailing_chrome(blocks: &mut [Block], shadow: &str) {
    let Some(first_footer) = blocks
        .iter()
        .rposition(|b| matches!(b.kind, BlockKind::Chrome))
    else {
        return;
    };
    if blocks[first_footer].line < 5 {
        return;
    }
    let mut start = first_footer;
    while start > 0 && matches!(blocks[start - 1].kind, BlockKind::Chrome) {
        start -= 1;
    }
    for b in blocks.iter_mut().skip(start) {
        let short = shadow[b.span.start..b.span.end].chars().count() <= 80;
        if short && !matches!(b.kind, BlockKind::Heading(_)) {
            b.kind = BlockKind::Chrome;
        }
    }
}

fn body_span(blocks: &[Block], title: Option<usize>, len: usize) -> Span {
    let mut start = 0;
    for (i, b) in blocks.iter().enumerate() {
        match b.kind {
            BlockKind::Chrome | BlockKind::Metadata { .. } | BlockKind::Title => continue,
            _ if title.is_some_and(|t| i < t) => continue,
            _ => {
                start = b.span.start;
                break;
            }
        }
    }
    let end = blocks
        .iter()
        .rev()
        .find(|b| !matches!(b.kind, BlockKind::Chrome))
        .map(|b| b.span.end)
        .unwrap_or(len);
    Span::new(start.min(end), end)
}

/// Consecutive table rows form one table; the rows of a grid keep its merges.
fn group_tables(blocks: &[Block], view: &TextView) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    let mut open = false;
    for b in blocks {
        match &b.kind {
            BlockKind::TableRow { cells } => {
                let cells = match view.grid_row(b.span.start) {
                    Some(g) => g
                        .cells
                        .iter()
                        .map(|c| Cell {
                            span: c.span,
                            rowspan: c.rowspan,
                            colspan: c.colspan,
                            covered: c.covered,
                        })
                        .collect(),
                    None => cells.iter().map(|s| Cell::plain(*s)).collect(),
                };
                let row = Row {
                    cells,
                    span: b.span,
                };
                match tables.last_mut() {
                    Some(t) if open => {
                        t.span.end = b.span.end;
                        t.rows.push(row);
                    }
                    _ => tables.push(Table {
                        rows: vec![row],
                        span: b.span,
                        kind: None,
                        pieces: 1,
                    }),
                }
                open = true;
            }
            _ => open = false,
        }
    }
    tables
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_lines() {
        let v = TextView::from_text(
            "当前位置:首页 > 信息中心\n  某区2017年政府信息公开工作年度报告\n发布时间:2018-03-28\n\n一、概述\n（一）主动公开。全年公开100条。\n| 规章 | 13 |\n正文。\n主办单位：某区政府 ICP备123号",
        );
        let d = parse_document(&v);
        let kinds: Vec<&str> = d
            .blocks
            .iter()
            .map(|b| match b.kind {
                BlockKind::Title => "title",
                BlockKind::Metadata { .. } => "meta",
                BlockKind::Chrome => "chrome",
                BlockKind::Heading(_) => "heading",
                BlockKind::Paragraph => "para",
                BlockKind::TableRow { .. } => "row",
                BlockKind::TableLabel => "label",
            })
            .collect();
        assert_eq!(
            kinds,
            ["chrome", "title", "meta", "heading", "heading", "row", "para", "chrome"]
        );
        let h = &d.headings[1];
        assert_eq!(h.level, 1);
        assert_eq!(d.slice(h.title), "主动公开");
        assert_eq!(d.slice(h.run_in.unwrap()), "全年公开100条。");
        assert_eq!(d.headings[0].number, 1);
    }

    #[test]
    fn numbered_forms() {
        let v = TextView::from_text("报告\n十二、需要说明的事项\n(三)开展活动\n1、存在问题\n（1）充实内容\n1)建设项目\n①第一\n1.5万份宣传资料\n一是加强");
        let d = parse_document(&v);
        let got: Vec<(MarkerStyle, u32)> = d.headings.iter().map(|h| (h.style, h.number)).collect();
        assert_eq!(
            got,
            [
                (MarkerStyle::CnDun, 12),
                (MarkerStyle::ParenCn, 3),
                (MarkerStyle::ArabicDot, 1),
                (MarkerStyle::ParenArabic, 1),
                (MarkerStyle::HalfParen, 1),
                (MarkerStyle::Circled, 1)
            ]
        );
    }

    #[test]
    fn lines_are_tried_on_the_first_characters_of_their_forms() {
        for c in ['当', '首', '主', 'I', 'C', 'c', '©', '【', '字'] {
            assert!(may_start_chrome(c), "{c}");
        }
        for c in ['发', '来', '索', '浏', '点', '文'] {
            assert!(may_start_metadata(c), "{c}");
        }
        for c in [
            '0', '9', '０', '９', '①', '⑳', '（', '(', '一', '十', '〇', '零',
        ] {
            assert!(may_start_numbered(c), "{c}");
        }
        for c in ['的', '年', 'a', '|', ' ', '，'] {
            assert!(!may_start_chrome(c) && !may_start_metadata(c) && !may_start_numbered(c));
        }
    }

    /// The cells of a pipe row as the grammar reads them.
    fn grammar_pipe_cells(line: Line) -> Option<Vec<Span>> {
        let row = line.parse(Rule::line_table)?;
        Some(
            row.into_inner()
                .filter(|p| p.as_rule() == Rule::cell)
                .map(|p| line.span(&p))
                .collect(),
        )
    }

    #[test]
    fn pipe_rows_split_as_the_grammar_reads_them() {
        let lines = crate::corpus_texts::corpus_lines(&[
            "| a | b |",
            "|a|b|  ",
            "|a|b|\u{3000}\u{A0}",
            "| a | b | c",
            "||",
            "|",
            "| 一、本年新收 | 1 | 2 |\t",
            "|---|---|",
            "|a|b|x ",
        ]);
        let mut rows = 0;
        for text in &lines {
            let line = Line { text, base: 7 };
            let fast = pipe_cells(line);
            assert_eq!(fast, grammar_pipe_cells(line), "{text}");
            rows += usize::from(fast.is_some());
        }
        assert!(rows > crate::corpus_texts::at_least(100, 80), "{rows}");
    }

    /// The marker as the grammar reads it.
    fn grammar_marker(text: &str) -> Option<Marker<'_>> {
        let line = Line { text, base: 0 };
        let numbered = line.parse(Rule::line_numbered)?;
        let marker = numbered.into_inner().next()?;
        let len = marker.as_span().end();
        let form = marker.into_inner().next()?;
        let style = match form.as_rule() {
            Rule::cn_dun => MarkerStyle::CnDun,
            Rule::cn_part => MarkerStyle::CnPart,
            Rule::paren_cn => MarkerStyle::ParenCn,
            Rule::arabic_dot => MarkerStyle::ArabicDot,
            Rule::paren_arabic => MarkerStyle::ParenArabic,
            Rule::half_paren => MarkerStyle::HalfParen,
            _ => MarkerStyle::Circled,
        };
        let number = match style {
            MarkerStyle::Circled => form.as_str(),
            _ => form
                .into_inner()
                .find(|p| matches!(p.as_rule(), Rule::cn_num | Rule::digits))?
                .as_str(),
        };
        Some(Marker { len, style, number })
    }

    #[test]
    fn markers_read_as_the_grammar_reads_them() {
        let lines = crate::corpus_texts::corpus_lines(&[
            "1.总体",
            "12.总体",
            "123.总体",
            "１２．总体",
            "3)其他",
            "３）其他",
            "1.5万",
            "1、2",
            "一、总体",
            "十一、其他",
            "二十一、其他",
            "一二三四、",
            "一.总体",
            "一.5",
            "第一部分　总体情况",
            "第二部分：主动公开",
            "第十一部分",
            "第一是",
            "第部分",
            "一，其",
            "（一）主动",
            "( 一 )主动",
            "（ 12 ）申请",
            "(1)申请",
            "（123）",
            "（一二三四）",
            "（一",
            "①其他",
            "⑳",
            "（",
            "1",
            "一",
            "2017年",
            "一是",
            "\u{3000}一、",
        ]);
        let mut markers = 0;
        for text in &lines {
            let fast = read_marker(text);
            assert_eq!(fast, grammar_marker(text), "{text}");
            markers += usize::from(fast.is_some());
        }
        assert!(
            markers > crate::corpus_texts::at_least(150, 40),
            "{markers}"
        );
    }

    #[test]
    fn never_fails_on_odd_input() {
        for s in [
            "",
            "\n\n",
            "|",
            "||",
            "（",
            "一、",
            "\u{0}\u{FFFD}",
            "| a |\n| b",
        ] {
            let v = TextView::from_text(s);
            let _ = parse_document(&v);
        }
    }
}
