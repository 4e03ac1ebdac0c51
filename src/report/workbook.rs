//! `--output findings.xlsx`: a workbook an office opens in Excel or WPS. One sheet of files
//! (the summary), one of findings (file, place, rule, severity, message, the words it points
//! at, the hint), and when reports were compared, one of year pairs and one of 雷同. Every
//! sheet has its header frozen and filters on.

use super::summary::{self, Row};
use super::FileReport;
use crate::rules::finding::Severity;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// A cell: text, or a figure that sorts as a number.
enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::from(s.to_string())
    }
}

pub fn workbook(reports: &[FileReport], fail_level: Severity) -> Result<Vec<u8>, String> {
    build(reports, fail_level, None).map_err(|e| e.to_string())
}

/// The workbook of an audit: a sheet of units first (each unit of the office's list with its
/// report, verdict and score, and the reports of units not on the list).
pub fn audit_workbook(
    reports: &[FileReport],
    fail_level: Severity,
    units: (&[&str], &[Vec<String>]),
) -> Result<Vec<u8>, String> {
    build(reports, fail_level, Some(units)).map_err(|e| e.to_string())
}

fn build(
    reports: &[FileReport],
    fail_level: Severity,
    units: Option<(&[&str], &[Vec<String>])>,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    if let Some((header, rows)) = units {
        let cells: Vec<Vec<Cell>> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .enumerate()
                    .map(|(i, c)| match (i, c.parse::<f64>()) {
                        (6 | 7 | 9, Ok(n)) => Cell::Number(n),
                        _ => Cell::from(c.as_str()),
                    })
                    .collect()
            })
            .collect();
        sheet(
            book.add_worksheet(),
            "单位",
            header,
            &cells,
            &[30.0, 10.0, 24.0, 8.0, 50.0, 22.0, 8.0, 8.0, 10.0, 8.0],
        )?;
    }
    let rows: Vec<Row> = reports.iter().map(|r| Row::of(r, fail_level)).collect();
    let compared = summary::compared(&rows);
    let files: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| {
            r.cells(compared)
                .into_iter()
                .enumerate()
                .map(|(i, c)| match i {
                    // 错误, 警告: numbers, so that the column sorts.
                    4 | 5 => c.parse().map_or(Cell::Empty, Cell::Number),
                    _ => Cell::from(c),
                })
                .collect()
        })
        .collect();
    let header = summary::header(compared);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    sheet(
        book.add_worksheet(),
        "文件",
        &header,
        &files,
        &[50.0, 26.0, 8.0, 8.0, 8.0, 8.0, 18.0, 50.0, 10.0],
    )?;
    sheet(
        book.add_worksheet(),
        "问题",
        &[
            "文件",
            "行",
            "列",
            "原文位置",
            "规则",
            "级别",
            "问题",
            "所指文字",
            "如何修改",
            "对照报告",
            "对照位置",
        ],
        &finding_rows(reports),
        &[
            40.0, 6.0, 6.0, 14.0, 20.0, 8.0, 60.0, 30.0, 50.0, 40.0, 10.0,
        ],
    )?;
    if compared {
        let pairs: Vec<Vec<Cell>> = reports
            .iter()
            .filter_map(|r| {
                let p = r.previous.as_ref()?;
                Some(vec![
                    Cell::from(r.path.as_str()),
                    Cell::from(p.path.as_str()),
                    p.year.map_or(Cell::Empty, |y| Cell::Number(y.into())),
                    p.repeat_rate
                        .map_or(Cell::Empty, |x| Cell::Number((x * 1000.0).round() / 10.0)),
                ])
            })
            .collect();
        sheet(
            book.add_worksheet(),
            "年度配对",
            &["本年报告", "上年报告", "上年年度", "文字重复率（%）"],
            &pairs,
            &[50.0, 50.0, 10.0, 14.0],
        )?;
    }
    let shared: Vec<Vec<Cell>> = reports
        .iter()
        .flat_map(|r| {
            r.findings
                .iter()
                .filter(|f| f.finding.rule.starts_with("PEER-"))
                .map(move |f| {
                    vec![
                        Cell::from(r.path.as_str()),
                        Cell::from(f.finding.related.as_ref().map_or("", |x| x.path.as_str())),
                        Cell::from(f.finding.message.as_str()),
                    ]
                })
        })
        .collect();
    if !shared.is_empty() {
        sheet(
            book.add_worksheet(),
            "雷同",
            &["报告", "相同文字所在的报告", "情况"],
            &shared,
            &[50.0, 50.0, 60.0],
        )?;
    }
    book.save_to_buffer()
}

fn finding_rows(reports: &[FileReport]) -> Vec<Vec<Cell>> {
    let mut out = Vec::new();
    let mut add = |r: &FileReport| {
        for f in &r.findings {
            let (line, col) = f.line_col.map_or((Cell::Empty, Cell::Empty), |(l, c)| {
                (Cell::Number(l as f64), Cell::Number(c as f64))
            });
            let related = f.finding.related.as_ref();
            out.push(vec![
                Cell::from(r.path.as_str()),
                line,
                col,
                Cell::from(f.origin.clone().unwrap_or_default()),
                Cell::from(f.finding.rule.as_str()),
                Cell::from(f.finding.severity.label_zh()),
                Cell::from(f.finding.message.as_str()),
                Cell::from(f.quote.clone().unwrap_or_default()),
                Cell::from(f.finding.help.clone().unwrap_or_default()),
                Cell::from(related.map_or("", |x| x.path.as_str())),
                Cell::from(
                    related
                        .and_then(|x| x.line_col)
                        .map(|(l, c)| format!("{l}:{c}"))
                        .unwrap_or_default(),
                ),
            ]);
        }
    };
    for r in reports {
        add(r);
        for a in &r.annexes {
            add(a);
        }
    }
    out
}

/// Longest text Excel keeps in a cell.
const CELL_MAX: usize = 32_000;

fn sheet(
    ws: &mut Worksheet,
    name: &str,
    header: &[&str],
    rows: &[Vec<Cell>],
    widths: &[f64],
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let bold = Format::new().set_bold().set_background_color("#DDEBF7");
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (c, w) in widths.iter().enumerate().take(header.len()) {
        ws.set_column_width(c as u16, *w)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(t) if t.len() > CELL_MAX => {
                    let cut: String = t.chars().take(CELL_MAX / 4).collect();
                    ws.write_string(r, c, cut)?;
                }
                Cell::Text(t) => {
                    ws.write_string(r, c, t.as_str())?;
                }
                Cell::Number(n) => {
                    ws.write_number(r, c, *n)?;
                }
                Cell::Empty => {}
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(
        0,
        0,
        rows.len() as u32,
        header.len().saturating_sub(1) as u16,
    )?;
    Ok(())
}
