//! Regular expressions from YAML files (rules and template data).
//!
//! Most rule patterns run on short texts (labels, sentences, headings): for those `regex-lite`,
//! which compiles in microseconds, so a one-file run (pre-commit) does not spend its time
//! compiling. Scans of long texts use the full `regex` engine for its fast search, compiled on
//! first use, so only the patterns a run really scans with are compiled twice.

use serde::Deserialize;
use std::sync::OnceLock;

/// A pattern from a rule file, compiled when the file is read so that a bad pattern is a
/// rule-file error (exit 2).
#[derive(Debug, Clone)]
pub struct Re {
    source: String,
    compiled: regex_lite::Regex,
    full: OnceLock<regex::Regex>,
    /// Set when the pattern is only literal alternatives (本年新收|上年结转, ^总计$): matched
    /// with plain string search.
    literals: Option<Vec<Literal>>,
}

#[derive(Debug, Clone)]
struct Literal {
    text: String,
    at_start: bool,
    at_end: bool,
}

impl Literal {
    fn is_match(&self, s: &str) -> bool {
        match (self.at_start, self.at_end) {
            (true, true) => s == self.text,
            (true, false) => s.starts_with(&self.text),
            (false, true) => s.ends_with(&self.text),
            (false, false) => s.contains(&self.text),
        }
    }
}

/// The alternatives of a pattern made only of literal text, `|` and `^`/`$` anchors.
fn literal_alternatives(pattern: &str) -> Option<Vec<Literal>> {
    pattern
        .split('|')
        .map(|alt| {
            let at_start = alt.starts_with('^');
            let at_end = alt.ends_with('$') && alt.len() > usize::from(at_start);
            let body = &alt[usize::from(at_start)..alt.len() - usize::from(at_end)];
            let plain = !body.is_empty() && !body.chars().any(|c| "\\.+*?()[]{}^$|".contains(c));
            plain.then(|| Literal {
                text: body.to_string(),
                at_start,
                at_end,
            })
        })
        .collect()
}

/// Texts longer than this are searched with the full engine.
const SHORT_TEXT: usize = 256;

impl<'de> Deserialize<'de> for Re {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let compiled = regex_lite::Regex::new(&s)
            .map_err(|e| serde::de::Error::custom(format!("正则表达式无效：{e}")))?;
        Ok(Re {
            literals: literal_alternatives(&s),
            source: s,
            compiled,
            full: OnceLock::new(),
        })
    }
}

impl Re {
    /// For short texts.
    pub fn regex(&self) -> &regex_lite::Regex {
        &self.compiled
    }

    /// For long texts (a report body, a section).
    pub fn scanner(&self) -> &regex::Regex {
        self.full.get_or_init(|| {
            regex::Regex::new(&self.source).expect("compiled when the rule file was read")
        })
    }

    pub fn is_match(&self, s: &str) -> bool {
        if let Some(lits) = &self.literals {
            return lits.iter().any(|l| l.is_match(s));
        }
        if s.len() <= SHORT_TEXT {
            self.compiled.is_match(s)
        } else {
            self.scanner().is_match(s)
        }
    }

    pub fn source(&self) -> &str {
        &self.source
    }
}

/// Several alternatives as one regex, so a whole text is scanned once; compiled on first use.
#[derive(Debug, Clone, Default)]
pub struct Alternatives(OnceLock<regex::Regex>);

impl Alternatives {
    pub fn get(&self, parts: &[Re]) -> &regex::Regex {
        self.0.get_or_init(|| {
            let joined: Vec<String> = parts
                .iter()
                .map(|r| format!("(?:{})", r.source()))
                .collect();
            regex::Regex::new(&joined.join("|"))
                .expect("each alternative compiled when the rule file was read")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn re(s: &str) -> Re {
        serde_saphyr::from_str(&format!("'{s}'")).unwrap()
    }

    #[test]
    fn literal_patterns_match_like_regexes() {
        for (p, yes, no) in [
            (
                "本年新收|上年结转",
                "一、本年新收政府信息公开申请数量",
                "二、结转下年度",
            ),
            ("^总计$", "总计", "（七）总计"),
            ("不予公开$", "（三）不予公开", "不予公开情况"),
            ("^规章$", "规章", "规章制度"),
        ] {
            let r = re(p);
            assert!(r.literals.is_some(), "{p}");
            assert!(r.is_match(yes) && r.compiled.is_match(yes), "{p} {yes}");
            assert!(!r.is_match(no) && !r.compiled.is_match(no), "{p} {no}");
        }
        assert!(re("(三)不予公开").literals.is_none());
        assert!(re("行政复议|\\d+件").literals.is_none());
    }
}
