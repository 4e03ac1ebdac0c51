//! `deadline`: the report was published within the legal deadline of its era and organ.

use super::{Check, Ctx};
use crate::model::{profile::publication_date, Era, OrganKind};
use crate::rules::finding::Hit;
use serde::Deserialize;

use super::required_items::Organ;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["basis", "date", "due"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    pub eras: Vec<Era>,
    #[serde(default)]
    pub organ: Option<Organ>,
    pub month: u32,
    pub day: u32,
    /// The article that sets it, for the message.
    pub basis: String,
}

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// The first limit whose era and organ fit applies.
    pub limits: Vec<Limit>,
}

impl Check for Deadline {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let Some(year) = ctx.profile.year else { return };
        let Some(date) = publication_date(ctx.doc) else {
            return;
        };
        let Some((y, m, d)) = date.ymd() else { return };
        let organ = ctx.profile.organ;
        let Some(limit) = self.limits.iter().find(|l| {
            l.eras.contains(&ctx.profile.era)
                && match l.organ {
                    None => true,
                    Some(Organ::Government) => organ == OrganKind::Government,
                    Some(Organ::Department) => organ == OrganKind::Department,
                }
        }) else {
            return;
        };
        let due = (year + 1, limit.month, limit.day);
        if (y, m, d) > due {
            out.push(
                Hit::at(date.span)
                    .var("date", format!("{y}年{m}月{d}日"))
                    .var("due", format!("{}年{}月{}日", due.0, due.1, due.2))
                    .var("basis", &limit.basis),
            );
        }
    }
}
