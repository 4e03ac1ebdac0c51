//! `nianbao audit`: a folder of reports, the office's list of units and its scoring table in;
//! a workbook and a page out, saying who published, who did not, who was late, and the scores.
mod common;

use assert_cmd::Command;
use calamine::{Reader, Xlsx};
use std::fs;

fn nianbao() -> Command {
    Command::cargo_bin("nianbao").unwrap()
}

fn sheet(book: &std::path::Path, name: &str) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = calamine::open_workbook(book).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn units_are_found_missing_late_and_scored() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    fs::create_dir(&reports).unwrap();
    let clean = fs::read_to_string("examples/clean-2023.txt").unwrap();
    fs::write(reports.join("示例县.txt"), &clean).unwrap();
    // Another county, published in May: after the deadline of 31 March.
    fs::write(
        reports.join("样本县.txt"),
        clean
            .replace("示例县", "样本县")
            .replace("2024-03-20", "2024-05-20")
            .replace("2024年3月20日", "2024年5月20日"),
    )
    .unwrap();
    // A unit that is not on the list.
    fs::write(
        reports.join("别的县.txt"),
        clean.replace("示例县", "别的县"),
    )
    .unwrap();
    let units = dir.path().join("units.csv");
    fs::write(
        &units,
        "单位,类型,上级\n示例县人民政府,政府,某市人民政府\n样本县人民政府,政府,某市人民政府\n缺席县人民政府,政府,某市人民政府\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = nianbao()
        .args(["audit", "--expect"])
        .arg(&units)
        .args(["--scoring", "examples/scoring.yaml", "--out-dir"])
        .arg(&out)
        .arg(&reports)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(said.contains("名单中 3 个单位：1 个未发布（缺席县人民政府），1 个逾期发布；1 份报告的单位不在名单中。"), "{said}");
    assert_eq!(run.status.code(), Some(1), "a late report is an error");
    let book = out.join("audit.xlsx");
    let wb: Xlsx<_> = calamine::open_workbook(&book).unwrap();
    // The three counties' texts are one text with the names changed: 雷同.
    assert_eq!(wb.sheet_names(), vec!["单位", "文件", "问题", "雷同"]);
    let units = sheet(&book, "单位");
    let row = |name: &str| units.iter().find(|r| r[0] == name).unwrap().clone();
    assert_eq!(row("示例县人民政府")[5], "通过（有警告）");
    assert_eq!(row("示例县人民政府")[9], "13", "2 points for 雷同");
    assert_eq!(row("样本县人民政府")[5], "不通过（逾期发布）");
    assert_eq!(
        row("样本县人民政府")[9],
        "10",
        "3 for the late report, 2 for 雷同"
    );
    assert_eq!(row("缺席县人民政府")[5], "未发布");
    assert_eq!(row("缺席县人民政府")[9], "0");
    assert_eq!(row("别的县人民政府")[1], "（不在名单中）");
    let page = fs::read_to_string(out.join("audit.html")).unwrap();
    assert!(page.contains("<table id=\"units\">"));
    assert!(page.contains("缺席县人民政府"));
    assert!(page.contains("得分按评分表计算"));
}

#[test]
fn the_real_hongze_and_huaian_reports_of_2024_against_a_list() {
    if !common::corpus_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("units.csv");
    fs::write(
        &units,
        "淮安市洪泽区人民政府\n淮安市人民政府\n淮安市淮阴区人民政府\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = nianbao()
        .args(["audit", "--year", "2024", "--expect"])
        .arg(&units)
        .arg("--out-dir")
        .arg(&out)
        .arg("../shared/corpus/real")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&run.stdout);
    // 洪泽区 (named 淮安市洪泽区人民政府 in its 2024 title) and 淮安市 published; 淮阴区 is not
    // in the folder; the 2024 report of 上海市科委 is not on the list.
    assert!(
        said.contains("1 个未发布（淮安市淮阴区人民政府）"),
        "{said}"
    );
    assert!(said.contains("1 份报告的单位不在名单中"), "{said}");
    assert!(
        said.contains("hongze-district-2024.pdf ← ../shared/corpus/real/hongze-district-2023.pdf"),
        "{said}"
    );
    let book = out.join("audit.xlsx");
    let pairs = sheet(&book, "年度配对");
    assert_eq!(pairs.len(), 2, "{pairs:?}");
}

#[test]
fn a_broken_list_or_scoring_table_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("units.csv");
    fs::write(&empty, "单位\n").unwrap();
    nianbao()
        .args(["audit", "--expect"])
        .arg(&empty)
        .arg("examples")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("名单"));
    let bad = dir.path().join("s.yaml");
    fs::write(&bad, "full: 15\nitems: [{ name: x }]\n").unwrap();
    nianbao()
        .args(["audit", "--scoring"])
        .arg(&bad)
        .arg("examples")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("评分表"));
}
