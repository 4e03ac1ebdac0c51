//! `--format summary`: one row per file for an office auditing a whole region, as a table to
//! read or print and as CSV to sort in a spreadsheet.

use super::FileReport;
use crate::rules::finding::Severity;
use crate::rules::{ABORTED, UNREADABLE};
use unicode_width::UnicodeWidthStr;

pub struct Row {
    pub path: String,
    pub issuer: String,
    pub year: String,
    pub profile: String,
    pub errors: usize,
    pub warnings: usize,
    pub status: &'static str,
    /// Last year's report it was compared with, and the share of its text that is the same.
    pub previous: Option<(String, Option<f64>)>,
}

impl Row {
    pub fn of(r: &FileReport, fail_level: Severity) -> Row {
        let unreadable = r.findings.iter().any(|f| f.finding.rule == UNREADABLE);
        let aborted = r.findings.iter().any(|f| f.finding.rule == ABORTED);
        let status = if aborted {
            "检查中止"
        } else if r.not_a_report() {
            "不是年度报告，未检查"
        } else if unreadable {
            "无法读取"
        } else if r.worst().is_some_and(|s| s >= fail_level) {
            "不通过"
        } else if r.worst().is_none() {
            "通过"
        } else if r.count(Severity::Warning) > 0 {
            "通过（有警告）"
        } else {
            "通过（有提示）"
        };
        let p = r.profile.as_ref();
        Row {
            path: r.path.clone(),
            issuer: p.and_then(|p| p.organ_name.clone()).unwrap_or_default(),
            year: p
                .and_then(|p| p.year)
                .map(|y| y.to_string())
                .unwrap_or_default(),
            profile: p.map(|p| p.era.as_str().to_string()).unwrap_or_default(),
            errors: r.count(Severity::Error),
            warnings: r.count(Severity::Warning),
            status,
            previous: r.previous.as_ref().map(|p| (p.path.clone(), p.repeat_rate)),
        }
    }

    pub fn cells(&self, compared: bool) -> Vec<String> {
        let mut cells = vec![
            self.path.clone(),
            self.issuer.clone(),
            self.year.clone(),
            self.profile.clone(),
            self.errors.to_string(),
            self.warnings.to_string(),
            self.status.to_string(),
        ];
        if compared {
            let (path, rate) = self.previous.clone().unwrap_or_default();
            cells.push(path);
            cells.push(rate.map(crate::across::copy::percent).unwrap_or_default());
        }
        cells
    }
}

const HEADER: [&str; 7] = ["文件", "机关", "年度", "时期", "错误", "警告", "结论"];
/// Columns added when reports were compared with last year's.
const COMPARED: [&str; 2] = ["上年报告", "重复率"];

pub fn header(compared: bool) -> Vec<String> {
    let mut h: Vec<String> = HEADER.iter().map(|s| s.to_string()).collect();
    if compared {
        h.extend(COMPARED.iter().map(|s| s.to_string()));
    }
    h
}

pub fn compared(rows: &[Row]) -> bool {
    rows.iter().any(|r| r.previous.is_some())
}

/// Columns padded by display width, so CJK text lines up in a terminal.
pub fn table(rows: &[Row]) -> String {
    let c = compared(rows);
    let all: Vec<Vec<String>> = std::iter::once(header(c))
        .chain(rows.iter().map(|r| r.cells(c)))
        .collect();
    let widths: Vec<usize> = (0..all[0].len())
        .map(|c| all.iter().map(|r| r[c].width()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for r in &all {
        let line: Vec<String> = r
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.width())))
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// A cell that a spreadsheet would run as a formula (=, +, -, @, or a tab or return first: a
/// file named "=HYPERLINK(…)" must stay text) gets a leading apostrophe.
fn defused(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// CSV with a BOM, so that spreadsheet programs read the Chinese text as UTF-8.
pub fn csv(rows: &[Row]) -> String {
    let c = compared(rows);
    let mut w = ::csv::Writer::from_writer(Vec::from("\u{FEFF}".as_bytes()));
    let mut write = |cells: Vec<String>| {
        w.write_record(cells.iter().map(|x| defused(x).into_owned()))
            .expect("CSV into memory")
    };
    write(header(c));
    for r in rows {
        write(r.cells(c));
    }
    let bytes = w.into_inner().expect("CSV into memory");
    String::from_utf8(bytes).expect("UTF-8 in, UTF-8 out")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_cells_and_defuses_formulas() {
        let row = Row {
            path: "=HYPERLINK(\"http://x\")".into(),
            issuer: "某县人民政府,办公室".into(),
            year: "2023".into(),
            profile: "2021".into(),
            errors: 1,
            warnings: 0,
            status: "不通过",
            previous: None,
        };
        let out = csv(&[row]);
        assert!(out.starts_with("\u{FEFF}文件,机关"));
        let line = out.lines().nth(1).unwrap();
        assert!(
            line.starts_with("\"'=HYPERLINK(\"\"http://x\"\")\",\"某县人民政府,办公室\",2023"),
            "{line}"
        );
    }
}
