//! Reporters: one per output format, all reading the same findings; none re-runs a check.

pub mod compared;
pub mod concise;
pub mod full;
pub mod html;
pub mod json;
pub mod junit;
pub mod machine;
pub mod summary;
pub mod workbook;

use crate::model::Profile;
use crate::rules::finding::{Finding, Severity};

/// Everything reported about one file, with positions resolved so the text can be dropped.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct FileReport {
    /// The path as the user gave it (or as found under a folder they gave).
    pub path: String,
    pub profile: Option<Profile>,
    pub findings: Vec<Located>,
    /// How well the text was read (None when it could not be read at all).
    pub reading: Option<crate::check::Reading>,
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
