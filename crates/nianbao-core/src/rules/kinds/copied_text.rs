//! `copied_text`: a report that is last year's again with the years and figures changed. The
//! share of its sentences (by length) that last year's report has too, once figures are
//! masked, over the whole report or over the sections the rule names (the problems section
//! copied means nothing was rectified). Template sentences and sentences common to the batch
//! are left out.

use super::{any_match, Check, PairCtx, PairHit, Re};
use crate::across::copy::{copied, percent, render_passages, Copied};
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["rate", "threshold", "section", "previous_year", "passages"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CopiedText {
    /// The share from which it is a finding (0.5 = 50%).
    pub threshold: f64,
    /// Only the sections whose titles match (none: the whole report).
    #[serde(default)]
    pub sections: Vec<Re>,
    /// Sentences of the template, which every report writes.
    #[serde(default)]
    pub boilerplate: Vec<Re>,
    /// Fewer characters than this looked at prove nothing (a section of one line).
    pub min_chars: usize,
    /// How many passages the finding shows.
    pub shown: usize,
}

impl CopiedText {
    fn found(&self, pair: &PairCtx) -> Copied {
        let cur = pair.current;
        let in_scope = |s: &crate::across::digest::Sentence| {
            !any_match(&self.boilerplate, &s.text)
                && (self.sections.is_empty()
                    || s.section
                        .is_some_and(|i| any_match(&self.sections, &cur.sections[i].title)))
        };
        copied(pair.previous, cur, pair.common, in_scope)
    }

    /// The share of the report (or of its sections) that is last year's text: the repeat
    /// rate of the summary.
    pub fn rate(&self, pair: &PairCtx) -> f64 {
        self.found(pair).rate()
    }

    pub fn whole_report(&self) -> bool {
        self.sections.is_empty()
    }
}

impl Check for CopiedText {
    fn run_pair(&self, pair: &PairCtx, out: &mut Vec<PairHit>) {
        let (prev, cur) = (pair.previous, pair.current);
        let found = self.found(pair);
        if found.total < self.min_chars || found.rate() < self.threshold {
            return;
        }
        let section = found
            .passages
            .first()
            .and_then(|p| p.first())
            .and_then(|&(i, _)| cur.sentences[i].section)
            .map(|i| cur.sections[i].title.clone())
            .unwrap_or_default();
        out.push(
            passages_hit(&found, pair, ("本年", "上年"), self.shown, self.threshold)
                .var("section", section)
                .var("previous_year", pair.year_label(prev.year)),
        );
    }
}

/// A finding of copied passages: at the first of them in both reports, the longest shown side
/// by side, with the share, the threshold and how many passages there are.
pub fn passages_hit(
    found: &Copied,
    pair: &PairCtx,
    labels: (&str, &str),
    shown: usize,
    threshold: f64,
) -> PairHit {
    let (other, cur) = (pair.previous, pair.current);
    let first = found.passages.first().and_then(|p| p.first()).copied();
    PairHit {
        at: first.map(|(i, _)| cur.sentences[i].place.clone()),
        related: first.map(|(_, j)| other.sentences[j].place.clone()),
        detail: Some(render_passages(found, other, cur, labels, shown)),
        ..PairHit::default()
    }
    .var("rate", percent(found.rate()))
    .var("threshold", percent(threshold))
    .var("passages", found.passages.len())
}
