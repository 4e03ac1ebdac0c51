//! nianbao.yaml: found up the folder tree, named with --config, ignored with --isolated; what
//! it sets, and its mistakes reported with line, caret and a suggestion.
use assert_cmd::Command;
use std::fs;

fn nianbao() -> Command {
    Command::cargo_bin("nianbao").unwrap()
}

fn rules_in(out: &[u8]) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_slice(out).unwrap();
    v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(found: &[(String, String)], rule: &str) -> bool {
    found.iter().any(|(r, _)| r == rule)
}

#[test]
fn the_closest_config_up_the_tree_applies_unless_isolated() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("nianbao.yaml"),
        "ignore: [FIG]\nseverity: { GOV-DEADLINE: info }\nper-file-ignores:\n  \"*.txt\": [TXT-PLACEHOLDER]\n",
    )
    .unwrap();
    let sub = dir.path().join("2023");
    fs::create_dir(&sub).unwrap();
    fs::copy("examples/sample-2023.txt", sub.join("report.txt")).unwrap();
    let run = |extra: &[&str]| {
        nianbao()
            .args(["check", "--format", "json"])
            .args(extra)
            .arg(sub.join("report.txt"))
            .output()
            .unwrap()
    };
    let found = rules_in(&run(&[]).stdout);
    assert!(
        !has(&found, "FIG-BREAKDOWN") && !has(&found, "FIG-RATE"),
        "{found:?}"
    );
    assert!(
        !has(&found, "TXT-PLACEHOLDER"),
        "per-file-ignores: {found:?}"
    );
    assert!(
        found.contains(&("GOV-DEADLINE".into(), "info".into())),
        "{found:?}"
    );
    // The text formats are rendered by the workers: they honour the file as well.
    let text = nianbao()
        .args(["check", "--format", "concise"])
        .arg(sub.join("report.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        !text.contains("TXT-PLACEHOLDER") && text.contains("info[GOV-DEADLINE]"),
        "{text}"
    );
    let all = rules_in(&run(&["--isolated"]).stdout);
    assert!(
        has(&all, "FIG-BREAKDOWN") && has(&all, "TXT-PLACEHOLDER"),
        "{all:?}"
    );
    // A flag wins over the file.
    let only = rules_in(&run(&["--select", "FIG"]).stdout);
    assert!(
        only.iter().all(|(r, _)| r.starts_with("FIG-")) && !only.is_empty(),
        "{only:?}"
    );
}

#[test]
fn a_named_config_sets_a_local_deadline_and_the_fail_level() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("office.yaml");
    fs::write(
        &cfg,
        "deadline: { month: 3, day: 15, basis: 某市政务公开办通知 }\nfail-level: warning\n",
    )
    .unwrap();
    // Published on 20 March: within the law's 31 March, after the city's 15 March.
    let out = nianbao()
        .args(["check", "--format", "json", "--config"])
        .arg(&cfg)
        .arg("examples/clean-2023.txt")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v["files"][0]["findings"][0];
    assert_eq!(f["rule"], "GOV-DEADLINE");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("2024年3月15日（某市政务公开办通知）"),
        "{f}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn mistakes_in_the_config_are_usage_errors_with_a_caret() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("nianbao.yaml");
    fs::write(&cfg, "select: [TXT]\nignore: [TXT-REPAET]\n").unwrap();
    let out = nianbao()
        .args(["check", "--config"])
        .arg(&cfg)
        .arg("examples/clean-2023.txt")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("nianbao.yaml:2:10 有误"), "{e}");
    assert!(e.contains("是不是") && e.contains("TXT-REPEAT"), "{e}");
    assert!(
        e.contains("2 | ignore: [TXT-REPAET]") && e.contains("^"),
        "{e}"
    );
    fs::write(&cfg, "profil: auto\n").unwrap();
    let out = nianbao()
        .args(["check", "--config"])
        .arg(&cfg)
        .arg("examples/clean-2023.txt")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nianbao.yaml:1:"));
}

#[test]
fn init_writes_a_starter_config_once() {
    let dir = tempfile::tempdir().unwrap();
    nianbao()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(0);
    let written = fs::read_to_string(dir.path().join("nianbao.yaml")).unwrap();
    assert!(written.contains("profile: auto"));
    nianbao()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(2);
    nianbao()
        .current_dir(dir.path())
        .args(["init", "--force"])
        .assert()
        .code(0);
    // The starter config is one the checker reads.
    fs::copy("examples/clean-2023.txt", dir.path().join("r.txt")).unwrap();
    nianbao()
        .current_dir(dir.path())
        .args(["check", "r.txt"])
        .assert()
        .code(0);
}

#[test]
fn the_schemas_in_docs_are_current() {
    for (which, file) in [
        ("config", "docs/nianbao.schema.json"),
        ("rules", "docs/rules.schema.json"),
        ("template", "docs/template.schema.json"),
        ("eras", "docs/eras.schema.json"),
    ] {
        let out = nianbao()
            .args(["init", "--schema", which])
            .output()
            .unwrap();
        let kept = fs::read_to_string(file).unwrap();
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            kept,
            "run: nianbao init --schema {which} > {file}"
        );
    }
    // The rule-file schema knows every kind of the registry by its `check:` key.
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string("docs/rules.schema.json").unwrap()).unwrap();
    let text = schema["$defs"]["CheckSpec"].to_string();
    for kind in nianbao::rules::kinds::KINDS {
        assert!(
            text.contains(&format!("\"{}\"", kind.name)),
            "{} not in the schema",
            kind.name
        );
    }
}

#[test]
fn each_report_is_governed_by_the_closest_config_above_it() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        fs::create_dir(dir.path().join(sub)).unwrap();
        fs::copy(
            "examples/sample-2023.txt",
            dir.path().join(sub).join("r.txt"),
        )
        .unwrap();
    }
    fs::write(dir.path().join("a").join("nianbao.yaml"), "ignore: [FIG]\n").unwrap();
    let out = nianbao()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules_of = |name: &str| -> Vec<String> {
        let f = v["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .unwrap();
        f["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["rule"].as_str().unwrap().to_string())
            .collect()
    };
    let a = rules_of("a/r.txt");
    let b = rules_of("b/r.txt");
    assert!(!a.iter().any(|r| r.starts_with("FIG-")), "{a:?}");
    assert!(b.iter().any(|r| r.starts_with("FIG-")), "{b:?}");
}
