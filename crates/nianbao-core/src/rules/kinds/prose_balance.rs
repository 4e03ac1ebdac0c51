//! `prose_balance`: a paragraph that says more applications were concluded than it says were
//! received and carried over (新收45件，上年结转3件，办结50件): one of the figures is wrong.

use super::{Check, Ctx, Re};
use crate::rules::finding::Hit;
use crate::text::Span;
use serde::Deserialize;

use super::breakdown::fmt_num;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["done", "received", "carried"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProseBalance {
    /// Applications received this year; group `n` holds the number.
    pub received: Re,
    /// Carried over from last year (0 when the paragraph does not say).
    pub carried: Re,
    /// Concluded; group `n` holds the number.
    pub done: Re,
}

fn first(re: &Re, text: &str) -> Option<(f64, usize, usize)> {
    let caps = re.captures_iter(text).next()?;
    let n = caps.name("n")?;
    Some((n.text.parse().ok()?, caps.whole().start, caps.whole().end))
}

impl Check for ProseBalance {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        for b in doc.prose_blocks() {
            let text = doc.shadow_slice(b.span);
            let (Some(received), Some(done)) =
                (first(&self.received, text), first(&self.done, text))
            else {
                continue;
            };
            let carried = first(&self.carried, text).map_or(0.0, |c| c.0);
            // Concluded after received: the figures of one account, not two sentences apart.
            if done.1 > received.1 && done.0 > received.0 + carried {
                out.push(
                    Hit::at(Span::new(b.span.start + done.1, b.span.start + done.2))
                        .var("done", fmt_num(done.0))
                        .var("received", fmt_num(received.0))
                        .var("carried", fmt_num(carried)),
                );
            }
        }
    }
}
