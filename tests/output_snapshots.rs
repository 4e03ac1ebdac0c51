//! Every output format, held by snapshots (insta, tests/snapshots/) on the same findings: the
//! defective example, the clean one and a real published PDF. A change in what a reporter
//! writes shows up here as a diff; `cargo insta review` (or INSTA_UPDATE=always) accepts it.
mod common;

use assert_cmd::Command;

fn output(format: &str) -> String {
    let mut inputs = vec!["examples/sample-2023.txt", "examples/clean-2023.txt"];
    if common::corpus_present() {
        inputs.push("../shared/corpus/real/hongze-district-2024.pdf");
    }
    let out = Command::cargo_bin("nianbao")
        .unwrap()
        .args([
            "check",
            "--exit-zero",
            "--isolated",
            "--color",
            "never",
            "--format",
            format,
        ])
        .args(&inputs)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_format_on_the_same_findings() {
    // Without the corpus the inputs differ: the snapshots hold the run with it.
    if !common::corpus_present() {
        return;
    }
    for format in [
        "full",
        "concise",
        "json",
        "json-lines",
        "github",
        "sarif",
        "summary",
        "junit",
        "html",
    ] {
        insta::assert_snapshot!(format!("format_{format}"), output(format));
    }
}
