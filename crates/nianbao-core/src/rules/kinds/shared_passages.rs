//! `shared_passages`: 雷同, two units' reports of one year that share long passages beyond
//! what the template and the whole batch write. The share is of this report's own sentences
//! (by length) that the other report has too, figures masked.

use super::copied_text::passages_hit;
use super::{any_match, Check, PairCtx, PairHit, Re};
use crate::across::copy::copied;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["rate", "threshold", "other", "passages"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SharedPassages {
    pub threshold: f64,
    #[serde(default)]
    pub boilerplate: Vec<Re>,
    pub min_chars: usize,
    pub shown: usize,
}

impl Check for SharedPassages {
    fn run_pair(&self, pair: &PairCtx, out: &mut Vec<PairHit>) {
        let (other, cur) = (pair.previous, pair.current);
        let found = copied(other, cur, pair.common, |s| {
            !any_match(&self.boilerplate, &s.text)
        });
        if found.copied < self.min_chars || found.rate() < self.threshold {
            return;
        }
        out.push(
            passages_hit(&found, pair, ("本报告", "对方"), self.shown, self.threshold)
                .var("other", other.issuer.as_deref().unwrap_or("另一单位")),
        );
    }
}
