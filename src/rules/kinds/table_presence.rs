//! `table_presence`: the statistical tables of the format are in the report.

use super::{Check, Ctx};
use crate::rules::finding::Hit;
use crate::template::table_spec;
use serde::Deserialize;

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Params {
    pub tables: Vec<String>,
}

impl Check for Params {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        for id in &self.tables {
            if ctx.tables().get_any(id).is_none() {
                let name = table_spec(id).map(|t| t.name.as_str()).unwrap_or(id);
                out.push(Hit::document().var("table", name));
            }
        }
    }
}
