//! `enumeration`: points listed in running text (一是…二是…三是, 第一，…第二，…) with a number
//! skipped or written twice. A list runs within a paragraph, and on into the next paragraphs
//! while each of them opens with its next point.

use super::{Check, Ctx};
use crate::rules::finding::Hit;
use crate::text::Span;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["marker", "missing", "previous"];
pub const VARIANTS: &[&str] = &["duplicate"];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Enumeration {
    /// Characters before 一是 that make it part of a word (统一是, 之一是, 唯一是).
    pub not_after: String,
}

/// One point of a list: its number, the family of its marker, where it is.
struct Point {
    n: u32,
    family: Family,
    span: Span,
    /// At the start of its paragraph.
    opens: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Family {
    /// 一是, 二是
    Shi,
    /// 第一，第二、
    Di,
}

impl Family {
    fn render(self, n: u32) -> String {
        let num = crate::model::cn_number(n);
        match self {
            Family::Shi => format!("{num}是"),
            Family::Di => format!("第{num}"),
        }
    }
}

impl Enumeration {
    /// The points of one paragraph, in order.
    fn points(&self, text: &str, base: usize) -> Vec<Point> {
        let is_num = |c: char| "一二三四五六七八九十".contains(c);
        // A point starts a clause: at the paragraph's start or after punctuation.
        let clause_start =
            |prev: Option<char>| prev.is_none_or(|p| "，。；：、！？,;: \u{3000}（(".contains(p));
        let mut out = Vec::new();
        // 一是, 二是: found from their 是, the numeral read backwards.
        for (shi, _) in text.match_indices('是') {
            let before = &text[..shi];
            let digits: String = before.chars().rev().take_while(|c| is_num(*c)).collect();
            if digits.is_empty() {
                continue;
            }
            let from = shi - digits.len();
            let prev = text[..from].chars().next_back();
            if !clause_start(prev) || prev.is_some_and(|p| self.not_after.contains(p)) {
                continue;
            }
            if let Some(n) = numeral(digits.chars().rev()).filter(|n| *n <= 20) {
                out.push(Point {
                    n,
                    family: Family::Shi,
                    span: Span::new(base + from, base + shi + '是'.len_utf8()),
                    opens: prev.is_none(),
                });
            }
        }
        // 第一，第二、 (not 第一季度, 第二十条).
        for (di, _) in text.match_indices('第') {
            let after = &text[di + '第'.len_utf8()..];
            let digits: String = after.chars().take_while(|c| is_num(*c)).collect();
            let next = after[digits.len()..].chars().next();
            let prev = text[..di].chars().next_back();
            if digits.is_empty()
                || !matches!(next, Some('，' | '、' | ',' | '：' | ':' | '是'))
                || !clause_start(prev)
            {
                continue;
            }
            if let Some(n) = numeral(digits.chars()).filter(|n| *n <= 20) {
                let end = di + '第'.len_utf8() + digits.len();
                out.push(Point {
                    n,
                    family: Family::Di,
                    span: Span::new(base + di, base + end),
                    opens: prev.is_none(),
                });
            }
        }
        out.sort_by_key(|p| p.span.start);
        out
    }
}

/// The value of a Chinese numeral of up to two digits (一, 十, 十二, 二十, 二十三).
fn numeral(digits: impl Iterator<Item = char>) -> Option<u32> {
    let value = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let d: Vec<char> = digits.collect();
    match d[..] {
        ['十'] => Some(10),
        [a] => value(a),
        ['十', b] => Some(10 + value(b)?),
        [a, '十'] => Some(value(a)? * 10),
        [a, '十', b] => Some(value(a)? * 10 + value(b)?),
        _ => None,
    }
}

impl Check for Enumeration {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        // The list being read: its family and last number.
        let mut list: Option<(Family, u32)> = None;
        for b in doc.prose_blocks() {
            let points = self.points(doc.shadow_slice(b.span), b.span.start);
            // A paragraph that does not open with the list's next point ends it.
            match (list, points.first()) {
                (Some((f, last)), Some(p)) if p.opens && p.family == f && p.n > last => {}
                _ => list = None,
            }
            for p in points {
                let Some((family, last)) = list.filter(|(f, _)| *f == p.family) else {
                    // A list starts at its first point; one that starts further on may have
                    // begun in a paragraph that is not prose (a heading, a table).
                    list = Some((p.family, p.n));
                    continue;
                };
                if p.n == last {
                    out.push(
                        Hit::at(p.span)
                            .variant("duplicate")
                            .var("marker", family.render(p.n))
                            .var("previous", family.render(last)),
                    );
                } else if p.n > last + 1 {
                    let missing: Vec<String> = (last + 1..p.n).map(|k| family.render(k)).collect();
                    out.push(
                        Hit::at(p.span)
                            .var("marker", family.render(p.n))
                            .var("missing", missing.join("”“"))
                            .var("previous", family.render(last)),
                    );
                } else if p.n < last {
                    // A new list in the same paragraph (一是…二是… then 一是 again).
                    list = Some((p.family, p.n));
                    continue;
                }
                list = Some((family, p.n.max(last)));
            }
        }
    }
}
