//! `other_year`: the report calls itself, or its year's work, by another year than the one it
//! reports on ("现将本机关2022年度政府信息公开工作年度报告公布如下" in a 2023 report): text kept
//! from last year's report. Years quoted for comparison (较2022年增长) are other sentences'
//! business and are skipped.

use super::{any_match, Check, Ctx, Re};
use crate::rules::finding::Hit;
use crate::text::Span;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["match", "year", "reporting"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherYear {
    /// Wording that names the reporting year; group `year` holds it (four digits).
    pub patterns: Vec<Re>,
    /// Only the preface (the text before the first section), where the report names itself.
    #[serde(default)]
    pub preface_only: bool,
    /// A clause with these is about another year on purpose (较, 同比, 上年, 整改).
    #[serde(default)]
    pub skip_clauses: Vec<Re>,
}

impl Check for OtherYear {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let Some(reporting) = ctx.profile.year else {
            return;
        };
        let doc = ctx.doc;
        let region = if self.preface_only {
            match doc.preface {
                Some(p) => p,
                None => return,
            }
        } else {
            doc.body
        };
        let text = doc.shadow_slice(region);
        // Matches of several patterns on one phrase are one finding: their union.
        let mut found: Vec<(Span, i32)> = Vec::new();
        for re in &self.patterns {
            for caps in re.captures_iter(text) {
                let Some(y) = caps.name("year") else {
                    continue;
                };
                let Ok(year) = y.text.parse::<i32>() else {
                    continue;
                };
                if year == reporting || !(1990..=2100).contains(&year) {
                    continue;
                }
                let whole = caps.whole();
                let clause = clause_around(text, whole.start, whole.end);
                if any_match(&self.skip_clauses, clause) {
                    continue;
                }
                found.push((
                    Span::new(region.start + whole.start, region.start + whole.end),
                    year,
                ));
            }
        }
        found.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
        let mut merged: Vec<(Span, i32)> = Vec::new();
        for (s, year) in found {
            match merged.last_mut() {
                Some((last, _)) if s.start < last.end => last.end = last.end.max(s.end),
                _ => merged.push((s, year)),
            }
        }
        for (span, year) in merged {
            out.push(
                Hit::at(span)
                    .var("match", doc.slice(span))
                    .var("year", year)
                    .var("reporting", reporting),
            );
        }
    }
}

/// The clause holding `start..end`: from the punctuation before it to the one after.
fn clause_around(text: &str, start: usize, end: usize) -> &str {
    let from = text[..start]
        .rfind(|c: char| super::is_clause_end(c))
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let to = text[end..]
        .find(|c: char| super::is_clause_end(c))
        .map_or(text.len(), |i| end + i);
    &text[from..to]
}
