//! `--format html`: one self-contained page for an audit, with no network and no external
//! assets (its styles and script are in the binary): a table of all files with counts and
//! verdicts, sortable and filterable; per file its findings, the words each points at shown in
//! their line, and the hint; printable, so an office can forward it as a PDF.

use super::summary::Row;
use super::{FileReport, Located};
use crate::rules::finding::Severity;
use crate::rules::RuleSet;
use std::collections::BTreeSet;
use std::fmt::Write;

const CSS: &str = include_str!("assets/report.css");
const JS: &str = include_str!("assets/report.js");

/// Text made safe to stand in HTML, in an element or an attribute.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

pub fn page(reports: &[FileReport], rules: &RuleSet, fail_level: Severity, note: &str) -> String {
    page_with(reports, rules, fail_level, note, None)
}

/// The page of an audit: the table of units (`nianbao audit --expect`) before the files.
pub fn page_with(
    reports: &[FileReport],
    rules: &RuleSet,
    fail_level: Severity,
    note: &str,
    units: Option<(&[&str], &[Vec<String>])>,
) -> String {
    let rows: Vec<Row> = reports.iter().map(|r| Row::of(r, fail_level)).collect();
    let count = |s: Severity| reports.iter().map(|r| r.count(s)).sum::<usize>();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>政府信息公开工作年度报告检查结果</title><style>{CSS}</style></head><body>\n\
         <h1>政府信息公开工作年度报告检查结果</h1>\n<p class=\"totals\">\
         <span>文件 <b id=\"count-files\">{}</b> 个</span>\
         <span>错误 <b id=\"count-error\">{}</b> 个</span>\
         <span>警告 <b id=\"count-warning\">{}</b> 个</span>\
         <span>提示 <b id=\"count-info\">{}</b> 个</span></p>\n",
        reports.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
    if !note.is_empty() {
        let _ = writeln!(out, "<pre class=\"note\">{}</pre>", esc(note.trim_end()));
    }
    if let Some((header, rows)) = units {
        out.push_str("<h2>单位</h2>\n<table id=\"units\"><thead><tr>");
        for h in header {
            let _ = write!(out, "<th>{}</th>", esc(h));
        }
        out.push_str("</tr></thead><tbody>\n");
        for r in rows {
            let missing = r.get(5).is_some_and(|v| v == "未发布");
            out.push_str(if missing {
                "<tr class=\"verdict-fail\">"
            } else {
                "<tr>"
            });
            for c in r {
                let _ = write!(out, "<td>{}</td>", esc(c));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table>\n<h2>文件</h2>\n");
    }
    controls(&mut out, reports, &rows);
    files_table(&mut out, reports, &rows);
    for (i, r) in reports.iter().enumerate() {
        file_section(&mut out, i, r, &rows[i], rules);
    }
    let _ = write!(out, "<script>{JS}</script>\n</body></html>\n");
    out
}

fn controls(out: &mut String, reports: &[FileReport], rows: &[Row]) {
    let verdicts: BTreeSet<&str> = rows.iter().map(|r| r.status).collect();
    let rules: BTreeSet<&str> = reports
        .iter()
        .flat_map(|r| all_findings(r).map(|(_, f)| f.finding.rule.as_str()))
        .collect();
    out.push_str(
        "<div class=\"controls\"><label>筛选文件 <input id=\"filter-text\" type=\"search\" \
         placeholder=\"文件名、机关、年度\"></label><label>结论 <select id=\"filter-verdict\">\
         <option value=\"\">全部</option>",
    );
    for v in verdicts {
        let _ = write!(out, "<option>{}</option>", esc(v));
    }
    out.push_str(
        "</select></label><label>规则 <select id=\"filter-rule\"><option value=\"\">全部</option>",
    );
    for r in rules {
        let _ = write!(out, "<option>{}</option>", esc(r));
    }
    out.push_str("</select></label>");
    for (s, label) in [("error", "错误"), ("warning", "警告"), ("info", "提示")] {
        let _ = write!(
            out,
            "<label><input type=\"checkbox\" name=\"severity\" value=\"{s}\" checked> {label}</label>"
        );
    }
    out.push_str("</div>\n");
}

fn files_table(out: &mut String, reports: &[FileReport], rows: &[Row]) {
    let compared = super::summary::compared(rows);
    out.push_str("<table id=\"files\"><thead><tr><th>文件</th><th>机关</th><th>年度</th><th>时期</th><th>错误</th><th>警告</th><th>提示</th><th>结论</th>");
    if compared {
        out.push_str("<th>上年报告</th><th>重复率</th>");
    }
    out.push_str("</tr></thead><tbody>\n");
    for (i, (r, row)) in reports.iter().zip(rows).enumerate() {
        let class =
            if row.status == "不通过" || row.status == "无法读取" || row.status == "检查中止"
            {
                "verdict-fail"
            } else {
                "verdict-pass"
            };
        let _ = write!(
            out,
            "<tr data-file=\"f{i}\" data-verdict=\"{}\"><td><a href=\"#f{i}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"{class}\">{}</td>",
            esc(row.status),
            esc(&row.path),
            esc(&row.issuer),
            esc(&row.year),
            esc(&row.profile),
            row.errors,
            row.warnings,
            r.count(Severity::Info),
            esc(row.status)
        );
        if compared {
            let (path, rate) = row.previous.clone().unwrap_or_default();
            let _ = write!(
                out,
                "<td>{}</td><td class=\"n\" data-v=\"{}\">{}</td>",
                esc(&path),
                rate.unwrap_or(-1.0),
                rate.map(crate::across::copy::percent).unwrap_or_default()
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

/// A report's findings and its annexes', each with the file it is in.
fn all_findings(r: &FileReport) -> impl Iterator<Item = (&str, &Located)> {
    r.findings.iter().map(move |f| (r.path.as_str(), f)).chain(
        r.annexes
            .iter()
            .flat_map(|a| a.findings.iter().map(move |f| (a.path.as_str(), f))),
    )
}

fn file_section(out: &mut String, i: usize, r: &FileReport, row: &Row, rules: &RuleSet) {
    let _ = writeln!(
        out,
        "<section class=\"file\" id=\"f{i}\"><h2>{}　<small>{}</small></h2>",
        esc(&r.path),
        esc(row.status)
    );
    for (path, f) in all_findings(r) {
        let sev = f.finding.severity;
        let place = match (f.line_col, &f.origin) {
            (Some((l, c)), Some(o)) => format!("第{l}行第{c}列（原文{o}）"),
            (Some((l, c)), None) => format!("第{l}行第{c}列"),
            (None, _) => "全文".to_string(),
        };
        let annex = if path != r.path {
            format!("（附件 {}）", esc(path))
        } else {
            String::new()
        };
        let summary = rules
            .get(&f.finding.rule)
            .map(|x| x.spec.summary.as_str())
            .unwrap_or("");
        let _ = write!(
            out,
            "<div class=\"finding {}\" data-severity=\"{}\" data-rule=\"{}\"><span class=\"sev\">{}</span>\
             <span class=\"rule\" title=\"{}\">{}</span>{}<span class=\"place\">{}{annex}</span>",
            sev.as_str(),
            sev.as_str(),
            esc(&f.finding.rule),
            sev.label_zh(),
            esc(summary),
            esc(&f.finding.rule),
            esc(&f.finding.message),
            esc(&place)
        );
        if let Some(q) = &f.quote {
            let (before, after) = f.context.clone().unwrap_or_default();
            let _ = write!(
                out,
                "<div class=\"context\">…{}<mark>{}</mark>{}…</div>",
                esc(&before),
                esc(q),
                esc(&after)
            );
        }
        if let Some(rel) = &f.finding.related {
            let at = rel
                .line_col
                .map(|(l, c)| format!(" 第{l}行第{c}列"))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<div class=\"related\">对照：{}{at}</div>",
                esc(&rel.path)
            );
        }
        if let Some(d) = &f.finding.detail {
            let _ = write!(out, "<pre class=\"detail\">{}</pre>", esc(d.trim_end()));
        }
        if let Some(h) = &f.finding.help {
            let _ = write!(out, "<div class=\"help\">{}</div>", esc(h));
        }
        out.push_str("</div>\n");
    }
    if r.findings.is_empty() && r.annexes.iter().all(|a| a.findings.is_empty()) {
        out.push_str("<p>没有发现问题。</p>\n");
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_is_escaped_for_elements_and_attributes() {
        assert_eq!(
            super::esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
