//! Checking one text end to end: parse, run the rules, resolve positions.

use crate::model::Era;
use crate::outcome::{FileReport, Located};
use crate::rules::{self, RuleSet};
use crate::text::TextView;

pub use crate::outcome::{Reading, TableRead};
pub use crate::template::read_document;

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
                        .map(|s| crate::outcome::quote_of(&view.text()[s.start..s.end]));
                    let context = f
                        .span
                        .filter(|s| !s.is_empty())
                        .map(|s| crate::outcome::context_of(view.text(), s));
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
