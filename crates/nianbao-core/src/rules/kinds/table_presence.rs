//! `table_presence`: the statistical tables of the format are in the report.

use super::{Check, Ctx};
use crate::rules::compile::Validator;
use crate::rules::finding::Hit;
use crate::template::table_spec;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["table"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TablePresence {
    pub tables: Vec<String>,
}

impl Check for TablePresence {
    fn validate(&self, v: &mut Validator) {
        v.tables(&self.tables);
    }

    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        for id in &self.tables {
            if ctx.tables().get_any(id).is_none() {
                let name = table_spec(id).map(|t| t.name.as_str()).unwrap_or(id);
                out.push(Hit::document().var("table", name));
            }
        }
    }
}
