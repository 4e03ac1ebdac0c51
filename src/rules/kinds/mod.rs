//! The rule kinds. Each file holds one kind: its parameters as they appear under `check:` in
//! the YAML, and the check itself. A kind is generic; the YAML says what it looks for.

mod annex;
pub mod breakdown;
mod date_validity;
mod deadline;
mod declared_parts;
mod input;
mod metric_conflict;
mod numbering;
mod pattern;
mod rate;
mod repetition;
pub mod required_items;
mod sections;
mod stats_period;
mod title;

use super::finding::Hit;
use crate::model::{Document, Profile};
use serde::Deserialize;

/// Everything a check may read about one report.
pub struct Ctx<'a> {
    pub doc: &'a Document<'a>,
    pub profile: &'a Profile,
}

pub trait Check: Send + Sync {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>);
}

/// `check:` of a rule: the kind's name as the key, its parameters as the value.
#[derive(Debug, Deserialize, Clone)]
#[serde(rename_all = "snake_case")]
pub enum CheckSpec {
    Pattern(pattern::Params),
    Repetition(repetition::Params),
    RequiredItems(required_items::Params),
    Sections(sections::Params),
    Numbering(numbering::Params),
    DeclaredParts(declared_parts::Params),
    Breakdown(breakdown::Params),
    Rate(rate::Params),
    MetricConflict(metric_conflict::Params),
    StatsPeriod(stats_period::Params),
    Deadline(deadline::Params),
    DateValidity(date_validity::Params),
    Title(title::Params),
    Annex(annex::Params),
    Input(input::Params),
}

impl CheckSpec {
    pub fn kind_name(&self) -> &'static str {
        match self {
            CheckSpec::Pattern(_) => "pattern",
            CheckSpec::Repetition(_) => "repetition",
            CheckSpec::RequiredItems(_) => "required_items",
            CheckSpec::Sections(_) => "sections",
            CheckSpec::Numbering(_) => "numbering",
            CheckSpec::DeclaredParts(_) => "declared_parts",
            CheckSpec::Breakdown(_) => "breakdown",
            CheckSpec::Rate(_) => "rate",
            CheckSpec::MetricConflict(_) => "metric_conflict",
            CheckSpec::StatsPeriod(_) => "stats_period",
            CheckSpec::Deadline(_) => "deadline",
            CheckSpec::DateValidity(_) => "date_validity",
            CheckSpec::Title(_) => "title",
            CheckSpec::Annex(_) => "annex",
            CheckSpec::Input(_) => "input",
        }
    }

    pub fn as_check(&self) -> &dyn Check {
        match self {
            CheckSpec::Pattern(p) => p,
            CheckSpec::Repetition(p) => p,
            CheckSpec::RequiredItems(p) => p,
            CheckSpec::Sections(p) => p,
            CheckSpec::Numbering(p) => p,
            CheckSpec::DeclaredParts(p) => p,
            CheckSpec::Breakdown(p) => p,
            CheckSpec::Rate(p) => p,
            CheckSpec::MetricConflict(p) => p,
            CheckSpec::StatsPeriod(p) => p,
            CheckSpec::Deadline(p) => p,
            CheckSpec::DateValidity(p) => p,
            CheckSpec::Title(p) => p,
            CheckSpec::Annex(p) => p,
            CheckSpec::Input(p) => p,
        }
    }
}

/// A regular expression from a rule file. Its syntax is checked when the file is read, so a
/// bad pattern is a rule-file error (exit 2); it is compiled on first use, so start-up does not
/// pay for rules that a run never reaches (other eras, `nianbao rules`).
#[derive(Debug, Clone)]
pub struct Re {
    source: String,
    compiled: std::sync::OnceLock<regex::Regex>,
}

impl<'de> Deserialize<'de> for Re {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        regex_syntax::Parser::new()
            .parse(&s)
            .map_err(|e| serde::de::Error::custom(format!("正则表达式无效：{e}")))?;
        Ok(Re {
            source: s,
            compiled: std::sync::OnceLock::new(),
        })
    }
}

impl Re {
    pub fn regex(&self) -> &regex::Regex {
        self.compiled.get_or_init(|| {
            regex::Regex::new(&self.source).expect("syntax was checked when the rule file was read")
        })
    }

    pub fn is_match(&self, s: &str) -> bool {
        self.regex().is_match(s)
    }

    pub fn source(&self) -> &str {
        &self.source
    }
}

/// Several alternatives as one regex, so the text is scanned once; compiled on first use.
#[derive(Debug, Clone, Default)]
pub struct Alternatives(std::sync::OnceLock<regex::Regex>);

impl Alternatives {
    pub fn get(&self, parts: &[Re]) -> &regex::Regex {
        self.0.get_or_init(|| {
            let joined: Vec<String> = parts
                .iter()
                .map(|r| format!("(?:{})", r.source()))
                .collect();
            regex::Regex::new(&joined.join("|"))
                .expect("each alternative was checked when the rule file was read")
        })
    }
}

pub fn any_match(res: &[Re], s: &str) -> bool {
    res.iter().any(|r| r.is_match(s))
}

/// Characters that end a sentence in Chinese prose.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '\n')
}

/// Characters that end a clause.
pub fn is_clause_end(c: char) -> bool {
    is_sentence_end(c) || matches!(c, '，' | ',' | '；' | ';' | '：' | ':')
}

/// Byte offset where the sentence containing `at` starts, within `text`.
pub fn sentence_start(text: &str, at: usize) -> usize {
    let at = floor_boundary(text, at);
    text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| is_sentence_end(*c))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0)
}

/// Byte offset just after the end of the sentence containing `at`, within `text`.
pub fn sentence_end(text: &str, at: usize) -> usize {
    let at = floor_boundary(text, at);
    text[at..]
        .char_indices()
        .find(|(_, c)| is_sentence_end(*c))
        .map(|(i, c)| at + i + c.len_utf8())
        .unwrap_or(text.len())
}

/// The nearest char boundary at or before `at`.
pub fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
