//! Markdown read with a real parser (pulldown-cmark, which gives byte offsets): which bytes of
//! the source are markdown syntax (`## `, `**`, a list bullet, a link's target) rather than the
//! report's words. Dropping exactly those leaves the text the author wrote, and every other
//! byte stays where it was, so spans map back to the file.
//!
//! Tables are kept whole: the pipe rows are what the table reader reads.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Whether a plain-text file is really markdown: an ATX heading line or a whole line in bold.
/// (Lists, tables and single emphasis occur in plain text too and prove nothing.)
pub fn looks_like_markdown(text: &str) -> bool {
    text.lines().take(4000).any(|l| {
        let l = l.trim_start_matches(' ');
        let hashes = l.bytes().take_while(|b| *b == b'#').count();
        (1..=6).contains(&hashes) && l[hashes..].starts_with(' ')
            || (l.len() > 4 && l.starts_with("**") && l.trim_end().ends_with("**"))
    })
}

/// Byte ranges of markdown syntax in `text`, sorted and disjoint. Line breaks are never
/// syntax: the lines of the file stay the lines of the reading text.
pub fn syntax_ranges(text: &str) -> Vec<Range<usize>> {
    let mut dropped: Vec<Range<usize>> = Vec::new();
    // The open paragraph or heading: its range and the ranges of its words.
    let mut leaf: Option<(Range<usize>, Vec<Range<usize>>)> = None;
    let mut lists: Vec<bool> = Vec::new();
    let mut in_table = 0usize;
    let parser = Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    for (event, range) in parser.into_offset_iter() {
        if in_table > 0 {
            match event {
                Event::Start(Tag::Table(_)) => in_table += 1,
                Event::End(TagEnd::Table) => in_table -= 1,
                Event::InlineHtml(h) if is_line_break(&h) => dropped.push(range),
                _ => {}
            }
            continue;
        }
        match event {
            // A line break inside a table cell or a paragraph (部分公开<br>（区分处理的…）): how
            // markdown writes one, not HTML left over in the text.
            Event::InlineHtml(h) if is_line_break(&h) => dropped.push(range),
            Event::Start(Tag::Table(_)) => in_table = 1,
            Event::Start(Tag::Paragraph | Tag::Heading { .. }) => leaf = Some((range, Vec::new())),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => {
                if let Some((whole, words)) = leaf.take() {
                    syntax_between(text, whole, words, &mut dropped);
                }
            }
            Event::Start(Tag::List(first)) => lists.push(first.is_none()),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            // A bullet is syntax; an ordered item's number (1.) is the report's numbering.
            Event::Start(Tag::Item) if lists.last() == Some(&true) => {
                let b = text.as_bytes();
                let mut end = range.start;
                while end < range.end && matches!(b[end], b'-' | b'*' | b'+') {
                    end += 1;
                }
                while end < range.end && b[end] == b' ' {
                    end += 1;
                }
                if end > range.start {
                    dropped.push(range.start..end);
                }
            }
            Event::Text(_)
            | Event::Code(_)
            | Event::InlineHtml(_)
            | Event::Html(_)
            | Event::InlineMath(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::FootnoteReference(_) => {
                if let Some((_, words)) = leaf.as_mut() {
                    words.push(range);
                }
            }
            _ => {}
        }
    }
    dropped.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(dropped.len());
    for r in dropped {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// `<br>`, `<br/>`, `<br />` in any case.
fn is_line_break(tag: &str) -> bool {
    let t: String = tag
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(t.as_str(), "<br>" | "<br/>")
}

/// The bytes of a paragraph or heading that no word covers, line breaks and the leading
/// indentation of continuation lines aside.
fn syntax_between(
    text: &str,
    whole: Range<usize>,
    mut words: Vec<Range<usize>>,
    out: &mut Vec<Range<usize>>,
) {
    words.sort_by_key(|r| r.start);
    let mut at = whole.start;
    let gap = |from: usize, to: usize, out: &mut Vec<Range<usize>>| {
        // Split at line breaks, which stay.
        let mut s = from;
        for (i, b) in text.as_bytes()[from..to].iter().enumerate() {
            if *b == b'\n' {
                if s < from + i {
                    out.push(s..from + i);
                }
                s = from + i + 1;
            }
        }
        if s < to {
            out.push(s..to);
        }
    };
    for w in words {
        if w.start > at {
            gap(at, w.start, out);
        }
        at = at.max(w.end);
    }
    // A paragraph's range ends at its last line break, which stays.
    let end = whole.end.min(text.len());
    if end > at {
        gap(at, end, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(text: &str) -> String {
        let mut out = String::new();
        let mut at = 0;
        for r in syntax_ranges(text) {
            out.push_str(&text[at..r.start]);
            at = r.end;
        }
        out.push_str(&text[at..]);
        out
    }

    #[test]
    fn headings_emphasis_and_bullets_are_syntax() {
        assert_eq!(
            strip("# 标题\n\n## 一、总体情况\n"),
            "标题\n\n一、总体情况\n"
        );
        assert_eq!(strip("## **一、总体情况**\n正文。"), "一、总体情况\n正文。");
        assert_eq!(strip("**二、主动公开**\n"), "二、主动公开\n");
        assert_eq!(strip("### (一) 予以公开 ###\n"), "(一) 予以公开\n");
        assert_eq!(strip("- 第一项\n- 第二项\n"), "第一项\n第二项\n");
        assert_eq!(strip("见[网站](http://a.gov.cn)。"), "见网站。");
    }

    #[test]
    fn numbering_tables_and_lines_stay() {
        assert_eq!(
            strip("1. 属于国家秘密\n2. 重复申请\n"),
            "1. 属于国家秘密\n2. 重复申请\n"
        );
        let table = "| 规章 | 0 |\n|---|---|\n| 行政规范性文件 | 6 |\n";
        assert_eq!(strip(table), table);
        // A line break in a cell or a paragraph is markdown's, not the report's.
        let broken = "| 标签 | 数 |\n|---|---|\n| 部分公开<br>（区分处理的） | 5 |\n";
        assert_eq!(
            strip(broken),
            "| 标签 | 数 |\n|---|---|\n| 部分公开（区分处理的） | 5 |\n"
        );
        assert_eq!(strip("第一句<BR />第二句\n"), "第一句第二句\n");
        assert_eq!(strip("<span>残留</span>\n"), "<span>残留</span>\n");
        assert_eq!(strip("第一行\n第二行\n"), "第一行\n第二行\n");
    }

    #[test]
    fn markdown_is_recognised_by_headings_or_bold_lines() {
        assert!(looks_like_markdown("正文\n## 一、总体情况\n"));
        assert!(looks_like_markdown("**一、总体情况**\n"));
        assert!(!looks_like_markdown("一、总体情况\n#号\n| a | b |\n"));
    }
}
