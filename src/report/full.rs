//! `--format full`: miette's graphical report with the source line, an underline and the help.
//! miette computes the header column in bytes; `CharColumns` gives it character columns.

use super::FileReport;
use crate::rules::finding::Severity;
use crate::text::TextView;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use std::fmt::Write;

struct CharColumns<'a> {
    name: &'a str,
    text: &'a str,
}

impl SourceCode for CharColumns<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        let start = inner.span().offset();
        let line_start = self.text[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let column = self.text[line_start..start].chars().count();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

pub fn render(report: &FileReport, view: &TextView, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_context_lines(1)
        .with_width(100);
    let source = CharColumns {
        name: &report.path,
        text: view.source_text(),
    };
    let mut out = String::new();
    for f in &report.findings {
        let mut diag = MietteDiagnostic::new(f.message_with_origin())
            .with_code(f.finding.rule.clone())
            .with_severity(match f.finding.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info => miette::Severity::Advice,
            });
        if let Some(h) = &f.finding.help {
            diag = diag.with_help(h.clone());
        }
        match f.finding.span {
            Some(s) => {
                let (start, end) = (s.start, s.end);
                let len = end.saturating_sub(start).max(
                    view.source_text()[start..]
                        .chars()
                        .next()
                        .map(char::len_utf8)
                        .unwrap_or(0),
                );
                diag = diag.with_label(LabeledSpan::new_primary_with_span(
                    None,
                    SourceSpan::new(start.into(), len),
                ));
                let report_obj = miette::Report::new(diag);
                let with_source = SourcedDiag {
                    inner: report_obj.as_ref(),
                    source: &source,
                };
                let _ = handler.render_report(&mut out, &with_source);
            }
            None => {
                let _ = writeln!(out, "  {}: （涉及全文）", report.path);
                let report_obj = miette::Report::new(diag);
                let _ = handler.render_report(&mut out, report_obj.as_ref());
            }
        }
        out.push('\n');
    }
    out
}

/// A diagnostic with our source attached (MietteDiagnostic carries none).
struct SourcedDiag<'a> {
    inner: &'a dyn miette::Diagnostic,
    source: &'a CharColumns<'a>,
}

impl std::fmt::Debug for SourcedDiag<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.inner, f)
    }
}

impl std::fmt::Display for SourcedDiag<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self.inner, f)
    }
}

impl std::error::Error for SourcedDiag<'_> {}

impl miette::Diagnostic for SourcedDiag<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.inner.code()
    }
    fn severity(&self) -> Option<miette::Severity> {
        self.inner.severity()
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.inner.help()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.inner.labels()
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }
}
