//! `reader_notice`: what a reader left out of a file because a cap was reached (a table's
//! merged cells covering too much, …). Said once per cause; what was read is still checked.

use super::{Check, Ctx};
use crate::rules::finding::Hit;
use serde::Deserialize;

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Params {}

impl Check for Params {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        for n in &ctx.doc.view.notices {
            out.push(Hit::document().var("notice", n));
        }
    }
}
