//! `prose_vs_table`: a count stated in the text (受理申请859件, 复议7件, 规章13件) agrees with
//! the cells it describes. Each claim in the YAML lists the readings its wording allows (受理
//! may mean 新收 or 新收+上年结转); the text is wrong only if it fits none of them.

use super::table_values::value;
use super::{any_match, Check, Ctx, Re};
use crate::rules::compile::Validator;
use crate::rules::finding::{Hit, Severity};
use crate::template::map::Mapped;
use crate::text::Span;
use serde::Deserialize;

use super::breakdown::fmt_num;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["cells", "match", "stated", "value"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// What the text says; group `n` holds the number.
    pub pattern: Re,
    /// The readings the wording allows: each a sum of cells written table.row.column.
    pub readings: Vec<Vec<String>>,
    /// A sentence matching these is about something else (部门规范性文件, 公报 …).
    #[serde(default)]
    pub unless: Vec<Re>,
    /// The sentence must match this for the number to be about the table (办结X件 only in a
    /// sentence about disclosure applications).
    #[serde(default)]
    pub within: Option<Re>,
    /// For wording that is not quite certain.
    #[serde(default)]
    pub severity: Option<Severity>,
}

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProseVsTable {
    pub claims: Vec<Claim>,
    /// Sentences about other counts than the tables' (咨询, 来信 …) are never compared.
    pub skip_sentences: Vec<Re>,
}

impl Check for ProseVsTable {
    fn validate(&self, v: &mut Validator) {
        for cell in self.claims.iter().flat_map(|c| c.readings.iter().flatten()) {
            v.cell(cell);
        }
    }

    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        let tables = ctx.tables();
        if tables.t2.is_none() && tables.t3.is_none() && tables.t4.is_none() {
            return;
        }
        for b in doc.prose_blocks() {
            let block = doc.shadow_slice(b.span);
            // Claims are counts of 件: only sentences with a figure before 件 are read.
            for (s_start, sentence) in sentences(block) {
                if !has_count(sentence) || any_match(&self.skip_sentences, sentence) {
                    continue;
                }
                for claim in &self.claims {
                    if any_match(&claim.unless, sentence)
                        || claim.within.as_ref().is_some_and(|w| !w.is_match(sentence))
                    {
                        continue;
                    }
                    for caps in claim.pattern.captures_iter(sentence) {
                        let Some(n) = caps.name("n") else { continue };
                        let Ok(stated) = n.text.parse::<f64>() else {
                            continue;
                        };
                        let whole = caps.whole();
                        // A cell the table has but that is not a figure (a misread "l2") may be
                        // the one the text means: nothing can be said against the text then.
                        if claim.readings.iter().any(|r| unreadable(ctx, r)) {
                            continue;
                        }
                        // Values first; the cells are named only for a finding.
                        let mut values = claim.readings.iter().filter_map(|r| sum_of(ctx, r));
                        let Some(v) = values.next() else { continue };
                        if (v - stated).abs() < 1e-6 || values.any(|v| (v - stated).abs() < 1e-6) {
                            continue;
                        }
                        let Some((v, cells)) = claim
                            .readings
                            .iter()
                            .find_map(|r| Some((sum_of(ctx, r)?, naming(ctx, r)?)))
                        else {
                            continue;
                        };
                        let at = b.span.start + s_start;
                        let span = Span::new(at + whole.start, at + whole.end);
                        let mut hit = Hit::at(span)
                            .var("match", doc.slice(span))
                            .var("stated", fmt_num(stated))
                            .var("cells", cells)
                            .var("value", fmt_num(v));
                        if let Some(s) = claim.severity {
                            hit = hit.severity(s);
                        }
                        out.push(hit);
                    }
                }
            }
        }
    }
}

/// The sentences of a block (ending at 。 or ；), with their offsets: the context that tells
/// what a number counts.
fn sentences(text: &str) -> impl Iterator<Item = (usize, &str)> {
    // 。 and ； are the only characters that start with 0xE3 0x80 0x82 and 0xEF 0xBC 0x9B:
    // candidates are found by byte search rather than by decoding every character.
    let b = text.as_bytes();
    let mut ends = memchr::memchr3_iter(0xE3, 0xEF, b';', b).filter_map(move |i| match &b[i..] {
        [0xE3, 0x80, 0x82, ..] | [0xEF, 0xBC, 0x9B, ..] => Some(i + 3),
        [b';', ..] => Some(i + 1),
        _ => None,
    });
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = ends.next().unwrap_or(text.len());
        let at = start;
        start = end;
        Some((at, &text[at..end]))
    })
}

/// A figure directly before 件.
fn has_count(sentence: &str) -> bool {
    sentence
        .match_indices('件')
        .any(|(i, _)| sentence[..i].ends_with(|c: char| c.is_ascii_digit()))
}

/// The table, row and column of a cell written table.row.column.
fn cell_ref<'c>(ctx: &'c Ctx, cell: &'c str) -> Option<(&'c Mapped, &'c str, &'c str)> {
    let mut parts = cell.splitn(3, '.');
    let (t, r, col) = (parts.next()?, parts.next()?, parts.next()?);
    Some((ctx.tables().get(t)?, r, col))
}

/// The value of one reading (a sum of cells), if all its cells are known.
fn sum_of(ctx: &Ctx, cells: &[String]) -> Option<f64> {
    let mut total = 0.0;
    for c in cells {
        let (m, r, col) = cell_ref(ctx, c)?;
        total += value(m, r, col, true)?.value;
    }
    Some(total)
}

/// Whether a reading names a cell that is in the table but holds text, not a figure.
fn unreadable(ctx: &Ctx, cells: &[String]) -> bool {
    cells.iter().any(|c| {
        cell_ref(ctx, c).is_some_and(|(m, r, col)| {
            m.cell(r, col)
                .is_some_and(|x| matches!(x.value, crate::model::CellValue::Text))
        })
    })
}

/// How to name the cells of one reading in a message.
fn naming(ctx: &Ctx, cells: &[String]) -> Option<String> {
    let mut names = Vec::new();
    for c in cells {
        let (m, r, col) = cell_ref(ctx, c)?;
        let row = m
            .spec
            .row(r)
            .map(|x| x.short().to_string())
            .unwrap_or_default();
        // A blank 总计 was summed from its row: say so rather than name the empty cell.
        let summed = matches!(
            m.cell(r, col).map(|c| &c.value),
            Some(crate::model::CellValue::Blank) | None
        ) && m.spec.column(col).is_some_and(|c| !c.total_of.is_empty());
        let column = if summed {
            "各列合计".to_string()
        } else {
            m.spec
                .column(col)
                .map(|x| x.short().to_string())
                .unwrap_or_default()
        };
        names.push(format!("{row}{column}").trim().to_string());
    }
    let table = cells
        .first()
        .and_then(|c| cell_ref(ctx, c))
        .map(|(m, _, _)| m.spec.name.clone())
        .unwrap_or_default();
    Some(format!("“{table}”表中{}", names.join("+")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_as_split_inclusive_does() {
        let mut texts = crate::corpus_texts::corpus_texts();
        texts.extend(["", "。", "a;b；c。", "无句号", "末尾。；"].map(String::from));
        for t in &texts {
            let ours: Vec<(usize, &str)> = sentences(t).collect();
            let mut at = 0;
            let std: Vec<(usize, &str)> = t
                .split_inclusive(['。', '；', ';'])
                .map(|s| {
                    at += s.len();
                    (at - s.len(), s)
                })
                .collect();
            assert_eq!(ours, std);
        }
    }
}
