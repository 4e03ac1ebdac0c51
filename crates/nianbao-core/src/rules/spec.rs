//! The YAML schema of rule files (rules/*.yaml). Rules are data: the kinds live in Rust, each
//! rule picks one and gives its parameters, messages, legal basis and examples.

use super::finding::Severity;
use super::kinds::CheckSpec;
use crate::model::Era;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Eras the rules of this file apply to unless a rule says otherwise.
    pub eras: Vec<Era>,
    pub rules: Vec<RuleSpec>,
}

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub severity: Severity,
    #[serde(default)]
    pub eras: Option<Vec<Era>>,
    /// One line for `nianbao rules`.
    pub summary: String,
    /// What it checks, in a few sentences, for `nianbao rule ID`.
    #[serde(default)]
    pub description: Option<String>,
    /// Message template; `{name}` is filled from the check's values.
    pub message: String,
    /// Message templates for the variants a check reports (gap, duplicate …).
    #[serde(default)]
    pub messages: BTreeMap<String, String>,
    /// Severity of a variant when it differs from the rule's (a heading run into its paragraph
    /// is a lesser defect than a number that is really missing).
    #[serde(default)]
    pub variant_severity: BTreeMap<String, Severity>,
    pub help: String,
    pub basis: String,
    /// Rules whose findings inside one of this rule's are the same defect seen less well:
    /// they are dropped there (a kana inside a garbled run is not a second 乱码).
    #[serde(default)]
    pub supersedes: Vec<String>,
    pub check: CheckSpec,
    pub examples: Examples,
}

#[derive(Debug, Deserialize, Clone, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub valid: Vec<Example>,
    #[serde(default)]
    pub invalid: Vec<Example>,
}

/// One report's text, or for the rules that compare reports, two: last year's (or the other
/// unit's) and this one.
#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Example {
    Text(String),
    Pair {
        #[serde(alias = "other")]
        previous: String,
        current: String,
    },
}

impl std::fmt::Display for Example {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Example::Text(t) => f.write_str(t),
            Example::Pair { previous, current } => write!(
                f,
                "【上年（或另一单位）的报告】\n{}\n【本报告】\n{}",
                previous.trim_end(),
                current
            ),
        }
    }
}

impl RuleSpec {
    pub fn applies_to(&self, era: Era) -> bool {
        self.eras.as_ref().is_some_and(|e| e.contains(&era))
    }

    pub fn render(&self, variant: Option<&str>, vars: &[(&str, String)]) -> String {
        let template = variant
            .and_then(|v| self.messages.get(v))
            .unwrap_or(&self.message);
        fill(template, vars)
    }
}

/// The template with each `{name}` replaced by its value, in one pass: a value is never read
/// again as a template, and a `{…}` with no value stays as written.
pub fn fill(template: &str, vars: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fills_each_name_once() {
        let vars = [("match", "{年份}".to_string()), ("n", "3".to_string())];
        assert_eq!(fill("占位符“{match}”共{n}处", &vars), "占位符“{年份}”共3处");
        assert_eq!(fill("{n}{n}{x}{", &vars), "33{x}{");
        assert_eq!(fill("无变量", &[]), "无变量");
    }
}
