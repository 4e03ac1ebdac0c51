//! `section_wording`: a section heading that is the template's title with a character or two
//! wrong (主动公开政府信总情况, 政府信息公开行政复仪、行政诉讼情况): a typo in the one line every
//! reader looks at. Headings worded differently on purpose (总体概况 for 总体情况) differ by
//! more than that and stay quiet.

use super::sections::Section;
use super::{any_match, Check, Ctx};
use crate::rules::finding::Hit;
use crate::text::normalize::{fold_label, name_core};
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["found", "name", "word", "instead"];
pub const VARIANTS: &[&str] = &["word"];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionWording {
    pub sections: Vec<Section>,
    /// Characters changed, added, dropped or swapped that make a typo rather than a rewording.
    pub max_edits: usize,
    /// Words of a title written as another word the template does not use (整改措施 for
    /// 改进情况): reported as the variant `word`.
    #[serde(default)]
    pub words: Vec<WordInstead>,
}

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WordInstead {
    /// The template's word.
    pub template: String,
    /// What headings write instead.
    pub written: Vec<String>,
}

impl Check for SectionWording {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        for h in doc.top_level() {
            let title = doc.shadow_slice(h.title);
            // The whole heading line: a heading that is not among the preface's declared parts
            // for the same reason is not a second finding.
            let line = doc.blocks[h.block].span;
            let core = name_core(title);
            for s in &self.sections {
                if !any_match(&s.patterns, title) {
                    continue;
                }
                let want = name_core(&s.name);
                // Whole words, so compared before filler words (情况, 的) are dropped.
                let (has, template) = (fold_label(title), fold_label(&s.name));
                if let Some((w, instead)) = self.words.iter().find_map(|w| {
                    let written = w.written.iter().find(|x| has.contains(x.as_str()))?;
                    (template.contains(w.template.as_str()) && !has.contains(w.template.as_str()))
                        .then_some((w, written))
                }) {
                    out.push(
                        Hit::at(line)
                            .variant("word")
                            .var("found", doc.slice(h.title))
                            .var("name", &s.name)
                            .var("word", &w.template)
                            .var("instead", instead),
                    );
                    continue;
                }
                let edits = strsim::damerau_levenshtein(&core, &want);
                // A typo: close to the template's title, and long enough that closeness means
                // something (a quarter of its characters at most).
                if edits > 0 && edits <= self.max_edits && edits * 4 <= want.chars().count() {
                    out.push(
                        Hit::at(line)
                            .var("found", doc.slice(h.title))
                            .var("name", &s.name),
                    );
                }
            }
        }
    }
}
