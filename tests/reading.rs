//! Real texts in the shapes converters leave them are read completely: every cell of the
//! statistical tables lands where the template has it, whatever pieces the table came in.
mod common;

use nianbao::check::read_document;
use nianbao::input;
use nianbao::model::{CellValue, Era};
use nianbao::template::map::{map_tables, Mapped, Tables};
use std::path::Path;

fn tables(rel: &str) -> Tables {
    let view = input::load(&Path::new("../shared/corpus").join(rel)).expect("readable");
    let doc = read_document(&view);
    map_tables(&doc, Era::parse("2021").unwrap())
}

fn row(m: &Mapped, row: &str, cols: &[&str]) -> Vec<Option<f64>> {
    cols.iter()
        .map(|c| match m.cell(row, c).map(|c| &c.value) {
            Some(CellValue::Number(v)) => Some(*v),
            _ => None,
        })
        .collect()
}

const T3: &[&str] = &["N", "B", "R", "P", "L", "O", "T"];

fn n(v: &[f64]) -> Vec<Option<f64>> {
    v.iter().map(|x| Some(*x)).collect()
}

#[test]
fn shuyang_tables_cut_per_row_group_are_read_whole() {
    if !common::corpus_present() {
        return;
    }
    let t = tables("real/shuyang-county-2025.txt");
    // All six sections are read as headings (markdown `##` and a plain 六、 line).
    let rules = nianbao::rules::RuleSet::builtin().unwrap();
    let path = Path::new("../shared/corpus/real/shuyang-county-2025.txt");
    let (report, _) = nianbao::check::check_file(path, "x", &rules, None);
    let sections = report.reading.unwrap().sections.unwrap();
    assert_eq!((sections.expected, sections.as_headings), (6, 6));
    let t3 = t.t3.as_ref().expect("table 三");
    assert!(t3.reading.unread.is_empty(), "{:?}", t3.reading.unread);
    assert_eq!(t3.row_order.len(), 25, "every 2021 data row");
    assert_eq!(row(t3, "new", T3), n(&[705., 3., 0., 0., 5., 0., 713.]));
    assert_eq!(row(t3, "carried", T3), n(&[36., 0., 0., 0., 0., 0., 36.]));
    assert_eq!(row(t3, "r2", T3), n(&[99., 0., 0., 0., 2., 0., 101.]));
    assert_eq!(row(t3, "r4_1", T3), n(&[111., 0., 0., 0., 0., 0., 111.]));
    // Under a wrong header (项目 | 本年新收件数 | …) the figures still go by position.
    assert_eq!(row(t3, "r6_2", T3), n(&[7., 0., 0., 0., 0., 0., 7.]));
    assert_eq!(row(t3, "r6_3", T3), n(&[142., 1., 0., 0., 0., 0., 143.]));
    assert_eq!(row(t3, "total", T3), n(&[710., 3., 0., 0., 5., 0., 718.]));
    assert_eq!(
        row(t3, "carry_next", T3),
        n(&[31., 0., 0., 0., 0., 0., 31.])
    );
    // Table 四 in three small tables of five.
    let t4 = t.t4.as_ref().expect("table 四");
    let cols: Vec<&str> = t4.spec.columns.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        row(t4, "data", &cols),
        n(&[27., 10., 9., 15., 61., 3., 0., 0., 0., 3., 8., 0., 1., 1., 10.])
    );
    let t2 = t.t2.as_ref().expect("table 二");
    assert_eq!(
        row(t2, "norms", &["made", "repealed", "valid"]),
        n(&[6., 1., 32.])
    );
    assert_eq!(row(t2, "penalties", &["decisions"]), n(&[693957.]));
    assert_eq!(row(t2, "fees", &["amount"]), n(&[4068.208]));
}

#[test]
fn stcsm_labels_apart_from_their_figures_are_matched_in_order() {
    if !common::corpus_present() {
        return;
    }
    let t = tables("real/shanghai-stcsm-2024.md");
    let t3 = t.t3.as_ref().expect("table 三");
    assert!(t3.reading.unread.is_empty(), "{:?}", t3.reading.unread);
    assert!(t3.reading.by_position >= 8, "{}", t3.reading.by_position);
    assert_eq!(row(t3, "new", T3), n(&[32., 2., 0., 0., 0., 0., 34.]));
    assert_eq!(row(t3, "r1", T3), n(&[9., 0., 0., 0., 0., 0., 9.]));
    // 5.属于三类内部事务信息 and 1.本机关不掌握相关政府信息 stand as text before the figures of
    // 5; the figures of （四）1 come after rows 6-8.
    assert_eq!(row(t3, "r3_5", T3), n(&[1., 0., 0., 0., 0., 0., 1.]));
    assert_eq!(row(t3, "r3_6", T3), n(&[1., 0., 0., 0., 0., 0., 1.]));
    assert_eq!(row(t3, "r4_1", T3), n(&[4., 0., 0., 0., 0., 0., 4.]));
    assert_eq!(row(t3, "r4_2", T3), n(&[6., 0., 0., 0., 0., 0., 6.]));
    assert_eq!(row(t3, "r6_1", T3), n(&[8., 2., 0., 0., 0., 0., 10.]));
    assert_eq!(row(t3, "r6_3", T3), n(&[4., 0., 0., 0., 0., 0., 4.]));
    assert_eq!(row(t3, "total", T3), n(&[33., 2., 0., 0., 0., 0., 35.]));
    // The header is cut into syllables (商业企 / 业): it is not read, and no column is
    // reported missing for it.
    assert!(!t3.reading.header_read);
    let t4 = t.t4.as_ref().expect("table 四");
    let cols: Vec<&str> = t4.spec.columns.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(row(t4, "data", &cols[..5]), n(&[1., 0., 0., 0., 1.]));
    let t2 = t.t2.as_ref().expect("table 二");
    // Block （五） as plain lines (信息内容本年处理决定数量 / 行政许可 97), block （一） as a
    // pipe table after the others.
    assert_eq!(row(t2, "licensing", &["decisions"]), n(&[97.]));
    assert_eq!(
        row(t2, "norms", &["made", "repealed", "valid"]),
        n(&[13., 0., 55.])
    );
}

fn unglued(s: &str) -> Option<Vec<&str>> {
    nianbao::template::map::unglue(s, 7).map(|p| p.iter().map(|(a, b)| &s[*a..*b]).collect())
}

#[test]
fn glued_figures_are_split_only_where_one_split_fits_the_row_total() {
    assert_eq!(
        unglued("450000045").unwrap(),
        ["45", "0", "0", "0", "0", "0", "45"]
    );
    assert_eq!(
        unglued("1000001").unwrap(),
        ["1", "0", "0", "0", "0", "0", "1"]
    );
    assert!(unglued("1234567").is_none(), "no split makes the total");
    // 1|0|9|10|10|0|30, 10|9|1|0|10|0|30 and 10|9|10|1|0|0|30 all fit: left unread.
    assert!(unglued("1091010030").is_none());
    assert!(unglued("12a").is_none());
}

#[test]
fn a_glued_row_is_read_and_an_ambiguous_one_is_said_to_be_unread() {
    let text = |row: &str| {
        format!(
            "某县2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n{row}\n| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
        )
    };
    let read = |t: &str| {
        let view = nianbao::text::TextView::read_plain(t, "UTF-8", false);
        let doc = read_document(&view);
        map_tables(&doc, Era::parse("2021").unwrap())
            .t3
            .expect("table 三")
    };
    let t3 = read(&text("一、本年新收政府信息公开申请数量 450000045"));
    assert_eq!(row(&t3, "new", T3), n(&[45., 0., 0., 0., 0., 0., 45.]));
    assert_eq!(t3.reading.unglued, 1);
    let t3 = read(&text("一、本年新收政府信息公开申请数量 1091010030"));
    assert!(t3.cell("new", "T").is_none());
    assert_eq!(t3.reading.unread.len(), 1, "{:?}", t3.reading.unread);
}

#[test]
fn a_table_whose_figures_were_all_lost_is_not_reported_absent() {
    let text = "某县2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\n二、上年结转政府信息公开申请数量\n（一）予以公开\n（二）部分公开\n四、政府信息公开行政复议、行政诉讼情况\n";
    let rules = nianbao::rules::RuleSet::builtin().unwrap();
    let view = nianbao::text::TextView::read_plain(text, "UTF-8", false);
    let r = nianbao::check::check_view(&view, "x", &rules, None);
    let rules_hit: Vec<&str> = r.findings.iter().map(|f| f.finding.rule.as_str()).collect();
    assert!(rules_hit.contains(&"READ-TABLE"), "{rules_hit:?}");
    assert!(
        !r.findings.iter().any(|f| f
            .finding
            .message
            .contains("收到和处理政府信息公开申请情况”统计表")),
        "{rules_hit:?}"
    );
    assert!(!rules_hit.contains(&"STR-T3-ROWS"), "{rules_hit:?}");
    // The labels are table labels, not headings: the only numbering finding is the report's
    // own (it starts at 三、).
    let numbering: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.finding.rule == "STR-NUMBERING")
        .map(|f| f.finding.message.as_str())
        .collect();
    assert_eq!(numbering.len(), 1, "{numbering:?}");
    assert!(numbering[0].contains("三、"), "{numbering:?}");
}

#[test]
fn positions_point_into_the_file_itself() {
    if !common::corpus_present() {
        return;
    }
    let rel = "real/shanghai-stcsm-2024.md";
    let path = Path::new("../shared/corpus").join(rel);
    let rules = nianbao::rules::RuleSet::builtin().unwrap();
    let (report, view) = nianbao::check::check_file(&path, rel, &rules, None);
    let file = std::fs::read_to_string(&path).unwrap();
    let repeat = report
        .findings
        .iter()
        .find(|f| f.finding.rule == "TXT-REPEAT")
        .expect("资金资金");
    let span = repeat.finding.span.unwrap();
    assert_eq!(&file[span.start..span.end], "资金资金");
    assert_eq!(repeat.line_col, Some((34, 31)));
    // The full report shows the file's own line 34 under the finding.
    let full = nianbao::report::full::render(&report, &view.unwrap(), false);
    assert!(full.contains("34 │"), "{full}");
    assert!(full.contains("2023 年上海市科技计划资金资金\n"), "{full}");
}

#[test]
fn a_web_page_with_its_body_in_one_paragraph_is_read_by_its_sections() {
    let body = "一、总体情况 本年度，某县认真贯彻落实《条例》，全面推进政务公开。二、主动公开政府信息情况 见下表。三、收到和处理政府信息公开申请情况 全年新收申请5件。四、政府信息公开行政复议、行政诉讼情况 无。五、存在的主要问题及改进情况 一是公开不够全面。六、其他需要报告的事项 本年度未收取信息处理费。";
    let html = format!(
        "<html><head><meta charset=\"utf-8\"><title>某县2023年政府信息公开工作年度报告</title></head><body><h1>某县2023年政府信息公开工作年度报告</h1><p>{body}</p></body></html>"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.html");
    std::fs::write(&path, html).unwrap();
    let view = input::load(&path).unwrap();
    let doc = read_document(&view);
    let top: Vec<String> = doc
        .top_level()
        .map(|h| doc.slice(h.title).to_string())
        .collect();
    assert_eq!(
        top,
        [
            "总体情况",
            "主动公开政府信息情况",
            "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况",
            "存在的主要问题及改进情况",
            "其他需要报告的事项"
        ]
    );
}

#[test]
fn a_figure_misread_as_letters_is_one_finding_at_its_cell() {
    let clean = std::fs::read_to_string("examples/clean-2023.txt").unwrap();
    let t3 = "| 二、上年结转政府信息公开申请数量 | 3 | 0 |";
    let t2 = "| 行政规范性文件 | 12 | 2 | 86 |";
    assert!(clean.contains(t3) && clean.contains(t2));
    let text = clean
        .replace(t3, "| 二、上年结转政府信息公开申请数量 | 3 | O |")
        .replace(t2, "| 行政规范性文件 | l2 | 2 | 86 |");
    let view = nianbao::text::TextView::read_plain(&text, "UTF-8", false);
    let rules = nianbao::rules::RuleSet::builtin().unwrap();
    let report = nianbao::check::check_view(&view, "x", &rules, None);
    let found: Vec<(&str, &str)> = report
        .findings
        .iter()
        .map(|f| {
            let s = f.finding.span.expect("a place");
            (f.finding.rule.as_str(), &text[s.start..s.end])
        })
        .collect();
    // Not a missing row, a short row, or the text's 12 held against another column.
    assert_eq!(found, [("ARI-CELLS", "l2"), ("ARI-CELLS", "O")]);
}

#[test]
fn tables_run_into_one_line_are_said_to_be_unread_not_absent() {
    // A page crawled into one line, its tables with it: cells apart by spaces, rows run on.
    let clean = std::fs::read_to_string("examples/clean-2023.txt").unwrap();
    let mut lines = clean.lines();
    let head: Vec<&str> = lines.by_ref().take(2).collect();
    let body: Vec<String> = lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            if l.starts_with('|') {
                l.trim_matches('|')
                    .split('|')
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                l.to_string()
            }
        })
        .collect();
    let text = format!("{}\n{}\n", head.join("\n"), body.join(" "));
    let view = nianbao::text::TextView::read_plain(&text, "UTF-8", false);
    let rules = nianbao::rules::RuleSet::builtin().unwrap();
    let report = nianbao::check::check_view(&view, "x", &rules, None);
    let rules_found: Vec<&str> = report
        .findings
        .iter()
        .map(|f| f.finding.rule.as_str())
        .collect();
    assert!(
        !rules_found.contains(&"STR-TABLE-PRESENT"),
        "{rules_found:?}"
    );
    let unread = rules_found
        .iter()
        .filter(|r| **r == "READ-TABLE-TEXT")
        .count();
    assert!((1..=3).contains(&unread), "{rules_found:?}");
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.finding.severity < nianbao::rules::finding::Severity::Error),
        "no error comes of a table that was not read: {rules_found:?}"
    );
}
