//! `metric_conflict`: one metric given two different values in one report (信息公开网发布154条
//! … 信息公开网发布254条). The metric is the phrase before the figure, within its clause.

use super::{any_match, is_clause_end, Check, Ctx, Re};
use crate::rules::finding::Hit;
use crate::syntax::Token;
use crate::text::Span;
use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::breakdown::fmt_num;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["first", "first_place", "metric", "unit", "value"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MetricConflict {
    /// Leading words that do not change what is counted (在, 其中, 全年 …).
    pub strip_prefixes: Vec<String>,
    /// A metric phrase must contain one of these verbs to be compared.
    pub verbs: Vec<String>,
    /// Clauses that compare with another period or place are skipped (同比, 去年 …).
    pub skip_clauses: Vec<Re>,
    /// Shortest metric phrase, in characters.
    pub min_chars: usize,
    /// `verbs` as one search, built on first use.
    #[serde(skip)]
    verb_finder: std::sync::OnceLock<regex::Regex>,
}

impl MetricConflict {
    fn has_verb(&self, key: &str) -> bool {
        self.verb_finder
            .get_or_init(|| {
                let alternatives: Vec<String> =
                    self.verbs.iter().map(|v| regex::escape(v)).collect();
                regex::Regex::new(&alternatives.join("|")).expect("escaped literals")
            })
            .is_match(key)
    }
}

impl Check for MetricConflict {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        // Keyed by the metric phrase and unit as they stand in the text: nothing is copied.
        let mut seen: FxHashMap<(&str, &str), (f64, Span)> = FxHashMap::default();
        for b in doc.prose_blocks() {
            let text = doc.shadow_slice(b.span);
            for t in doc.tokens_in(b.span) {
                let Token::Quantity(q) = t else { continue };
                if q.is_percent() || q.approximate {
                    continue;
                }
                let rel = q.span.start - b.span.start;
                let clause_start = text[..rel]
                    .char_indices()
                    .rev()
                    // A topic before a colon (公共服务：已在…公示7条) is part of what is counted.
                    .find(|(_, c)| {
                        (is_clause_end(*c) && !matches!(c, '：' | ':'))
                            || matches!(c, '、' | '(' | '（' | ')' | '）')
                    })
                    .map(|(i, c)| i + c.len_utf8())
                    .unwrap_or(0);
                let mut key = &text[clause_start..rel];
                let mut changed = true;
                while changed {
                    changed = false;
                    for p in &self.strip_prefixes {
                        // The first byte rules out most prefixes without a comparison call.
                        if key.as_bytes().first() != p.as_bytes().first() {
                            continue;
                        }
                        if let Some(s) = key.strip_prefix(p.as_str()) {
                            key = s;
                            changed = true;
                        }
                    }
                }
                if key.chars().count() < self.min_chars
                    || key.bytes().any(|c| c.is_ascii_digit())
                    || !self.has_verb(key)
                {
                    continue;
                }
                // Comparisons with another period or place are not the metric itself; tested
                // last, as the pattern is the costliest step.
                let clause_end = text[rel..]
                    .char_indices()
                    .find(|(_, c)| is_clause_end(*c))
                    .map(|(i, _)| rel + i)
                    .unwrap_or(text.len());
                if any_match(&self.skip_clauses, &text[clause_start..clause_end]) {
                    continue;
                }
                let k = (key, q.unit.as_str());
                match seen.get(&k) {
                    Some((v, first)) if (v - q.value).abs() > 1e-9 => {
                        // The place as the user sees it: a paragraph or page of a Word,
                        // PDF or web file, a line of a text file.
                        let place = doc.view.origin(first.start).map_or_else(
                            || format!("第{}行", doc.view.line_col(first.start).0),
                            str::to_string,
                        );
                        out.push(
                            Hit::at(q.span)
                                .var("metric", key)
                                .var("value", fmt_num(q.value))
                                .var("first", fmt_num(*v))
                                .var("unit", &q.unit)
                                .var("first_place", place),
                        );
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(k, (q.value, q.span));
                    }
                }
            }
        }
    }
}
