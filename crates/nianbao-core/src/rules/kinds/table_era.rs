//! `table_era`: the table layout belongs to the report's era (a 2021 report still printing the
//! 2019 table 二, or a hybrid with the 2019 第二十条第（九）项 block).

use super::{Check, Ctx};
use crate::model::Era;
use crate::rules::compile::Validator;
use crate::rules::finding::Hit;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["expected", "found", "mark", "table", "year"];
pub const VARIANTS: &[&str] = &["hybrid", "mismatch"];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableEra {
    pub tables: Vec<String>,
}

impl Check for TableEra {
    fn validate(&self, v: &mut Validator) {
        v.tables(&self.tables);
    }

    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let era = ctx.profile.era;
        for id in &self.tables {
            let Some(m) = ctx.tables().get(id) else {
                continue;
            };
            let other: Vec<Era> = m.layout.iter().copied().filter(|e| *e != era).collect();
            if other.is_empty() {
                continue;
            }
            let year = ctx
                .profile
                .year
                .map(|y| y.to_string())
                .unwrap_or_else(|| "本".into());
            let mark = m.era_marks.iter().find(|(e, _, _)| *e != era);
            let span = mark.map(|(_, s, _)| *s).unwrap_or(m.span);
            let what = mark.map(|(_, _, t)| t.as_str()).unwrap_or("");
            let variant = if m.layout.contains(&era) {
                "hybrid"
            } else {
                "mismatch"
            };
            out.push(
                Hit::at(span)
                    .variant(variant)
                    .var("table", &m.spec.name)
                    .var("year", year)
                    .var("expected", era.name())
                    .var("found", other[0].name())
                    .var("mark", what),
            );
        }
    }
}
