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

/// Lines wider than this (in terminal columns) are shown as a window around the finding.
const WIDE_LINE: usize = 100;
/// Columns of context either side of the finding in a window: the caret stays on an 80-column
/// terminal whatever the line's length.
const WINDOW_SIDE: usize = 34;
/// Columns of the finding itself shown in a window.
const WINDOW_SPAN: usize = 30;

/// One line of a long paragraph cut down to the text around a finding, with … where it was
/// cut. Lines and columns in the header are the original's.
struct Excerpt<'a> {
    name: &'a str,
    text: String,
    /// The span of the finding in `text`.
    span: SourceSpan,
    /// 0-based line of the original.
    line: usize,
    /// Character column of the finding in the original line.
    column: usize,
}

impl Excerpt<'_> {
    /// The window of `source`'s line around `start..end`, or None when the line is short enough
    /// to be shown whole.
    fn of<'a>(name: &'a str, source: &str, start: usize, end: usize) -> Option<Excerpt<'a>> {
        use unicode_width::UnicodeWidthChar;
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line = &source[line_start..line_end];
        let width = |s: &str| s.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>();
        if width(line) <= WIDE_LINE {
            return None;
        }
        // Walk out from the finding by display columns.
        let take_cols =
            |chars: &mut dyn Iterator<Item = (usize, char)>, limit: usize, default: usize| {
                let mut cols = 0;
                let mut at = default;
                for (i, c) in chars {
                    cols += c.width().unwrap_or(0);
                    if cols > limit {
                        return (at, true);
                    }
                    at = i;
                }
                (at, false)
            };
        let end = end.clamp(start, line_end);
        let (from, cut_left) = take_cols(
            &mut source[line_start..start]
                .char_indices()
                .rev()
                .map(|(i, c)| (line_start + i, c)),
            WINDOW_SIDE,
            start,
        );
        let (span_end, span_cut) = take_cols(
            &mut source[start..end]
                .char_indices()
                .map(|(i, c)| (start + i + c.len_utf8(), c)),
            WINDOW_SPAN,
            start,
        );
        let span_end = if span_cut { span_end } else { end };
        let (to, cut_right) = if span_cut {
            (span_end, span_end < line_end)
        } else {
            take_cols(
                &mut source[span_end..line_end]
                    .char_indices()
                    .map(|(i, c)| (span_end + i + c.len_utf8(), c)),
                WINDOW_SIDE,
                span_end,
            )
        };
        let lead = if cut_left { "…" } else { "" };
        let text = format!(
            "{lead}{}{}",
            &source[from..to],
            if cut_right { "…" } else { "" }
        );
        let offset = lead.len() + (start - from);
        Some(Excerpt {
            name,
            span: SourceSpan::new(offset.into(), (span_end - start).max(1)),
            text,
            line: source[..line_start].matches('\n').count(),
            column: source[line_start..start].chars().count(),
        })
    }
}

impl SourceCode for Excerpt<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // The header asks for the finding alone (its line and column); the body for the line
        // around it, which is the whole excerpt.
        let (data, at, column) = if (before, after) == (0, 0) {
            let s = span.offset().min(self.text.len());
            (&self.text[s..], span.offset(), self.column)
        } else {
            (self.text.as_str(), 0, 0)
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            data.as_bytes(),
            SourceSpan::new(at.into(), data.len()),
            self.line,
            column,
            1,
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
                let excerpt = Excerpt::of(&report.path, view.source_text(), start, end);
                let (label, source): (SourceSpan, &dyn SourceCode) = match &excerpt {
                    Some(e) => (e.span, e),
                    None => (SourceSpan::new(start.into(), len), &source),
                };
                diag = diag.with_label(LabeledSpan::new_primary_with_span(None, label));
                let report_obj = miette::Report::new(diag);
                let with_source = SourcedDiag {
                    inner: report_obj.as_ref(),
                    source,
                };
                let _ = handler.render_report(&mut out, &with_source);
            }
            None => {
                let _ = writeln!(out, "  {}：此问题涉及整份报告，没有单独的位置", report.path);
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
    source: &'a dyn SourceCode,
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
