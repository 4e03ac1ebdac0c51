//! What checking one file comes to: its findings with their places resolved, how well it was
//! read, and what comparisons need of it. Every reporter reads this; none re-runs a check.

use crate::model::{Document, Profile};
use crate::rules::finding::{Finding, Severity};
use crate::text::TextView;

/// Everything reported about one file, with positions resolved so the text can be dropped.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct FileReport {
    /// The path as the user gave it (or as found under a folder they gave).
    pub path: String,
    pub profile: Option<Profile>,
    pub findings: Vec<Located>,
    /// How well the text was read (None when it could not be read at all).
    pub reading: Option<Reading>,
    /// Files the report names as its annex that are there beside it (statistical workbooks).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names_annexes: Vec<std::path::PathBuf>,
    /// Findings the file's own suppression comments cover (not reported unless
    /// --no-suppressions).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub suppressed: usize,
    /// Findings the baseline (`--baseline`) holds, not reported.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub baselined: usize,
    /// Its annex workbooks found in the same batch, checked as part of it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annexes: Vec<FileReport>,
    /// What comparisons with other reports need of it (only when they were asked for).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<Box<crate::across::digest::Digest>>,
    /// Last year's report of the same issuer, when one was checked with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<PreviousReport>,
}

/// The report this one was compared with as last year's.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PreviousReport {
    pub path: String,
    pub year: Option<i32>,
    /// Share of this report's text that last year's has too (figures masked).
    pub repeat_rate: Option<f64>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Located {
    pub finding: Finding,
    /// 1-based line and character column in the text view.
    pub line_col: Option<(usize, usize)>,
    /// Where that is in the original file (第3段, 第2页, 表格1第5行), for formats other than text.
    pub origin: Option<String>,
    /// The words it points at, cut short when long: for reporters that have no text view
    /// (a spreadsheet of findings, the HTML report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The words before and after it on its line, to show it in context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<(String, String)>,
}

/// Up to 24 characters before and after a span, within its line.
pub fn context_of(text: &str, span: crate::text::Span) -> (String, String) {
    const AROUND: usize = 24;
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let before: Vec<char> = text[line_start..span.start].chars().collect();
    let before: String = before[before.len().saturating_sub(AROUND)..]
        .iter()
        .collect();
    let after: String = text[span.end..line_end.max(span.end)]
        .chars()
        .take(AROUND)
        .collect();
    (before, after)
}

/// The words a finding points at, as a spreadsheet cell or a line of a page shows them.
pub fn quote_of(text: &str) -> String {
    const MAX: usize = 60;
    let one_line = text.replace(['\n', '\r'], " ");
    if one_line.chars().count() <= MAX {
        one_line
    } else {
        let mut s: String = one_line.chars().take(MAX).collect();
        s.push('…');
        s
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl FileReport {
    /// The report of a file that has one finding about the whole of it (it could not be read,
    /// its check was stopped, it is not a report).
    pub fn of_one(path: &str, finding: crate::rules::finding::Finding) -> FileReport {
        FileReport {
            path: path.to_string(),
            findings: vec![Located {
                finding,
                line_col: None,
                origin: None,
                quote: None,
                context: None,
            }],
            ..Default::default()
        }
    }

    /// Read and checked as a report: neither unreadable, nor stopped, nor not a report.
    pub fn read_in_full(&self) -> bool {
        !self.not_a_report()
            && !self.findings.iter().any(|f| {
                [crate::rules::UNREADABLE, crate::rules::ABORTED].contains(&f.finding.rule.as_str())
            })
    }

    /// A text that is not an annual report: read, and not checked.
    pub fn not_a_report(&self) -> bool {
        self.findings.len() == 1 && self.findings[0].finding.rule == crate::rules::NOT_A_REPORT
    }
}

impl Located {
    /// The message, with the place in the original file when the text view is derived.
    pub fn message_with_origin(&self) -> String {
        match &self.origin {
            Some(o) => format!("{}（原文{o}）", self.finding.message),
            None => self.finding.message.clone(),
        }
    }
}

impl FileReport {
    /// Findings of this severity, in the report and its annexes.
    pub fn count(&self, s: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.finding.severity == s)
            .count()
            + self.annexes.iter().map(|a| a.count(s)).sum::<usize>()
    }

    pub fn worst(&self) -> Option<Severity> {
        self.findings
            .iter()
            .map(|f| f.finding.severity)
            .chain(self.annexes.iter().filter_map(FileReport::worst))
            .max()
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
    pub(crate) fn of(
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
