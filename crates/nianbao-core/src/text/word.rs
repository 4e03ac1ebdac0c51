//! A fixed word from a rule file (其中, 分别为 …), searched for many times per report: its
//! search is set up once, when the file is read, rather than at every `str::find`.

use memchr::memmem::Finder;
use serde::Deserialize;

#[derive(Debug, Clone)]
pub struct Word {
    text: String,
    finder: Finder<'static>,
}

impl Word {
    pub fn new(text: &str) -> Word {
        Word {
            text: text.to_string(),
            finder: Finder::new(text.as_bytes()).into_owned(),
        }
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Start of every non-overlapping occurrence in `haystack`.
    pub fn find_iter<'h>(&'h self, haystack: &'h str) -> impl Iterator<Item = usize> + 'h {
        let mut at = 0;
        std::iter::from_fn(move || {
            let found = at + self.finder.find(&haystack.as_bytes()[at..])?;
            at = found + self.text.len().max(1);
            Some(found)
        })
    }
}

impl schemars::JsonSchema for Word {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Word".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "minLength": 1, "description": "词语" })
    }
}

impl<'de> Deserialize<'de> for Word {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s.is_empty() {
            return Err(serde::de::Error::custom("词语不能为空"));
        }
        Ok(Word::new(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_match_indices_finds() {
        for (word, hay) in [
            ("其中", "共12件，其中A 5件、其中B 7件。其中"),
            ("分别为", "无"),
            ("aa", "aaaaa"),
            ("。", "。。"),
        ] {
            let w = Word::new(word);
            let ours: Vec<usize> = w.find_iter(hay).collect();
            let std: Vec<usize> = hay.match_indices(word).map(|(i, _)| i).collect();
            assert_eq!(ours, std, "{word} in {hay}");
        }
    }
}
