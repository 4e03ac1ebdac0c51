//! `input`: a file that could not be read or decoded. The engine reports it while loading;
//! the kind exists so the rule has an id, a message and docs like every other.

use super::{Check, Ctx};
use crate::rules::finding::Hit;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["cause"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Input {}

impl Check for Input {
    fn run(&self, _ctx: &Ctx, _out: &mut Vec<Hit>) {}
}
