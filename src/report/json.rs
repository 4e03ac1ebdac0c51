//! `--format json`: exactly one object for the whole run; other tools read it, keep it stable.

use super::FileReport;
use serde_json::{json, Value};

pub fn file_value(report: &FileReport) -> Value {
    let findings: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            json!({
                "rule": f.finding.rule,
                "severity": f.finding.severity.as_str(),
                "message": f.finding.message,
                "line": f.line_col.map(|l| l.0),
                "column": f.line_col.map(|l| l.1),
                "span": f.finding.span.map(|s| json!({"start": s.start, "end": s.end})),
                "origin": f.origin,
            })
        })
        .collect();
    json!({
        "path": report.path,
        "profile": report.profile.as_ref().map(|p| p.era.as_str()),
        "year": report.profile.as_ref().and_then(|p| p.year),
        "findings": findings,
        "reading": report.reading,
        "annexes": report.annexes.iter().map(file_value).collect::<Vec<Value>>(),
    })
}

pub fn render(files: &[Value]) -> String {
    let mut s =
        serde_json::to_string_pretty(&json!({ "files": files })).expect("JSON values serialise");
    s.push('\n');
    s
}
