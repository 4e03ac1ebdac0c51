//! `date_validity`: dates that cannot exist (于55日, 2月30日) or are malformed (一七年一月八日).

use super::{Check, Ctx};
use crate::rules::finding::Hit;
use crate::syntax::Token;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["match"];
pub const VARIANTS: &[&str] = &["impossible", "malformed"];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateValidity {}

impl Check for DateValidity {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        for t in &doc.tokens {
            let Token::Date(d) = t else { continue };
            if doc.in_chrome(d.span.start) {
                continue;
            }
            if !d.is_valid() {
                out.push(
                    Hit::at(d.span)
                        .variant("impossible")
                        .var("match", doc.slice(d.span)),
                );
            } else if d.short_year {
                out.push(
                    Hit::at(d.span)
                        .variant("malformed")
                        .var("match", doc.slice(d.span)),
                );
            }
        }
    }
}
