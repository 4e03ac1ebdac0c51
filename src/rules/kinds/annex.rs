//! `annex`: the report attaches or names its statistical table, or contains the tables.

use super::{any_match, Check, Ctx, Re};
use crate::model::BlockKind;
use crate::rules::finding::Hit;
use serde::Deserialize;

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Text that names or attaches the annex.
    pub present: Vec<Re>,
}

impl Check for Params {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        let has_rows = doc
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::TableRow { .. }))
            .count()
            >= 3;
        let named = doc
            .blocks
            .iter()
            .filter(|b| !matches!(b.kind, BlockKind::Chrome))
            .any(|b| any_match(&self.present, doc.shadow_slice(b.span)));
        if !has_rows && !named {
            out.push(Hit::document());
        }
    }
}
