//! Checking one file end to end: load, parse, run the rules, resolve positions.

use crate::input;
use crate::model::Document;
use crate::model::Era;
use crate::report::{FileReport, Located};
use crate::rules::{self, RuleSet};
use crate::syntax::parse_document;
use crate::text::TextView;
use std::path::Path;

/// The document model of a text view: its lines parsed, then its statistical tables put
/// together from their pieces.
pub fn read_document(view: &TextView) -> Document<'_> {
    let mut doc = parse_document(view);
    crate::template::assemble::assemble(&mut doc);
    doc
}

/// Checks one file. The text view is returned too, for reporters that print source lines.
pub fn check_file(
    path: &Path,
    shown_as: &str,
    rules: &RuleSet,
    forced: Option<Era>,
) -> (FileReport, Option<TextView>) {
    match input::load(path) {
        Ok(view) => (check_view(&view, shown_as, rules, forced), Some(view)),
        Err(e) => (
            FileReport::of_one(shown_as, rules::unreadable(rules, &e.0)),
            None,
        ),
    }
}

/// Checks a file that came as bytes (an upload), as `check_file` checks one on disk.
pub fn check_upload(
    name: &str,
    bytes: Vec<u8>,
    rules: &RuleSet,
    forced: Option<Era>,
) -> (FileReport, Option<TextView>) {
    match input::load_upload(name, bytes) {
        Ok(view) => (check_view(&view, name, rules, forced), Some(view)),
        Err(e) => (
            FileReport::of_one(name, rules::unreadable(rules, &e.0)),
            None,
        ),
    }
}

pub fn check_view(
    view: &TextView,
    shown_as: &str,
    rules: &RuleSet,
    forced: Option<Era>,
) -> FileReport {
    // A defect in one check must not stop a batch: the file gets a finding that says so.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        check_view_inner(view, shown_as, rules, forced)
    })) {
        Ok(r) => r,
        Err(_) => FileReport::of_one(
            shown_as,
            rules::unreadable(
                rules,
                "检查过程中出现内部错误，请将此文件报告给 nianbao 开发者",
            ),
        ),
    }
}

fn check_view_inner(
    view: &TextView,
    shown_as: &str,
    rules: &RuleSet,
    forced: Option<Era>,
) -> FileReport {
    let doc = read_document(view);
    // A file the user did not name a profile for, with nothing of the template in it, is not
    // checked as a report: forty "缺少…" on a README say nothing.
    // Nor when the reader had to stop short: what was not read may be what makes it a report.
    if !view.annex
        && forced.is_none()
        && view.notices.is_empty()
        && !rules::looks_like_report(&doc, rules)
    {
        return FileReport {
            reading: Some(Reading::of(view, &doc, None, None)),
            ..FileReport::of_one(shown_as, rules::not_a_report(rules))
        };
    }
    let checked = rules::check_document(&doc, rules, forced);
    let sections = rules::sections_read(&doc, &checked.profile, rules);
    let digest = (rules.digest && !view.annex).then(|| {
        Box::new(crate::across::digest::Digest::of(
            view,
            &doc,
            &checked.profile,
            checked.tables.as_ref(),
        ))
    });
    let report = FileReport {
        digest,
        names_annexes: rules::named_annexes(&doc, rules),
        path: shown_as.to_string(),
        reading: Some(Reading::of(view, &doc, checked.tables.as_ref(), sections)),
        profile: Some(checked.profile),
        findings: {
            let starts: Vec<usize> = checked
                .findings
                .iter()
                .map(|f| f.span.map_or(0, |s| s.start))
                .collect();
            let places = view.line_cols(&starts);
            checked
                .findings
                .into_iter()
                .zip(places)
                .map(|(mut f, place)| {
                    let line_col = f.span.map(|_| place);
                    let quote = f
                        .span
                        .filter(|s| !s.is_empty())
                        .map(|s| crate::report::quote_of(&view.text()[s.start..s.end]));
                    let context = f
                        .span
                        .filter(|s| !s.is_empty())
                        .map(|s| crate::report::context_of(view.text(), s));
                    let origin = f
                        .span
                        .and_then(|s| view.origin(s.start))
                        .map(str::to_string);
                    // Reported spans are in the text that lines and columns count in (the
                    // file's own text for .txt and .md), not in the repaired text the rules
                    // read.
                    f.span = f.span.map(|s| view.span_to_source(s));
                    Located {
                        line_col,
                        origin,
                        finding: f,
                        quote,
                        context,
                    }
                })
                .collect()
        },
        ..Default::default()
    };
    let (findings, suppressed) = crate::suppress::apply(
        report.findings,
        view.source_text(),
        &view.comment_suppressions,
        rules,
        rules.honour_suppressions,
    );
    FileReport {
        findings,
        suppressed,
        ..report
    }
}

/// How well a report was read, for the user and for scripts (`reading` in the JSON): whether
/// the text had to be repaired, how many headings were read, and per statistical table what
/// it was put together from and what had to be inferred or could not be read.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Reading {
    /// The text checked differs from the file (markdown syntax, wrapped lines, spaces in
    /// figures); positions still point into the file.
    pub repaired: bool,
    pub headings: usize,
    pub top_level_headings: usize,
    /// The era's fixed sections (2019 on): how many were read as top-level headings, only as
    /// lower headings, only in running text, or not at all.
    pub sections: Option<crate::rules::kinds::sections::SectionsRead>,
    /// Lines read as parts of a table (captions, header fragments, labels apart from figures).
    pub table_lines: usize,
    pub tables: Vec<TableRead>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct TableRead {
    pub table: String,
    pub name: String,
    pub pieces: usize,
    pub rows_mapped: usize,
    pub rows_expected: usize,
    pub cells: usize,
    pub rows_by_position: usize,
    pub rows_unglued: usize,
    pub header_read: bool,
    pub unread: Vec<String>,
}

impl Reading {
    fn of(
        view: &TextView,
        doc: &Document,
        tables: Option<&crate::template::map::Tables>,
        sections: Option<crate::rules::kinds::sections::SectionsRead>,
    ) -> Reading {
        use crate::model::BlockKind;
        let tables = tables
            .map(|t| {
                [&t.t2, &t.t3, &t.t4]
                    .into_iter()
                    .flatten()
                    .map(|m| TableRead {
                        table: m.spec.id.clone(),
                        name: m.spec.name.clone(),
                        pieces: m.reading.pieces,
                        rows_mapped: m.row_order.len(),
                        rows_expected: m.spec.row_count(),
                        cells: m.cells.len(),
                        rows_by_position: m.reading.by_position,
                        rows_unglued: m.reading.unglued,
                        header_read: m.reading.header_read,
                        unread: m.reading.unread.iter().map(|u| u.1.clone()).collect(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Reading {
            repaired: view.source_text().len() != view.text().len()
                || view.source_text() != view.text(),
            headings: doc.headings.len(),
            top_level_headings: doc.top_level().count(),
            sections,
            table_lines: doc
                .blocks
                .iter()
                .filter(|b| matches!(b.kind, BlockKind::TableLabel))
                .count(),
            tables,
        }
    }
}
