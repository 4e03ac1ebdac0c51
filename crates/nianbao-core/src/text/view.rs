//! The text every line number and span refers to, with a simplified-Chinese shadow of it that
//! has the same byte offsets, so rules are written once in simplified characters.

use super::floor_boundary as floor_char;
use super::source_map::SourceMap;
use std::sync::OnceLock;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
    pub fn shift(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

pub struct TextView {
    text: String,
    /// None when the text is already simplified: the shadow is the text itself.
    shadow: Option<String>,
    line_starts: Vec<usize>,
    pub encoding: &'static str,
    pub traditional: bool,
    /// Where the text came from in the original file (第3段, 第2页, 工作表1第5行), by the offset
    /// where that part starts; empty for plain text, where the text is the original.
    origins: Vec<(usize, String)>,
    /// A workbook of statistical tables (an annex), not a report.
    pub annex: bool,
    /// The file the text was read from, when it was read from one (named in messages).
    pub source: Option<std::path::PathBuf>,
    /// The names of the files in the folder it was read from, as the loader found them (the
    /// annex a report names is looked for there); None when it was not read from a folder, or
    /// the folder could not be listed in full.
    pub beside: Option<std::sync::Arc<[String]>>,
    /// The rows of tables that came as grids, in text order (see `set_grid_rows`).
    grid_rows: Vec<super::grid::GridRow>,
    /// What the reader left out, in words for the user (a cap reached): said by `IO-LIMIT`.
    pub notices: Vec<String>,
    /// Suppressions written as Word comments: the 1-based lines of the commented paragraph and
    /// the comment's text (`nianbao-disable RULE 理由`).
    pub comment_suppressions: Vec<(usize, usize, String)>,
    /// The file's own text, when the reading text differs from it (markdown syntax dropped,
    /// wrapped lines joined): lines and columns are counted there.
    original: Option<Original>,
}

struct Original {
    text: String,
    line_starts: Vec<usize>,
    map: SourceMap,
}

impl std::fmt::Debug for TextView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextView")
            .field("bytes", &self.text.len())
            .field("encoding", &self.encoding)
            .finish()
    }
}

/// The grid rows (spans in `source`) that `text`, made from `source` through `map`, has
/// unchanged, with spans in `text`.
fn unchanged_rows(
    text: &str,
    source: &str,
    map: Option<&SourceMap>,
    rows: Vec<super::grid::GridRow>,
) -> Vec<super::grid::GridRow> {
    let to_reading = |at: usize| match map {
        Some(m) => m.to_reading(at),
        None => Some(at),
    };
    let mut kept = Vec::new();
    for mut row in rows {
        let (Some(start), Some(end)) = (to_reading(row.span.start), to_reading(row.span.end))
        else {
            continue;
        };
        if end < start
            || end - start != row.span.len()
            || text.get(start..end) != source.get(row.span.start..row.span.end)
        {
            continue;
        }
        // The row's text is there unchanged: its cells are where they were in it.
        for cell in &mut row.cells {
            cell.span = Span::new(
                start + (cell.span.start - row.span.start),
                start + (cell.span.end - row.span.start),
            );
        }
        row.span = Span::new(start, end);
        kept.push(row);
    }
    kept.sort_by_key(|r| r.span.start);
    kept
}

impl TextView {
    /// Whether the file `name` is beside this one, with its name as the folder has it:
    /// None when that is not known (the folder was not listed, or the name is a path into
    /// another folder). Windows matches names without case.
    pub fn file_beside(&self, name: &str) -> Option<Option<&str>> {
        if name.contains(['/', '\\']) {
            return None;
        }
        let beside = self.beside.as_ref()?;
        Some(
            beside
                .iter()
                .find(|b| b.as_str() == name || (cfg!(windows) && b.eq_ignore_ascii_case(name)))
                .map(String::as_str),
        )
    }

    /// Builds the view from decoded text: drops a leading BOM and folds CRLF and lone CR to LF
    /// so that line numbers mean the same thing in every editor.
    pub fn new(raw: &str, encoding: &'static str) -> TextView {
        TextView::build(fold_breaks(raw), encoding)
    }

    /// The view of a plain-text or markdown file: its reading text (see `reflow`), with lines
    /// and columns still counted in the file.
    pub fn read_plain(raw: &str, encoding: &'static str, markdown: bool) -> TextView {
        let original = fold_breaks(raw);
        // Tables written as HTML become pipe rows first; the repair then reads them as rows.
        let (text, map, grid_rows) = match super::html_tables::rewrite(&original) {
            None => {
                let (text, map) = super::reflow::reflow(&original, markdown);
                (text, map, Vec::new())
            }
            Some(t) => {
                let (text, map) = super::reflow::reflow(&t.text, markdown);
                let rows = unchanged_rows(&text, &t.text, map.as_ref(), t.rows);
                let map = match map {
                    Some(m) => m.then(&t.map),
                    None => t.map,
                };
                (text, Some(map), rows)
            }
        };
        let mut view = TextView::build(text, encoding);
        view.grid_rows = grid_rows;
        if let Some(map) = map {
            let mut line_starts = vec![0];
            line_starts.extend(memchr::memchr_iter(b'\n', original.as_bytes()).map(|i| i + 1));
            view.original = Some(Original {
                text: original,
                line_starts,
                map,
            });
        }
        view
    }

    fn build(text: String, encoding: &'static str) -> TextView {
        let (shadow, traditional) = simplified_shadow(&text);
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        TextView {
            text,
            shadow,
            line_starts,
            encoding,
            traditional,
            origins: Vec::new(),
            annex: false,
            source: None,
            beside: None,
            grid_rows: Vec::new(),
            notices: Vec::new(),
            comment_suppressions: Vec::new(),
            original: None,
        }
    }

    pub fn from_text(text: &str) -> TextView {
        TextView::new(text, "UTF-8")
    }

    /// The original text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The simplified shadow: same length and char boundaries as `text()`.
    pub fn shadow(&self) -> &str {
        self.shadow.as_deref().unwrap_or(&self.text)
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    pub fn shadow_slice(&self, span: Span) -> &str {
        &self.shadow()[span.start..span.end]
    }

    /// 1-based line and 1-based column counted in characters, in the file itself.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        match &self.original {
            Some(o) => line_col_in(&o.text, &o.line_starts, o.map.to_source(offset)),
            None => line_col_in(&self.text, &self.line_starts, offset),
        }
    }

    /// Lines and columns of many offsets at once, in the order given: offsets in increasing
    /// order are counted on from the one before, so that findings on one long line (a page
    /// crawled into one line) do not each count that line from its start.
    pub fn line_cols(&self, offsets: &[usize]) -> Vec<(usize, usize)> {
        let (text, starts) = match &self.original {
            Some(o) => (o.text.as_str(), o.line_starts.as_slice()),
            None => (self.text.as_str(), self.line_starts.as_slice()),
        };
        let mut last: Option<(usize, usize, usize)> = None; // (source offset, line, column)
        offsets
            .iter()
            .map(|&off| {
                let at = floor_char(
                    text,
                    self.to_source(off.min(self.text.len())).min(text.len()),
                );
                let line = match starts.binary_search(&at) {
                    Ok(i) => i,
                    Err(i) => i - 1,
                };
                let col = match last {
                    Some((prev, prev_line, prev_col)) if prev_line == line && prev <= at => {
                        prev_col + text[prev..at].chars().count()
                    }
                    _ => text[starts[line]..at].chars().count() + 1,
                };
                last = Some((at, line, col));
                (line + 1, col)
            })
            .collect()
    }

    /// Gives the view the grid rows of its tables, with spans in `source_text` (what the reader
    /// built). A row is kept only where the reading text has it unchanged, cell by cell; one
    /// the repair changed is read from its pipe text like any other.
    pub fn set_grid_rows(&mut self, rows: Vec<super::grid::GridRow>) {
        let map = self.original.as_ref().map(|o| &o.map);
        self.grid_rows = unchanged_rows(&self.text, self.source_text(), map, rows);
    }

    /// The grid row whose pipe text starts at `line_start`, if the line is one.
    pub fn grid_row(&self, line_start: usize) -> Option<&super::grid::GridRow> {
        let i = self
            .grid_rows
            .binary_search_by_key(&line_start, |r| r.span.start)
            .ok()?;
        Some(&self.grid_rows[i])
    }

    /// The file's own text, which `line_col` counts in: the reading text unless that differs.
    pub fn source_text(&self) -> &str {
        self.original.as_ref().map_or(&self.text, |o| &o.text)
    }

    /// Where an offset of the reading text lies in `source_text`.
    pub fn to_source(&self, offset: usize) -> usize {
        self.original
            .as_ref()
            .map_or(offset, |o| o.map.to_source(offset))
    }

    /// A span of the reading text in `source_text`. Its end is mapped from its last byte, so
    /// that a span ending where a dropped line break was does not take the break in.
    pub fn span_to_source(&self, span: Span) -> Span {
        let start = self.to_source(span.start);
        if span.is_empty() {
            return Span::new(start, start);
        }
        Span::new(start, (self.to_source(span.end - 1) + 1).max(start))
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Offsets must be those of the text given to `new` or `read_plain` (no CR was folded in
    /// built text).
    pub fn set_origins(&mut self, mut origins: Vec<(usize, String)>) {
        origins.sort_by_key(|o| o.0);
        self.origins = origins;
    }

    /// What the user calls the file, for hints ("请更正Word 文档中的…").
    pub fn document_word(&self) -> &'static str {
        let ext = self
            .source
            .as_ref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("docx") => "Word 文档",
            Some("pdf") => "PDF 文件",
            Some("html" | "htm") => "网页",
            Some("xlsx" | "xls" | "xlsm" | "ods") => "表格文件",
            _ => "报告",
        }
    }

    /// Where an offset lies in the original file, for formats that are not plain text.
    pub fn origin(&self, offset: usize) -> Option<&str> {
        let offset = self.to_source(offset);
        let i = self.origins.partition_point(|o| o.0 <= offset);
        i.checked_sub(1).map(|i| self.origins[i].1.as_str())
    }
}

fn line_col_in(text: &str, line_starts: &[usize], offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let line = match line_starts.binary_search(&offset) {
        Ok(i) => i,
        Err(i) => i - 1,
    };
    let start = floor_char(text, offset);
    let col = text[line_starts[line]..start].chars().count() + 1;
    (line + 1, col)
}

/// Drops a leading BOM and folds CRLF and lone CR to LF, so that line numbers mean the same
/// thing in every editor.
fn fold_breaks(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{FEFF}').unwrap_or(raw);
    if memchr::memchr(b'\r', raw.as_bytes()).is_some() {
        raw.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        raw.to_owned()
    }
}

// `T2S`: each traditional character OpenCC simplifies to one character of the same length,
// sorted; generated by build.rs.
include!(concat!(env!("OUT_DIR"), "/t2s.rs"));

fn simplify_char(c: char) -> char {
    T2S.binary_search_by_key(&c, |p| p.0)
        .map_or(c, |i| T2S[i].1)
}

/// Characters common in traditional text and absent from simplified text. Checking these first
/// keeps the conversion off the path of simplified reports.
const TRADITIONAL_MARKERS: &str =
    "開與這區會們個國來時說現發對學經歲關樣長門問間頭覽條實據報處應總務導視體檢監當隨辦濟識舉認權";

/// First and last code point of the unified CJK block, where every marker lies.
const CJK: (u32, u32) = (0x4E00, 0x9FFF);

fn is_traditional_marker(c: char) -> bool {
    // A bit per code point of the block: one load per character of the sample.
    static BITS: OnceLock<Vec<u64>> = OnceLock::new();
    let bits = BITS.get_or_init(|| {
        let mut bits = vec![0u64; ((CJK.1 - CJK.0) as usize / 64) + 1];
        for m in TRADITIONAL_MARKERS.chars() {
            let i = (m as u32 - CJK.0) as usize;
            bits[i / 64] |= 1 << (i % 64);
        }
        bits
    });
    let c = c as u32;
    if !(CJK.0..=CJK.1).contains(&c) {
        return false;
    }
    let i = (c - CJK.0) as usize;
    bits[i / 64] & (1 << (i % 64)) != 0
}

/// How much of the text is sampled to tell traditional from simplified writing.
const SAMPLE_BYTES: usize = 4096;

fn simplified_shadow(text: &str) -> (Option<String>, bool) {
    let mut sample_end = SAMPLE_BYTES.min(text.len());
    while !text.is_char_boundary(sample_end) {
        sample_end -= 1;
    }
    let hits = text[..sample_end]
        .chars()
        .filter(|c| is_traditional_marker(*c))
        .take(3)
        .count();
    if hits < 3 {
        return (None, false);
    }
    // Character by character: phrases would change character counts, which the shadow may not
    // (on the corpus the result is OpenCC's whole-text conversion, character for character).
    let out: String = text.chars().map(simplify_char).collect();
    debug_assert_eq!(out.len(), text.len());
    (Some(out), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_folded_and_columns_count_characters() {
        let v = TextView::from_text("\u{FEFF}一、总体情况\r\n全年共受理申请5件。");
        assert_eq!(v.text(), "一、总体情况\n全年共受理申请5件。");
        let off = v.text().find('5').unwrap();
        assert_eq!(v.line_col(off), (2, 8));
        assert_eq!(v.line_col(0), (1, 1));
    }

    #[test]
    fn the_character_table_is_sorted_and_keeps_lengths() {
        assert!(T2S.len() > 2000, "{}", T2S.len());
        assert!(T2S.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(T2S
            .iter()
            .all(|(t, s)| t.len_utf8() == s.len_utf8() && t != s));
        for (t, s) in [('開', '开'), ('體', '体'), ('條', '条'), ('總', '总')] {
            assert_eq!(simplify_char(t), s);
        }
        assert_eq!(simplify_char('开'), '开');
        assert_eq!(simplify_char('a'), 'a');
    }

    #[test]
    fn traditional_shadow_keeps_offsets() {
        let t = "政府信息公開工作總體情況。二、存在問題及改進措施，開展檢查。";
        let v = TextView::from_text(t);
        assert!(v.traditional);
        assert_eq!(v.shadow().len(), t.len());
        assert!(v.shadow().contains("政府信息公开工作总体情况"));
        assert!(v.shadow().contains("存在问题及改进措施"));
    }

    #[test]
    fn markers_are_found_by_their_bits() {
        for m in TRADITIONAL_MARKERS.chars() {
            assert!(is_traditional_marker(m), "{m}");
        }
        for c in ['开', '与', '这', '国', 'a', '。', '\u{4E00}', '\u{9FFF}'] {
            assert!(!is_traditional_marker(c), "{c}");
        }
    }

    #[test]
    fn simplified_text_is_its_own_shadow() {
        let v = TextView::from_text("一、总体情况");
        assert!(!v.traditional);
        assert_eq!(v.shadow(), v.text());
    }
}
