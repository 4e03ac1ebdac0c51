//! `sections`: the fixed top-level sections of the national format, present and in order.

use super::{any_match, Check, Ctx, Re};
use crate::model::cn_number;
use crate::rules::finding::{Hit, Severity};
use serde::Deserialize;

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub number: u32,
    pub name: String,
    /// Wording variants that name this section.
    pub patterns: Vec<Re>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Params {
    pub sections: Vec<Section>,
}

impl Check for Params {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        let top: Vec<_> = doc.top_level().collect();
        // Position in `top` of the heading that names each canonical section.
        let found: Vec<Option<usize>> = self
            .sections
            .iter()
            .map(|s| {
                top.iter()
                    .position(|h| any_match(&s.patterns, doc.shadow_slice(h.title)))
            })
            .collect();
        let mut last: Option<(usize, &Section)> = None;
        for (s, pos) in self.sections.iter().zip(&found) {
            let Some(p) = *pos else {
                out.push(
                    Hit::document()
                        .variant("missing")
                        .var("number", cn_number(s.number))
                        .var("name", &s.name),
                );
                continue;
            };
            let h = top[p];
            let span = crate::text::Span::new(h.marker.start, h.title.end);
            if let Some((lp, ls)) = last {
                if p < lp {
                    out.push(
                        Hit::at(span)
                            .variant("order")
                            .var("name", &s.name)
                            .var("before", &ls.name),
                    );
                }
            }
            if h.number != s.number {
                out.push(
                    Hit::at(h.marker)
                        .variant("number")
                        .var("name", &s.name)
                        .var("number", cn_number(s.number))
                        .var("found", cn_number(h.number))
                        .severity(Severity::Warning),
                );
            }
            last = Some((p, s));
        }
    }
}
