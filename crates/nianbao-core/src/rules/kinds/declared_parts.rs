//! `declared_parts`: a preface that lists the report's parts (全文包括…/由…组成/共N部分) must
//! agree with the top-level sections that follow, by count and by name.

use super::{any_match, Check, Ctx, Re};
use crate::model::cn_number;
use crate::rules::finding::Hit;
use crate::text::normalize::{cn_numeral_value, name_core};
use crate::text::Span;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["declared", "found", "heading", "undeclared"];
pub const VARIANTS: &[&str] = &["count", "missing", "renamed", "undeclared"];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclaredParts {
    /// Statements that declare the parts; group `list` holds the list, `count` the number.
    pub statements: Vec<Re>,
    /// Words that end the list without being part of it (等).
    pub open_ended: Vec<String>,
    /// Declared parts that are an annex rather than a section, and text that shows the annex.
    pub annex_parts: Vec<Re>,
    pub annex_present: Vec<Re>,
    /// Similarity (0–1) above which a declared part and a heading are the same part misnamed.
    pub rename_similarity: f64,
}

struct Part {
    text: String,
    /// `name_core` of the text, computed once.
    core: String,
    span: Span,
}

impl Check for DeclaredParts {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        let Some(preface) = doc.preface else { return };
        let text = doc.shadow_slice(preface);
        // is_match runs on the fast DFA; the capturing search only where a statement exists.
        let Some(caps) = self
            .statements
            .iter()
            .filter(|re| re.is_match(text))
            .find_map(|re| re.scanner().captures(text))
        else {
            return;
        };
        let Some(list) = caps.name("list") else {
            return;
        };
        let statement = Span::new(
            preface.start + caps.get(0).unwrap().start(),
            preface.start + caps.get(0).unwrap().end(),
        );
        let mut list_text = list.as_str();
        let mut open_ended = false;
        for w in &self.open_ended {
            if let Some(stripped) = list_text.strip_suffix(w.as_str()) {
                list_text = stripped;
                open_ended = true;
            }
        }
        let count = caps.name("count").and_then(|c| {
            let s = c.as_str();
            s.parse::<u32>().ok().or_else(|| cn_numeral_value(s))
        });
        let parts = split_parts(list_text, preface.start + list.start());
        // Each heading's span and the core of its title, computed once.
        let headings: Vec<(Span, String)> = doc
            .top_level()
            .map(|h| {
                (
                    Span::new(h.marker.start, h.title.end),
                    name_core(doc.shadow_slice(h.title)),
                )
            })
            .collect();
        if parts.is_empty() {
            return;
        }
        let annex_shown = || {
            any_match(
                &self.annex_present,
                &doc.shadow()[preface.end..doc.body.end.max(preface.end)],
            )
        };
        let mut matched = vec![false; headings.len()];
        let (mut i, mut j) = (0, 0);
        let mut misses = Vec::new();
        while i < parts.len() {
            let mut best = None;
            let joined: Vec<String> = (1..=3.min(parts.len() - i))
                .map(|k| parts[i..i + k].iter().map(|p| p.core.as_str()).collect())
                .collect();
            // The first heading that names the part; but a heading further on that names it
            // exactly wins over a loose match before it (a sub-part numbered like a part:
            // 三、主动公开工作情况 before 一、主动公开政府信息情况).
            let mut first = None;
            for (jj, (_, title)) in headings.iter().enumerate().skip(j) {
                let candidate = joined
                    .iter()
                    .enumerate()
                    .filter_map(|(k, core)| {
                        let c = coverage(core, title);
                        (c >= MIN_COVERAGE).then_some((k + 1, c))
                    })
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                if let Some((k, c)) = candidate {
                    if c >= EXACT_COVERAGE {
                        best = Some((jj, k));
                        break;
                    }
                    first = first.or(Some((jj, k)));
                }
            }
            best = best.or(first);
            match best {
                Some((jj, k)) => {
                    matched[jj] = true;
                    i += k;
                    j = jj + 1;
                }
                None => {
                    let p = &parts[i];
                    if any_match(&self.annex_parts, &p.text) && annex_shown() {
                        i += 1;
                        continue;
                    }
                    if j < headings.len()
                        && similarity(&p.core, &headings[j].1) >= self.rename_similarity
                    {
                        out.push(
                            Hit::at(headings[j].0)
                                .variant("renamed")
                                .var("declared", &p.text)
                                .var("heading", doc.slice(headings[j].0)),
                        );
                        matched[j] = true;
                        j += 1;
                    } else {
                        misses.push(i);
                    }
                    i += 1;
                }
            }
        }
        for m in misses {
            let p = &parts[m];
            if any_match(&self.annex_parts, &p.text) {
                continue;
            }
            out.push(Hit::at(p.span).variant("missing").var("declared", &p.text));
        }
        let undeclared: Vec<usize> = (0..headings.len()).filter(|k| !matched[*k]).collect();
        if let Some(n) = count {
            if n as usize != headings.len() {
                let names: Vec<&str> = undeclared
                    .iter()
                    .map(|k| doc.slice(headings[*k].0))
                    .collect();
                out.push(
                    Hit::at(statement)
                        .variant("count")
                        .var("declared", cn_number(n))
                        .var("found", cn_number(headings.len() as u32))
                        .var(
                            "undeclared",
                            if names.is_empty() {
                                "无".to_string()
                            } else {
                                names.join("；")
                            },
                        ),
                );
                return;
            }
        }
        if !open_ended || count.is_some() {
            for k in undeclared {
                out.push(
                    Hit::at(headings[k].0)
                        .variant("undeclared")
                        .var("heading", doc.slice(headings[k].0)),
                );
            }
        }
    }
}

/// Splits 概述、主动公开……及统计附表 into parts; the last one is split once more on 及/和/以及,
/// since the final item of a Chinese list is joined that way.
fn split_parts(list: &str, base: usize) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut start = 0;
    let push = |parts: &mut Vec<Part>, s: usize, e: usize| {
        let is_pad = |c: char| c.is_whitespace() || matches!(c, '，' | ',' | '：' | ':');
        let piece = &list[s..e];
        let rest = piece.trim_start_matches(is_pad);
        let t = rest.trim_end_matches(is_pad);
        if !t.is_empty() {
            let off = s + piece.len() - rest.len();
            parts.push(Part {
                text: t.to_string(),
                core: name_core(t),
                span: Span::new(base + off, base + off + t.len()),
            });
        }
    };
    for (i, c) in list.char_indices() {
        if matches!(c, '、' | '；' | ';' | '，' | ',') {
            push(&mut parts, start, i);
            start = i + c.len_utf8();
        }
    }
    let last = &list[start..];
    let joiner = ["以及", "及", "和"]
        .iter()
        .find_map(|j| last.rfind(j).map(|p| (p, j.len())));
    match joiner {
        Some((p, l)) if p > 0 && p + l < last.len() => {
            push(&mut parts, start, start + p);
            push(&mut parts, start + p + l, list.len());
        }
        _ => push(&mut parts, start, list.len()),
    }
    parts
}

/// Coverage at which a heading names a declared part exactly.
const EXACT_COVERAGE: f64 = 0.95;

/// How much of the longer name the shorter one accounts for.
const MIN_COVERAGE: f64 = 0.5;

/// How well a declared part names a heading, 0 to 1, given both `name_core`s: the same part in
/// other words means equal cores, one core contained in the other in order, or the same
/// characters in another order; the score is the shorter core's share of the longer, so 总体
/// does not claim a long list.
fn coverage(ca: &str, cb: &str) -> f64 {
    let (la, lb) = (ca.chars().count(), cb.chars().count());
    if la == 0 || lb == 0 {
        return 0.0;
    }
    let ratio = la.min(lb) as f64 / la.max(lb) as f64;
    if ca == cb {
        return 1.0;
    }
    let (short, long) = if la <= lb { (&ca, &cb) } else { (&cb, &ca) };
    if la.min(lb) >= 2 && is_subsequence(short, long) {
        return ratio;
    }
    if la != lb {
        return 0.0;
    }
    let mut x: Vec<char> = ca.chars().collect();
    let mut y: Vec<char> = cb.chars().collect();
    x.sort_unstable();
    y.sort_unstable();
    if x == y {
        1.0
    } else {
        0.0
    }
}

#[cfg(test)]
fn same_part(a: &str, b: &str) -> bool {
    coverage(&name_core(a), &name_core(b)) >= MIN_COVERAGE
}

fn is_subsequence(short: &str, long: &str) -> bool {
    let mut it = long.chars();
    short.chars().all(|c| it.by_ref().any(|d| d == c))
}

/// 1 − edit distance / longer length, over characters.
pub fn similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_levenshtein(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_split_and_compare() {
        let p = split_parts("概述、主动公开、存在问题、改进措施及统计附表", 0);
        let t: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(t, ["概述", "主动公开", "存在问题", "改进措施", "统计附表"]);
        assert!(same_part("依申请公开工作情况", "依申请公开工作详细情况"));
        assert!(same_part(
            "因政府信息公开申请提起行政复议和行政诉讼的情况",
            "因政府信息公开申请行政复议、提起行政诉讼的情况"
        ));
        assert!(!same_part("政务舆论处置回应情况", "政务舆情处置回应情况"));
        assert!(!same_part(
            "总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况",
            "总体情况"
        ));
        assert!(
            similarity(
                &name_core("政务舆论处置回应情况"),
                &name_core("政务舆情处置回应情况")
            ) > 0.8
        );
    }
}
