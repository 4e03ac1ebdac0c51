//! `pattern`: text that must not appear (mojibake, HTML residue, placeholders …), found by
//! regular expressions over the simplified text. A named group `hit` narrows the span.

use super::{any_match, Alternatives, Check, Ctx, Re};
use crate::model::BlockKind;
use crate::rules::finding::Hit;
use crate::text::Span;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["match"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, Copy, Default, PartialEq, schemars::JsonSchema)]
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

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pattern {
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
    /// A hit right after one of these characters is not one (a phone number inside a longer
    /// digit string).
    #[serde(default)]
    pub not_after: String,
    #[serde(skip)]
    combined: Alternatives,
}

/// Findings one pattern rule gives a file at the most, whatever its file says: a pattern that
/// matches every character (`.`) must not flood a report or the memory.
const MAX_HITS: usize = 1000;

/// Matches of one pattern read in one file at the most.
const MAX_MATCHES: usize = 100_000;

fn default_max() -> usize {
    20
}

impl Check for Pattern {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        // One pass over the whole text (much cheaper than one per block); hits in page chrome
        // or metadata are then dropped for the body scope.
        let region = match self.scope {
            Scope::All | Scope::Body => Span::new(0, doc.text().len()),
            Scope::Preface => match doc.preface {
                Some(p) => p,
                None => return,
            },
        };
        let excluded: Vec<Span> = if self.scope == Scope::Body {
            doc.blocks
                .iter()
                .filter(|b| matches!(b.kind, BlockKind::Chrome | BlockKind::Metadata { .. }))
                .map(|b| b.span)
                .collect()
        } else {
            Vec::new()
        };
        let in_excluded = |at: usize| {
            let i = excluded.partition_point(|s| s.end <= at);
            excluded.get(i).is_some_and(|s| s.start <= at)
        };
        let text = doc.shadow_slice(region);
        let mut spans: Vec<Span> = Vec::new();
        let mut push = |start: usize, end: usize, s: &str| {
            let prev = text[..start].chars().next_back();
            if s.is_empty()
                || any_match(&self.exceptions, s)
                || prev.is_some_and(|c| self.not_after.contains(c))
                || in_excluded(region.start + start)
            {
                return;
            }
            spans.push(Span::new(region.start + start, region.start + end));
        };
        for re in self.combined.get(&self.any, text.len()) {
            match re
                .group_info()
                .to_index(regex_automata::PatternID::ZERO, "hit")
            {
                Some(hit) => {
                    for caps in re.captures_iter(text).take(MAX_MATCHES) {
                        let group = caps.get_group(hit);
                        let Some(g) = group.or_else(|| caps.get_match().map(|m| m.span())) else {
                            continue;
                        };
                        push(g.start, g.end, &text[g.start..g.end]);
                    }
                }
                None => {
                    for m in re.find_iter(text).take(MAX_MATCHES) {
                        push(m.start(), m.end(), &text[m.start()..m.end()]);
                    }
                }
            }
        }
        spans.sort();
        let mut merged: Vec<Span> = Vec::new();
        for s in spans {
            match merged.last_mut() {
                Some(last) if s.start <= last.end.saturating_add(self.merge_within) => {
                    last.end = last.end.max(s.end)
                }
                _ => merged.push(s),
            }
        }
        for s in merged.into_iter().take(self.max_hits.min(MAX_HITS)) {
            out.push(Hit::at(s).var("match", doc.slice(s)));
        }
    }
}
