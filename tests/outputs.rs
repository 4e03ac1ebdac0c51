//! The outputs an office opens: a workbook (.xlsx), a CSV summary and one HTML page, all made
//! from the same findings as the JSON.
use assert_cmd::Command;
use calamine::{DataType, Reader, Xlsx};
use std::fs;

fn nianbao() -> Command {
    Command::cargo_bin("nianbao").unwrap()
}

fn json_findings(paths: &[&str]) -> (usize, serde_json::Value) {
    let out = nianbao()
        .args(["check", "--format", "json"])
        .args(paths)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let n = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            f["findings"].as_array().unwrap().len()
                + f["annexes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a["findings"].as_array().unwrap().len())
                    .sum::<usize>()
        })
        .sum();
    (n, v)
}

#[test]
fn the_workbook_has_a_sheet_of_files_and_one_of_findings() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("findings.xlsx");
    let inputs = ["examples/sample-2023.txt", "examples/clean-2023.txt"];
    let run = nianbao()
        .args(["check", "--output"])
        .arg(&out)
        .args(inputs)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1), "the sample has errors");
    assert!(String::from_utf8_lossy(&run.stdout).contains("已写入"));
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names(), vec!["文件", "问题"]);
    let files = book.worksheet_range("文件").unwrap();
    assert_eq!(files.height(), 3);
    assert_eq!(files.get((0, 0)).unwrap().to_string(), "文件");
    assert_eq!(
        files.get((1, 0)).unwrap().to_string(),
        "examples/sample-2023.txt"
    );
    assert_eq!(files.get((2, 6)).unwrap().to_string(), "通过");
    let findings = book.worksheet_range("问题").unwrap();
    let (n, v) = json_findings(&inputs);
    assert_eq!(findings.height() - 1, n);
    // The first finding as the JSON has it: rule, message, and the words it points at.
    let first = &v["files"][0]["findings"][0];
    assert_eq!(
        findings.get((1, 4)).unwrap().to_string(),
        first["rule"].as_str().unwrap()
    );
    assert_eq!(
        findings.get((1, 6)).unwrap().to_string(),
        first["message"].as_str().unwrap()
    );
    assert!(
        findings.get((1, 1)).unwrap().as_f64().is_some(),
        "lines are numbers"
    );
    // Header frozen and filters on, in each sheet.
    let mut zip = zip::ZipArchive::new(fs::File::open(&out).unwrap()).unwrap();
    for i in 1..=2 {
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name(&format!("xl/worksheets/sheet{i}.xml")).unwrap(),
            &mut xml,
        )
        .unwrap();
        assert!(xml.contains("state=\"frozen\""), "sheet {i}");
        assert!(xml.contains("<autoFilter"), "sheet {i}");
    }
}

#[test]
fn a_comparison_adds_sheets_of_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let clean = fs::read_to_string("examples/clean-2023.txt").unwrap();
    fs::write(dir.path().join("a-2023.txt"), &clean).unwrap();
    fs::write(
        dir.path().join("a-2022.txt"),
        clean.replace("2023年", "2022年").replace("2024", "2023"),
    )
    .unwrap();
    let out = dir.path().join("audit.xlsx");
    nianbao()
        .args(["check", "--across", "--exit-zero", "--output"])
        .arg(&out)
        .arg(dir.path().join("a-2022.txt"))
        .arg(dir.path().join("a-2023.txt"))
        .assert()
        .code(0);
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names(), vec!["文件", "问题", "年度配对"]);
    let pairs = book.worksheet_range("年度配对").unwrap();
    assert_eq!(pairs.height(), 2);
    assert!(pairs
        .get((1, 0))
        .unwrap()
        .to_string()
        .ends_with("a-2023.txt"));
    assert!(
        pairs.get((1, 3)).unwrap().as_f64().unwrap() > 90.0,
        "copied text"
    );
    let files = book.worksheet_range("文件").unwrap();
    assert_eq!(files.get((0, 8)).unwrap().to_string(), "重复率");
}

#[test]
fn a_workbook_needs_a_file_and_a_format_must_fit_its_extension() {
    nianbao()
        .args(["check", "--format", "xlsx", "examples/clean-2023.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--output"));
    let dir = tempfile::tempdir().unwrap();
    nianbao()
        .args(["check", "--format", "json", "--output"])
        .arg(dir.path().join("x.xlsx"))
        .arg("examples/clean-2023.txt")
        .assert()
        .code(2);
    assert!(!dir.path().join("x.xlsx").exists());
}

#[test]
fn csv_cells_that_look_like_formulas_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().join("=cmd.txt");
    fs::copy("examples/clean-2023.txt", &name).unwrap();
    nianbao()
        .current_dir(dir.path())
        .args(["check", "--output", "s.csv", "=cmd.txt"])
        .assert()
        .code(0);
    let csv = fs::read_to_string(dir.path().join("s.csv")).unwrap();
    let row = csv.lines().nth(1).unwrap();
    assert!(row.starts_with("'=cmd.txt,"), "{row}");
}

#[test]
fn the_html_page_is_whole_and_shows_every_finding() {
    let dir = tempfile::tempdir().unwrap();
    // A file name that is markup must come out as text.
    let hostile = dir.path().join("<script>alert(1)<script>.txt");
    fs::copy("examples/sample-2023.txt", &hostile).unwrap();
    let page = dir.path().join("report.html");
    let hostile_s = hostile.to_string_lossy().into_owned();
    let inputs = ["examples/clean-2023.txt", hostile_s.as_str()];
    nianbao()
        .args(["check", "--exit-zero", "--output"])
        .arg(&page)
        .args(inputs)
        .assert()
        .code(0);
    let html = fs::read_to_string(&page).unwrap();
    let (n, v) = json_findings(&inputs);
    assert_eq!(html.matches("<div class=\"finding ").count(), n);
    let errors: usize = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap())
        .filter(|f| f["severity"] == "error")
        .count();
    assert!(html.contains(&format!("<b id=\"count-error\">{errors}</b>")));
    assert!(html.contains("<b id=\"count-files\">2</b>"));
    assert!(!html.contains("<script>alert"), "names are escaped");
    assert!(html.contains("&lt;script&gt;alert(1)"));
    // Nothing fetched from anywhere: no external script, style, image or font.
    for needle in ["src=\"http", "href=\"http", "@import", "url("] {
        assert!(!html.contains(needle), "{needle}");
    }
    assert!(
        html.contains("<mark>"),
        "the words of a finding are marked in their line"
    );
    assert!(html.contains("@media print"));
}
