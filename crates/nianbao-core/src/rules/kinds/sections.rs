//! `sections`: the fixed top-level sections of the national format, present and in order.
//! A section whose title is in the text but was not read as a top-level heading (a lower
//! heading, or a title run into a paragraph) is not missing: it is reported for what it is.

use super::{any_match, Check, Ctx, Re};
use crate::model::{cn_number, BlockKind};
use crate::rules::finding::Hit;
use crate::text::normalize::name_core;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["before", "found", "name", "number", "sections"];
pub const VARIANTS: &[&str] = &["missing", "not_top", "number", "order"];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub number: u32,
    pub name: String,
    /// Wording variants that name this section.
    pub patterns: Vec<Re>,
}

/// What a rule of this kind reports.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Report {
    /// Sections absent, out of order, misnumbered, or only a lower heading.
    Structure,
    /// Section titles found in the text but not as headings (a reading notice).
    Unread,
}

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sections {
    pub sections: Vec<Section>,
    #[serde(default = "structure")]
    pub report: Report,
}

fn structure() -> Report {
    Report::Structure
}

/// Where a section of the format was found.
enum Place {
    /// The top-level heading at this position of the top-level headings.
    Top(usize),
    /// Only a lower heading names it.
    Lower(crate::text::Span),
    /// Its title stands in running text, not as a heading.
    InText,
    Absent,
}

/// How the era's sections were read (`reading.sections` in the JSON).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct SectionsRead {
    pub expected: usize,
    pub as_headings: usize,
    pub as_lower_headings: usize,
    pub only_in_text: usize,
    pub absent: usize,
}

impl Sections {
    fn locate(&self, ctx: &Ctx) -> Vec<Place> {
        let doc = ctx.doc;
        let top: Vec<_> = doc.top_level().collect();
        self.sections
            .iter()
            .map(|s| {
                // One that names the section in full wins over a looser match before it.
                let core = name_core(&s.name);
                let matching = || {
                    top.iter()
                        .enumerate()
                        .filter(|(_, h)| any_match(&s.patterns, doc.shadow_slice(h.title)))
                };
                let found = matching()
                    .find(|(_, h)| name_core(doc.shadow_slice(h.title)).contains(&core))
                    .or_else(|| matching().next())
                    .map(|(i, _)| i);
                match found {
                    Some(p) => Place::Top(p),
                    None => match lower_heading(ctx, s) {
                        Some(span) => Place::Lower(span),
                        None if in_running_text(ctx, s) => Place::InText,
                        None => Place::Absent,
                    },
                }
            })
            .collect()
    }

    pub fn tally(&self, ctx: &Ctx) -> SectionsRead {
        let mut t = SectionsRead {
            expected: self.sections.len(),
            ..SectionsRead::default()
        };
        for p in self.locate(ctx) {
            match p {
                Place::Top(_) => t.as_headings += 1,
                Place::Lower(_) => t.as_lower_headings += 1,
                Place::InText => t.only_in_text += 1,
                Place::Absent => t.absent += 1,
            }
        }
        t
    }
}

impl Check for Sections {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        let top: Vec<_> = doc.top_level().collect();
        let places = self.locate(ctx);
        let mut last: Option<(usize, &Section)> = None;
        let mut unread: Vec<String> = Vec::new();
        for (s, place) in self.sections.iter().zip(places) {
            let p = match place {
                Place::Top(p) => p,
                Place::Lower(h) => {
                    if self.report == Report::Structure {
                        out.push(
                            Hit::at(h)
                                .variant("not_top")
                                .var("number", cn_number(s.number))
                                .var("name", &s.name)
                                .var("found", doc.slice(h)),
                        );
                    }
                    continue;
                }
                Place::InText => {
                    unread.push(format!("{}、{}", cn_number(s.number), s.name));
                    continue;
                }
                Place::Absent => {
                    if self.report == Report::Structure {
                        out.push(
                            Hit::document()
                                .variant("missing")
                                .var("number", cn_number(s.number))
                                .var("name", &s.name),
                        );
                    }
                    continue;
                }
            };
            if self.report == Report::Unread {
                continue;
            }
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
                        .var("found", cn_number(h.number)),
                );
            }
            last = Some((p, s));
        }
        if self.report == Report::Unread && !unread.is_empty() {
            out.push(Hit::document().var("sections", unread.join("”、“")));
        }
    }
}

/// A heading below the top level that names the section (（一）主要问题 for 存在的主要问题及改进
/// 情况 when the part's own heading is not there).
fn lower_heading(ctx: &Ctx, s: &Section) -> Option<crate::text::Span> {
    let doc = ctx.doc;
    doc.headings
        .iter()
        .filter(|h| h.level > 0)
        .find(|h| any_match(&s.patterns, doc.shadow_slice(h.title)))
        .map(|h| crate::text::Span::new(h.marker.start, h.title.end))
}

/// Whether the section's title stands in a paragraph, numbered as a section would be
/// (…工作。五、存在的主要问题…), where no heading was read.
fn in_running_text(ctx: &Ctx, s: &Section) -> bool {
    let doc = ctx.doc;
    let marker = format!("{}、", cn_number(s.number));
    doc.blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Paragraph))
        .any(|b| {
            let text = doc.shadow_slice(b.span);
            text.match_indices(&marker).any(|(i, m)| {
                let after = &text[i + m.len()..];
                let title: String = after.chars().take(24).collect();
                any_match(&s.patterns, &title)
            })
        })
}
