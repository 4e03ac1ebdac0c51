//! `numbering`: heading numbers at every level run 1, 2, 3 … under each parent: no gap
//! (一 → 三; （二） with no （一）), no duplicate or restart (一、 twice). A missing number that
//! turns up inside the preceding paragraph is reported as a heading run into the text instead.

use super::{is_sentence_end, Check, Ctx};
use crate::model::MarkerStyle;
use crate::rules::finding::Hit;
use crate::text::Span;
use serde::Deserialize;
use std::collections::HashMap;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["marker", "missing", "previous"];
pub const VARIANTS: &[&str] = &["run_in", "missing_first", "gap", "duplicate", "backwards"];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Numbering {
    /// Largest gap reported; a bigger jump is more likely a quoted number than a gap.
    pub max_gap: u32,
}

/// Within one parent and style: the last number, its heading, and every number seen.
type Group = (u32, Option<usize>, Vec<u32>);

impl Check for Numbering {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        // (parent, style) → (last number, its heading index, numbers seen)
        let mut groups: HashMap<(Option<usize>, MarkerStyle), Group> = HashMap::new();
        for (i, h) in doc.headings.iter().enumerate() {
            let parent_start = h
                .parent
                .map(|p| doc.blocks[doc.headings[p].block].span.end)
                .unwrap_or(doc.body.start);
            let g = groups
                .entry((h.parent, h.style))
                .or_insert((0, None, Vec::new()));
            let (prev, prev_idx, seen) = (g.0, g.1, &g.2);
            let n = h.number;
            let marker = h.marker;
            let render = |k: u32| h.style.render(k);
            if n == prev + 1 {
                // in sequence
            } else if n > prev + 1 && n - prev - 1 <= self.max_gap {
                let from = prev_idx
                    .map(|p| doc.blocks[doc.headings[p].block].span.start)
                    .unwrap_or(parent_start);
                let to = doc.blocks[h.block].span.start;
                let missing: Vec<u32> = (prev + 1..n).collect();
                match find_run_in(doc.shadow(), Span::new(from.min(to), to), h.style, &missing) {
                    Some(at) => {
                        out.push(Hit::at(at).variant("run_in").var("marker", doc.slice(at)))
                    }
                    None => {
                        let list: Vec<String> = missing.iter().map(|k| render(*k)).collect();
                        // Each marker in its own quotes: “（三）”“（四）”.
                        let list = list.join("”“");
                        let hit = Hit::at(marker)
                            .variant(if prev == 0 { "missing_first" } else { "gap" })
                            .var("marker", render(n))
                            .var("missing", list);
                        let hit = if prev > 0 {
                            hit.var("previous", render(prev))
                        } else {
                            hit
                        };
                        out.push(hit);
                    }
                }
            } else if n <= prev {
                let variant = if seen.contains(&n) {
                    "duplicate"
                } else {
                    "backwards"
                };
                out.push(
                    Hit::at(marker)
                        .variant(variant)
                        .var("marker", render(n))
                        .var("previous", render(prev)),
                );
            }
            g.0 = n;
            g.1 = Some(i);
            g.2.push(n);
        }
    }
}

/// A marker of one of the missing numbers written after the end of a sentence, i.e. a heading
/// that was run into the paragraph before it.
fn find_run_in(shadow: &str, region: Span, style: MarkerStyle, missing: &[u32]) -> Option<Span> {
    let text = &shadow[region.start..region.end];
    for k in missing {
        for form in style.forms(*k) {
            for (i, _) in text.match_indices(form.as_str()) {
                let before = text[..i].chars().next_back();
                if before.is_some_and(is_sentence_end) || before == Some('；') {
                    let start = region.start + i;
                    return Some(Span::new(start, start + form.len()));
                }
            }
        }
    }
    None
}
