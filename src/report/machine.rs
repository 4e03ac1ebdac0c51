//! Outputs for tools: JSON Lines (one finding per line), GitHub workflow commands (annotations
//! on the pull request) and SARIF 2.1.0 (code-scanning upload). All read the same findings.

use super::FileReport;
use crate::rules::RuleSet;
use serde_json::{json, Value};

/// Every finding of a report and of its annexes, with the file it is in.
fn each(report: &FileReport) -> Vec<(&str, &super::Located)> {
    let mut out: Vec<(&str, &super::Located)> = report
        .findings
        .iter()
        .map(|f| (report.path.as_str(), f))
        .collect();
    for a in &report.annexes {
        out.extend(each(a));
    }
    out
}

/// One JSON object per finding and line: `{"path","rule","severity","message","line","column",…}`.
pub fn json_lines(report: &FileReport) -> String {
    let mut out = String::new();
    for (path, f) in each(report) {
        let v = json!({
            "path": path,
            "rule": f.finding.rule,
            "severity": f.finding.severity.as_str(),
            "message": f.finding.message,
            "line": f.line_col.map(|l| l.0),
            "column": f.line_col.map(|l| l.1),
            "origin": f.origin,
        });
        let mut v = v;
        if let Some(r) = &f.finding.related {
            v["related"] = super::json::related(r);
        }
        out.push_str(&v.to_string());
        out.push('\n');
    }
    out
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=RULE::message`.
pub fn github(report: &FileReport) -> String {
    let mut out = String::new();
    for (path, f) in each(report) {
        let level = match f.finding.severity {
            crate::rules::finding::Severity::Error => "error",
            crate::rules::finding::Severity::Warning => "warning",
            crate::rules::finding::Severity::Info => "notice",
        };
        let (line, col) = f.line_col.unwrap_or((1, 1));
        out.push_str(&format!(
            "::{level} file={},line={line},col={col},title={}::{}\n",
            property(path),
            property(&f.finding.rule),
            data(&f.message_with_origin())
        ));
    }
    out
}

/// A workflow command's message: %, CR and LF escaped.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property: also : and , escaped.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The whole run as one SARIF 2.1.0 log, with every rule's summary, help and legal basis.
pub fn sarif(reports: &[FileReport], rules: &RuleSet) -> String {
    let results: Vec<Value> = reports
        .iter()
        .flat_map(each)
        .map(|(path, f)| {
            let level = sarif_level(f.finding.severity);
            let mut location = json!({
                "physicalLocation": { "artifactLocation": { "uri": uri(path) } }
            });
            if let Some((line, col)) = f.line_col {
                location["physicalLocation"]["region"] =
                    json!({ "startLine": line, "startColumn": col });
            }
            let mut result = json!({
                "ruleId": f.finding.rule,
                "level": level,
                "message": { "text": f.message_with_origin() },
                "locations": [location],
            });
            if let Some(r) = &f.finding.related {
                let mut there = json!({
                    "id": 0,
                    "physicalLocation": { "artifactLocation": { "uri": uri(&r.path) } },
                    "message": { "text": "对照的报告" },
                });
                if let Some((line, col)) = r.line_col {
                    there["physicalLocation"]["region"] =
                        json!({ "startLine": line, "startColumn": col });
                }
                result["relatedLocations"] = json!([there]);
            }
            result
        })
        .collect();
    let descriptors: Vec<Value> = rules
        .rules
        .iter()
        .map(|r| {
            let s = &r.spec;
            json!({
                "id": s.id,
                "shortDescription": { "text": s.summary },
                "fullDescription": { "text": s.description.as_deref().unwrap_or(&s.summary).trim() },
                "help": { "text": s.help.trim() },
                "defaultConfiguration": { "level": sarif_level(s.severity) },
                "properties": { "basis": s.basis.trim() },
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "nianbao",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": descriptors,
            } },
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).expect("JSON values serialise");
    s.push('\n');
    s
}

/// SARIF's name for a severity.
fn sarif_level(s: crate::rules::finding::Severity) -> &'static str {
    match s {
        crate::rules::finding::Severity::Error => "error",
        crate::rules::finding::Severity::Warning => "warning",
        crate::rules::finding::Severity::Info => "note",
    }
}

/// A path as a relative URI reference: forward slashes, spaces and other reserved characters
/// percent-encoded, non-ASCII kept (SARIF readers take IRIs).
fn uri(path: &str) -> String {
    let mut out = String::new();
    for c in path.replace('\\', "/").chars() {
        match c {
            ' ' | '#' | '?' | '%' | '[' | ']' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}
