//! 雷同 in a batch: 200 generated reports of 40 issuers over five years, each written in its
//! own words, of which two pairs of units copied each other in one year. Exactly those two
//! pairs are found, each report of a pair pointing at the other.

use assert_cmd::Command;
use std::fs;

const FIRST: [&str; 8] = ["东", "西", "南", "北", "中", "上", "下", "新"];
const SECOND: [&str; 5] = ["安", "平", "宁", "丰", "和"];
const TOPIC: [&str; 8] = [
    "乡村振兴",
    "营商环境",
    "生态保护",
    "城市更新",
    "教育医疗",
    "养老服务",
    "安全生产",
    "文化旅游",
];
const MEANS: [&str; 5] = [
    "专题网页",
    "政务新媒体",
    "新闻发布会",
    "基层公开专区",
    "政策问答库",
];
const DEED: [&str; 7] = [
    "梳理公开事项目录",
    "编制办事指南",
    "开展政策解读",
    "回应群众关切",
    "公开资金使用情况",
    "组织座谈调研",
    "完善监督评议",
];
const SEASON: [&str; 5] = ["开春以来", "年中", "第三季度", "岁末", "全年"];

fn issuer(i: usize) -> String {
    format!("{}{}县", FIRST[i % 8], SECOND[i / 8])
}

/// A sentence only issuer `i` writes in `year` (figures would be masked: words make it its own).
fn sentence(i: usize, year: usize, k: usize) -> String {
    format!(
        "{}，县政府围绕{}依托{}{}，由{}牵头，{}。",
        SEASON[year % 5],
        TOPIC[i % 8],
        MEANS[i / 8],
        DEED[k % 7],
        TOPIC[(k + i) % 8],
        DEED[(k / 7 + i) % 7]
    )
}

fn report(clean: &str, i: usize, year: usize, words_of: usize) -> String {
    let mut out = String::new();
    for (k, line) in clean.lines().enumerate() {
        let prose = !(k == 0
            || line.is_empty()
            || line.starts_with('|')
            || line.starts_with("发布日期")
            || ["一、", "二、", "三、", "四、", "五、", "六、", "（"]
                .iter()
                .any(|m| line.starts_with(m))
            || line.ends_with('日')
            || line.ends_with("办公室"));
        if prose {
            out.push_str(&sentence(words_of, year, k));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out.replace("示例县", &issuer(i))
        .replace("2023", &year.to_string())
        .replace("2024", &(year + 1).to_string())
}

#[test]
fn two_planted_pairs_are_found_and_nothing_else() {
    let clean = fs::read_to_string("examples/clean-2023.txt").unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Issuer 17 wrote its 2022 report in issuer 3's words; 31 its 2020 one in 25's.
    let planted = [(3, 17, 2022), (25, 31, 2020)];
    for i in 0..40 {
        for year in 2019..2024 {
            let words_of = planted
                .iter()
                .find(|p| p.1 == i && p.2 == year)
                .map_or(i, |p| p.0);
            let name = format!("{:02}-{year}.txt", i);
            fs::write(dir.path().join(name), report(&clean, i, year, words_of)).unwrap();
        }
    }
    let out = Command::cargo_bin("nianbao")
        .unwrap()
        .args(["check", "--across", "--select", "PEER", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 200);
    let mut found: Vec<(String, String)> = Vec::new();
    for f in files {
        for x in f["findings"].as_array().unwrap() {
            assert_eq!(x["rule"], "PEER-SHARED", "{x}");
            let name = |p: &str| p.rsplit('/').next().unwrap().to_string();
            found.push((
                name(f["path"].as_str().unwrap()),
                name(x["related"]["path"].as_str().unwrap()),
            ));
        }
    }
    found.sort();
    let expected: Vec<(String, String)> = [
        ("03-2022.txt", "17-2022.txt"),
        ("17-2022.txt", "03-2022.txt"),
        ("25-2020.txt", "31-2020.txt"),
        ("31-2020.txt", "25-2020.txt"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(found, expected);
}
