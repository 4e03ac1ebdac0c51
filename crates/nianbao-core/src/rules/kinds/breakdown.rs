//! `breakdown`: "共 X …，其中 A、B …" — the parts of a stated total may not add up to more
//! than the total; they may fall short of it only when the text says the list is complete
//! (分别为…). Approximate figures (20余项, 近百条) are never judged.

use super::{is_sentence_end, Check, Ctx};
use crate::rules::finding::Hit;
use crate::syntax::{Quantity, Token};
use crate::text::word::Word;
use crate::text::Span;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["parts", "sum", "total", "unit"];
pub const VARIANTS: &[&str] = &["exceed", "short"];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Intro {
    pub word: Word,
    /// The list that follows claims to be complete.
    #[serde(default)]
    pub complete: bool,
    /// The total must be introduced by one of `total_cues` in the same sentence.
    #[serde(default)]
    pub needs_total_cue: bool,
}

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Breakdown {
    pub intros: Vec<Intro>,
    pub total_cues: Vec<String>,
    /// Words that, between the intro and the first part, say the list is complete.
    pub complete_cues: Vec<String>,
}

struct Q<'a> {
    q: &'a Quantity,
    /// Offsets relative to the block.
    start: usize,
    end: usize,
}

impl Check for Breakdown {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        let mut qs: Vec<Q> = Vec::new();
        for b in doc.prose_blocks() {
            let text = doc.shadow_slice(b.span);
            qs.clear();
            qs.extend(doc.tokens_in(b.span).filter_map(|t| match t {
                Token::Quantity(q) if !q.is_percent() => Some(Q {
                    q,
                    start: q.span.start - b.span.start,
                    end: q.span.end - b.span.start,
                }),
                _ => None,
            }));
            if qs.len() < 2 {
                continue;
            }
            for intro in &self.intros {
                for p in intro.word.find_iter(text) {
                    self.check_one(ctx, b.span, text, &qs, intro, p, out);
                }
            }
        }
    }
}

impl Breakdown {
    #[allow(clippy::too_many_arguments)]
    fn check_one(
        &self,
        ctx: &Ctx,
        block: Span,
        text: &str,
        qs: &[Q],
        intro: &Intro,
        p: usize,
        out: &mut Vec<Hit>,
    ) {
        let before = text[..p].trim_end_matches([' ', '\u{3000}']);
        let prev_char = before.chars().next_back();
        let in_paren = matches!(prev_char, Some('(') | Some('（'));
        let opens_sentence = prev_char.is_none_or(is_sentence_end);
        // Where the total must be found, and where the parts end.
        let total = if in_paren {
            let paren = before.len() - prev_char.map(char::len_utf8).unwrap_or(0);
            qs.iter()
                .rev()
                .find(|q| q.end <= paren && paren - q.end <= 3)
        } else if opens_sentence {
            let prev_sentence_start = super::sentence_start(text, before.len().saturating_sub(1));
            qs.iter()
                .rev()
                .find(|q| q.end <= before.len() && q.start >= prev_sentence_start)
        } else {
            let s = super::sentence_start(text, p);
            qs.iter().rev().find(|q| q.end <= p && q.start >= s)
        };
        let Some(total) = total else { return };
        if intro.needs_total_cue {
            let s = super::sentence_start(text, total.start);
            if !self
                .total_cues
                .iter()
                .any(|c| text[s..total.start].contains(c.as_str()))
            {
                return;
            }
        }
        let after = p + intro.word.len();
        let region_end = if in_paren {
            closing_paren(text, after)
        } else if opens_sentence {
            super::sentence_end(text, after)
        } else {
            text[after..]
                .char_indices()
                .find(|(_, c)| is_sentence_end(*c) || matches!(c, '；' | ';'))
                .map(|(i, _)| after + i)
                .unwrap_or(text.len())
        };
        let parts: Vec<&Q> = qs
            .iter()
            .filter(|q| q.start >= after && q.end <= region_end && q.q.unit == total.q.unit)
            .filter(|q| paren_depth(&text[after..q.start]) == 0)
            .collect();
        if parts.is_empty() || total.q.approximate || parts.iter().any(|q| q.q.approximate) {
            return;
        }
        // "分为4项，其中A 1082项、B 106项…": a count of categories, not a sum.
        if (total.q.value - parts.len() as f64).abs() < 1e-9 && parts.len() > 1 {
            return;
        }
        // Some of the items may be parts of others (动态类1744条，政务信息393条，解读类21条，回应
        // 热点2条: 解读 is within 政务); a selection of them that makes the total exactly is
        // one consistent reading, and a list with a consistent reading is not reported.
        if parts.len() <= MAX_SUBSET_PARTS && some_selection_sums_to(&parts, total.q.value) {
            return;
        }
        // A list that reaches the total exactly and then goes on names other things
        // (政策解读80条，其中新区13条、省27条、国办40条，规划计划42条…): it is consistent.
        let mut running = 0.0;
        let mut upto = parts.len();
        for (k, q) in parts.iter().enumerate() {
            running += q.q.value;
            if (running - total.q.value).abs() < 1e-6 {
                return;
            }
            if running > total.q.value + 1e-6 {
                upto = k + 1;
                break;
            }
        }
        let parts = &parts[..upto];
        let sum: f64 = parts.iter().map(|q| q.q.value).sum();
        let complete = intro.complete
            || self
                .complete_cues
                .iter()
                .any(|c| text[after..parts[0].start].contains(c.as_str()));
        let doc = ctx.doc;
        let span = Span::new(
            block.start + total.start,
            block.start + parts.last().unwrap().end,
        );
        let listed: Vec<String> = parts.iter().map(|q| fmt_num(q.q.value)).collect();
        let hit = |v: &'static str| {
            Hit::at(span)
                .variant(v)
                .var(
                    "total",
                    doc.slice(Span::new(
                        block.start + total.start,
                        block.start + total.end,
                    )),
                )
                .var("parts", listed.join("+"))
                .var("sum", fmt_num(sum))
                .var("unit", &total.q.unit)
        };
        if sum > total.q.value + 1e-6 {
            out.push(hit("exceed"));
        } else if complete && sum + 1e-6 < total.q.value {
            out.push(hit("short"));
        }
    }
}

/// Lists longer than this are not searched for a consistent selection (2^n selections).
const MAX_SUBSET_PARTS: usize = 12;

/// Whether two or more of the parts add up to `total`.
fn some_selection_sums_to(parts: &[&Q], total: f64) -> bool {
    let n = parts.len();
    (1u32..(1 << n)).any(|mask| {
        mask.count_ones() >= 2
            && ((0..n)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| parts[i].q.value)
                .sum::<f64>()
                - total)
                .abs()
                < 1e-6
    })
}

fn closing_paren(text: &str, from: usize) -> usize {
    let mut depth = 1;
    for (i, c) in text[from..].char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => {
                depth -= 1;
                if depth == 0 {
                    return from + i;
                }
            }
            _ => {}
        }
    }
    text.len()
}

fn paren_depth(s: &str) -> i32 {
    s.chars().fold(0, |d, c| match c {
        '(' | '（' => d + 1,
        ')' | '）' => (d - 1).max(0),
        _ => d,
    })
}

pub fn fmt_num(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}
