//! The reading text of a plain-text or markdown file: the file as its author wrote it, before
//! a PDF converter, a crawler or a markdown exporter got to it. Markdown syntax is dropped,
//! lines wrapped at a fixed width (PDF and OCR text) or broken across a blank line are joined,
//! a title wrapped over two lines is one line again, single spaces inside figures and words
//! (2025 年, 749 件) go, and the section headings of a body crawled into one line start lines
//! of their own. Every byte kept stays the source's byte, so a `SourceMap` leads back to the
//! file's own lines and columns.

use super::markdown;
use super::source_map::{Builder, SourceMap};
use regex::Regex;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

/// One line of the reading text as it is being built: the source slices it is made of.
#[derive(Debug, Clone, Default)]
struct Line<'s> {
    /// Source ranges, in order.
    segs: Vec<Range<usize>>,
    /// The line's text: borrowed from the source while it is one slice of it.
    text: Cow<'s, str>,
    /// What ends the line in the reading text.
    end: LineEnd,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
enum LineEnd {
    /// The source's line break at this offset.
    Source(usize),
    /// A line break the source does not have, before this source offset.
    Inserted(usize),
    /// Joined to the next line: the break (and any blank line) is dropped.
    Joined,
    /// The end of the text.
    #[default]
    Eof,
}

impl<'s> Line<'s> {
    fn from_segs(source: &'s str, segs: Vec<Range<usize>>, end: LineEnd) -> Line<'s> {
        let text = match segs.as_slice() {
            [] => Cow::Borrowed(""),
            [one] => Cow::Borrowed(&source[one.clone()]),
            more => {
                let mut text = String::with_capacity(more.iter().map(|s| s.len()).sum());
                for s in more {
                    text.push_str(&source[s.clone()]);
                }
                Cow::Owned(text)
            }
        };
        Line { segs, text, end }
    }

    /// The source offset of a byte of `text`, or of its end.
    fn source_at(&self, at: usize) -> usize {
        let mut seen = 0;
        for s in &self.segs {
            if at < seen + s.len() {
                return s.start + (at - seen);
            }
            seen += s.len();
        }
        self.segs.last().map_or(0, |s| s.end)
    }

    /// The source slices of `text[from..to]`.
    fn segs_of(&self, from: usize, to: usize) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut seen = 0;
        for s in &self.segs {
            let (a, b) = (seen, seen + s.len());
            let (lo, hi) = (from.max(a), to.min(b));
            if lo < hi {
                out.push(s.start + (lo - a)..s.start + (hi - a));
            }
            seen = b;
        }
        out
    }

    /// The line without the bytes of `text` in `cut` (sorted, disjoint).
    fn without(&self, source: &'s str, cut: &[Range<usize>]) -> Line<'s> {
        let mut segs = Vec::new();
        let mut at = 0;
        for c in cut {
            segs.extend(self.segs_of(at, c.start));
            at = c.end;
        }
        segs.extend(self.segs_of(at, self.text.len()));
        Line::from_segs(source, segs, self.end)
    }

    fn trimmed(&self) -> &str {
        self.text.trim_matches(is_blank)
    }

    fn is_empty(&self) -> bool {
        self.trimmed().is_empty()
    }

    /// Display columns, from the UTF-8 lengths: ASCII takes one, a Han character or any
    /// other three- or four-byte character two (a few narrow ones, such as …, are counted
    /// wide: the wrap width is an estimate).
    fn width(&self) -> usize {
        // Branch-free so that it vectorises: every byte but a continuation byte starts a
        // character (one column), and a lead byte of three or four bytes adds one more.
        self.trimmed()
            .bytes()
            .map(|b| usize::from((b as i8) >= -64) + usize::from(b >= 0xE0))
            .sum()
    }
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

/// The reading text of `source` (CRLF already folded) and, when it differs, the map back.
pub fn reflow(source: &str, markdown: bool) -> (String, Option<SourceMap>) {
    let dropped = if markdown {
        markdown::syntax_ranges(source)
    } else {
        Vec::new()
    };
    // Headings run into a line are split off first: the space after a heading's title is
    // where it ends.
    let mut lines = split_run_in_headings(source, split_lines(source, &dropped));
    // Widths as laid out, before the spaces inside figures go.
    let widths: Vec<usize> = lines.iter().map(Line::width).collect();
    for line in lines.iter_mut() {
        let cut = inner_spaces(&line.text);
        if !cut.is_empty() {
            *line = line.without(source, &cut);
        }
    }
    join_title(&mut lines);
    join_wrapped(&mut lines, &widths);
    let mut b = Builder::new(source);
    for line in &lines {
        for s in &line.segs {
            b.copy(s.start, s.end);
        }
        match line.end {
            LineEnd::Source(at) => b.copy(at, at + 1),
            LineEnd::Inserted(before) => b.insert("\n", before),
            LineEnd::Joined | LineEnd::Eof => {}
        }
    }
    b.finish()
}

/// The source's lines, each without the dropped (markdown) ranges in it.
fn split_lines<'s>(source: &'s str, dropped: &[Range<usize>]) -> Vec<Line<'s>> {
    let mut lines = Vec::new();
    let mut d = 0;
    let mut start = 0;
    let bytes = source.as_bytes();
    loop {
        let nl = memchr::memchr(b'\n', &bytes[start..]).map(|i| start + i);
        let end = nl.unwrap_or(source.len());
        let mut segs = Vec::with_capacity(1);
        let mut at = start;
        while d < dropped.len() && dropped[d].start < end {
            let r = &dropped[d];
            if r.end <= at {
                d += 1;
                continue;
            }
            if r.start > at {
                segs.push(at..r.start);
            }
            at = r.end.min(end).max(at);
            if r.end <= end {
                d += 1;
            } else {
                break;
            }
        }
        if at < end {
            segs.push(at..end);
        }
        let line_end = nl.map_or(LineEnd::Eof, LineEnd::Source);
        lines.push(Line::from_segs(source, segs, line_end));
        match nl {
            Some(n) => start = n + 1,
            None => break,
        }
    }
    lines
}

/// A character that a single space between two of them does not separate in Chinese writing:
/// Han characters and digits (PDF text puts spaces around every figure: 2025 年 1 月).
fn is_tight(c: char) -> bool {
    c.is_ascii_digit() || is_han(c)
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// Single spaces between Han characters and digits, except between two digits (a row of
/// figures `1 0 0`) .
fn inner_spaces(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if memchr::memchr(b' ', text.as_bytes()).is_none() {
        return out;
    }
    let mut prev: Option<char> = None;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == ' ' {
            if let (Some(p), Some(&(_, n))) = (prev, it.peek()) {
                if is_tight(p) && is_tight(n) && !(p.is_ascii_digit() && n.is_ascii_digit()) {
                    out.push(i..i + 1);
                }
            }
        }
        prev = Some(c);
    }
    out
}

/// Lines looked at for a title wrapped over two lines.
const TITLE_LINES: usize = 10;

/// "2024 年上海市科委政府信息公开工作" / "年度报告" is one title.
fn join_title(lines: &mut [Line]) {
    let idx: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].is_empty())
        .take(TITLE_LINES)
        .collect();
    for w in idx.windows(2) {
        let (a, b) = (&lines[w[0]], &lines[w[1]]);
        let (ta, tb) = (a.trimmed(), b.trimmed());
        let whole = format!("{ta}{tb}");
        if !ta.contains('。')
            && !tb.contains('。')
            && !ta.ends_with("报告")
            && !ta.starts_with(['|', '#'])
            && tb.ends_with("报告")
            && b.width() <= 30
            && whole.contains('年')
            && whole.contains("政府信息公开")
            && whole.chars().count() <= 60
        {
            // The lines between are blank: their breaks go with the join.
            for l in &mut lines[w[0]..w[1]] {
                l.end = LineEnd::Joined;
            }
            return;
        }
    }
}

/// Widest wrap looked for, in columns: wider lines are paragraphs of their own.
const MAX_WRAP_WIDTH: usize = 400;

/// Fewest lines of about the same width that make a text wrapped at that width.
const MIN_WRAPPED_LINES: usize = 5;

/// Joins lines that a fixed-width layout broke (PDF and OCR text), and a sentence broken by a
/// blank line (a converter's paragraph break in the middle of a sentence).
fn join_wrapped(lines: &mut [Line], widths: &[usize]) {
    let width = wrap_width(lines, widths);
    for i in 0..lines.len().saturating_sub(1) {
        if lines[i].end == LineEnd::Joined || lines[i].is_empty() || !is_prose(&lines[i]) {
            continue;
        }
        let a = lines[i].trimmed();
        let Some(last) = a.chars().last() else {
            continue;
        };
        // A title is a line of its own, however wide.
        if a.ends_with("报告") && a.contains('年') {
            continue;
        }
        if matches!(
            last,
            '。' | '！' | '？' | '；' | '：' | '!' | '?' | ';' | ':'
        ) {
            continue;
        }
        let next = &lines[i + 1];
        if !next.is_empty() {
            let full = width.is_some_and(|w| widths[i] + 6 >= w);
            // A full line that ends mid-sentence goes on in the next, even where that starts
            // like a list item ((2)…, 78)…); only a part's heading (二、) starts afresh.
            let goes_on = if full {
                is_prose(next) && !starts_with_part(next.trimmed())
            } else {
                breaks_a_figure(a, next.trimmed()) && continues(next)
            };
            if goes_on {
                lines[i].end = LineEnd::Joined;
            }
            continue;
        }
        // One blank line, then the rest of the sentence.
        if let Some(after) = lines.get(i + 2) {
            if widths[i] >= 40
                && (is_han(last) || last.is_ascii_digit() || matches!(last, '“' | '、' | '，'))
                && a.contains('，')
                && !after.is_empty()
                && continues(after)
                && after.trimmed().chars().next().is_some_and(is_han)
            {
                lines[i].end = LineEnd::Joined;
                lines[i + 1].end = LineEnd::Joined;
            }
        }
    }
}

/// The width most prose lines are wrapped at, if the text is wrapped at a fixed width.
fn wrap_width(lines: &[Line], widths: &[usize]) -> Option<usize> {
    let prose: Vec<usize> = lines
        .iter()
        .zip(widths.iter())
        .filter(|(l, w)| **w >= 20 && is_prose(l))
        .map(|(_, w)| *w)
        .collect();
    if prose.len() < MIN_WRAPPED_LINES {
        return None;
    }
    let max = (*prose.iter().max()?).min(MAX_WRAP_WIDTH);
    let mut counts = vec![0usize; max + 1];
    for &w in &prose {
        counts[w.min(max)] += 1;
    }
    // The window of five widths that holds most lines, named by its widest.
    let mut best = (0, 0);
    let mut window = 0;
    for w in 0..=max {
        window += counts[w];
        if w >= 5 {
            window -= counts[w - 5];
        }
        if w >= 20 && window > best.1 {
            best = (w, window);
        }
    }
    // Nothing in a wrapped text is much wider than the wrap: a text of whole paragraphs with
    // some lines of about the same width is not wrapped.
    let wider = prose.iter().filter(|&&x| x > best.0 + 4).count();
    (best.1 >= MIN_WRAPPED_LINES && best.1 * 4 >= prose.len() && wider * 20 <= prose.len())
        .then_some(best.0)
}

/// A line of running text, not a table row, a markdown heading or a rule.
fn is_prose(line: &Line) -> bool {
    let t = line.trimmed();
    !t.starts_with(['|', '#']) && !t.starts_with("---") && !is_figure_row(t)
}

/// A line of figures apart by spaces ("21 0 0 0 0 0 21"): a table row whose label stands on
/// a line of its own, never a sentence to join with the next line.
fn is_figure_row(t: &str) -> bool {
    // Decided at the first byte for prose, which is looked at many times per line.
    if !t.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let mut figures = 0;
    for word in t.split_whitespace() {
        if !word.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
            return false;
        }
        figures += 1;
    }
    figures >= 2
}

/// A figure broken at the line end: "统计期限为 2025" / "年 1 月 1 日".
fn breaks_a_figure(a: &str, b: &str) -> bool {
    a.ends_with(|c: char| c.is_ascii_digit())
        && b.trim_start()
            .starts_with(['年', '月', '日', '件', '条', '个', '项', '次', '%', '％'])
}

/// Whether a line can continue the sentence of the line before: not a heading, a list item,
/// a table row or a markdown block.
fn continues(line: &Line) -> bool {
    is_prose(line) && !starts_with_marker(line.trimmed())
}

/// 一、 （一） (1) 1. 1、 ① at the start of a line.
fn starts_with_marker(t: &str) -> bool {
    static MARKER: OnceLock<Regex> = OnceLock::new();
    MARKER
        .get_or_init(|| {
            Regex::new(r"^(?:[一二三四五六七八九十]{1,3}[、，．]|[（(]\s*[一二三四五六七八九十0-9０-９]{1,3}\s*[）)]|[0-9０-９]{1,2}[.．、)）][^0-9]|[①-⑳]|第[一二三四五六七八九十]{1,3}[章部节条])")
                .expect("valid")
        })
        .is_match(t)
}

/// 二、 at the start of a line: a part of the report begins.
fn starts_with_part(t: &str) -> bool {
    let n = t
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    (1..=3).contains(&n) && t.chars().nth(n) == Some('、')
}

/// Lines this long or longer are searched for headings run into them.
const RUN_IN_MIN_BYTES: usize = 40;

/// A section heading inside a line: after the end of a sentence (or a space), a 一、 marker
/// and the words a section title of any era starts with.
fn section_in_line() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?:[。；！？!?]|\s)\s*",
            r"([一二三四五六七八九十]{1,2}、\s*",
            r"(?:总体情况|概述|主动公开|收到和处理|依申请公开|政府信息公开行政复议|行政复议|因政府信息公开",
            r"|政府信息公开的收费|政府信息公开收费|收费及减免|存在的主要问题|政府信息公开工作存在|主要问题",
            r"|其他需要报告|需要说明的事项))"
        ))
        .expect("valid")
    })
}

/// Any heading marker after a sentence end or a space: 二、 （一） 1. 1、 (numbered items of a
/// body crawled into one line).
fn marker_in_line() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?:^|[。；！？!?]|\s)\s*",
            r"([一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]",
            r"|[0-9]{1,2}[.．、][^0-9.．、])"
        ))
        .expect("valid")
    })
}

/// Longest heading title (in characters) split from the text that runs on after a space.
const MAX_RUN_IN_TITLE_CHARS: usize = 30;

/// Whether a 二、 stands in the line after a sentence end or a space: the cheap test that
/// keeps the regexes off ordinary lines (most of which have a 、 between words).
fn may_run_in(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memmem::find_iter(b, "、".as_bytes()).any(|at| {
        let before = &text[..at];
        let numerals = before
            .chars()
            .rev()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .count();
        if numerals == 0 || numerals > 3 {
            return false;
        }
        let start = before.len() - numerals * 3;
        before[..start].chars().next_back().is_some_and(|c| {
            c.is_whitespace() || matches!(c, '。' | '；' | '！' | '？' | '!' | '?')
        })
    })
}

/// A body crawled into one line: its headings start lines of their own, and a heading's
/// title, when a space ends it, a line of its own too. A line holds such a body when a
/// section title of the era stands in it after a sentence end, or two parts (二、 三、) do.
fn split_run_in_headings<'s>(source: &'s str, lines: Vec<Line<'s>>) -> Vec<Line<'s>> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if line.text.len() < RUN_IN_MIN_BYTES || !is_prose(&line) || !may_run_in(&line.text) {
            out.push(line);
            continue;
        }
        let sections = section_in_line()
            .captures_iter(&line.text)
            .filter_map(|c| c.get(1))
            .filter(|m| m.start() > 0)
            .count();
        let markers: Vec<usize> = marker_in_line()
            .captures_iter(&line.text)
            .filter_map(|c| c.get(1).map(|m| m.start()))
            .collect();
        let parts = markers
            .iter()
            .filter(|&&at| starts_with_part(&line.text[at..]))
            .count();
        if sections == 0 && parts < 2 {
            out.push(line);
            continue;
        }
        let mut cuts: Vec<usize> = Vec::with_capacity(markers.len() * 2);
        for &at in &markers {
            cuts.push(at);
            // The title ends at the first space, if one comes before a sentence end.
            let rest = &line.text[at..];
            let title_end = rest
                .char_indices()
                .take(MAX_RUN_IN_TITLE_CHARS)
                .take_while(|(_, c)| !matches!(c, '。' | '；' | '！' | '？'))
                .find(|(_, c)| matches!(c, ' ' | '\u{3000}' | '\u{A0}'))
                .map(|(i, _)| i);
            if let Some(end) = title_end {
                let after = rest[end..].trim_start_matches([' ', '\u{3000}', '\u{A0}']);
                if !after.is_empty() {
                    cuts.push(at + rest.len() - after.len());
                }
            }
        }
        cuts.retain(|&at| at > 0);
        cuts.sort_unstable();
        cuts.dedup();
        let mut from = 0;
        for at in cuts {
            let segs = line.segs_of(from, at);
            let before = line.source_at(at);
            out.push(Line::from_segs(source, segs, LineEnd::Inserted(before)));
            from = at;
        }
        out.push(Line::from_segs(
            source,
            line.segs_of(from, line.text.len()),
            line.end,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> String {
        reflow(s, false).0
    }

    /// Every byte of the reading text maps to the same byte of the source.
    fn assert_maps_back(s: &str, markdown: bool) {
        let (text, map) = reflow(s, markdown);
        let Some(map) = map else {
            assert_eq!(text, s);
            return;
        };
        for (i, c) in text.char_indices() {
            let at = map.to_source(i);
            if c != '\n' {
                assert!(s[at..].starts_with(c), "{c:?} at {i} maps to {at}");
            }
        }
    }

    #[test]
    fn spaces_inside_figures_go_and_rows_of_figures_stay() {
        assert_eq!(
            read("统计期限为 2025 年 1 月 1 日至 12 月 31 日。"),
            "统计期限为2025年1月1日至12月31日。"
        );
        assert_eq!(read("| 1 0 0 |"), "| 1 0 0 |");
        assert_eq!(read("共 749 件, 其中"), "共749件, 其中");
    }

    #[test]
    fn a_line_of_figures_is_never_joined_to_the_label_after_it() {
        // A figure at a line's end and 年 at the next one's start is a broken date in prose;
        // under a table label it is a row of figures and the next label.
        let s = "、本 3.危及“三安全一稳定”\n0 0 0 0 0 0 0\n年度 4.保护第三方合法权益\n";
        assert!(read(s).contains("0 0 0 0 0 0 0\n年度"), "{:?}", read(s));
        assert_eq!(read("统计期限为2025\n年1月1日。"), "统计期限为2025年1月1日。");
    }

    #[test]
    fn a_title_wrapped_over_two_lines_is_one_line() {
        let s = "正文\n2024 年上海市科委政府信息公开工作\n年度报告\n根据条例。";
        assert_eq!(
            read(s),
            "正文\n2024年上海市科委政府信息公开工作年度报告\n根据条例。"
        );
        assert_maps_back(s, false);
    }

    #[test]
    fn lines_wrapped_at_a_width_are_joined() {
        let para = "根据《中华人民共和国政府信息公开条例》和《上海市政府\n信息公开规定》的要求，市科委编制了本年度政务公开工作\n报告，报告全文包括总体情况、主动公开政府信息情况、收\n到和处理政府信息公开申请情况、政府信息公开行政复议和\n行政诉讼情况等六部分。本年度报告中所列数据的统计周期\n为 2024 年 1 月 1 日至 12 月 31 日。\n一、总体情况\n";
        let got = read(para);
        assert!(got.contains("上海市政府信息公开规定"), "{got}");
        assert!(got.contains("统计周期为2024年1月1日"), "{got}");
        assert!(got.contains("。\n一、总体情况\n"), "{got}");
        assert_maps_back(para, false);
    }

    #[test]
    fn a_sentence_broken_by_a_blank_line_is_joined() {
        let s = "2025年，我县坚持以群众需求为导向，聚焦重点领域和关键环节，努力让政务信息“看\n\n得懂、用得上、易监督”。\n\n一是拓宽渠道。";
        assert_eq!(
            read(s),
            "2025年，我县坚持以群众需求为导向，聚焦重点领域和关键环节，努力让政务信息“看得懂、用得上、易监督”。\n\n一是拓宽渠道。"
        );
    }

    #[test]
    fn headings_run_into_one_line_start_lines() {
        let s = "某县2023年政府信息公开工作年度报告 一、总体情况 本年度，我县认真贯彻落实条例，全面推进政务公开工作。（一）主动公开。全年主动公开信息100条。二、主动公开政府信息情况 见下表。三、收到和处理政府信息公开申请情况 全年收到申请5件。";
        let got = read(s);
        let lines: Vec<&str> = got.lines().collect();
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("二、主动公开政府信息情况")),
            "{got}"
        );
        assert!(
            lines.iter().any(|l| l.starts_with("三、收到和处理")),
            "{got}"
        );
        assert!(
            lines.iter().any(|l| l.starts_with("（一）主动公开")),
            "{got}"
        );
        assert_maps_back(s, false);
    }

    #[test]
    fn markdown_syntax_is_dropped_and_maps_back() {
        let s = "# 某县 2025 年政府信息公开工作年度报告\n\n## **一、总体情况**\n\n正文。\n";
        let (text, _) = reflow(s, true);
        assert_eq!(
            text,
            "某县2025年政府信息公开工作年度报告\n\n一、总体情况\n\n正文。\n"
        );
        assert_maps_back(s, true);
    }

    #[test]
    fn ordinary_text_is_unchanged() {
        let s = "某区2017年政府信息公开工作年度报告\n一、概述\n（一）主动公开。全年公开100条。\n";
        let (text, map) = reflow(s, false);
        assert_eq!(text, s);
        assert!(map.is_none());
    }
}
