//! --write-baseline and --baseline: accepted findings stay accepted when the text around them
//! moves; a new finding is reported; the run that writes the baseline does not fail.
use assert_cmd::Command;
use std::fs;

fn nianbao() -> Command {
    Command::cargo_bin("nianbao").unwrap()
}

#[test]
fn only_new_findings_are_reported_against_a_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.txt");
    fs::copy("examples/sample-2023.txt", &report).unwrap();
    let base = dir.path().join("baseline.json");
    nianbao()
        .args(["check", "--write-baseline"])
        .arg(&base)
        .arg(&report)
        .assert()
        .code(0)
        .stderr(predicates::str::contains("7 处问题"));
    // Lines added above every finding, and one new defect.
    let text = fs::read_to_string(&report).unwrap();
    let moved = text.replacen("一、总体情况", "（新增一段说明。）\n\n一、总体情况", 1)
        + "\n本年度共接待群众来访来访12人次。\n";
    fs::write(&report, moved).unwrap();
    let out = nianbao()
        .args(["check", "--format", "concise", "--baseline"])
        .arg(&base)
        .arg(&report)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = said.lines().filter(|l| l.contains("]")).collect();
    assert_eq!(lines.len(), 1, "{said}");
    assert!(
        lines[0].contains("TXT-REPEAT") && lines[0].contains("来访"),
        "{said}"
    );
    assert!(said.contains("另有 7 处问题已记录在基线中"), "{said}");
    assert_eq!(out.status.code(), Some(0), "the new finding is a warning");
    // A broken baseline is a usage error.
    fs::write(&base, "{").unwrap();
    nianbao()
        .args(["check", "--baseline"])
        .arg(&base)
        .arg(&report)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("基线"));
}
