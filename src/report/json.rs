//! `--format json`: exactly one object for the whole run; other tools read it, keep it stable.

use super::FileReport;
use serde_json::{json, Value};

pub fn file_value(report: &FileReport) -> Value {
    let findings: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let mut v = json!({
                "rule": f.finding.rule,
                "severity": f.finding.severity.as_str(),
                "message": f.finding.message,
                "line": f.line_col.map(|l| l.0),
                "column": f.line_col.map(|l| l.1),
                "span": f.finding.span.map(|s| json!({"start": s.start, "end": s.end})),
                "origin": f.origin,
            });
            if let Some(r) = &f.finding.related {
                v["related"] = related(r);
            }
            if let Some(d) = &f.finding.detail {
                v["detail"] = json!(d);
            }
            v
        })
        .collect();
    let mut file = json!({
        "path": report.path,
        "profile": report.profile.as_ref().map(|p| p.era.as_str()),
        "year": report.profile.as_ref().and_then(|p| p.year),
        "findings": findings,
        "reading": report.reading,
        "annexes": report.annexes.iter().map(file_value).collect::<Vec<Value>>(),
    });
    if let Some(p) = &report.previous {
        file["previous"] = json!({ "path": p.path, "year": p.year, "repeat_rate": p.repeat_rate });
    }
    file
}

/// The place in the other report a comparison points at.
pub fn related(r: &crate::rules::finding::Related) -> Value {
    json!({
        "path": r.path,
        "year": r.year,
        "line": r.line_col.map(|l| l.0),
        "column": r.line_col.map(|l| l.1),
        "span": r.span.map(|s| json!({"start": s.start, "end": s.end})),
        "origin": r.origin,
    })
}

pub fn render(files: &[Value]) -> String {
    let mut s =
        serde_json::to_string_pretty(&json!({ "files": files })).expect("JSON values serialise");
    s.push('\n');
    s
}
