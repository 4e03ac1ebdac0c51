//! `stats_period`: the statistics-period sentence (统计期限自Y年1月1日至12月31日) is present
//! and names the reporting year.

use super::{Check, Ctx, Re};
use crate::rules::finding::{Hit, Severity};
use crate::syntax::Token;
use crate::text::Span;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["found", "year"];
pub const VARIANTS: &[&str] = &["missing", "missing_any", "wrong_year"];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatsPeriod {
    pub cues: Vec<Re>,
    /// How far after the cue (bytes) its dates are looked for.
    pub window: usize,
    /// Severity when there is no such sentence at all (it is customary, not required).
    pub missing_severity: Severity,
}

impl Check for StatsPeriod {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        let mut found = false;
        for b in doc.prose_blocks() {
            let text = doc.shadow_slice(b.span);
            for re in &self.cues {
                for m in re.scanner().find_iter(text) {
                    let from = b.span.start + m.start();
                    let to = (b.span.start + m.end() + self.window).min(b.span.end);
                    let dates: Vec<_> = doc
                        .tokens_in(Span::new(from, to))
                        .filter_map(|t| match t {
                            Token::Date(d) if d.year.is_some() => Some(d),
                            _ => None,
                        })
                        .collect();
                    let Some(first) = dates.first() else { continue };
                    found = true;
                    if let (Some(year), Some(y)) = (ctx.profile.year, first.year) {
                        if y != year {
                            out.push(
                                Hit::at(first.span)
                                    .variant("wrong_year")
                                    .var("found", y)
                                    .var("year", year),
                            );
                        }
                    }
                }
            }
        }
        if !found {
            let hit = match ctx.profile.year {
                Some(y) => Hit::document().variant("missing").var("year", y),
                None => Hit::document().variant("missing_any"),
            };
            out.push(hit.severity(self.missing_severity));
        }
    }
}
