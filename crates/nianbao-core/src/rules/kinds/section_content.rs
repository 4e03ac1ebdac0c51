//! `section_content`: what a fixed section says, not only that it is there. The problems
//! section (五) that says only 无 or 暂无, or names problems with no measure to improve them,
//! has not been written.

use super::{any_match, Check, Ctx, Re};
use crate::rules::finding::Hit;
use crate::text::Span;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["name", "match"];
pub const VARIANTS: &[&str] = &["empty"];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionContent {
    /// The section's top-level heading, matched on its title.
    pub heading: Re,
    /// A body that is all of this says nothing (无, 暂无, 无问题).
    pub empty: Re,
    /// Wording of a measure; a body with none of it names no improvement.
    pub measures: Vec<Re>,
}

impl Check for SectionContent {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        for h in doc.top_level() {
            let name = doc.shadow_slice(h.title);
            if !self.heading.is_match(name) {
                continue;
            }
            // The body: what runs on after the heading, and the section's lines below it.
            let from = h.run_in.map_or(doc.blocks[h.block].span.end, |r| r.start);
            if from >= h.section_end {
                // A heading with nothing under it is the sections rule's to report.
                continue;
            }
            let raw = doc.shadow_slice(Span::new(from, h.section_end));
            let body = raw.trim();
            // The body without the line breaks around it.
            let lead = raw.len() - raw.trim_start().len();
            let span = Span::new(from + lead, from + lead + body.len());
            let shown = doc.slice(h.title).to_string();
            let trimmed: String = body.chars().filter(|c| !c.is_whitespace()).collect();
            if trimmed.is_empty() {
                continue;
            }
            if self.empty.is_match(&trimmed) {
                out.push(
                    Hit::at(span)
                        .variant("empty")
                        .var("name", shown)
                        .var("match", trimmed),
                );
            } else if !any_match(&self.measures, body) {
                out.push(Hit::at(h.title).var("name", shown).var("match", ""));
            }
        }
    }
}
