//! `input`: a file that could not be read or decoded. The engine reports it while loading;
//! the kind exists so the rule has an id, a message and docs like every other.

use super::{Check, Ctx};
use crate::rules::finding::Hit;
use serde::Deserialize;

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Params {}

impl Check for Params {
    fn run(&self, _ctx: &Ctx, _out: &mut Vec<Hit>) {}
}
