//! `nianbao audit`: an office's yearly audit of its units. Beside the findings of each report
//! and the comparisons between them, it tells which units on the office's list published
//! nothing, which reports come from units not on the list, which were late, and, when the
//! office gives its scoring table, each unit's score.

use crate::across::issuer;
use crate::report::summary::Row;
use crate::report::FileReport;
use crate::rules::finding::Severity;
use serde::Deserialize;
use std::collections::BTreeSet;

/// A unit that must report: from the office's list (`--expect units.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub name: String,
    /// 部门 or 政府, as the list says.
    pub kind: String,
    pub parent: String,
}

/// The list: one unit per row, its name first, then optionally its kind and its parent. A
/// first row that names the columns (单位, 名称, name) is a header.
pub fn read_units(text: &str) -> Result<Vec<Unit>, String> {
    let text = text.trim_start_matches('\u{FEFF}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut units = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| format!("第{}行：{e}", i + 1))?;
        let cell = |n: usize| rec.get(n).unwrap_or("").trim().to_string();
        let name = cell(0);
        if name.is_empty() {
            continue;
        }
        if i == 0 && ["单位", "名称", "单位名称", "机关", "name", "unit"].contains(&name.as_str())
        {
            continue;
        }
        units.push(Unit {
            name,
            kind: cell(1),
            parent: cell(2),
        });
    }
    if units.is_empty() {
        return Err("名单中没有单位".into());
    }
    Ok(units)
}

/// One unit in one year: its report, if there is one.
#[derive(Debug, Clone)]
pub struct UnitYear {
    pub unit: Unit,
    pub year: Option<i32>,
    /// Index of its report in the batch.
    pub report: Option<usize>,
    pub late: bool,
    pub score: Option<f64>,
}

#[derive(Debug, Default)]
pub struct Coverage {
    pub rows: Vec<UnitYear>,
    /// Reports whose issuer is not on the list.
    pub strays: Vec<usize>,
}

/// Rule of a report published after its deadline.
const LATE: &str = "GOV-DEADLINE";

/// Each unit of the list against the reports of the batch, for each reporting year the batch
/// holds (or the one year asked for).
pub fn coverage(units: &[Unit], reports: &[FileReport], year: Option<i32>) -> Coverage {
    let issuer_of = |r: &FileReport| r.profile.as_ref().and_then(|p| p.organ_name.clone());
    let year_of = |r: &FileReport| r.profile.as_ref().and_then(|p| p.year);
    let years: BTreeSet<Option<i32>> = match year {
        Some(y) => [Some(y)].into(),
        None => {
            let ys: BTreeSet<Option<i32>> = reports
                .iter()
                .map(year_of)
                .filter(Option::is_some)
                .collect();
            if ys.is_empty() {
                [None].into()
            } else {
                ys
            }
        }
    };
    let mut claimed = vec![false; reports.len()];
    let mut rows = Vec::new();
    for y in &years {
        for u in units {
            let found = reports.iter().enumerate().position(|(i, r)| {
                !claimed[i]
                    && (y.is_none() || year_of(r) == *y)
                    && issuer_of(r).is_some_and(|n| issuer::same(&n, &u.name))
            });
            if let Some(i) = found {
                claimed[i] = true;
            }
            rows.push(UnitYear {
                unit: u.clone(),
                year: *y,
                report: found,
                late: found
                    .is_some_and(|i| reports[i].findings.iter().any(|f| f.finding.rule == LATE)),
                score: None,
            });
        }
    }
    let strays = (0..reports.len())
        .filter(|&i| !claimed[i] && reports[i].read_in_full())
        .filter(|&i| year.is_none() || year_of(&reports[i]) == year)
        .collect();
    Coverage { rows, strays }
}

/// A local assessment's deductions: each item takes points per finding of its rules, up to
/// its cap; a unit without a report loses `missing`; a repeat rate above `repeat.over` loses
/// `repeat.points`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// What the table follows, said in the workbook and the page.
    pub source: String,
    pub full: f64,
    pub missing: f64,
    #[serde(default)]
    pub repeat: Option<Repeat>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repeat {
    pub over: f64,
    pub points: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub name: String,
    /// Rule ids or prefixes.
    pub rules: Vec<String>,
    pub points: f64,
    pub cap: f64,
}

impl Scoring {
    pub fn parse(name: &str, text: &str) -> Result<Scoring, String> {
        serde_saphyr::from_str(text).map_err(|e| format!("评分表 {name} 有误：{e}"))
    }

    pub fn score(&self, report: Option<&FileReport>) -> f64 {
        let Some(r) = report else {
            return (self.full - self.missing).max(0.0);
        };
        let mut lost = 0.0;
        for item in &self.items {
            let n = r
                .findings
                .iter()
                .filter(|f| f.finding.severity >= Severity::Warning)
                .filter(|f| item.rules.iter().any(|p| covers(p, &f.finding.rule)))
                .count();
            lost += (item.points * n as f64).min(item.cap);
        }
        if let (Some(rep), Some(rate)) = (
            &self.repeat,
            r.previous.as_ref().and_then(|p| p.repeat_rate),
        ) {
            if rate > rep.over {
                lost += rep.points;
            }
        }
        (self.full - lost).max(0.0)
    }
}

fn covers(prefix: &str, id: &str) -> bool {
    id == prefix || (id.starts_with(prefix) && id[prefix.len()..].starts_with('-'))
}

/// The verdict of a unit in a year, as the workbook and the page show it.
pub fn verdict(row: &UnitYear, reports: &[FileReport], fail_level: Severity) -> String {
    match row.report {
        None => "未发布".into(),
        Some(i) => {
            let status = Row::of(&reports[i], fail_level).status;
            if row.late {
                format!("{status}（逾期发布）")
            } else {
                status.to_string()
            }
        }
    }
}

/// The table of units, as rows of text: for the workbook and the page.
pub fn unit_rows(
    c: &Coverage,
    reports: &[FileReport],
    scoring: Option<&Scoring>,
    fail_level: Severity,
) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let mut header = vec![
        "单位",
        "类型",
        "上级",
        "年度",
        "报告",
        "结论",
        "错误",
        "警告",
        "重复率",
    ];
    if scoring.is_some() {
        header.push("得分");
    }
    let mut rows = Vec::new();
    for u in &c.rows {
        let r = u.report.map(|i| &reports[i]);
        let mut row = vec![
            u.unit.name.clone(),
            u.unit.kind.clone(),
            u.unit.parent.clone(),
            u.year.map(|y| y.to_string()).unwrap_or_default(),
            r.map(|r| r.path.clone()).unwrap_or_default(),
            verdict(u, reports, fail_level),
            r.map(|r| r.count(Severity::Error).to_string())
                .unwrap_or_default(),
            r.map(|r| r.count(Severity::Warning).to_string())
                .unwrap_or_default(),
            r.and_then(|r| r.previous.as_ref())
                .and_then(|p| p.repeat_rate)
                .map(crate::across::copy::percent)
                .unwrap_or_default(),
        ];
        if let Some(s) = scoring {
            row.push(format!("{}", s.score(r)));
        }
        rows.push(row);
    }
    for &i in &c.strays {
        let r = &reports[i];
        let mut row = vec![
            r.profile
                .as_ref()
                .and_then(|p| p.organ_name.clone())
                .unwrap_or_default(),
            "（不在名单中）".into(),
            String::new(),
            r.profile
                .as_ref()
                .and_then(|p| p.year)
                .map(|y| y.to_string())
                .unwrap_or_default(),
            r.path.clone(),
            Row::of(r, fail_level).status.to_string(),
            r.count(Severity::Error).to_string(),
            r.count(Severity::Warning).to_string(),
            String::new(),
        ];
        if scoring.is_some() {
            row.push(String::new());
        }
        rows.push(row);
    }
    (header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Era, OrganKind, Profile};

    fn report(path: &str, issuer: &str, year: i32) -> FileReport {
        FileReport {
            path: path.into(),
            profile: Some(Profile {
                era: Era::for_year(year),
                year: Some(year),
                organ: OrganKind::Unknown,
                organ_name: Some(issuer.into()),
                era_basis: Default::default(),
            }),
            ..Default::default()
        }
    }

    #[test]
    fn the_list_is_read_with_or_without_a_header() {
        let units = read_units(
            "\u{FEFF}单位,类型,上级\n洪泽区人民政府,政府,淮安市人民政府\n淮安市教育局,部门\n",
        )
        .unwrap();
        assert_eq!(units.len(), 2);
        assert_eq!(units[1].kind, "部门");
        assert_eq!(
            read_units("甲县人民政府\n").unwrap()[0].name,
            "甲县人民政府"
        );
        assert!(read_units("单位\n").is_err());
    }

    #[test]
    fn each_unit_is_found_missing_or_stray() {
        let units = read_units("淮安市洪泽区人民政府\n淮安市教育局\n").unwrap();
        let reports = vec![
            report("a.pdf", "洪泽区人民政府", 2024),
            report("b.pdf", "淮阴区人民政府", 2024),
        ];
        let c = coverage(&units, &reports, None);
        assert_eq!(c.rows.len(), 2);
        assert_eq!(c.rows[0].report, Some(0));
        assert_eq!(c.rows[1].report, None);
        assert_eq!(c.strays, vec![1]);
    }
}
