//! `pattern`: text that must not appear (mojibake, HTML residue, placeholders …), found by
//! regular expressions over the simplified text. A named group `hit` narrows the span.

use super::{any_match, Check, Ctx, Re};
use crate::model::BlockKind;
use crate::rules::finding::Hit;
use crate::text::Span;
use serde::Deserialize;

#[derive(Debug, Deserialize, Clone, Copy, Default, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Everything but page chrome and metadata lines.
    #[default]
    Body,
    /// The whole text, page chrome included (a defect there is still on the published page).
    All,
    /// The paragraphs before the first top-level heading.
    Preface,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Params {
    pub any: Vec<Re>,
    #[serde(default)]
    pub exceptions: Vec<Re>,
    #[serde(default)]
    pub scope: Scope,
    /// Hits closer than this many bytes are reported as one.
    #[serde(default)]
    pub merge_within: usize,
    #[serde(default = "default_max")]
    pub max_hits: usize,
}

fn default_max() -> usize {
    20
}

impl Check for Params {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        let regions: Vec<Span> = match self.scope {
            Scope::All => vec![Span::new(0, doc.text().len())],
            Scope::Preface => doc.preface.into_iter().collect(),
            Scope::Body => doc
                .blocks
                .iter()
                .filter(|b| !matches!(b.kind, BlockKind::Chrome | BlockKind::Metadata { .. }))
                .map(|b| b.span)
                .collect(),
        };
        let mut spans: Vec<Span> = Vec::new();
        for region in regions {
            let text = doc.shadow_slice(region);
            for re in &self.any {
                for caps in re.0.captures_iter(text) {
                    let m = caps
                        .name("hit")
                        .or_else(|| caps.get(0))
                        .expect("group 0 exists");
                    if m.as_str().is_empty() || any_match(&self.exceptions, m.as_str()) {
                        continue;
                    }
                    spans.push(Span::new(region.start + m.start(), region.start + m.end()));
                }
            }
        }
        spans.sort();
        let mut merged: Vec<Span> = Vec::new();
        for s in spans {
            match merged.last_mut() {
                Some(last) if s.start <= last.end + self.merge_within => {
                    last.end = last.end.max(s.end)
                }
                _ => merged.push(s),
            }
        }
        for s in merged.into_iter().take(self.max_hits) {
            out.push(Hit::at(s).var("match", doc.slice(s)));
        }
    }
}
