//! Reports against each other: `compare OLD NEW`, `check --previous`, `check --across`. Fixture
//! pairs are made from the clean example (its years moved back, its figures or text changed),
//! across the switch from the 2019 to the 2021 format and across file formats; the two real
//! Hongze district reports are a real pair.
mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn nianbao() -> Command {
    Command::cargo_bin("nianbao").unwrap()
}

fn clean() -> String {
    fs::read_to_string("examples/clean-2023.txt").unwrap()
}

/// The report's years moved back by `by` (2023年 → 2022年, 2024-03-20 → 2023-03-20).
fn years_back(text: &str, by: i32) -> String {
    let re = regex::Regex::new(r"(20\d\d)(年|-)").unwrap();
    re.replace_all(text, |c: &regex::Captures| {
        format!("{}{}", c[1].parse::<i32>().unwrap() - by, &c[2])
    })
    .into_owned()
}

fn is_heading(line: &str) -> bool {
    let markers = ["一、", "二、", "三、", "四、", "五、", "六、", "（"];
    markers.iter().any(|m| line.starts_with(m))
}

/// Last year's report written anew: the same headings and tables, other prose.
fn other_prose(text: &str) -> String {
    const WORK: [&str; 8] = [
        "规范政务新媒体管理",
        "推进决策过程公开",
        "完善政策文件库",
        "开展政府开放日活动",
        "加强重点领域信息公开",
        "优化依申请公开流程",
        "落实公文公开属性源头认定",
        "开展公开业务培训",
    ];
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let keep = i == 0
            || line.is_empty()
            || line.starts_with('|')
            || line.starts_with("发布日期")
            || is_heading(line)
            || line.ends_with("日")
            || line.ends_with("办公室");
        if keep {
            out.push_str(line);
        } else {
            let w = WORK[i % WORK.len()];
            out.push_str(&format!(
                "本年度围绕{w}这一重点，第{i}项举措由县政府办公室牵头落实，相关做法已形成长效机制并报上级备案。"
            ));
        }
        out.push('\n');
    }
    out
}

/// Table rows rewritten: the row whose label contains `label` gets these cells.
fn with_row(text: &str, label: &str, cells: &str) -> String {
    text.lines()
        .map(|l| {
            if l.starts_with('|') && l.contains(label) {
                format!("| {label} | {cells} |")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Last year's report that agrees with this year's: its carry-over is this year's 上年结转
/// and its stock of documents leads to this year's.
fn good_previous() -> String {
    let prev = other_prose(&years_back(&clean(), 1));
    let prev = with_row(&prev, "四、结转下年度继续办理", "3 | 0 | 0 | 0 | 0 | 0 | 3");
    let prev = with_row(&prev, "行政规范性文件", "10 | 1 | 76");
    with_t4(&prev, T4_LAST_YEAR)
}

const T4_THIS_YEAR: &str = "| 2 | 0 | 0 | 1 | 3 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |";
const T4_LAST_YEAR: &str = "| 1 | 1 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |";

fn with_t4(text: &str, row: &str) -> String {
    assert!(text.contains(T4_THIS_YEAR) || text.contains(T4_LAST_YEAR));
    text.replace(T4_THIS_YEAR, row).replace(T4_LAST_YEAR, row)
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

fn json(args: &[&str]) -> (Value, i32) {
    let out = nianbao().args(args).output().unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (v, out.status.code().unwrap())
}

fn rules_of(file: &Value) -> Vec<String> {
    file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_pair_that_agrees_is_quiet_and_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(dir.path(), "2022.txt", &good_previous());
    let new = write(dir.path(), "2023.txt", &clean());
    let (v, code) = json(&["compare", "--format", "json", &old, &new]);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 1, "last year's report is not listed: {v}");
    assert_eq!(rules_of(&files[0]), Vec::<String>::new(), "{v}");
    assert_eq!(files[0]["previous"]["path"], old.as_str());
    assert_eq!(files[0]["previous"]["year"], 2022);
    assert!(
        files[0]["previous"]["repeat_rate"].as_f64().unwrap() < 0.2,
        "{v}"
    );
    assert_eq!(code, 0);
}

#[test]
fn carry_over_is_held_column_by_column_against_last_year() {
    let dir = tempfile::tempdir().unwrap();
    let prev = with_row(
        &good_previous(),
        "四、结转下年度继续办理",
        "2 | 0 | 0 | 0 | 1 | 0 | 3",
    );
    let old = write(dir.path(), "2022.txt", &prev);
    let new = write(dir.path(), "2023.txt", &clean());
    let (v, code) = json(&["compare", "--format", "json", &old, &new]);
    let f = &v["files"][0];
    let carry: Vec<&Value> = f["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["rule"] == "XY-CARRY")
        .collect();
    assert_eq!(carry.len(), 2, "自然人 and 法律服务机构, not 总计: {v}");
    assert!(carry[0]["message"].as_str().unwrap().contains("自然人为3"));
    // Each points at this year's cell and at last year's row.
    let row = prev.lines().position(|l| l.contains("结转下年度")).unwrap() + 1;
    assert_eq!(carry[0]["related"]["path"], old.as_str());
    assert_eq!(carry[0]["related"]["line"], row);
    let here = clean()
        .lines()
        .position(|l| l.contains("二、上年结转"))
        .unwrap()
        + 1;
    assert_eq!(carry[0]["line"], here);
    assert_eq!(code, 1);
}

#[test]
fn the_stock_of_documents_is_a_warning_with_the_sum() {
    let dir = tempfile::tempdir().unwrap();
    let prev = with_row(&good_previous(), "行政规范性文件", "10 | 1 | 80");
    let old = write(dir.path(), "2022.txt", &prev);
    let new = write(dir.path(), "2023.txt", &clean());
    let (v, code) = json(&["compare", "--format", "json", &old, &new]);
    let f = &v["files"][0]["findings"][0];
    assert_eq!(f["rule"], "XY-VALID-DOCS", "{v}");
    assert_eq!(f["severity"], "warning");
    assert!(f["message"]
        .as_str()
        .unwrap()
        .contains("80 + 本年制发12 − 本年废止2 = 90"));
    assert_eq!(code, 0, "a warning does not fail by default");
}

#[test]
fn a_report_that_is_last_years_again_is_found_with_its_passages() {
    let dir = tempfile::tempdir().unwrap();
    let prev = with_row(&years_back(&clean(), 1), "行政规范性文件", "10 | 1 | 76");
    let prev = with_row(&prev, "四、结转下年度继续办理", "3 | 0 | 0 | 0 | 0 | 0 | 3");
    let old = write(dir.path(), "2022.txt", &prev);
    let new = write(dir.path(), "2023.txt", &clean());
    let (v, _) = json(&["compare", "--format", "json", &old, &new]);
    let f = &v["files"][0];
    let rules = rules_of(f);
    assert!(rules.contains(&"XY-COPIED".to_string()), "{v}");
    assert!(rules.contains(&"XY-COPIED-PROBLEMS".to_string()), "{v}");
    assert!(f["previous"]["repeat_rate"].as_f64().unwrap() > 0.9);
    let copied = f["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["rule"] == "XY-COPIED")
        .unwrap();
    let detail = copied["detail"].as_str().unwrap();
    assert!(
        detail.contains("本年第") && detail.contains("上年第"),
        "{detail}"
    );
    assert!(
        detail.contains("202【3】年") || detail.contains("【3】"),
        "{detail}"
    );
    // The text format shows the passages side by side, with the other report's place.
    let out = nianbao().args(["compare", &old, &new]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("warning[XY-COPIED]"), "{text}");
    assert!(text.contains(&format!("对照：{old}:")), "{text}");
    assert!(text.contains("  │ 本年第"), "{text}");
}

#[test]
fn identical_tables_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    // Last year's text is its own, but its table 四 is this year's.
    let old = write(
        dir.path(),
        "2022.txt",
        &with_t4(&good_previous(), T4_THIS_YEAR),
    );
    let new = write(dir.path(), "2023.txt", &clean());
    let (v, _) = json(&[
        "compare",
        "--format",
        "json",
        "--select",
        "XY-SAME-TABLE",
        &old,
        &new,
    ]);
    let found = rules_of(&v["files"][0]);
    assert_eq!(
        found,
        vec!["XY-SAME-TABLE"; 1],
        "table 四 alone is the same: {v}"
    );
    assert!(v["files"][0]["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("行政复议、行政诉讼"));
}

/// The clean example as the 2020 report of the 2019 format: table 二's (一) columns and table
/// 三's single （六）其他处理 row.
fn as_2019_format(text: &str) -> String {
    let text = years_back(text, 3);
    let mut out = String::new();
    let mut skip = 0;
    for line in text.lines() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        if line.starts_with("| （六）其他处理") {
            out.push_str("| （六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n");
            skip = 2;
            continue;
        }
        if line.starts_with("| 信息内容 | 本年制发件数") {
            out.push_str("| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n");
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[test]
fn the_switch_from_the_2019_format_to_the_2021_format_keeps_the_carry_over() {
    let dir = tempfile::tempdir().unwrap();
    let prev = with_t4(&other_prose(&as_2019_format(&clean())), T4_LAST_YEAR);
    let agrees = with_row(&prev, "四、结转下年度继续办理", "3 | 0 | 0 | 0 | 0 | 0 | 3");
    let differs = with_row(&prev, "四、结转下年度继续办理", "3 | 0 | 0 | 0 | 0 | 0 | 4");
    let current = years_back(&clean(), 2);
    let new = write(dir.path(), "2021.txt", &current);
    for (prev, expected) in [(&agrees, vec![]), (&differs, vec!["XY-CARRY"])] {
        let old = write(dir.path(), "2020.txt", prev);
        let (v, _) = json(&["compare", "--format", "json", &old, &new]);
        assert_eq!(v["files"][0]["previous"]["year"], 2020, "{v}");
        // Table 二 changed its columns in 2021: the stock is not compared across the switch.
        assert_eq!(rules_of(&v["files"][0]), expected, "{v}");
    }
}

/// A report as a simple web page: paragraphs and tables.
fn as_html(text: &str) -> String {
    let mut body = String::new();
    let mut in_table = false;
    for line in text.lines() {
        if line.starts_with('|') {
            if !in_table {
                body.push_str("<table>");
                in_table = true;
            }
            body.push_str("<tr>");
            for c in line.trim().trim_matches('|').split('|') {
                body.push_str(&format!("<td>{}</td>", c.trim()));
            }
            body.push_str("</tr>\n");
            continue;
        }
        if in_table {
            body.push_str("</table>\n");
            in_table = false;
        }
        body.push_str(&format!("<p>{line}</p>\n"));
    }
    format!("<html><head><meta charset=\"utf-8\"></head><body>{body}</body></html>")
}

#[test]
fn last_years_report_may_be_in_another_format() {
    let dir = tempfile::tempdir().unwrap();
    let prev = with_row(
        &good_previous(),
        "四、结转下年度继续办理",
        "2 | 0 | 0 | 0 | 1 | 0 | 3",
    );
    let new = write(dir.path(), "2023.txt", &clean());
    let as_text = write(dir.path(), "2022.txt", &prev);
    let as_page = write(dir.path(), "2022.html", &as_html(&prev));
    let messages = |old: &str| {
        let (v, _) = json(&["compare", "--format", "json", old, &new]);
        v["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let from_text = messages(&as_text);
    assert_eq!(from_text.len(), 2, "{from_text:?}");
    assert_eq!(messages(&as_page), from_text);
}

#[test]
fn a_folder_pairs_each_issuers_consecutive_years_and_names_the_unpaired() {
    let dir = tempfile::tempdir().unwrap();
    let bad_prev = with_row(
        &good_previous(),
        "四、结转下年度继续办理",
        "2 | 0 | 0 | 0 | 1 | 0 | 3",
    );
    write(dir.path(), "a-2022.txt", &bad_prev);
    write(dir.path(), "a-2023.txt", &clean());
    // Another county, one year only.
    write(
        dir.path(),
        "b-2023.txt",
        &other_prose(&clean()).replace("示例县", "样本县"),
    );
    let folder = dir.path().to_string_lossy().into_owned();
    let (v, code) = json(&[
        "check", "--across", "--select", "XY,PEER", "--format", "json", &folder,
    ]);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 3, "{v}");
    let by_name = |n: &str| {
        files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(n))
            .unwrap()
    };
    assert!(by_name("a-2023.txt")["previous"]["path"]
        .as_str()
        .unwrap()
        .ends_with("a-2022.txt"));
    assert_eq!(
        rules_of(by_name("a-2023.txt")),
        vec!["XY-CARRY", "XY-CARRY"]
    );
    assert!(by_name("b-2023.txt").get("previous").is_none());
    assert!(by_name("a-2022.txt").get("previous").is_none());
    assert_eq!(code, 1);
    let out = nianbao()
        .args(["check", "--across", "--select", "XY,PEER", &folder])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("与上年报告比较了 1 对"), "{text}");
    assert!(
        text.contains("2 份报告没有找到同一机关的上年报告"),
        "{text}"
    );
}

#[test]
fn an_unreadable_previous_report_is_shown_and_nothing_is_compared() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(dir.path(), "2022.pdf", "not a pdf");
    let new = write(dir.path(), "2023.txt", &clean());
    let (v, code) = json(&["compare", "--format", "json", &old, &new]);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2, "{v}");
    let old_entry = files.iter().find(|f| f["path"] == old.as_str()).unwrap();
    assert_eq!(rules_of(old_entry), vec!["IO-UNREADABLE"]);
    let new_entry = files.iter().find(|f| f["path"] == new.as_str()).unwrap();
    assert!(new_entry.get("previous").is_none());
    assert_eq!(code, 1);
}

#[test]
fn the_real_hongze_reports_are_a_pair_that_agrees() {
    if !common::corpus_present() {
        return;
    }
    let old = "../shared/corpus/real/hongze-district-2023.pdf";
    let new = "../shared/corpus/real/hongze-district-2024.pdf";
    // By hand: table 三 carries 0 over in every column both years; table 二's 行政规范性文件
    // go from 5 valid to 5 + 3 made − 0 repealed = 8; no case was pending in 2023; the text
    // was written anew.
    let (v, code) = json(&["compare", "--format", "json", old, new]);
    let f = &v["files"][0];
    assert_eq!(f["previous"]["path"], old);
    assert_eq!(rules_of(f), Vec::<String>::new(), "{v}");
    assert!(f["previous"]["repeat_rate"].as_f64().unwrap() < 0.5);
    assert_eq!(code, 0);
    // Found as a pair in a folder run too, though the titles name the issuer differently
    // (洪泽区人民政府 / 淮安市洪泽区人民政府).
    let (v, _) = json(&[
        "check",
        "--across",
        "--select",
        "XY",
        "--format",
        "json",
        "../shared/corpus/real",
    ]);
    let paired: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["previous"]["path"].as_str())
        .collect();
    assert_eq!(paired, vec![old]);
}

#[test]
fn a_report_compared_with_itself_is_a_usage_error_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let r = write(dir.path(), "2023.txt", &clean());
    // The same file by two spellings of its path.
    let again = dir.path().join(".").join("2023.txt");
    for args in [
        vec![
            "compare".to_string(),
            r.clone(),
            again.display().to_string(),
        ],
        vec![
            "check".to_string(),
            "--previous".into(),
            r.clone(),
            r.clone(),
        ],
    ] {
        let out = nianbao().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("同一个文件不能与自己比较"), "{err}");
    }
}

/// The clean report as a department's of the same county: its title names the department.
fn department(name: &str) -> String {
    clean().replacen("示例县人民政府2023年", &format!("示例县{name}2023年"), 1)
}

fn rollup_json(folder: &str) -> Value {
    json(&[
        "check",
        "--across",
        "--select",
        "PEER-ROLLUP",
        "--format",
        "json",
        folder,
    ])
    .0
}

fn says_one_group_compared(stdout: &[u8]) {
    let text = String::from_utf8_lossy(stdout);
    assert!(
        text.contains("与所属单位报告之和对照了 1 份政府报告"),
        "{text}"
    );
}

fn rollups(file: &Value) -> Vec<String> {
    file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "PEER-ROLLUP")
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_government_is_set_beside_the_sum_of_its_departments() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "gov.txt", &clean());
    for (file, name) in [
        ("edu.txt", "教育局"),
        ("civ.txt", "民政局"),
        ("fin.txt", "财政局"),
    ] {
        write(dir.path(), file, &department(name));
    }
    let folder = dir.path().to_string_lossy().into_owned();
    let v = rollup_json(&folder);
    let files = v["files"].as_array().unwrap();
    let of = |n: &str| {
        files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(n))
            .unwrap()
    };
    let found = rollups(of("gov.txt"));
    assert!(
        found.contains(
            &"表三“一、本年新收政府信息公开申请数量”总计：本报告为45，比所属3个单位报告之和135少90"
                .to_string()
        ),
        "{found:?}"
    );
    assert!(
        rollups(of("edu.txt")).is_empty(),
        "a department has no units"
    );
    let f = of("gov.txt")["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "PEER-ROLLUP")
        .unwrap()
        .clone();
    assert_eq!(f["severity"], "info");
    let related = f["related"]["path"].as_str().unwrap();
    assert!(
        ["edu.txt", "civ.txt", "fin.txt"]
            .iter()
            .all(|n| related.contains(n)),
        "{related}"
    );
    // The text formats say which reports were set beside which.
    let out = nianbao()
        .args([
            "check",
            "--across",
            "--select",
            "PEER-ROLLUP",
            "--format",
            "concise",
            &folder,
        ])
        .output()
        .unwrap();
    says_one_group_compared(&out.stdout);

    // Two departments say too little of a government's whole: nothing is compared.
    fs::remove_file(dir.path().join("fin.txt")).unwrap();
    let v = rollup_json(&folder);
    assert!(
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| rollups(f).is_empty()),
        "{v}"
    );
}

#[test]
fn the_offices_list_decides_the_units_of_a_government() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    fs::create_dir(&reports).unwrap();
    write(&reports, "gov.txt", &clean());
    write(&reports, "edu.txt", &department("教育局"));
    write(&reports, "civ.txt", &department("民政局"));
    // Two units are enough when the list says they are all the government's units.
    let list = write(
        dir.path(),
        "units.csv",
        "单位,类型,上级\n示例县人民政府,政府,\n示例县教育局,部门,示例县人民政府\n示例县民政局,部门,示例县人民政府\n",
    );
    let out_dir = dir.path().join("out");
    let out = nianbao()
        .args(["audit", "--expect", &list, "--out-dir"])
        .arg(&out_dir)
        .arg(&reports)
        .output()
        .unwrap();
    says_one_group_compared(&out.stdout);
    let page = fs::read_to_string(out_dir.join("audit.html")).unwrap();
    assert!(
        page.contains("PEER-ROLLUP"),
        "the audit page lists the finding"
    );
    assert!(
        page.contains("比所属2个单位报告之和90少45"),
        "the finding names the sum"
    );
}
