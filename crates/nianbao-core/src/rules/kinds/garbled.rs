//! `garbled`: text mis-decoded somewhere on its way to the page (UTF-8 read as GBK, GBK as
//! Big5 or the reverse, Chinese read as Western text), found by its run of characters a
//! Chinese text practically never uses and, where one of the usual mistakes can be undone,
//! given with what it said (`text::garbled`).

use super::{Check, Ctx};
use crate::rules::finding::Hit;
use crate::text::garbled;
use crate::text::Span;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["match", "original", "right", "wrong"];
pub const VARIANTS: &[&str] = &["unrecovered"];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Garbled {
    /// Rare characters a run must have to be looked at (a name has one or two).
    pub min_rare: usize,
    /// Rare characters past which a run is reported even when no mistake undoes it.
    pub report_unrecovered_at: usize,
}

impl Check for Garbled {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        let text = doc.text();
        for g in garbled::find(text, self.min_rare, self.report_unrecovered_at) {
            let span = Span::new(g.start, g.end);
            let hit = Hit::at(span).var("match", &text[g.start..g.end]);
            out.push(match g.recovered {
                Some((original, right, wrong)) => hit
                    .var("original", original)
                    .var("right", codec_name(right))
                    .var("wrong", codec_name(wrong)),
                None => hit.variant("unrecovered"),
            });
        }
    }
}

/// The codec as the user knows it.
fn codec_name(name: &str) -> &'static str {
    match name {
        "UTF-8" => "UTF-8",
        "GBK" | "gb18030" => "GBK",
        "Big5" => "Big5（繁体）",
        _ => "西文（Latin-1）",
    }
}
