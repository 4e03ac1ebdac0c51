//! Broken and hostile inputs, made at test time: each ends with a finding that names the file
//! and the cause, never blocks or overwrites an input, and leaves the good report beside it
//! reported exactly as when it is checked alone.
mod common;

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::time::Duration;

const GOOD: &str = "examples/sample-2023.txt";

fn nianbao() -> Command {
    let mut c = Command::cargo_bin("nianbao").unwrap();
    // Nothing here may block: a hang fails the test instead of stalling CI.
    c.timeout(Duration::from_secs(60));
    c
}

fn json_of(args: &[&str]) -> serde_json::Value {
    let out = nianbao()
        .args(["check", "--format", "json", "--exit-zero"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The findings of one file of a JSON run.
fn findings_of<'v>(v: &'v serde_json::Value, path_end: &str) -> &'v Vec<serde_json::Value> {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(path_end))
        .unwrap_or_else(|| panic!("{path_end} not in the run"))["findings"]
        .as_array()
        .unwrap()
}

fn messages(findings: &[serde_json::Value]) -> Vec<String> {
    findings
        .iter()
        .map(|f| format!("{} {}", f["rule"], f["message"]))
        .collect()
}

#[cfg(unix)]
fn mkfifo(p: &Path) {
    let st = std::process::Command::new("mkfifo")
        .arg(p)
        .status()
        .unwrap();
    assert!(st.success());
}

struct Battery {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

/// A folder of hostile files and one good report.
fn battery() -> Battery {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    std::fs::copy(GOOD, root.join("good.txt")).unwrap();
    std::fs::write(root.join("bom-only.txt"), b"\xEF\xBB\xBF").unwrap();
    let mut broken = std::fs::read(GOOD).unwrap();
    // After a full stop in the middle of the text: inside a sentence, not at a row's start.
    let stop = "。".as_bytes();
    let at = (broken.len() / 3..broken.len())
        .find(|&i| broken[i..].starts_with(stop))
        .unwrap()
        + stop.len();
    broken.insert(at, 0xFF);
    std::fs::write(root.join("one-bad-byte.txt"), broken).unwrap();
    std::fs::copy("examples/annex-2023.xlsx", root.join("renamed.html")).unwrap();
    #[cfg(unix)]
    mkfifo(&root.join("pipe.txt"));
    Battery { _dir: dir, root }
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn each_hostile_file_gets_its_finding_and_the_good_one_is_reported_as_alone() {
    let b = battery();
    let before = snapshot(&b.root);
    let alone = json_of(&[b.root.join("good.txt").to_str().unwrap()]);
    let batch = json_of(&[b.root.to_str().unwrap()]);
    assert_eq!(
        messages(findings_of(&batch, "good.txt")),
        messages(findings_of(&alone, "good.txt"))
    );
    let cause = |name: &str| messages(findings_of(&batch, name)).join("\n");
    assert!(
        cause("bom-only.txt").contains("文件为空"),
        "{}",
        cause("bom-only.txt")
    );
    assert!(
        cause("renamed.html").contains("ZIP"),
        "{}",
        cause("renamed.html")
    );
    #[cfg(unix)]
    assert!(
        cause("pipe.txt").contains("命名管道"),
        "{}",
        cause("pipe.txt")
    );
    // One broken byte is one finding where it stands; the rest reads as UTF-8, as the good
    // copy does.
    let broken = findings_of(&batch, "one-bad-byte.txt");
    let extra: Vec<String> = messages(broken)
        .into_iter()
        .filter(|m| !messages(findings_of(&alone, "good.txt")).contains(m))
        .collect();
    assert_eq!(extra.len(), 1, "{extra:?}");
    assert!(
        extra[0].contains("TXT-MOJIBAKE") && extra[0].contains('\u{FFFD}'),
        "{extra:?}"
    );
    assert_eq!(snapshot(&b.root), before, "inputs changed");
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let b = battery();
    let good = b.root.join("good.txt");
    let before = std::fs::read(&good).unwrap();
    let out = nianbao()
        .args(["check", "--output"])
        .arg(&good)
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("覆盖原文"));
    assert_eq!(std::fs::read(&good).unwrap(), before);
    // Also when named another way (./x, through the folder).
    let other = b.root.join(".").join("good.txt");
    let out = nianbao()
        .args(["check", "--output"])
        .arg(&other)
        .arg(&b.root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&good).unwrap(), before);
}

#[test]
fn an_output_a_later_run_would_read_as_a_report_is_refused() {
    let b = battery();
    let out = nianbao()
        .args(["check", "--output"])
        .arg(b.root.join("result.txt"))
        .arg(&b.root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!b.root.join("result.txt").exists());
    // A .csv summary there is not a report, and is written whole, with no temporary left.
    nianbao()
        .args(["check", "--exit-zero", "--format", "summary", "--output"])
        .arg(b.root.join("result.csv"))
        .arg(&b.root)
        .assert()
        .success();
    assert!(std::fs::read_to_string(b.root.join("result.csv"))
        .unwrap()
        .contains("good.txt"));
    let leftovers: Vec<_> = std::fs::read_dir(&b.root)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[cfg(unix)]
#[test]
fn fifos_are_never_opened() {
    let b = battery();
    let pipe = b.root.join("pipe.txt");
    // Named on the command line: a finding, exit 1.
    let out = nianbao()
        .args(["check", "--format", "concise"])
        .arg(&pipe)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("不是普通文件"));
    // As the list of files to check, or as a rule file: a usage error.
    let out = nianbao()
        .args(["check", "--files-from"])
        .arg(&pipe)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("命名管道"));
    let rules = tempfile::tempdir().unwrap();
    mkfifo(&rules.path().join("x.yaml"));
    let out = nianbao()
        .args(["check", "--rules"])
        .arg(rules.path())
        .arg(b.root.join("good.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不是普通文件"));
}

/// An HTML page nested deeper than any parser's stack.
fn deep_html() -> String {
    format!("<html><body>{}x", "<table><tr><td>".repeat(200_000))
}

/// A PDF of numbered objects (1, 2, …) with its cross-reference table; object 1 is the root.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend(data);
    s.extend(b"\nendstream");
    s
}

/// A PDF whose catalogue holds an array nested `depth` deep: the PDF parser recurses on it.
fn deep_pdf(depth: usize) -> Vec<u8> {
    let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    pdf(&[
        format!("<< /Type /Catalog /Pages 2 0 R /X {deep} >>").into_bytes(),
        b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec(),
    ])
}

/// The same nesting hidden in an object stream, where only the parser sees it: the worker
/// process is what keeps it from taking the batch down.
fn hidden_deep_pdf() -> Vec<u8> {
    let mut objects = b"4 0 ".to_vec();
    objects.extend("[".repeat(300_000).as_bytes());
    objects.extend("]".repeat(300_000).as_bytes());
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for body in [
        b"<< /Type /Catalog /Pages 2 0 R /X 4 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec(),
        stream("/Type /ObjStm /N 1 /First 4", &objects),
    ] {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", offsets.len()).as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    // A cross-reference stream: objects 1-3 at their offsets, object 4 inside object 3.
    let xref = out.len();
    let mut rows = vec![0u8, 0, 0, 0, 0, 0xff, 0xff];
    for o in &offsets {
        rows.push(1);
        rows.extend((*o as u32).to_be_bytes());
        rows.extend([0, 0]);
    }
    rows.extend([2, 0, 0, 0, 3, 0, 0]);
    rows.push(1);
    rows.extend((xref as u32).to_be_bytes());
    rows.extend([0, 0]);
    out.extend(b"5 0 obj\n");
    out.extend(stream("/Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R", &rows));
    out.extend(format!("\nendobj\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    out
}

/// One page drawn in `runs` separate text runs.
fn runs_pdf(runs: usize) -> Vec<u8> {
    let mut content = b"BT /F1 12 Tf 72 720 Td ".to_vec();
    content.extend(b"(a) Tj ".repeat(runs));
    content.extend(b"ET");
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
           /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        stream("", &content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ])
}

/// A PDF of `pages` pages, each saying a line of text.
fn long_pdf(pages: usize) -> Vec<u8> {
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", i + 5)).collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        )
        .into_bytes(),
        stream(
            "",
            b"BT /F1 12 Tf 72 720 Td (the text of one page of a long file) Tj ET",
        ),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    objects.extend((0..pages).map(|_| {
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R \
           /Resources << /Font << /F1 4 0 R >> >> >>"
            .to_vec()
    }));
    pdf(&objects)
}

/// A table whose every cell spans 200 rows and 200 columns: a grid far larger than the file.
fn span_bomb() -> String {
    let cells = "<td rowspan=200 colspan=200>1</td>".repeat(200);
    format!(
        "<html><body><table>{}</table>",
        format!("<tr>{cells}</tr>").repeat(200)
    )
}

#[test]
fn a_file_that_kills_its_worker_loses_only_itself() {
    let b = battery();
    std::fs::write(b.root.join("deep.pdf"), hidden_deep_pdf()).unwrap();
    std::fs::write(b.root.join("deep.html"), deep_html()).unwrap();
    let alone = json_of(&[b.root.join("good.txt").to_str().unwrap()]);
    let batch = json_of(&[b.root.to_str().unwrap()]);
    let deep = messages(findings_of(&batch, "deep.pdf")).join("\n");
    assert!(
        deep.contains("IO-ABORTED") && deep.contains("栈溢出"),
        "{deep}"
    );
    // The HTML parser is not handed a page nested past the cap: it is refused, saying why.
    let deep = messages(findings_of(&batch, "deep.html")).join("\n");
    assert!(deep.contains("嵌套超过 10000 层"), "{deep}");
    assert_eq!(
        messages(findings_of(&batch, "good.txt")),
        messages(findings_of(&alone, "good.txt"))
    );
}

#[test]
fn merged_cells_past_the_cap_are_read_unmerged_and_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("span.html");
    std::fs::write(&bomb, span_bomb()).unwrap();
    let out = nianbao()
        .args(["check", "--format", "concise", "--max-memory", "400M"])
        .arg(&bomb)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("IO-ABORTED"), "{text}");
    assert_eq!(text.matches("IO-LIMIT").count(), 1, "{text}");
    assert!(text.contains("超过 100000 个单元格"), "{text}");
}

/// A web page of some 8 MB crawled into one paragraph: honest, and large.
fn big_page() -> String {
    let report = std::fs::read_to_string(GOOD).unwrap().replace('\n', " ");
    format!(
        "<html><body><p>{}</p></body></html>",
        report.repeat(8 * 1024 * 1024 / report.len())
    )
}

#[test]
fn time_and_memory_are_budgets_per_file() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.html");
    std::fs::write(&big, big_page()).unwrap();
    std::fs::copy(GOOD, dir.path().join("good.txt")).unwrap();
    let out = nianbao()
        .args(["check", "--format", "concise", "--max-memory", "160M"])
        .arg(&big)
        .arg(dir.path().join("good.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("big.html:1:1: error[IO-ABORTED] 检查中止：内存超限"),
        "{text}"
    );
    // A page of a million text runs: linear, and slow enough in any build to pass a second.
    let slow = dir.path().join("slow.pdf");
    std::fs::write(&slow, runs_pdf(1_000_000)).unwrap();
    let out = nianbao()
        .args(["check", "--format", "concise", "--timeout", "1"])
        .arg(&slow)
        .arg(dir.path().join("good.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("检查超时（超过 1 秒）"), "{text}");
    // The good report beside it is checked whole both times.
    assert!(
        text.contains("good.txt:79:11: error[TXT-PLACEHOLDER]"),
        "{text}"
    );
}

fn rule_dir(pattern: &str, extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let yaml = format!(
        "eras: [\"2021\"]\nrules:\n  - id: X-TEST\n    severity: warning\n    summary: x\n    message: \"x {{match}}\"\n    help: x\n    basis: x\n    check:\n      pattern:\n        any: ['{pattern}']\n        scope: all\n{extra}    examples:\n      valid: []\n      invalid: [\"报告 x\"]\n"
    );
    std::fs::write(dir.path().join("x.yaml"), yaml).unwrap();
    dir
}

#[test]
fn a_rule_file_cannot_take_the_run_down() {
    // A pattern over the full engine's size limit is a rule-file error with its place.
    let big = rule_dir("(?:[一-龥]{500}){50}", "");
    let out = nianbao()
        .args(["check", "--rules"])
        .arg(big.path())
        .arg(GOOD)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("正则表达式过大"));
    // A pattern that matches every character, with limits far past any sense, gives a bounded
    // number of findings.
    let every = rule_dir(
        ".",
        "        max_hits: 100000000000\n        merge_within: 0\n",
    );
    let v = {
        let out = nianbao()
            .args(["check", "--format", "json", "--exit-zero", "--rules"])
            .arg(every.path())
            .arg(GOOD)
            .output()
            .unwrap();
        assert!(out.status.success());
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let hits = findings_of(&v, "sample-2023.txt")
        .iter()
        .filter(|f| f["rule"] == "X-TEST")
        .count();
    assert!((1..=1000).contains(&hits), "{hits}");
    let merged = rule_dir(
        ".",
        "        max_hits: 100000000000\n        merge_within: 18446744073709551615\n",
    );
    nianbao()
        .args(["check", "--exit-zero", "--rules"])
        .arg(merged.path())
        .arg(GOOD)
        .assert()
        .success();
}

#[cfg(unix)]
#[test]
fn folder_walks_follow_links_once_and_name_files_safely() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::copy(GOOD, root.join("a\nforged.txt")).unwrap();
    std::os::unix::fs::symlink(
        std::fs::canonicalize(GOOD).unwrap(),
        root.join("linked.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(root, root.join("loop")).unwrap();
    std::fs::copy("examples/annex-2023.xlsx", root.join("annex.xlsm")).unwrap();
    let out = nianbao()
        .args(["check", "--format", "concise", "--exit-zero"])
        .arg(root)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    // Every line is a finding of a named file or the closing count: the newline in the name
    // forges no line of its own.
    for line in text.lines() {
        assert!(
            line.starts_with(root.to_str().unwrap()) || line.starts_with("检查了"),
            "{line}"
        );
    }
    assert!(text.contains("a\\nforged.txt:79:11"), "{text}");
    assert!(text.contains("linked.txt:79:11"), "{text}");
    assert!(text.contains("检查了 3 个文件"), "{text}");
}

#[test]
fn a_page_nested_just_under_the_cap_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("deep-but-allowed.html");
    std::fs::write(
        &page,
        format!(
            "<html><body>{}某县2023年政府信息公开工作年度报告",
            "<table><tr><td>".repeat(9_990)
        ),
    )
    .unwrap();
    let v = json_of(&[page.to_str().unwrap()]);
    let rules: Vec<String> = findings_of(&v, "deep-but-allowed.html")
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    assert!(!rules.iter().any(|r| r.starts_with("IO-")), "{rules:?}");
}

#[test]
fn a_pdf_cut_short_is_said_to_be_incomplete_not_read_in_part() {
    if !common::corpus_present() {
        return;
    }
    let whole = std::fs::read("../shared/corpus/real/huaian-city-2024.pdf").unwrap();
    let dir = tempfile::tempdir().unwrap();
    for percent in [10, 50, 90] {
        let p = dir.path().join(format!("cut-{percent}.pdf"));
        std::fs::write(&p, &whole[..whole.len() * percent / 100]).unwrap();
        let v = json_of(&[p.to_str().unwrap()]);
        let found = messages(findings_of(&v, &format!("cut-{percent}.pdf")));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("PDF 文件不完整"), "{found:?}");
    }
}

/// A workbook of two cells, A1 and XFD1048576: a range of 17·10^9 cells if read densely.
fn sparse_bomb_xlsx() -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        let parts = [
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
            ),
            (
                "_rels/.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
            (
                "xl/workbook.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
            ),
            (
                "xl/worksheets/sheet1.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#,
            ),
        ];
        for (name, text) in parts {
            z.start_file(name, opts).unwrap();
            z.write_all(text.as_bytes()).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn a_workbook_is_read_by_its_cells_not_by_the_range_it_claims() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("sparse.xlsx");
    std::fs::write(&p, sparse_bomb_xlsx()).unwrap();
    let start = std::time::Instant::now();
    let v = json_of(&[p.to_str().unwrap()]);
    let found = messages(findings_of(&v, "sparse.xlsx"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("IO-UNREADABLE") && found[0].contains("超过上限 1000000 个单元格"),
        "{found:?}"
    );
    assert!(start.elapsed() < Duration::from_secs(20));
}

#[test]
fn a_pdf_that_would_cost_without_bound_is_stopped_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: Vec<u8>| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_str().unwrap().to_string()
    };
    let files = [
        write("deep.pdf", deep_pdf(1_000_000)),
        write("just-under.pdf", deep_pdf(900)),
        write("pages.pdf", long_pdf(5001)),
        write("long.pdf", long_pdf(301)),
    ];
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let v = json_of(&args);
    let found = |name: &str| messages(findings_of(&v, name)).join("\n");
    assert!(
        found("deep.pdf").contains("嵌套超过 1000 层"),
        "{}",
        found("deep.pdf")
    );
    // Nesting under the cap is the parser's to read: no refusal, no worker lost.
    assert!(
        !found("just-under.pdf").contains("嵌套"),
        "{}",
        found("just-under.pdf")
    );
    assert!(!found("just-under.pdf").contains("IO-ABORTED"));
    assert!(
        found("pages.pdf").contains("超过 5000 页"),
        "{}",
        found("pages.pdf")
    );
    // A long file is read as far as the page cap, and says so once.
    let long = found("long.pdf");
    assert_eq!(long.matches("IO-LIMIT").count(), 1, "{long}");
    assert!(
        long.contains("共 301 页，超过 300 页的上限，只检查了前 300 页"),
        "{long}"
    );
}

/// An .ods sheet of one row repeated 9,000 times, its one cell repeated 11,000 times.
fn repeat_bomb_ods() -> Vec<u8> {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    z.start_file("mimetype", opts).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    z.start_file("content.xml", opts).unwrap();
    z.write_all(
        br#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-repeated="9000"><table:table-cell table:number-columns-repeated="11000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#,
    )
    .unwrap();
    z.finish().unwrap().into_inner()
}

#[test]
fn a_spreadsheet_is_bounded_by_the_cells_its_repeats_spell_out() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("repeat.ods");
    std::fs::write(&p, repeat_bomb_ods()).unwrap();
    let v = json_of(&[p.to_str().unwrap()]);
    let found = messages(findings_of(&v, "repeat.ods"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("IO-UNREADABLE") && found[0].contains("超过 1000000 个单元格"),
        "{found:?}"
    );
}
