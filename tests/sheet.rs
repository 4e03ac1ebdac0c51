//! .xlsx annexes: a workbook built here holding table 三 of the clean example is read into the
//! table model; the table rules run on it and nothing else does.

use nianbao::check::check_view;
use nianbao::input::sheet;
use nianbao::rules::RuleSet;
use std::io::Write;

fn col_name(mut c: usize) -> String {
    let mut s = String::new();
    c += 1;
    while c > 0 {
        s.insert(0, (b'A' + ((c - 1) % 26) as u8) as char);
        c = (c - 1) / 26;
    }
    s
}

/// A minimal .xlsx: one sheet, numbers as numbers, text as inline strings.
fn xlsx(sheet_name: &str, grid: &[Vec<String>]) -> Vec<u8> {
    let mut rows = String::new();
    for (r, row) in grid.iter().enumerate() {
        rows.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, v) in row.iter().enumerate() {
            let at = format!("{}{}", col_name(c), r + 1);
            if v.is_empty() {
                continue;
            } else if v.parse::<f64>().is_ok() {
                rows.push_str(&format!("<c r=\"{at}\"><v>{v}</v></c>"));
            } else {
                rows.push_str(&format!(
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t>{v}</t></is></c>"
                ));
            }
        }
        rows.push_str("</row>");
    }
    let files = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>"#)),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#)),
    ];
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        for (name, body) in files {
            z.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            z.write_all(body.as_bytes()).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

/// Table 三 of the clean example as a sheet: category labels in their own column, as in the
/// published workbooks.
fn table_three() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string("examples/clean-2023.txt").unwrap();
    let start = text.find("| （本列数据").unwrap();
    let end = text.find("四、政府信息公开行政复议").unwrap();
    text[start..end]
        .lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<String> = l
                .trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect();
            // Rows with one label get an empty category column, as merged cells read.
            if cells.len() == 8 {
                std::iter::once(String::new()).chain(cells).collect()
            } else {
                cells
            }
        })
        .collect()
}

fn rules_found(grid: &[Vec<String>]) -> Vec<(String, Option<String>)> {
    let view = sheet::load(xlsx("表三", grid), "xlsx").unwrap();
    assert!(view.annex);
    let rules = RuleSet::builtin().unwrap();
    let r = check_view(&view, "annex.xlsx", &rules, None);
    r.findings
        .into_iter()
        .map(|f| {
            (
                format!("{} {}", f.finding.rule, f.finding.message),
                f.origin,
            )
        })
        .collect()
}

#[test]
fn annex_workbook_is_checked_by_the_table_rules_only() {
    let grid = table_three();
    // No title, no sections, no prose: none of that is asked of an annex.
    assert_eq!(rules_found(&grid), vec![]);
    let mut wrong = grid.clone();
    let total = wrong
        .iter()
        .position(|r| r.iter().any(|c| c == "（七）总计"))
        .unwrap();
    let last = wrong[total].len() - 1;
    wrong[total][last] = "45".into();
    let found = rules_found(&wrong);
    let rules: Vec<&str> = found
        .iter()
        .map(|(r, _)| r.split(' ').next().unwrap())
        .collect();
    // One wrong cell, three identities through it: each names the same cell.
    assert_eq!(
        rules,
        ["ARI-T3-BALANCE", "ARI-T3-ROWSUM", "ARI-T3-TOTAL"],
        "{found:?}"
    );
    assert!(
        found[0].1.as_deref().unwrap().starts_with("工作表“表三”第"),
        "{found:?}"
    );
}

#[test]
fn broken_workbooks_are_refused_with_a_cause() {
    let good = xlsx("表三", &table_three());
    let e = sheet::load(good[..good.len() / 2].to_vec(), "xlsx").unwrap_err();
    assert!(e.0.contains("损坏"), "{}", e.0);
    let e = sheet::load(b"\xd0\xcf\x11\xe0garbage".to_vec(), "xls").unwrap_err();
    assert!(e.0.contains("损坏") || e.0.contains("无法读取"), "{}", e.0);
}

/// A workbook's merged cells reach the table model: the first cell spans the region, the cells
/// it covers are marked, and the text reads as before (one pipe cell per sheet column).
#[test]
fn merged_cells_of_a_workbook_reach_the_model() {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let plain = Format::new();
    // Row 1: a title across three columns. Rows 2-3: a label down two rows, then figures.
    ws.merge_range(0, 0, 0, 2, "申请人情况", &plain).unwrap();
    ws.merge_range(1, 0, 2, 0, "（三）不予公开", &plain)
        .unwrap();
    ws.write_string(1, 1, "1.属于国家秘密").unwrap();
    ws.write_number(1, 2, 3).unwrap();
    ws.write_string(2, 1, "2.其他法律行政法规禁止公开").unwrap();
    ws.write_number(2, 2, 0).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let view = sheet::load(bytes, "xlsx").unwrap();
    let t = view.text();
    assert!(
        t.contains("| 申请人情况 |  |  |\n| （三）不予公开 | 1.属于国家秘密 | 3 |\n|  | 2.其他法律行政法规禁止公开 | 0 |"),
        "{t}"
    );
    let doc = nianbao::check::read_document(&view);
    let rows = &doc.tables[0].rows;
    let at = |r: usize, c: usize| {
        let x = &rows[r].cells[c];
        (x.rowspan, x.colspan, x.covered)
    };
    assert_eq!(at(0, 0), (1, 3, false));
    assert_eq!((at(0, 1), at(0, 2)), ((1, 1, true), (1, 1, true)));
    assert_eq!(at(1, 0), (2, 1, false));
    assert_eq!(at(2, 0), (1, 1, true));
    assert_eq!(at(2, 1), (1, 1, false));
}
