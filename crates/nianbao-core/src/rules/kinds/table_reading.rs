//! `table_reading`: a statistical table found in the text with parts that could not be read
//! (figures run together in more than one possible way, figures with no row to go to). Said
//! once per table, with the place and the cause; the checks of that table's cells are not run
//! on a guess.

use super::{Check, Ctx};
use crate::rules::compile::Validator;
use crate::rules::finding::Hit;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["causes", "count", "table"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableReading {
    pub tables: Vec<String>,
}

impl Check for TableReading {
    fn validate(&self, v: &mut Validator) {
        v.tables(&self.tables);
    }

    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        for id in &self.tables {
            let Some(m) = ctx.tables().get_any(id) else {
                continue;
            };
            let Some((first, _)) = m.reading.unread.first() else {
                continue;
            };
            let causes: Vec<&str> = m.reading.unread.iter().map(|u| u.1.as_str()).collect();
            out.push(
                Hit::at(*first)
                    .var("table", &m.spec.name)
                    .var("count", causes.len())
                    .var("causes", causes.join("；")),
            );
        }
    }
}
