//! `year_unknown`: no reporting year could be read, so the era's rules were chosen another
//! way; the report says which rules were applied and why, instead of applying them silently.

use super::{Check, Ctx};
use crate::model::profile::EraBasis;
use crate::rules::finding::Hit;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["era", "why"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct YearUnknown {}

impl Check for YearUnknown {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let p = ctx.profile;
        if p.year.is_some() || p.era_basis == EraBasis::Forced {
            return;
        }
        out.push(
            Hit::document()
                .var("era", p.era.as_str())
                .var("why", p.era_basis.describe()),
        );
    }
}
