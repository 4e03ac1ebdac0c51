//! `title`: the report opens with a title line that names the organ, the year and the report.

use super::{Check, Ctx};
use crate::rules::finding::Hit;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["title"];
pub const VARIANTS: &[&str] = &["missing", "no_year"];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Title {}

impl Check for Title {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        match doc.title_span() {
            None => {
                let first = doc.body;
                let end = doc.shadow()[first.start..first.end]
                    .char_indices()
                    .nth(20)
                    .map(|(i, _)| first.start + i)
                    .unwrap_or(first.end);
                out.push(
                    crate::rules::finding::Hit::at(crate::text::Span::new(first.start, end))
                        .variant("missing"),
                );
            }
            Some(t) => {
                let title = doc.shadow_slice(t);
                let has_year = title.char_indices().any(|(i, c)| {
                    c == '年'
                        && title[..i].chars().rev().take(4).all(|d| d.is_ascii_digit())
                        && i >= 4
                });
                if !has_year {
                    out.push(Hit::at(t).variant("no_year").var("title", doc.slice(t)));
                }
            }
        }
    }
}
