//! The rule kinds. Each file holds one kind: its parameters as they appear under `check:` in
//! the YAML, and the check itself. A kind is generic; the YAML says what it looks for.

mod annex;
pub mod breakdown;
mod carry_over;
mod claim_vs_table;
pub mod copied_text;
mod date_validity;
pub mod deadline;
pub mod declared_parts;
mod enumeration;
mod garbled;
mod input;
mod metric_conflict;
mod numbering;
mod other_year;
mod pattern;
mod pending_cases;
mod prose_balance;
mod prose_vs_table;
mod rate;
mod reader_notice;
mod repetition;
mod roll_up;
pub mod required_items;
mod same_tables;
mod section_content;
mod section_wording;
pub mod sections;
mod share;
mod shared_passages;
mod stats_period;
mod stock_flow;
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
    /// Checks one report (kinds that compare reports have nothing to check in one).
    fn run(&self, _ctx: &Ctx, _out: &mut Vec<Hit>) {}

    /// Checks a report against another: last year's report of its issuer, or another unit's.
    fn run_pair(&self, _pair: &PairCtx, _out: &mut Vec<PairHit>) {}

    /// Names what the parameters refer to (tables, rows, columns, cells), for the compile
    /// pass to check against the template.
    fn validate(&self, _v: &mut crate::rules::compile::Validator) {}
}

/// Where a kind's rules run: on reports only, or on annex workbooks too (the checks of the
/// statistical tables themselves, and what the reader could not read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    Report,
    ReportAndAnnex,
    /// A report and last year's report of the same issuer.
    PreviousYear,
    /// Reports of different issuers in one batch.
    Peers,
    /// A government's report and its units' reports of the year (their figures summed).
    Units,
}

impl Applies {
    /// Whether the kind checks a report on its own (not against another).
    pub fn alone(self) -> bool {
        matches!(self, Applies::Report | Applies::ReportAndAnnex)
    }
}

/// Two reports to check against each other, as their digests.
pub struct PairCtx<'a> {
    /// Last year's report, or the other unit's.
    pub previous: &'a crate::across::digest::Digest,
    pub current: &'a crate::across::digest::Digest,
    /// Sentence keys so common in the batch (or written in the template) that sharing them
    /// says nothing.
    pub common: &'a rustc_hash::FxHashSet<u64>,
    /// The units whose figures `previous` sums (a government's units); empty for a pair.
    pub parts: &'a [&'a crate::across::digest::Digest],
}

impl PairCtx<'_> {
    /// Whether the reports are of one year and the next (a forced pair may be further apart).
    pub fn consecutive(&self) -> bool {
        match (self.previous.year, self.current.year) {
            (Some(p), Some(c)) => p + 1 == c,
            _ => true,
        }
    }

    /// A year as messages write it; 上年 when the report did not say.
    pub fn year_label(&self, year: Option<i32>) -> String {
        year.map_or_else(|| "上年".to_string(), |y| format!("{y}年"))
    }
}

/// What a comparing check reports: places in both reports, already resolved.
#[derive(Debug, Clone, Default)]
pub struct PairHit {
    pub at: Option<crate::across::digest::Place>,
    pub related: Option<crate::across::digest::Place>,
    pub variant: Option<&'static str>,
    pub vars: Vec<(&'static str, String)>,
    /// Lines shown under the message (copied passages side by side).
    pub detail: Option<String>,
}

impl PairHit {
    pub fn var(mut self, k: &'static str, v: impl ToString) -> PairHit {
        self.vars.push((k, v.to_string()));
        self
    }

    pub fn variant(mut self, v: &'static str) -> PairHit {
        self.variant = Some(v);
        self
    }
}

/// What the compile pass and the docs know of a kind.
#[derive(Debug)]
pub struct KindInfo {
    pub name: &'static str,
    pub applies: Applies,
    /// `{names}` its findings fill in.
    pub vars: &'static [&'static str],
    /// Variants its findings may carry: the keys `messages:` may use.
    pub variants: &'static [&'static str],
}

/// The one list of rule kinds: the `check:` key, the module and struct, and where it runs.
/// The enum, its dispatch and the registry all come from here.
macro_rules! kinds {
    ($($name:literal => $module:ident::$kind:ident, $applies:ident;)*) => {
        /// `check:` of a rule: the kind's name as the key, its parameters as the value.
        #[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
        pub enum CheckSpec {
            $(#[serde(rename = $name)] $kind($module::$kind),)*
        }

        /// Every kind, in the order of `CheckSpec`.
        pub const KINDS: &[KindInfo] = &[
            $(KindInfo {
                name: $name,
                applies: Applies::$applies,
                vars: $module::VARS,
                variants: $module::VARIANTS,
            },)*
        ];

        impl CheckSpec {
            pub fn info(&self) -> &'static KindInfo {
                let mut i = 0;
                $(
                    if let CheckSpec::$kind(_) = self {
                        return &KINDS[i];
                    }
                    i += 1;
                )*
                unreachable!("{i} kinds, each listed")
            }

            pub fn as_check(&self) -> &dyn Check {
                match self {
                    $(CheckSpec::$kind(p) => p,)*
                }
            }
        }
    };
}

kinds! {
    "pattern" => pattern::Pattern, Report;
    "garbled" => garbled::Garbled, Report;
    "repetition" => repetition::Repetition, Report;
    "required_items" => required_items::RequiredItems, Report;
    "sections" => sections::Sections, Report;
    "section_content" => section_content::SectionContent, Report;
    "section_wording" => section_wording::SectionWording, Report;
    "numbering" => numbering::Numbering, Report;
    "enumeration" => enumeration::Enumeration, Report;
    "declared_parts" => declared_parts::DeclaredParts, Report;
    "breakdown" => breakdown::Breakdown, Report;
    "rate" => rate::Rate, Report;
    "share" => share::Share, Report;
    "reader_notice" => reader_notice::ReaderNotice, ReportAndAnnex;
    "metric_conflict" => metric_conflict::MetricConflict, Report;
    "stats_period" => stats_period::StatsPeriod, Report;
    "other_year" => other_year::OtherYear, Report;
    "deadline" => deadline::Deadline, Report;
    "date_validity" => date_validity::DateValidity, Report;
    "title" => title::Title, Report;
    "year_unknown" => year_unknown::YearUnknown, Report;
    "annex" => annex::Annex, Report;
    "input" => input::Input, Report;
    "table_presence" => table_presence::TablePresence, Report;
    "table_reading" => table_reading::TableReading, ReportAndAnnex;
    "table_structure" => table_structure::TableStructure, ReportAndAnnex;
    "table_era" => table_era::TableEra, ReportAndAnnex;
    "table_identity" => table_identity::TableIdentity, ReportAndAnnex;
    "table_cells" => table_cells::TableCells, ReportAndAnnex;
    "table_order" => table_order::TableOrder, ReportAndAnnex;
    "prose_vs_table" => prose_vs_table::ProseVsTable, Report;
    "prose_balance" => prose_balance::ProseBalance, Report;
    "claim_vs_table" => claim_vs_table::ClaimVsTable, Report;
    "carry_over" => carry_over::CarryOver, PreviousYear;
    "stock_flow" => stock_flow::StockFlow, PreviousYear;
    "pending_cases" => pending_cases::PendingCases, PreviousYear;
    "same_tables" => same_tables::SameTables, PreviousYear;
    "copied_text" => copied_text::CopiedText, PreviousYear;
    "shared_passages" => shared_passages::SharedPassages, Peers;
    "roll_up" => roll_up::RollUp, Units;
}

impl CheckSpec {
    pub fn kind_name(&self) -> &'static str {
        self.info().name
    }

    /// Whether the rule runs on an annex workbook as well as on reports.
    pub fn is_table_check(&self) -> bool {
        self.info().applies == Applies::ReportAndAnnex
    }
}

/// The figures of a stretch of prose (a block), in text order.
pub fn quantities<'d>(
    doc: &'d Document,
    span: crate::text::Span,
) -> Vec<&'d crate::syntax::Quantity> {
    doc.tokens_in(span)
        .filter_map(|t| match t {
            crate::syntax::Token::Quantity(q) => Some(q),
            _ => None,
        })
        .collect()
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
