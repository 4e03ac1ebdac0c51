//! `enumeration`: points listed in running text (一是…二是…三是, 第一，…第二，…) with a number
//! skipped or written twice. A list runs within a paragraph, and on into the next paragraphs
//! while each of them opens with its next point.

use super::{Check, Ctx};
use crate::model::document::cn_value;
use crate::rules::finding::Hit;
use crate::text::Span;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["marker", "missing", "previous"];
pub const VARIANTS: &[&str] = &["duplicate"];

#[derive(Debug, Deserialize, Clone)]
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
        let mut out = Vec::new();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let is_num = |c: char| "一二三四五六七八九十".contains(c);
        let mut i = 0;
        while i < chars.len() {
            let (at, c) = chars[i];
            let di = c == '第' && chars.get(i + 1).is_some_and(|x| is_num(x.1));
            if !(is_num(c) || di) {
                i += 1;
                continue;
            }
            let digits_from = if di { i + 1 } else { i };
            let mut j = digits_from;
            while j < chars.len() && is_num(chars[j].1) {
                j += 1;
            }
            let next = chars.get(j).map(|x| x.1);
            let prev = i.checked_sub(1).map(|k| chars[k].1);
            // A point starts a clause: at the paragraph's start or after punctuation.
            let at_clause_start = prev.is_none_or(|p| "，。；：、！？,;: \u{3000}（(".contains(p));
            let family = match (di, next) {
                (false, Some('是')) if !prev.is_some_and(|p| self.not_after.contains(p)) => {
                    Some(Family::Shi)
                }
                // 第一，第二、 (not 第一季度, 第二十条).
                (true, Some('，' | '、' | ',' | '：' | ':' | '是')) => Some(Family::Di),
                _ => None,
            };
            let digits: String = chars[digits_from..j].iter().map(|x| x.1).collect();
            match (family, cn_value(&digits)) {
                (Some(family), Some(n)) if at_clause_start && n <= 20 => {
                    // 四是 with its 是; 第三 without the comma after it.
                    let end_at = if next == Some('是') { j + 1 } else { j };
                    let end = chars.get(end_at).map_or(text.len(), |x| x.0);
                    out.push(Point {
                        n,
                        family,
                        span: Span::new(base + at, base + end),
                        opens: prev.is_none(),
                    });
                }
                _ => {}
            }
            i = j.max(i + 1);
        }
        out
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
