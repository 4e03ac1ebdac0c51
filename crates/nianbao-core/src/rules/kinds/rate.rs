//! `rate`: a rate stated beside its two figures (受理17365件，办结16672件，办结率96%) is
//! recomputed. Rounding and truncation to the stated decimals are both accepted.

use super::{Check, Ctx};
use crate::rules::finding::Hit;
use crate::syntax::Quantity;
use crate::text::Span;
use serde::Deserialize;

use super::breakdown::fmt_num;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["computed", "denominator", "numerator", "rate"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rate {
    /// Words between 率 and the figure (为, 达到 …).
    pub connectors: Vec<String>,
    /// How many characters before a figure its verb may stand (按时办结16672件).
    pub verb_window: usize,
}

impl Check for Rate {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        for b in doc.prose_blocks() {
            let text = doc.shadow_slice(b.span);
            let qs = super::quantities(doc, b.span);
            for (k, rate) in qs
                .iter()
                .enumerate()
                .filter(|(_, q)| q.is_percent() && !q.approximate)
            {
                let rel = rate.span.start - b.span.start;
                let mut before = &text[..rel];
                for c in &self.connectors {
                    if let Some(s) = before.strip_suffix(c.as_str()) {
                        before = s;
                        break;
                    }
                }
                let Some(head) = before.strip_suffix('率') else {
                    continue;
                };
                let verb: String = {
                    let v: Vec<char> = head.chars().rev().take(2).collect();
                    v.into_iter().rev().collect()
                };
                if verb.chars().count() < 2 {
                    continue;
                }
                let sentence = super::sentence_start(text, rel);
                let earlier: Vec<&&Quantity> = qs[..k]
                    .iter()
                    .filter(|q| !q.is_percent() && q.span.start - b.span.start >= sentence)
                    .collect();
                let Some(num_pos) = earlier.iter().rposition(|q| {
                    let s = q.span.start - b.span.start;
                    let from = text[..s]
                        .char_indices()
                        .rev()
                        .nth(self.verb_window.saturating_sub(1))
                        .map(|x| x.0)
                        .unwrap_or(0);
                    text[from..s].contains(verb.as_str())
                }) else {
                    continue;
                };
                let num = earlier[num_pos];
                let Some(den) = earlier[..num_pos]
                    .iter()
                    .rev()
                    .find(|q| q.unit == num.unit && q.value >= num.value && q.value > 0.0)
                else {
                    continue;
                };
                if num.approximate || den.approximate {
                    continue;
                }
                let computed = num.value / den.value * 100.0;
                if !as_written(computed, rate) {
                    let span = Span::new(den.span.start, rate.span.end);
                    out.push(
                        Hit::at(span)
                            .var("rate", doc.slice(rate.span))
                            .var("numerator", fmt_num(num.value))
                            .var("denominator", fmt_num(den.value))
                            .var("computed", format!("{computed:.2}%")),
                    );
                }
            }
        }
    }
}

/// Whether a computed percentage is the stated one, rounded or cut to its decimals.
pub fn as_written(computed: f64, stated: &Quantity) -> bool {
    let step = 10f64.powi(-(stated.decimals as i32));
    let rounds = (computed - stated.value).abs() <= step / 2.0 + 1e-9;
    let truncates = stated.value <= computed + 1e-9 && computed < stated.value + step;
    rounds || truncates
}
