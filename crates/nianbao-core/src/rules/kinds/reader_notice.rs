//! `reader_notice`: what a reader left out of a file because a cap was reached (a table's
//! merged cells covering too much, …). Said once per cause; what was read is still checked.

use super::{Check, Ctx};
use crate::rules::finding::Hit;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["notice"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReaderNotice {}

impl Check for ReaderNotice {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        for n in &ctx.doc.view.notices {
            out.push(Hit::document().var("notice", n));
        }
    }
}
