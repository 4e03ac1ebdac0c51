//! `claim_vs_table`: a statement that only holds if some cells are zero (均获维持 needs no
//! 纠正, 其他结果 or 尚未审结; 未发出收费通知 needs no application dropped for unpaid fees).

use super::table_values::value;
use super::{Check, Ctx, Re};
use crate::rules::compile::Validator;
use crate::rules::finding::Hit;
use crate::text::Span;
use serde::Deserialize;

use super::breakdown::fmt_num;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["cells", "match"];
pub const VARIANTS: &[&str] = &[];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub pattern: Re,
    /// Cells (table.row.column) that must all be zero for the statement to be true.
    pub must_be_zero: Vec<String>,
}

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimVsTable {
    pub claims: Vec<Claim>,
}

impl Check for ClaimVsTable {
    fn validate(&self, v: &mut Validator) {
        for cell in self.claims.iter().flat_map(|c| &c.must_be_zero) {
            v.cell(cell);
        }
    }

    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        for claim in &self.claims {
            let nonzero: Vec<String> = claim
                .must_be_zero
                .iter()
                .filter_map(|c| {
                    let mut p = c.splitn(3, '.');
                    let (t, r, col) = (p.next()?, p.next()?, p.next()?);
                    let m = ctx.tables().get(t)?;
                    let v = value(m, r, col, true)?;
                    let name = m
                        .spec
                        .column(col)
                        .map(|x| x.short().to_string())
                        .unwrap_or_default();
                    let row = m
                        .spec
                        .row(r)
                        .map(|x| x.short().to_string())
                        .unwrap_or_default();
                    (v.value > 0.0).then(|| format!("{row}{name}{}", fmt_num(v.value)))
                })
                .collect();
            if nonzero.is_empty() {
                continue;
            }
            for b in doc.prose_blocks() {
                let text = doc.shadow_slice(b.span);
                for m in claim.pattern.scanner().find_iter(text) {
                    let span = Span::new(b.span.start + m.start(), b.span.start + m.end());
                    out.push(
                        Hit::at(span)
                            .var("match", doc.slice(span))
                            .var("cells", nonzero.join("、")),
                    );
                }
            }
        }
    }
}
