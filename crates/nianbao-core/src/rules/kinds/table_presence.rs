//! `table_presence`: the statistical tables of the format are in the report. A table whose
//! header and labels are there but run into a paragraph (a page crawled into one line) is not
//! absent: a rule reporting `unread` says it could not be read, the rule reporting `absent`
//! is quiet about it.

use super::{Check, Ctx};
use crate::model::BlockKind;
use crate::rules::compile::Validator;
use crate::rules::finding::Hit;
use crate::template::table_spec;
use crate::text::normalize::fold_label;
use crate::text::Span;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["table"];
pub const VARIANTS: &[&str] = &[];

/// What a rule of this kind reports.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// A table not in the report at all.
    Absent,
    /// A table whose header and labels are in a paragraph, not read as a table.
    Unread,
}

fn absent() -> Presence {
    Presence::Absent
}

/// Fewest figures a paragraph holds with a table's words for the table to be in it.
fn min_figures() -> usize {
    6
}

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TablePresence {
    pub tables: Vec<String>,
    #[serde(default = "absent")]
    pub report: Presence,
    #[serde(default = "min_figures")]
    pub min_figures: usize,
}

impl Check for TablePresence {
    fn validate(&self, v: &mut Validator) {
        v.tables(&self.tables);
    }

    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        for id in &self.tables {
            if ctx.tables().get_any(id).is_some() {
                continue;
            }
            let name = table_spec(id).map(|t| t.name.as_str()).unwrap_or(id);
            match (self.report, self.flattened(ctx, id)) {
                (Presence::Absent, None) => out.push(Hit::document().var("table", name)),
                (Presence::Unread, Some(at)) => out.push(Hit::at(at).var("table", name)),
                _ => {}
            }
        }
    }
}

impl TablePresence {
    /// Where a paragraph holds the table's words and figures, run together: the first of
    /// those words.
    fn flattened(&self, ctx: &Ctx, table: &str) -> Option<Span> {
        let recognition = &crate::template::template().recognition;
        let doc = ctx.doc;
        // Most reports that lack a table lack its words too: one search of the text each.
        let shadow = doc.shadow();
        let anywhere = recognition
            .flattened
            .iter()
            .filter(|c| c.table == table)
            .any(|c| c.words.iter().all(|w| shadow.contains(w.as_str())));
        if !anywhere {
            return None;
        }
        doc.blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading(_)))
            .filter(|b| !doc.in_chrome(b.span.start))
            .find_map(|b| {
                let text = doc.shadow_slice(b.span);
                if figures(text) < self.min_figures {
                    return None;
                }
                let words = recognition.flattened(table, &fold_label(text))?;
                let at = words
                    .iter()
                    .filter_map(|w| text.find(w.as_str()).map(|i| (i, w.len())))
                    .min()
                    .unwrap_or((0, 0));
                Some(Span::new(b.span.start + at.0, b.span.start + at.0 + at.1))
            })
    }
}

/// Runs of digits in a text.
fn figures(text: &str) -> usize {
    let b = text.as_bytes();
    (0..b.len())
        .filter(|&i| b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()))
        .count()
}
