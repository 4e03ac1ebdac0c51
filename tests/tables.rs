//! The statistical tables are read completely: every canonical cell mapped, in every layout.
mod common;

use nianbao::check::read_document;
use nianbao::model::{CellValue, Era};
use nianbao::template::map::{map_tables, Issue};
use nianbao::text::TextView;

fn num(m: &nianbao::template::map::Mapped, row: &str, col: &str) -> Option<f64> {
    match m.cell(row, col).map(|c| &c.value) {
        Some(CellValue::Number(v)) => Some(*v),
        Some(CellValue::Blank) => None,
        other => panic!("{row}/{col}: {other:?}"),
    }
}

#[test]
fn shanghai_2019_every_cell_mapped() {
    if !common::corpus_present() {
        return;
    }
    let text = std::fs::read_to_string("../shared/corpus/real/shanghai-office-2019.txt").unwrap();
    let view = TextView::new(&text, "UTF-8");
    let doc = read_document(&view);
    let tables = map_tables(&doc, nianbao::model::Era::parse("2021").unwrap());
    let t3 = tables.t3.as_ref().expect("table 三 found");
    assert!(t3.issues.is_empty(), "{:?}", t3.issues);
    assert_eq!(t3.layout, [Era::parse("2019").unwrap()]);
    // 23 data rows in the 2019 layout (（六） is one row), 7 columns each.
    assert_eq!(t3.row_order.len(), 23, "{:?}", t3.row_order);
    assert_eq!(t3.cells.len(), 23 * 7);
    assert_eq!(num(t3, "new", "N"), Some(821.0));
    assert_eq!(num(t3, "new", "T"), Some(859.0));
    assert_eq!(num(t3, "carried", "T"), Some(18.0));
    assert_eq!(num(t3, "r1", "N"), Some(258.0));
    assert_eq!(num(t3, "r1", "T"), None);
    assert_eq!(num(t3, "r3_1", "N"), Some(14.0));
    assert_eq!(num(t3, "r3_6", "B"), Some(1.0));
    assert_eq!(num(t3, "r4_1", "L"), Some(1.0));
    assert_eq!(num(t3, "r5_2", "B"), Some(4.0));
    assert_eq!(num(t3, "total", "T"), Some(805.0));
    assert_eq!(num(t3, "carry_next", "N"), Some(72.0));
    let t4 = tables.t4.as_ref().expect("table 四 found");
    assert_eq!(num(t4, "data", "fy_keep"), Some(5.0));
    assert_eq!(num(t4, "data", "fy_pending"), Some(2.0));
    assert_eq!(num(t4, "data", "zs_total"), Some(9.0));
    assert_eq!(num(t4, "data", "fh_total"), None);
    let t2 = tables.t2.as_ref().expect("table 二 found");
    assert_eq!(t2.layout, [Era::parse("2019").unwrap()]);
    assert_eq!(num(t2, "rules", "new_made"), Some(13.0));
    assert_eq!(num(t2, "norms", "total_public"), Some(368.0));
    assert_eq!(num(t2, "procurement", "items"), Some(6.0));
    assert_eq!(
        t2.cell("procurement", "amount").unwrap().value,
        CellValue::Text
    );
}

#[test]
fn clean_2021_example_maps_without_issues() {
    let text = std::fs::read_to_string("examples/clean-2023.txt").unwrap();
    let view = TextView::new(&text, "UTF-8");
    let doc = read_document(&view);
    let tables = map_tables(&doc, nianbao::model::Era::parse("2021").unwrap());
    let t3 = tables.t3.as_ref().unwrap();
    assert!(t3.issues.is_empty(), "{:?}", t3.issues);
    assert_eq!(t3.layout, [Era::parse("2021").unwrap()]);
    assert_eq!(t3.row_order.len(), 25);
    let t2 = tables.t2.as_ref().unwrap();
    assert_eq!(t2.layout, [Era::parse("2021").unwrap()]);
    assert_eq!(num(t2, "norms", "valid"), Some(86.0));
    assert_eq!(num(t2, "fees", "amount"), Some(85.6));
    assert!(tables.t4.is_some());
}

/// The clean example's table 三 rewritten as tab-separated and as column-aligned text.
fn t3_rows_of_clean_example() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string("examples/clean-2023.txt").unwrap();
    let start = text.find("| （本列数据").unwrap();
    let end = text.find("四、政府信息公开行政复议").unwrap();
    text[start..end]
        .lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| {
            l.trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn tab_and_aligned_layouts_map_the_same_cells() {
    for sep in ["\t", "   "] {
        let rows = t3_rows_of_clean_example();
        let body: Vec<String> = rows
            .iter()
            .filter(|r| r.len() >= 8)
            .map(|r| r.join(sep))
            .collect();
        let doc_text = format!(
            "某县2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n{}\n",
            body.join("\n")
        );
        let view = TextView::new(&doc_text, "UTF-8");
        let doc = read_document(&view);
        let tables = map_tables(&doc, nianbao::model::Era::parse("2021").unwrap());
        let t3 = tables
            .t3
            .as_ref()
            .unwrap_or_else(|| panic!("no table with separator {sep:?}"));
        assert_eq!(
            t3.row_order.len(),
            25,
            "separator {sep:?}: {:?}",
            t3.row_order
        );
        assert_eq!(num(t3, "new", "T"), Some(45.0));
        assert_eq!(num(t3, "r4_1", "N"), Some(8.0));
        assert_eq!(num(t3, "carry_next", "L"), Some(1.0));
    }
}

#[test]
fn mistyped_label_is_mapped_and_reported() {
    let text = std::fs::read_to_string("examples/clean-2023.txt")
        .unwrap()
        .replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开");
    let view = TextView::new(&text, "UTF-8");
    let doc = read_document(&view);
    let tables = map_tables(&doc, nianbao::model::Era::parse("2021").unwrap());
    let t3 = tables.t3.as_ref().unwrap();
    assert!(t3.rows.contains_key("r3_2"));
    assert!(
        matches!(&t3.issues[..], [Issue::Typo { found, .. }] if found.contains("行政止公开")),
        "{:?}",
        t3.issues
    );
}

#[test]
fn header_label_split_over_two_lines_is_found() {
    // A header whose labels wrap onto a second row (社会公 / 益组织), as PDF tables come out.
    let rows = |second: &str| {
        format!(
            "某县2023年政府信息公开工作年度报告\n\
             | 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公 | 法律服务机构 | 其他 | 总计 |\n\
             |  |  |  |  | {second} |  |  |  |\n\
             | 一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n"
        )
    };
    let missing = |text: &str| {
        let view = TextView::new(text, "UTF-8");
        let doc = read_document(&view);
        let tables = map_tables(&doc, nianbao::model::Era::parse("2021").unwrap());
        tables
            .t3
            .expect("table 三")
            .issues
            .iter()
            .filter(|i| matches!(i, Issue::MissingColumn { .. }))
            .count()
    };
    assert_eq!(missing(&rows("益组织")), 0);
    // Without the second half the column really is missing, and is reported.
    assert_eq!(missing(&rows("")), 1);
}
