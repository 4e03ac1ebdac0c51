//! The rule kinds. Each file holds one kind: its parameters as they appear under `check:` in
//! the YAML, and the check itself. A kind is generic; the YAML says what it looks for.

mod annex;
pub mod breakdown;
mod claim_vs_table;
mod date_validity;
mod deadline;
pub mod declared_parts;
mod input;
mod metric_conflict;
mod numbering;
mod pattern;
mod prose_vs_table;
mod rate;
mod reader_notice;
mod repetition;
pub mod required_items;
pub mod sections;
mod stats_period;
mod table_cells;
mod table_era;
mod table_identity;
mod table_order;
mod table_presence;
mod table_reading;
mod table_structure;
pub mod table_values;
mod title;
mod year_unknown;

use super::finding::Hit;
use crate::model::{Document, Profile};
use crate::template::map::{map_tables, Tables};
use serde::Deserialize;

pub use crate::text::re::{Alternatives, Re};

/// Everything a check may read about one report.
pub struct Ctx<'a> {
    pub doc: &'a Document<'a>,
    pub profile: &'a Profile,
    tables: std::sync::OnceLock<Tables>,
}

impl<'a> Ctx<'a> {
    pub fn new(doc: &'a Document<'a>, profile: &'a Profile) -> Ctx<'a> {
        Ctx {
            doc,
            profile,
            tables: std::sync::OnceLock::new(),
        }
    }

    /// The tables, if a rule mapped them.
    pub fn into_tables(self) -> Option<Tables> {
        self.tables.into_inner()
    }

    /// The statistical tables mapped onto the template, computed once for all table rules.
    pub fn tables(&self) -> &Tables {
        self.tables
            .get_or_init(|| map_tables(self.doc, self.profile.era))
    }
}

pub trait Check: Send + Sync {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>);
}

/// `check:` of a rule: the kind's name as the key, its parameters as the value.
#[derive(Debug, Deserialize, Clone)]
#[serde(rename_all = "snake_case")]
pub enum CheckSpec {
    Pattern(pattern::Params),
    Repetition(repetition::Params),
    RequiredItems(required_items::Params),
    Sections(sections::Params),
    Numbering(numbering::Params),
    DeclaredParts(declared_parts::Params),
    Breakdown(breakdown::Params),
    Rate(rate::Params),
    ReaderNotice(reader_notice::Params),
    MetricConflict(metric_conflict::Params),
    StatsPeriod(stats_period::Params),
    Deadline(deadline::Params),
    DateValidity(date_validity::Params),
    Title(title::Params),
    YearUnknown(year_unknown::Params),
    Annex(annex::Params),
    Input(input::Params),
    TablePresence(table_presence::Params),
    TableReading(table_reading::Params),
    TableStructure(table_structure::Params),
    TableEra(table_era::Params),
    TableIdentity(table_identity::Params),
    TableCells(table_cells::Params),
    TableOrder(table_order::Params),
    ProseVsTable(prose_vs_table::Params),
    ClaimVsTable(claim_vs_table::Params),
}

impl CheckSpec {
    pub fn kind_name(&self) -> &'static str {
        match self {
            CheckSpec::Pattern(_) => "pattern",
            CheckSpec::Repetition(_) => "repetition",
            CheckSpec::RequiredItems(_) => "required_items",
            CheckSpec::Sections(_) => "sections",
            CheckSpec::Numbering(_) => "numbering",
            CheckSpec::DeclaredParts(_) => "declared_parts",
            CheckSpec::Breakdown(_) => "breakdown",
            CheckSpec::Rate(_) => "rate",
            CheckSpec::ReaderNotice(_) => "reader_notice",
            CheckSpec::MetricConflict(_) => "metric_conflict",
            CheckSpec::StatsPeriod(_) => "stats_period",
            CheckSpec::Deadline(_) => "deadline",
            CheckSpec::DateValidity(_) => "date_validity",
            CheckSpec::Title(_) => "title",
            CheckSpec::YearUnknown(_) => "year_unknown",
            CheckSpec::Annex(_) => "annex",
            CheckSpec::Input(_) => "input",
            CheckSpec::TablePresence(_) => "table_presence",
            CheckSpec::TableReading(_) => "table_reading",
            CheckSpec::TableStructure(_) => "table_structure",
            CheckSpec::TableEra(_) => "table_era",
            CheckSpec::TableIdentity(_) => "table_identity",
            CheckSpec::TableCells(_) => "table_cells",
            CheckSpec::TableOrder(_) => "table_order",
            CheckSpec::ProseVsTable(_) => "prose_vs_table",
            CheckSpec::ClaimVsTable(_) => "claim_vs_table",
        }
    }

    /// Checks of the statistical tables themselves: not of prose about them, and not whether
    /// the report has all its tables (an annex workbook may hold only one).
    pub fn is_table_check(&self) -> bool {
        (self.kind_name().starts_with("table_") && !matches!(self, CheckSpec::TablePresence(_)))
            || matches!(self, CheckSpec::ReaderNotice(_))
    }

    pub fn as_check(&self) -> &dyn Check {
        match self {
            CheckSpec::Pattern(p) => p,
            CheckSpec::Repetition(p) => p,
            CheckSpec::RequiredItems(p) => p,
            CheckSpec::Sections(p) => p,
            CheckSpec::Numbering(p) => p,
            CheckSpec::DeclaredParts(p) => p,
            CheckSpec::Breakdown(p) => p,
            CheckSpec::Rate(p) => p,
            CheckSpec::ReaderNotice(p) => p,
            CheckSpec::MetricConflict(p) => p,
            CheckSpec::StatsPeriod(p) => p,
            CheckSpec::Deadline(p) => p,
            CheckSpec::DateValidity(p) => p,
            CheckSpec::Title(p) => p,
            CheckSpec::YearUnknown(p) => p,
            CheckSpec::Annex(p) => p,
            CheckSpec::Input(p) => p,
            CheckSpec::TablePresence(p) => p,
            CheckSpec::TableReading(p) => p,
            CheckSpec::TableStructure(p) => p,
            CheckSpec::TableEra(p) => p,
            CheckSpec::TableIdentity(p) => p,
            CheckSpec::TableCells(p) => p,
            CheckSpec::TableOrder(p) => p,
            CheckSpec::ProseVsTable(p) => p,
            CheckSpec::ClaimVsTable(p) => p,
        }
    }
}

pub fn any_match(res: &[Re], s: &str) -> bool {
    res.iter().any(|r| r.is_match(s))
}

/// Characters that end a sentence in Chinese prose.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '\n')
}

/// Characters that end a clause.
pub fn is_clause_end(c: char) -> bool {
    is_sentence_end(c) || matches!(c, '，' | ',' | '；' | ';' | '：' | ':')
}

/// Byte offset where the sentence containing `at` starts, within `text`.
pub fn sentence_start(text: &str, at: usize) -> usize {
    let at = floor_boundary(text, at);
    text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| is_sentence_end(*c))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0)
}

/// Byte offset just after the end of the sentence containing `at`, within `text`.
pub fn sentence_end(text: &str, at: usize) -> usize {
    let at = floor_boundary(text, at);
    text[at..]
        .char_indices()
        .find(|(_, c)| is_sentence_end(*c))
        .map(|(i, c)| at + i + c.len_utf8())
        .unwrap_or(text.len())
}

pub use crate::text::floor_boundary;
