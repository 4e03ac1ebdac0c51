//! Suppressions written in a draft (Markdown or text): a finding its author has weighed and
//! accepts is not reported again, and the reason stays in the file for the reviewer.
//!
//! `<!-- nianbao-disable-next-line RULE[,RULE] 理由 -->` covers the next line that is not
//! blank; `<!-- nianbao-disable RULE[,RULE] 理由 -->` the whole file. RULE may be a prefix
//! (TXT). A suppression without a reason is not applied, and one that covers nothing is
//! reported: both as `IO-SUPPRESSION`. In a .docx, a Word comment on a paragraph whose text
//! is `nianbao-disable RULE 理由` covers that paragraph.

use crate::outcome::Located;
use crate::rules::{self, RuleSet};

pub use crate::rules::SUPPRESSION as RULE;

#[derive(Debug, PartialEq)]
enum Scope {
    NextLine(usize),
    /// The lines of a commented paragraph (first and last, 1-based).
    Lines(usize, usize),
    File,
}

#[derive(Debug)]
struct Suppression {
    /// 1-based line of the comment, and its column.
    line: usize,
    rules: Vec<String>,
    reason: String,
    scope: Scope,
}

/// The suppressions of a file's own text.
fn parse(source: &str) -> Vec<Suppression> {
    let lines: Vec<&str> = source.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let Some(start) = l.find("<!--") else {
            continue;
        };
        let inner = &l[start + 4..];
        let inner = inner[..inner.find("-->").unwrap_or(inner.len())].trim();
        let (next_line, rest) = if let Some(r) = inner.strip_prefix("nianbao-disable-next-line") {
            (true, r)
        } else if let Some(r) = inner.strip_prefix("nianbao-disable") {
            (false, r)
        } else {
            continue;
        };
        let (rules, reason) = rules_and_reason(rest);
        let scope = if next_line {
            let target = (i + 1..lines.len())
                .find(|&k| !lines[k].trim().is_empty() && !lines[k].contains("nianbao-disable"))
                .map_or(0, |k| k + 1);
            Scope::NextLine(target)
        } else {
            Scope::File
        };
        out.push(Suppression {
            line: i + 1,
            rules,
            reason,
            scope,
        });
    }
    out
}

/// `RULE[,RULE] 理由` after the directive.
fn rules_and_reason(rest: &str) -> (Vec<String>, String) {
    let mut words = rest.split_whitespace();
    let rules: Vec<String> = words
        .next()
        .map(|w| {
            w.split([',', '，'])
                .filter(|r| !r.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    (rules, words.collect::<Vec<_>>().join(" "))
}

/// Suppressions written as Word comments on paragraphs.
fn from_comments(comments: &[(usize, usize, String)]) -> Vec<Suppression> {
    comments
        .iter()
        .filter_map(|(first, last, text)| {
            let rest = text.trim_start().strip_prefix("nianbao-disable")?;
            let rest = rest.strip_prefix("-next-line").unwrap_or(rest);
            let (rules, reason) = rules_and_reason(rest);
            Some(Suppression {
                line: *first,
                rules,
                reason,
                scope: Scope::Lines(*first, *last),
            })
        })
        .collect()
}

fn covers(rule: &str, id: &str) -> bool {
    let (rule, id) = (rule.to_ascii_uppercase(), id.to_ascii_uppercase());
    id == rule || id.starts_with(&format!("{}-", rule.trim_end_matches('-')))
}

/// The findings left once the file's suppressions are applied, how many were suppressed, and
/// the findings about the suppressions themselves. With `honour` false (an auditor's
/// `--no-suppressions`) nothing is dropped, but what would have been is still counted.
pub fn apply(
    findings: Vec<Located>,
    source: &str,
    comments: &[(usize, usize, String)],
    rules: &RuleSet,
    honour: bool,
) -> (Vec<Located>, usize) {
    let mut sups = parse(source);
    sups.extend(from_comments(comments));
    if sups.is_empty() {
        return (findings, 0);
    }
    let mut used = vec![false; sups.len()];
    let mut kept = Vec::new();
    let mut suppressed = 0;
    for f in findings {
        let line = f.line_col.map(|l| l.0);
        let by = sups.iter().position(|s| {
            !s.reason.is_empty()
                && s.rules.iter().any(|r| covers(r, &f.finding.rule))
                && match s.scope {
                    Scope::File => true,
                    Scope::NextLine(t) => line == Some(t),
                    Scope::Lines(a, b) => line.is_some_and(|l| a <= l && l <= b),
                }
        });
        match by {
            Some(i) => {
                used[i] = true;
                suppressed += 1;
                if !honour {
                    kept.push(f);
                }
            }
            None => kept.push(f),
        }
    }
    for (s, used) in sups.iter().zip(used) {
        let problem = if s.rules.is_empty() {
            Some("没有写规则编号".to_string())
        } else if s.reason.is_empty() {
            Some(format!("“{}”没有写理由，未生效", s.rules.join(",")))
        } else if let Some(r) = s
            .rules
            .iter()
            .find(|r| !rules.rules.iter().any(|x| covers(r, &x.spec.id)))
        {
            Some(format!("没有规则“{r}”"))
        } else if !used {
            Some(format!("“{}”没有压下任何问题，可以删除", s.rules.join(",")))
        } else {
            None
        };
        if let Some(why) = problem {
            kept.push(Located {
                finding: rules::suppression_problem(rules, &why),
                line_col: Some((s.line, 1)),
                origin: None,
                quote: None,
                context: None,
            });
        }
    }
    kept.sort_by_key(|f| f.line_col.unwrap_or((0, 0)));
    (kept, suppressed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_next_line_suppression_covers_the_next_written_line() {
        let text = "一\n<!-- nianbao-disable-next-line TXT-REPEAT 引用原文 -->\n\n积极积极\n";
        let s = parse(text);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].scope, Scope::NextLine(4));
        assert_eq!(s[0].rules, ["TXT-REPEAT"]);
        assert_eq!(s[0].reason, "引用原文");
        assert!(covers("TXT", "TXT-REPEAT") && !covers("TXT-R", "TXT-REPEAT"));
    }
}
