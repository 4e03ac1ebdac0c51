//! `required_items`: content the law requires, recognised by heading or by what the text
//! says (a report that states 全年无收取……费用 inside another section covers 收费及减免).

use super::{any_match, Check, Ctx, Re};
use crate::model::OrganKind;
use crate::rules::finding::{Hit, Severity};
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["item"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub name: String,
    /// Patterns that, found in a heading, cover the item.
    #[serde(default)]
    pub headings: Vec<Re>,
    /// Patterns that, found anywhere in the report's prose, cover the item.
    #[serde(default)]
    pub content: Vec<Re>,
    /// Text matching these does not count as covering the item (行政事业性收费 is not a
    /// disclosure fee).
    #[serde(default)]
    pub not: Vec<Re>,
    #[serde(default)]
    pub severity: Option<Severity>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Organ {
    Government,
    Department,
}

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequiredItems {
    pub items: Vec<Item>,
    /// Only for reports of this kind of organ.
    #[serde(default)]
    pub organ: Option<Organ>,
    /// Look only in the top-level section whose heading matches (其他需要报告的事项); a report
    /// without that section is left to the sections rule.
    #[serde(default)]
    pub section: Option<Re>,
}

impl Check for RequiredItems {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        if let Some(o) = self.organ {
            let want = match o {
                Organ::Government => OrganKind::Government,
                Organ::Department => OrganKind::Department,
            };
            if ctx.profile.organ != want {
                return;
            }
        }
        let doc = ctx.doc;
        let heading_titles: Vec<&str> = doc
            .headings
            .iter()
            .map(|h| doc.shadow_slice(h.title))
            .collect();
        // The body (or the section asked for) as one text: one search per pattern.
        let scope = match &self.section {
            None => doc.body,
            Some(re) => match doc
                .top_level()
                .find(|h| re.is_match(doc.shadow_slice(h.title)))
            {
                Some(h) => crate::text::Span::new(h.title.end, h.section_end),
                None => return,
            },
        };
        let body = doc.shadow_slice(scope);
        for item in &self.items {
            let by_heading = heading_titles.iter().any(|t| any_match(&item.headings, t));
            let by_content = || {
                item.content.iter().any(|re| {
                    re.scanner().find_iter(body).any(|m| {
                        let s = super::sentence_start(body, m.start());
                        let e = super::sentence_end(body, m.end());
                        !any_match(&item.not, &body[s..e])
                    })
                })
            };
            if !by_heading && !by_content() {
                let mut hit = Hit::document().var("item", &item.name);
                if let Some(s) = item.severity {
                    hit = hit.severity(s);
                }
                out.push(hit);
            }
        }
    }
}
