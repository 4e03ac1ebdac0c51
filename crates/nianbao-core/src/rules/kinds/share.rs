//! `share`: a share written after its part and the total it is a share of (共公开政府信息3280条，
//! 其中政策文件126条，占3.8%) is recomputed as part ÷ total. Only when the total is named as
//! one (共, 总计, 全年 …) in the same sentence or the one before: otherwise the checker does not
//! know what the share is of, and says nothing.

use super::{Check, Ctx};
use crate::rules::finding::Hit;
use crate::text::Span;
use serde::Deserialize;

use super::breakdown::fmt_num;
use super::rate::as_written;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["computed", "part", "share", "total"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Share {
    /// What stands between 占 and the figure (比, 总数的, 全部申请的 …), at most this many
    /// characters.
    pub gap: usize,
    /// Words that name a total just before its figure (共, 共计, 总计, 全年 …).
    pub total_words: Vec<String>,
    /// How many characters before the figure a total word may stand.
    pub total_window: usize,
}

impl Check for Share {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        for b in doc.prose_blocks() {
            let text = doc.shadow_slice(b.span);
            let qs = super::quantities(doc, b.span);
            for (k, share) in qs.iter().enumerate() {
                if !share.is_percent() || share.approximate {
                    continue;
                }
                let rel = share.span.start - b.span.start;
                let Some(zhan) = self.zhan_before(&text[..rel]) else {
                    continue;
                };
                // The part: the figure just before 占, in its clause.
                let Some(part) = qs[..k].iter().rev().find(|q| !q.is_percent()) else {
                    continue;
                };
                let part_end = part.span.end - b.span.start;
                if part_end > zhan || text[part_end..zhan].contains(['。', '；']) {
                    continue;
                }
                let sentence = super::sentence_start(text, part.span.start - b.span.start);
                let from = super::sentence_start(text, sentence.saturating_sub(1));
                let Some(total) = qs[..k].iter().rev().find(|q| {
                    let s = q.span.start - b.span.start;
                    !q.is_percent()
                        && q.span.start < part.span.start
                        && s >= from
                        && q.unit == part.unit
                        && q.value >= part.value
                        && q.value > 0.0
                        && self.named_total(text, s)
                }) else {
                    continue;
                };
                if part.approximate || total.approximate {
                    continue;
                }
                let computed = part.value / total.value * 100.0;
                if !as_written(computed, share) {
                    out.push(
                        Hit::at(Span::new(total.span.start, share.span.end))
                            .var("share", doc.slice(share.span))
                            .var("part", fmt_num(part.value))
                            .var("total", fmt_num(total.value))
                            .var("computed", format!("{computed:.2}%")),
                    );
                }
            }
        }
    }
}

impl Share {
    /// Where 占 stands, when it introduces the figure that follows `before`.
    fn zhan_before(&self, before: &str) -> Option<usize> {
        let at = before.rfind('占')?;
        let gap = &before[at + '占'.len_utf8()..];
        (gap.chars().count() <= self.gap && !gap.contains(['，', '。', '；', ','])).then_some(at)
    }

    /// Whether a total word stands just before the figure at `s`.
    fn named_total(&self, text: &str, s: usize) -> bool {
        let from = text[..s]
            .char_indices()
            .rev()
            .nth(self.total_window.saturating_sub(1))
            .map_or(0, |x| x.0);
        let window = &text[from..s];
        self.total_words.iter().any(|w| window.contains(w.as_str()))
    }
}
