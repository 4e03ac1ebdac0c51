//! Running the rules' own examples, as `nianbao test` and `cargo test` do: each valid example
//! must give no finding of its rule, each invalid one at least one; and the findings of the
//! invalid ones (message and the text they point at) are held against a snapshot kept beside
//! the rule file (`__snapshots__/<file>.snap`), so that a change in what a rule says is seen.

use super::spec::Example;
use super::{run_rules, Rule, RuleSet};
use crate::model::profile;
use crate::template::read_document;
use crate::text::TextView;
use std::collections::BTreeMap;

/// What running the examples of some rule files found.
#[derive(Debug, Default)]
pub struct Outcome {
    pub rules: usize,
    pub examples: usize,
    /// Examples that do not behave as documented, in words for the user.
    pub failures: Vec<String>,
    /// Per rule file, the snapshot its invalid examples make now.
    pub snapshots: BTreeMap<String, String>,
}

/// Runs the examples of the rules that came from `files` (all rules when empty).
pub fn run(set: &RuleSet, files: &[String]) -> Outcome {
    let mut out = Outcome::default();
    let chosen = set
        .rules
        .iter()
        .filter(|r| files.is_empty() || files.contains(&r.file));
    for rule in chosen {
        let snapshot = out
            .snapshots
            .entry(rule.file.clone())
            .or_insert_with(header);
        // Findings about reading the file itself: no text example can show them.
        if matches!(rule.spec.check.kind_name(), "input" | "reader_notice") {
            continue;
        }
        out.rules += 1;
        let spec = &rule.spec;
        if spec.examples.invalid.is_empty() {
            out.failures
                .push(format!("{}：没有不合格示例（examples.invalid）", spec.id));
        }
        for ex in &spec.examples.valid {
            out.examples += 1;
            let found = findings(rule, ex);
            if let Some((message, _)) = found.first() {
                out.failures.push(format!(
                    "{}：合格示例被报告了问题（{message}）：\n{ex}",
                    spec.id
                ));
            }
        }
        for (i, ex) in spec.examples.invalid.iter().enumerate() {
            out.examples += 1;
            let found = findings(rule, ex);
            if found.is_empty() {
                out.failures
                    .push(format!("{}：不合格示例没有报告问题：\n{ex}", spec.id));
            }
            snapshot.push_str(&format!("{} 不合格示例{}\n", spec.id, i + 1));
            for (message, text) in found {
                snapshot.push_str(&format!("  {message} «{text}»\n"));
            }
        }
    }
    out
}

fn header() -> String {
    "# nianbao test：各规则不合格示例的检查结果（消息 «所指文字»）。规则或消息改动后用 nianbao test -U 更新。\n"
        .to_string()
}

/// The findings of one rule on one example: message and the text it points at.
fn findings(rule: &Rule, example: &Example) -> Vec<(String, String)> {
    match example {
        Example::Text(t) => text_findings(rule, t),
        Example::Pair { previous, current } => {
            let digest = |t: &str| {
                let view = TextView::from_text(t);
                let doc = read_document(&view);
                let prof = profile::detect(&doc, None);
                crate::across::digest::Digest::of(&view, &doc, &prof, None)
            };
            let (prev, cur) = (digest(previous), digest(current));
            let common = Default::default();
            super::run_pair_rules(&prev, &cur, &common, "上年报告", std::iter::once(rule))
                .into_iter()
                .map(|(f, _)| {
                    let text = f
                        .span
                        .map(|s| current[s.start..s.end].replace('\n', "⏎"))
                        .unwrap_or_else(|| "全文".into());
                    (f.message, text)
                })
                .collect()
        }
    }
}

fn text_findings(rule: &Rule, example: &str) -> Vec<(String, String)> {
    let eras = rule.spec.eras.clone().unwrap_or_default();
    let view = TextView::from_text(example);
    let doc = read_document(&view);
    // The example's own year decides its era when the rule applies to that era.
    let auto = profile::detect(&doc, None);
    let prof = match eras.first() {
        Some(first) if !eras.contains(&auto.era) => profile::detect(&doc, Some(*first)),
        _ => auto,
    };
    run_rules(&doc, &prof, std::iter::once(rule))
        .into_iter()
        .map(|f| {
            let text = f
                .span
                .map(|s| view.text()[s.start..s.end].replace('\n', "⏎"))
                .unwrap_or_else(|| "全文".into());
            (f.message, text)
        })
        .collect()
}

/// Where a rule file's snapshot is kept: `__snapshots__/<stem>.snap` beside it.
pub fn snapshot_path(rule_file: &str) -> std::path::PathBuf {
    let p = std::path::Path::new(rule_file);
    let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("rules");
    p.parent()
        .unwrap_or_else(|| std::path::Path::new(""))
        .join("__snapshots__")
        .join(format!("{stem}.snap"))
}

/// The differences between a snapshot as kept and as made now, one entry per example.
pub fn differences(kept: &str, now: &str) -> Vec<String> {
    let blocks = |s: &str| -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        let mut key = String::new();
        for line in s.lines().filter(|l| !l.starts_with('#')) {
            if line.starts_with("  ") {
                m.entry(key.clone())
                    .or_insert_with(String::new)
                    .push_str(&format!("{}\n", line.trim_start()));
            } else {
                key = line.to_string();
                m.entry(key.clone()).or_insert_with(String::new);
            }
        }
        m
    };
    let (kept, now) = (blocks(kept), blocks(now));
    let mut out = Vec::new();
    for (k, v) in &now {
        match kept.get(k) {
            None => out.push(format!("{k}：快照中没有（新示例）")),
            Some(old) if old != v => out.push(format!(
                "{k}：\n  快照：{}\n  现在：{}",
                old.trim_end().replace('\n', "\n        "),
                v.trim_end().replace('\n', "\n        ")
            )),
            _ => {}
        }
    }
    for k in kept.keys().filter(|k| !now.contains_key(*k)) {
        out.push(format!("{k}：示例已不存在，快照中仍有"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_message_is_a_difference_and_a_same_one_is_not() {
        let kept = "# h\nA 不合格示例1\n  消息 «x»\nB 不合格示例1\n  y «z»\n";
        assert!(differences(kept, kept).is_empty());
        let now = kept.replace("消息", "新消息");
        let d = differences(kept, &now);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].starts_with("A 不合格示例1") && d[0].contains("新消息"),
            "{d:?}"
        );
        assert_eq!(
            differences(kept, "# h\nA 不合格示例1\n  消息 «x»\n").len(),
            1
        );
    }
}
