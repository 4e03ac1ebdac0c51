//! Regular expressions from YAML files (rules and template data).

use serde::Deserialize;

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
