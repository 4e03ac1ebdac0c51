//! The command line as users and CI scripts drive it: exit codes, formats, batches.
mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

fn nianbao() -> Command {
    Command::cargo_bin("nianbao").unwrap()
}

fn json_of(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("stdout is one JSON object")
}

#[test]
fn clean_report_exits_zero_and_says_so() {
    nianbao()
        .args(["check", "examples/clean-2023.txt"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("错误 0 个，警告 0 个，提示 0 个"));
}

#[test]
fn defective_report_exits_one_unless_exit_zero() {
    nianbao()
        .args(["check", "examples/sample-2023.txt"])
        .assert()
        .code(1);
    nianbao()
        .args(["check", "--exit-zero", "examples/sample-2023.txt"])
        .assert()
        .code(0);
}

#[test]
fn fail_level_decides_what_fails() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("r.txt");
    // Only a warning: a repeated word.
    let clean = fs::read_to_string("examples/clean-2023.txt").unwrap();
    fs::write(
        &f,
        clean.replace("持续深化政务公开", "持续深化深化政务公开"),
    )
    .unwrap();
    nianbao().args(["check"]).arg(&f).assert().code(0);
    nianbao()
        .args(["check", "--fail-level", "warning"])
        .arg(&f)
        .assert()
        .code(1);
}

#[test]
fn concise_lines_have_character_columns() {
    let out = nianbao()
        .args(["check", "--format", "concise", "examples/sample-2023.txt"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    // 工作动态3156条 … the breakdown starts at the total 3280条, character 21 of line 9.
    assert!(
        s.contains("examples/sample-2023.txt:9:21: error[FIG-BREAKDOWN] "),
        "{s}"
    );
    assert!(
        s.contains(":12:1: warning[STR-NUMBERING] 编号“（四）”前缺少“（三）”"),
        "{s}"
    );
}

#[test]
fn json_is_one_stable_object() {
    if !common::corpus_present() {
        return;
    }
    let out = nianbao()
        .args([
            "check",
            "--format",
            "json",
            "examples/sample-2023.txt",
            "../shared/corpus/seeds/004_03d8b3d49866cbbf.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out.stdout);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["path"], "examples/sample-2023.txt");
    assert_eq!(files[0]["profile"], "2021");
    assert_eq!(files[0]["year"], 2023);
    let f = &files[0]["findings"][0];
    for key in ["rule", "severity", "message", "line", "column", "span"] {
        assert!(f.get(key).is_some(), "missing {key}");
    }
    assert_eq!(f["rule"], "GOV-DEADLINE");
    assert!(f["span"]["start"].as_u64().unwrap() < f["span"]["end"].as_u64().unwrap());
    // A document-level finding has no position.
    let doc_level = files[1]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "E08-APPENDIX")
        .unwrap();
    assert!(doc_level["line"].is_null() && doc_level["span"].is_null());
    assert_eq!(files[1]["profile"], "2008");
}

#[test]
fn batch_goes_on_past_unreadable_files_and_names_them() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy("examples/clean-2023.txt", dir.path().join("a.txt")).unwrap();
    fs::write(dir.path().join("b-empty.txt"), "").unwrap();
    fs::write(dir.path().join("c-old.doc"), b"\xd0\xcf\x11\xe0").unwrap();
    fs::write(
        dir.path().join("d-binary.txt"),
        [0x01u8, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0e, 0x0f],
    )
    .unwrap();
    fs::write(dir.path().join("ignored.png"), b"\x89PNG").unwrap();
    let out = nianbao()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .arg(dir.path().join("missing.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out.stdout);
    let files = v["files"].as_array().unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|f| {
            f["path"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        names,
        [
            "a.txt",
            "b-empty.txt",
            "c-old.doc",
            "d-binary.txt",
            "missing.txt"
        ]
    );
    assert_eq!(files[0]["findings"].as_array().unwrap().len(), 0);
    for (i, cause) in [(1, "为空"), (2, ".doc"), (3, "不是文本文件"), (4, "不存在")] {
        let f = &files[i]["findings"][0];
        assert_eq!(f["rule"], "IO-UNREADABLE");
        assert!(f["message"].as_str().unwrap().contains(cause), "{f}");
    }
}

#[test]
fn gbk_and_crlf_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("gbk.txt");
    let text = fs::read_to_string("examples/sample-2023.txt")
        .unwrap()
        .replace('\n', "\r\n");
    let (bytes, _, _) = encoding_rs::GBK.encode(&text);
    fs::write(&f, &bytes).unwrap();
    let out = nianbao()
        .args(["check", "--format", "concise"])
        .arg(&f)
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains(":9:21: error[FIG-BREAKDOWN]"), "{s}");
    nianbao().arg("extract").arg(&f).assert().code(0).stdout(
        predicate::str::starts_with("示例县人民政府2023年")
            .and(predicate::str::contains("\r").not()),
    );
}

#[test]
fn rules_and_rule_explain_themselves() {
    nianbao().arg("rules").assert().code(0).stdout(
        predicate::str::contains("FIG-BREAKDOWN").and(predicate::str::contains("STR-SECTIONS-6")),
    );
    nianbao()
        .args(["rule", "fig-breakdown"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("检查什么")
                .and(predicate::str::contains("依据"))
                .and(predicate::str::contains("不合格示例"))
                .and(predicate::str::contains("如何修改")),
        );
    nianbao().args(["rule", "NO-SUCH-RULE"]).assert().code(2);
}

#[test]
fn extra_rules_override_and_bad_rules_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    fs::create_dir(&rules).unwrap();
    // Raise TXT-REPEAT to error: a repeated word then fails the run.
    let builtin = fs::read_to_string("rules/common.yaml").unwrap();
    let start = builtin.find("  - id: TXT-REPEAT").unwrap();
    let end = builtin[start..]
        .find("\n  - id: TXT-URL")
        .map(|e| start + e)
        .unwrap();
    let overridden = format!(
        "eras: [\"2008\", \"2019\", \"2021\"]\nrules:\n{}",
        builtin[start..end].replace("severity: warning", "severity: error")
    );
    fs::write(rules.join("local.yaml"), overridden).unwrap();
    let f = dir.path().join("r.txt");
    let clean = fs::read_to_string("examples/clean-2023.txt").unwrap();
    fs::write(
        &f,
        clean.replace("持续深化政务公开", "持续深化深化政务公开"),
    )
    .unwrap();
    nianbao()
        .args(["check", "--rules"])
        .arg(&rules)
        .arg(&f)
        .assert()
        .code(1);
    fs::write(
        rules.join("zz-broken.yaml"),
        "eras: [2008]\nrules:\n  - id: X\n    severity: fatal\n",
    )
    .unwrap();
    nianbao()
        .args(["check", "--rules"])
        .arg(&rules)
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("zz-broken.yaml"));
}

#[test]
fn usage_errors_exit_two() {
    nianbao()
        .args(["check", "--format", "xml", "examples/clean-2023.txt"])
        .assert()
        .code(2);
    nianbao().arg("check").assert().code(2);
}

#[test]
fn readme_shows_what_the_checker_prints() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    // The command the README gives is the one whose output it quotes.
    assert!(readme.contains("\nnianbao check --format concise examples/sample-2023.txt\n"));
    let start = readme
        .find("examples/sample-2023.txt:")
        .expect("README quotes the sample output");
    let end = start + readme[start..].find("```").unwrap();
    let quoted = &readme[start..end];
    let out = nianbao()
        .args(["check", "--format", "concise", "examples/sample-2023.txt"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), quoted);
}

#[test]
fn named_annex_is_looked_for_beside_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let report = "某区2016年政府信息公开工作年度报告\n一、主动公开情况\n全年主动公开信息100条。\n附：2016年政府信息公开情况统计表.xlsx\n";
    let f = dir.path().join("report.txt");
    fs::write(&f, report).unwrap();
    let out = nianbao()
        .args(["check", "--format", "json"])
        .arg(&f)
        .output()
        .unwrap();
    let v = json_of(&out.stdout);
    let annex: Vec<&serde_json::Value> = v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "E08-APPENDIX")
        .collect();
    assert_eq!(annex.len(), 1);
    assert_eq!(annex[0]["severity"], "info");
    assert!(annex[0]["message"]
        .as_str()
        .unwrap()
        .contains("2016年政府信息公开情况统计表.xlsx"));
    fs::write(dir.path().join("2016年政府信息公开情况统计表.xlsx"), b"").unwrap();
    let out = nianbao()
        .args(["check", "--format", "json"])
        .arg(&f)
        .output()
        .unwrap();
    let v = json_of(&out.stdout);
    assert!(!v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "E08-APPENDIX"));
}

#[test]
fn summary_table_csv_files_from_and_globs() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy("examples/clean-2023.txt", dir.path().join("a-clean.txt")).unwrap();
    fs::copy("examples/sample-2023.txt", dir.path().join("b-sample.txt")).unwrap();
    fs::write(dir.path().join("c-draft.txt"), "草稿").unwrap();
    let csv = dir.path().join("out.csv");
    let out = nianbao()
        .args([
            "check",
            "--format",
            "summary",
            "--exclude",
            "c-*",
            "--output",
        ])
        .arg(&csv)
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let table = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(
        lines[0].starts_with("文件")
            && lines[1].contains("a-clean.txt")
            && lines[1].contains("示例县人民政府")
            && lines[1].contains("通过")
    );
    assert!(lines[2].contains("b-sample.txt") && lines[2].contains("不通过"));
    let csv = fs::read_to_string(&csv).unwrap();
    assert!(
        csv.starts_with("\u{FEFF}文件,机关,年度,时期,错误,警告,结论\n"),
        "{csv}"
    );
    assert!(
        csv.contains("a-clean.txt,示例县人民政府,2023,2021,0,0,通过\n"),
        "{csv}"
    );
    // --files-from - reads the list from standard input; --include narrows a folder.
    let list = format!("{}\n", dir.path().join("a-clean.txt").display());
    nianbao()
        .args(["check", "--files-from", "-"])
        .write_stdin(list)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("检查了 1 个文件"));
    nianbao()
        .args(["check", "--include", "b-*"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("检查了 1 个文件"));
}

#[test]
fn a_reader_that_fails_inside_does_not_stop_the_batch() {
    // Found by the `sheet` fuzzer: a workbook whose cell reference overflows calamine.
    let out = nianbao()
        .args([
            "check",
            "--format",
            "json",
            "tests/fixtures/fuzz-crash-calamine.xlsx",
            "examples/clean-2023.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out.stdout);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    // Reports are printed first, workbooks no report names after them.
    assert_eq!(files[0]["path"], "examples/clean-2023.txt");
    assert_eq!(files[1]["findings"][0]["rule"], "IO-UNREADABLE");
    // Debug builds panic inside calamine (overflow check) and report the panic; release builds
    // get calamine's own error. Either way the file is named unreadable with a cause.
    let message = files[1]["findings"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("文件结构异常") || message.contains("无法读取"),
        "{message}"
    );
    assert_eq!(files[0]["findings"].as_array().unwrap().len(), 0);
    nianbao()
        .args(["extract", "tests/fixtures/fuzz-crash-calamine.xlsx"])
        .assert()
        .code(1);
}

#[test]
fn nothing_to_check_is_a_usage_error_that_says_why() {
    let empty = tempfile::tempdir().unwrap();
    for (args, why) in [
        (
            vec![empty.path().to_str().unwrap().to_string()],
            "中没有可检查的文件",
        ),
        (
            vec![empty
                .path()
                .join("no-such.txt")
                .to_str()
                .unwrap()
                .to_string()],
            "不存在",
        ),
        (
            vec!["--include".into(), "*.pdf".into(), "examples".into()],
            "个可检查文件都被 --include/--exclude 排除了",
        ),
    ] {
        let out = nianbao().arg("check").args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(why),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_is_exit_2_naming_the_target_and_never_a_panic() {
    for args in [
        vec!["check", "--format", "json", "examples/sample-2023.txt"],
        vec!["check", "--format", "concise", "examples/sample-2023.txt"],
        vec!["rule", "TXT-REPEAT"],
        vec!["rules"],
        vec!["extract", "examples/sample-2023.txt"],
    ] {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(&args)
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("无法写入") && !err.contains("panicked"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    use std::io::Read;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args([
            "check",
            "--format",
            "concise",
            "../shared/corpus",
            "examples",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The reading end is dropped: the rest of the output has nowhere to go.
    let out = child.wait_with_output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "{:?}",
        out.status
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The files a summary run lists, by name below `root`.
fn listed(root: &std::path::Path, args: &[&str]) -> Vec<String> {
    let out = nianbao()
        .args(["check", "--format", "json", "--exit-zero"])
        .args(args)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut names: Vec<String> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let p = f["path"].as_str().unwrap();
            p.strip_prefix(root.to_str().unwrap())
                .unwrap_or(p)
                .trim_start_matches('/')
                .to_string()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn folders_are_walked_for_reports_not_source_code() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("2023")).unwrap();
    fs::create_dir_all(root.join(".hidden")).unwrap();
    for p in ["2023/a.txt", ".hidden/b.txt", ".c.txt", "ignored.txt"] {
        fs::copy("examples/clean-2023.txt", root.join(p)).unwrap();
    }
    fs::write(root.join(".gitignore"), "ignored.txt\n").unwrap();
    let r = root.to_str().unwrap();
    assert_eq!(
        listed(root, &[r]),
        [".c.txt", ".hidden/b.txt", "2023/a.txt", "ignored.txt"]
    );
    assert_eq!(listed(root, &["--respect-gitignore", r]), ["2023/a.txt"]);
    // A glob matches a folder's name too.
    assert_eq!(listed(root, &["--include", "*2023*", r]), ["2023/a.txt"]);
    assert_eq!(
        listed(root, &["--exclude", "*2023*", r]),
        [".c.txt", ".hidden/b.txt", "ignored.txt"]
    );
}

#[test]
fn a_file_list_saved_on_windows_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("报告.txt");
    fs::copy("examples/clean-2023.txt", &report).unwrap();
    let line = format!("{}\r\n", report.display());
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(line.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    let (gbk, _, _) = encoding_rs::GBK.encode(&line);
    let bom: Vec<u8> = [0xEF, 0xBB, 0xBF].into_iter().chain(line.bytes()).collect();
    for (name, bytes) in [
        ("utf16.txt", utf16),
        ("gbk.txt", gbk.into_owned()),
        ("bom.txt", bom),
    ] {
        let list = dir.path().join(name);
        fs::write(&list, bytes).unwrap();
        let got = listed(dir.path(), &["--files-from", list.to_str().unwrap()]);
        assert_eq!(got, ["报告.txt"], "{name}");
    }
}

#[test]
fn what_is_not_a_report_is_named_once_and_counted_apart() {
    if !common::corpus_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    fs::copy("README.md", dir.path().join("README.md")).unwrap();
    fs::write(
        dir.path().join("notice.txt"),
        "关于报送年度报告的通知\n各单位：\n请于1月31日前报送本单位年度报告。\n特此通知。\n",
    )
    .unwrap();
    fs::copy("examples/clean-2023.txt", dir.path().join("report.txt")).unwrap();
    let out = nianbao()
        .args(["check", "--format", "concise"])
        .arg(dir.path())
        .output()
        .unwrap();
    // Two info findings do not fail the run; the report beside them is clean.
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches("IO-NOT-REPORT").count(), 2, "{text}");
    assert!(
        text.contains("README.md:1:1: info[IO-NOT-REPORT] 不是政府信息公开工作年度报告，未检查"),
        "{text}"
    );
    assert!(!text.contains("STR-SECTIONS"), "{text}");
    assert!(text.contains("检查了 1 个文件：错误 0 个"), "{text}");
    assert!(
        text.contains("另有 2 个文件不是政府信息公开工作年度报告，未检查。"),
        "{text}"
    );
    let out = nianbao()
        .args(["check", "--format", "summary"])
        .arg(dir.path())
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    let readme = table.lines().find(|l| l.contains("README.md")).unwrap();
    assert!(readme.ends_with("不是年度报告，未检查"), "{table}");
    // A profile named by the user says it is a report: it is checked as one.
    let out = nianbao()
        .args(["check", "--format", "concise", "--profile", "2021"])
        .arg(dir.path().join("README.md"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains("IO-NOT-REPORT") && text.contains("STR-SECTIONS-6"),
        "{text}"
    );
}

#[test]
fn an_annex_workbook_beside_its_report_is_part_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let annex = "2016年政府信息公开情况统计表.xlsx";
    fs::write(
        dir.path().join("report.txt"),
        format!("某区2016年政府信息公开工作年度报告\n一、主动公开情况\n全年主动公开信息100条。\n附：{annex}\n"),
    )
    .unwrap();
    // A broken annex: its finding is the report's too.
    fs::write(dir.path().join(annex), b"PK\x03\x04 cut short").unwrap();
    fs::copy("examples/annex-2023.xlsx", dir.path().join("lone.xlsx")).unwrap();
    let out = nianbao()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let v = json_of(&out.stdout);
    let files = v["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(files.len(), 2, "{paths:?}");
    let report = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("report.txt"))
        .unwrap();
    let annexes = report["annexes"].as_array().unwrap();
    assert_eq!(annexes.len(), 1);
    assert!(annexes[0]["path"].as_str().unwrap().ends_with(annex));
    // The annex's own findings stay with it, and count for the report.
    assert_eq!(annexes[0]["findings"][0]["rule"], "IO-UNREADABLE");
    assert_eq!(out.status.code(), Some(1));
    assert!(paths.iter().any(|p| p.ends_with("lone.xlsx")));
    let out = nianbao()
        .args(["check", "--format", "summary"])
        .arg(dir.path())
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert_eq!(table.lines().count(), 3, "{table}");
    assert!(!table.contains(annex), "{table}");
    let row = table.lines().find(|l| l.contains("report.txt")).unwrap();
    assert!(row.ends_with("不通过"), "{table}");
    let out = nianbao()
        .args(["check", "--format", "concise"])
        .arg(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // Lines in the annex name the annex, printed after its report's.
    let first_annex = text.find(annex).unwrap();
    let last_report = text.rfind("report.txt:").unwrap();
    assert!(last_report < first_annex, "{text}");
}

#[cfg(unix)]
#[test]
fn a_broken_link_in_a_folder_is_named_not_skipped() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy("examples/clean-2023.txt", dir.path().join("report.txt")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("linked.txt")).unwrap();
    let out = nianbao()
        .args(["check", "--format", "concise"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("linked.txt:1:1: error[IO-UNREADABLE] 无法读取文件：链接指向的文件不存在"),
        "{text}"
    );
    assert!(text.contains("检查了 2 个文件：错误 1 个"), "{text}");
}

#[test]
fn a_report_on_standard_input_is_checked_under_the_name_given() {
    let sample = fs::read("examples/sample-2023.txt").unwrap();
    let out = nianbao()
        .args(["check", "--format", "concise", "-"])
        .write_stdin(sample.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("<标准输入>:2:6: error[GOV-DEADLINE]"),
        "{text}"
    );
    // The name gives the format: a web page read as one.
    let page = fs::read("examples/clean-2023.html").unwrap();
    let out = nianbao()
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "草稿/报告.html",
            "-",
        ])
        .write_stdin(page)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v = json_of(&out.stdout);
    assert_eq!(v["files"][0]["path"], "草稿/报告.html");
    assert_eq!(v["files"][0]["findings"].as_array().unwrap().len(), 0);
    // Standard input is read once only.
    nianbao()
        .args(["check", "--files-from", "-", "-"])
        .write_stdin(sample)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("标准输入只能读取一次"));
}

#[test]
fn a_finding_deep_in_a_long_paragraph_is_shown_in_a_window_that_fits_the_screen() {
    use unicode_width::UnicodeWidthStr;
    let lines: Vec<String> = fs::read_to_string("examples/clean-2023.txt")
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    let widest = (0..lines.len()).max_by_key(|&i| lines[i].len()).unwrap();
    let mut long = lines.clone();
    let para = lines[widest].repeat(3);
    let cut = para.char_indices().nth(250).unwrap().0;
    long[widest] = format!("{}公开途径途径{}", &para[..cut], &para[cut..]);
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("long.txt");
    fs::write(&f, long.join("\n")).unwrap();
    let out = nianbao().arg("check").arg(&f).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // Line and column are the original's; the line shown is cut to the text around it.
    assert!(
        text.contains(&format!("long.txt:{}:253]", widest + 1)),
        "{text}"
    );
    for l in text.lines() {
        assert!(l.width() <= 100, "{} columns: {l}", l.width());
    }
    let shown = text
        .lines()
        .find(|l| l.contains("途径途径") && l.contains('│'))
        .unwrap();
    assert!(shown.contains('…'), "{shown}");
    // The underline starts under the repeated word.
    let under = text
        .lines()
        .find(|l| l.contains('─') && l.contains('·'))
        .unwrap();
    let word_at = shown[..shown.find("途径途径").unwrap()].width();
    let mark_at = under[..under.find('─').unwrap()].width();
    assert_eq!(word_at, mark_at, "\n{shown}\n{under}");
}

#[test]
fn colour_follows_the_flag_and_the_terminal() {
    let run = |args: &[&str]| {
        let out = nianbao()
            .arg("check")
            .args(args)
            .arg("examples/sample-2023.txt")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    // Piped, as here: no colour unless asked for.
    assert!(!run(&[]).contains('\u{1b}'));
    assert!(run(&["--color", "always"]).contains("\u{1b}["));
    assert!(!run(&["--color", "never"]).contains('\u{1b}'));
}

#[test]
fn places_and_hints_speak_of_the_users_file() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    fs::write(
        &page,
        "<html><body><h1>某县2023年政府信息公开工作年度报告</h1>\
         <p>发布日期：2024年5月8日</p><p>在信息公开网发布154条。</p>\
         <p>一、总体情况</p><p>信息公开网发布254条。</p></body></html>",
    )
    .unwrap();
    let out = nianbao()
        .args(["check", "--format", "json"])
        .arg(&page)
        .output()
        .unwrap();
    let v = json_of(&out.stdout);
    let findings = v["files"][0]["findings"].as_array().unwrap();
    let by_rule = |id: &str| findings.iter().find(|f| f["rule"] == id).cloned();
    // The earlier figure is placed by paragraph, as the page has no lines of its own.
    let conflict = by_rule("FIG-METRIC-CONFLICT").expect("the two figures differ");
    let message = conflict["message"].as_str().unwrap();
    assert!(message.contains("前文第3段为154条"), "{message}");
    let out = nianbao()
        .args(["check", "--format", "full", "--color", "never"])
        .arg(&page)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("请更正网页中的发布日期"), "{text}");
}

#[test]
fn the_command_line_speaks_chinese() {
    let out = nianbao().arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8(out.stdout).unwrap();
    for english in [
        "Usage:",
        "Options:",
        "Commands:",
        "Print help",
        "Print version",
    ] {
        assert!(!help.contains(english), "{english} in\n{help}");
    }
    assert!(
        help.contains("用法：nianbao <命令>") && help.contains("显示帮助"),
        "{help}"
    );
    let out = nianbao().args(["check", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(
        help.contains("用法：nianbao check [选项] [路径]..."),
        "{help}"
    );
    assert!(
        !help.contains("[OPTIONS]") && !help.contains("Arguments:"),
        "{help}"
    );
    let err = |args: &[&str]| {
        let out = nianbao().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let e = err(&["chek", "x"]);
    assert!(e.contains("不认识的命令“chek”；是不是要用“check”？"), "{e}");
    let e = err(&["check", "--format", "xml", "x"]);
    assert!(
        e.contains(
            "的值“xml”无效（可选值：full, concise, json, json-lines, github, sarif, summary, junit, xlsx, html）"
        ),
        "{e}"
    );
    let e = err(&["check", "--bogus"]);
    assert!(
        e.contains("不认识的参数“--bogus”") && e.contains("用法：nianbao check"),
        "{e}"
    );
    assert!(!e.contains("error:") && !e.contains("Usage:"), "{e}");
}

#[test]
fn verdicts_name_the_worst_severity_and_os_errors_are_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy("examples/sample-2023.txt", dir.path().join("sample.txt")).unwrap();
    let out = nianbao()
        .args(["check", "--format", "summary", "--fail-level", "error"])
        .arg(dir.path())
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.lines().nth(1).unwrap().ends_with("不通过"), "{table}");
    // A report with warnings only passes, saying so.
    let text = fs::read_to_string("examples/clean-2023.txt")
        .unwrap()
        .replacen("均在法定期限内答复。", "均在法定期限内答复答复。", 1);
    assert!(text.contains("答复答复"));
    fs::write(dir.path().join("sample.txt"), text).unwrap();
    let out = nianbao()
        .args(["check", "--format", "summary"])
        .arg(dir.path())
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.lines().nth(1).unwrap().ends_with("通过（有警告）"),
        "{table}"
    );
    let out = nianbao()
        .args(["check", "--format", "concise"])
        .arg(dir.path().join("missing.txt"))
        .arg(dir.path().join("sample.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("无法读取文件：文件或文件夹不存在（No such file"),
        "{text}"
    );
}

#[test]
fn nianbao_test_holds_a_users_rules_to_their_examples_and_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let rule = |message: &str| {
        format!(
            "eras: [\"2021\"]\nrules:\n  - id: X-DRAFT\n    severity: warning\n    summary: 草稿字样\n    message: \"{message}\"\n    help: 删除。\n    basis: 内部要求。\n    check:\n      pattern:\n        any: ['草稿']\n        scope: all\n    examples:\n      valid: [\"报告正文\"]\n      invalid: [\"报告（草稿）\"]\n"
        )
    };
    let file = dir.path().join("draft.yaml");
    fs::write(&file, rule("残留“{match}”字样")).unwrap();
    // No snapshot yet: a failure that says how to record one.
    let out = nianbao().arg("test").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("没有快照") && text.contains("nianbao test -U"),
        "{text}"
    );
    nianbao()
        .args(["test", "-U"])
        .arg(dir.path())
        .assert()
        .code(0);
    let snap = fs::read_to_string(dir.path().join("__snapshots__/draft.snap")).unwrap();
    assert!(
        snap.contains("X-DRAFT 不合格示例1\n  残留“草稿”字样 «草稿»"),
        "{snap}"
    );
    nianbao()
        .arg("test")
        .arg(&file)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 条规则，2 个示例，全部符合"));
    // A changed message is shown against the snapshot.
    fs::write(&file, rule("出现“{match}”")).unwrap();
    let out = nianbao().arg("test").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("快照：残留“草稿”字样") && text.contains("现在：出现“草稿”"),
        "{text}"
    );
    // A misspelt variable is a rule-file error, not a test failure.
    fs::write(&file, rule("出现“{mach}”")).unwrap();
    let out = nianbao().arg("test").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("draft.yaml:6:") && err.contains("是不是要用“{match}”"),
        "{err}"
    );
    // The built-in rules pass against the snapshots the binary carries.
    nianbao()
        .arg("test")
        .current_dir(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("全部符合"));
}

#[test]
fn rules_are_selected_and_ignored_by_id_or_prefix() {
    let run = |args: &[&str]| {
        let out = nianbao()
            .args(["check", "--format", "concise"])
            .args(args)
            .arg("examples/sample-2023.txt")
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    let (_, all) = run(&[]);
    let (_, txt) = run(&["--select", "txt"]);
    assert!(
        txt.lines()
            .filter(|l| l.contains(": "))
            .all(|l| l.contains("[TXT-")),
        "{txt}"
    );
    assert_eq!(txt.matches("[TXT-").count(), all.matches("[TXT-").count());
    let (_, rest) = run(&["--ignore", "TXT-REPEAT,GOV"]);
    assert!(
        !rest.contains("TXT-REPEAT") && !rest.contains("[GOV-"),
        "{rest}"
    );
    assert!(rest.contains("TXT-PLACEHOLDER"), "{rest}");
    let out = nianbao()
        .args([
            "check",
            "--ignore",
            "TXT-REPAET",
            "examples/sample-2023.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("是不是要用“TXT-REPEAT”"), "{err}");
    // A file that cannot be read is reported whatever is selected.
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    fs::write(&empty, "").unwrap();
    let out = nianbao()
        .args(["check", "--format", "concise", "--select", "TXT"])
        .arg(&empty)
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("IO-UNREADABLE"));
}

#[test]
fn tool_formats_carry_the_same_findings() {
    let json = {
        let out = nianbao()
            .args(["check", "--format", "json", "examples/"])
            .output()
            .unwrap();
        json_of(&out.stdout)
    };
    let total: usize = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["findings"].as_array().unwrap().len())
        .sum();
    assert!(total > 0);
    let stdout = |format: &str| {
        let out = nianbao()
            .args(["check", "--format", format, "examples/"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        String::from_utf8(out.stdout).unwrap()
    };
    let lines = stdout("json-lines");
    assert_eq!(lines.lines().count(), total);
    for l in lines.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert!(v["rule"].is_string() && v["path"].is_string(), "{l}");
    }
    let gh = stdout("github");
    assert_eq!(gh.lines().count(), total);
    assert!(
        gh.lines().all(|l| l.starts_with("::error file=")
            || l.starts_with("::warning file=")
            || l.starts_with("::notice file=")),
        "{gh}"
    );
    let sarif: serde_json::Value = serde_json::from_str(&stdout("sarif")).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["results"].as_array().unwrap().len(), total);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let placeholder = rules.iter().find(|r| r["id"] == "TXT-PLACEHOLDER").unwrap();
    assert!(placeholder["properties"]["basis"]
        .as_str()
        .unwrap()
        .contains("格式规范"));
    for r in run["results"].as_array().unwrap() {
        assert!(rules.iter().any(|d| d["id"] == r["ruleId"]), "{r}");
        assert!(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].is_string());
    }
    let stats = {
        let out = nianbao()
            .args(["check", "--statistics", "examples/"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let counted: usize = stats
        .lines()
        .map(|l| {
            l.split_whitespace()
                .next()
                .unwrap()
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert_eq!(counted, total, "{stats}");
}

#[test]
fn the_output_extension_picks_the_format_and_a_mismatch_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("result.sarif");
    nianbao()
        .args(["check", "--output"])
        .arg(&out)
        .arg("examples/")
        .assert()
        .code(1);
    let sarif: serde_json::Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let csv = dir.path().join("result.csv");
    nianbao()
        .args(["check", "--format", "full", "--output"])
        .arg(&csv)
        .arg("examples/")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--format full 与输出文件的扩展名 .csv 不符（.csv 文件应使用 --format summary）",
        ));
    assert!(!csv.exists(), "nothing written on a usage error");
}

#[test]
fn a_drafts_own_suppressions_need_a_reason_and_an_auditor_sees_through_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines: Vec<String> = fs::read_to_string("examples/sample-2023.txt")
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    // Line 11 repeats 途径; line 13 has the wrong rate.
    lines.insert(12, "<!-- nianbao-disable-next-line FIG-RATE -->".into());
    lines.insert(
        10,
        "<!-- nianbao-disable-next-line TXT-REPEAT 引用申请人原话 -->".into(),
    );
    lines.push("<!-- nianbao-disable GOV-TITLE 标题另行发布 -->".into());
    let f = dir.path().join("draft.md");
    fs::write(&f, lines.join("\n")).unwrap();
    let run = |extra: &[&str]| {
        let out = nianbao()
            .args(["check", "--format", "concise"])
            .args(extra)
            .arg(&f)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run(&[]);
    assert!(!text.contains("TXT-REPEAT"), "{text}");
    // Without a reason it does not count, and says so.
    assert!(text.contains("FIG-RATE"), "{text}");
    assert!(text.contains("“FIG-RATE”没有写理由，未生效"), "{text}");
    // One that covers nothing is said to be useless.
    assert!(text.contains("“GOV-TITLE”没有压下任何问题"), "{text}");
    assert!(
        text.contains("另有 1 处问题按文件中的“不报”注释未列出"),
        "{text}"
    );
    let audit = run(&["--no-suppressions"]);
    assert!(audit.contains("TXT-REPEAT"), "{audit}");
    assert!(audit.contains("其中 1 处问题在文件中注明不报"), "{audit}");
}

#[test]
fn a_file_that_is_not_a_report_is_said_so_whatever_rules_are_selected() {
    let out = nianbao()
        .args([
            "check",
            "--format",
            "concise",
            "--select",
            "FIG-SHARE",
            "README.md",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("README.md:1:1: info[IO-NOT-REPORT] 不是政府信息公开工作年度报告，未检查"),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_folder_passes_over_no_file_unsaid() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::copy("examples/clean-2023.txt", d.join("report.txt")).unwrap();
    fs::write(d.join("报告.ofd"), b"PK\x03\x04").unwrap();
    fs::write(d.join("草稿.rtf"), b"{\\rtf1\\ansi 2023}").unwrap();
    fs::write(d.join("附表.et"), b"\xd0\xcf\x11\xe0").unwrap();
    fs::write(d.join("scan.jpg"), b"\xff\xd8\xff").unwrap();
    fs::write(d.join("page.css"), b"body{}").unwrap();
    fs::write(d.join("Thumbs.db"), b"").unwrap();
    let out = nianbao()
        .args(["check", "--format", "concise"])
        .arg(d)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    for (name, cause) in [
        ("报告.ofd", "版式文件"),
        ("草稿.rtf", "另存为 .docx"),
        ("附表.et", "另存为 .xlsx"),
    ] {
        assert!(
            out.lines()
                .any(|l| l.contains(name) && l.contains("IO-UNREADABLE") && l.contains(cause)),
            "{name}: {out}"
        );
    }
    assert!(out.contains("检查了 4 个文件"), "{out}");
    assert!(
        out.contains("另有 2 个文件不是报告的格式，未检查（.css 1 个、.jpg 1 个）。"),
        "{out}"
    );
}
