//! The findings of comparisons between reports, for the text formats: each with the place in
//! the other report, and in the full format the passages side by side. And the note that says
//! which reports were paired and which had no pair.

use super::FileReport;
use crate::compare::Outcome;
use std::fmt::Write;

pub fn render(report: &FileReport, full: bool) -> String {
    let mut out = String::new();
    for f in report
        .findings
        .iter()
        .filter(|f| f.finding.related.is_some())
    {
        let (line, col) = f.line_col.unwrap_or((1, 1));
        let related = f.finding.related.as_ref().expect("filtered");
        let mut there = match related.line_col {
            Some((l, c)) => format!("{}:{l}:{c}", related.path),
            None => related.path.clone(),
        };
        if let Some(o) = &related.origin {
            there.push_str(&format!("（原文{o}）"));
        }
        let _ = write!(
            out,
            "{}:{line}:{col}: {}[{}] {}",
            report.path,
            f.finding.severity.as_str(),
            f.finding.rule,
            f.message_with_origin()
        );
        if !full {
            let _ = writeln!(out, "（对照 {there}）");
            continue;
        }
        let _ = writeln!(out, "\n  对照：{there}");
        if let Some(detail) = &f.finding.detail {
            for l in detail.lines() {
                let _ = writeln!(out, "  │ {l}");
            }
        }
        if let Some(h) = &f.finding.help {
            let _ = writeln!(out, "  提示：{h}");
        }
        out.push('\n');
    }
    out
}

/// Which reports were compared with last year's, which had none, and how many pairs of units
/// share text.
pub fn pairing_note(outcome: &Outcome, reports: &[FileReport]) -> String {
    let mut out = String::new();
    if !outcome.pairs.is_empty() {
        let _ = writeln!(out, "与上年报告比较了 {} 对：", outcome.pairs.len());
        for &(p, c) in &outcome.pairs {
            let rate = reports[c]
                .previous
                .as_ref()
                .and_then(|p| p.repeat_rate)
                .map(|r| format!("（文字重复率 {}）", crate::across::copy::percent(r)))
                .unwrap_or_default();
            let _ = writeln!(out, "  {} ← {}{rate}", reports[c].path, reports[p].path);
        }
    }
    if !outcome.groups.is_empty() {
        let _ = writeln!(
            out,
            "与所属单位报告之和对照了 {} 份政府报告：",
            outcome.groups.len()
        );
        for g in &outcome.groups {
            let units: Vec<&str> = g.units.iter().map(|&u| reports[u].path.as_str()).collect();
            let _ = writeln!(out, "  {} ← {}", reports[g.parent].path, units.join("、"));
        }
    }
    if !outcome.unpaired.is_empty() {
        const SHOWN: usize = 10;
        let names: Vec<&str> = outcome
            .unpaired
            .iter()
            .take(SHOWN)
            .map(|&i| reports[i].path.as_str())
            .collect();
        let more = outcome.unpaired.len().saturating_sub(SHOWN);
        let _ = writeln!(
            out,
            "{} 份报告没有找到同一机关的上年报告，未作年度比较：{}{}",
            outcome.unpaired.len(),
            names.join("、"),
            if more > 0 {
                format!(" 等（另 {more} 份）")
            } else {
                String::new()
            }
        );
    }
    if !outcome.peers.is_empty() {
        let _ = writeln!(
            out,
            "{} 对不同单位的报告有相同文字，已逐对比较（雷同见 PEER-SHARED）。",
            outcome.peers.len()
        );
    }
    out
}
