//! The real reports in ../shared/corpus, checked line by line against the report and the
//! template; each expectation below is a defect verified by reading the report (see the
//! comments), and nothing else may be reported.
mod common;

use nianbao::check::check_file;
use nianbao::rules::RuleSet;
use std::path::Path;

const CORPUS: &str = "../shared/corpus";

struct Got {
    profile: String,
    year: Option<i32>,
    /// (rule, line or 0 for the whole document, message)
    findings: Vec<(String, usize, String)>,
}

fn check(rel: &str) -> Got {
    let rules = RuleSet::builtin().unwrap();
    let path = Path::new(CORPUS).join(rel);
    assert!(path.exists(), "corpus file missing: {}", path.display());
    let (r, _) = check_file(&path, rel, &rules, None);
    let p = r.profile.expect("readable");
    Got {
        profile: p.era.as_str().to_string(),
        year: p.year,
        findings: r
            .findings
            .iter()
            .map(|f| {
                (
                    f.finding.rule.clone(),
                    f.line_col.map(|l| l.0).unwrap_or(0),
                    f.finding.message.clone(),
                )
            })
            .collect(),
    }
}

fn assert_exactly(got: &Got, expected: &[(&str, usize, &str)]) {
    let mut missing = Vec::new();
    let mut left: Vec<&(String, usize, String)> = got.findings.iter().collect();
    for (rule, line, needle) in expected {
        match left
            .iter()
            .position(|(r, l, m)| r == rule && l == line && m.contains(needle))
        {
            Some(i) => {
                left.remove(i);
            }
            None => missing.push(format!("{rule} line {line} «{needle}»")),
        }
    }
    assert!(
        missing.is_empty() && left.is_empty(),
        "missing: {missing:#?}\nunexpected: {left:#?}"
    );
    let leaked = regex::Regex::new(r"\{[a-z_]+\}").unwrap();
    for (_, _, m) in &got.findings {
        assert!(
            !leaked.is_match(m) || m.contains("{ganrao}"),
            "unfilled template in «{m}»"
        );
    }
}

#[test]
fn dalian_2017_nbsp_and_chrome() {
    if !common::corpus_present() {
        return;
    }
    let g = check("seeds/000_5df7620ebf30b927.txt");
    assert_eq!((g.profile.as_str(), g.year), ("2008", Some(2017)));
    assert_exactly(
        &g,
        &[
            // No 统计表 attached or named anywhere.
            ("E08-APPENDIX", 0, "未附统计表"),
            ("GOV-PERIOD-STMT", 0, "2017年1月1日"),
            // Art. 32(6) is not addressed; info only.
            ("STR-SECTIONS-2008", 0, "其他需要报告的事项"),
            // "(二)信息公开工作" follows "一、…" with no (一).
            ("STR-NUMBERING", 13, "缺少“（一）”"),
            // 信息公开网发布154条 (line 17) and 254条 (line 55).
            ("FIG-METRIC-CONFLICT", 55, "254条，前文第17行为154条"),
            // 一、 then 三、: 二、 is missing.
            ("STR-NUMBERING", 119, "“三、”前缺少“二、”"),
        ],
    );
}

#[test]
fn songshan_2017_traditional_mojibake_footer() {
    if !common::corpus_present() {
        return;
    }
    let g = check("seeds/001_e2ff042a052fb6c2.txt");
    assert_eq!((g.profile.as_str(), g.year), ("2008", Some(2017)));
    assert_exactly(
        &g,
        &[
            ("E08-APPENDIX", 0, ""),
            ("GOV-PERIOD-STMT", 0, ""),
            // Only 行政事业性收费 is mentioned, not disclosure fees; 复议/诉讼 never appear.
            ("STR-SECTIONS-2008", 0, "收费及减免"),
            ("STR-SECTIONS-2008", 0, "行政复议"),
            ("STR-SECTIONS-2008", 0, "其他需要报告的事项"),
            // 一、總體情況 is followed by 一、加強領導 at the same level.
            ("STR-NUMBERING", 11, "“一、”重复"),
            ("TXT-MOJIBAKE", 17, "?;さ"),
            ("TXT-HTML-RESIDUE", 17, "?span>"),
            // "(三)開展政務公開日活動" is run into the paragraph of (二).
            ("STR-NUMBERING", 23, "(三)"),
            ("GOV-DATE-INVALID", 23, "于55日"),
            // 二、存在問題 after 三、.
            ("STR-NUMBERING", 27, "“二、”重复"),
            ("TXT-EMAIL-RESIDUE", 45, "protected]"),
            ("TXT-MOJIBAKE", 45, "??"),
            ("TXT-HTML-RESIDUE", 45, "/span>"),
            ("TXT-PLACEHOLDER", 48, "{ganrao}"),
        ],
    );
}

#[test]
fn guian_2016_annex_named() {
    if !common::corpus_present() {
        return;
    }
    let g = check("seeds/002_d52c3c5ef9b48e12.txt");
    assert_eq!((g.profile.as_str(), g.year), ("2008", Some(2016)));
    assert_exactly(
        &g,
        &[
            ("STR-SECTIONS-2008", 0, "其他需要报告的事项"),
            ("TXT-REPEAT", 21, "积极积极"),
            // "(五)社会信用信息公开情况。社会信用信息公开情况。"
            ("TXT-REPEAT", 25, "社会信用信息公开情况"),
            ("TXT-PHONE", 63, "0851-889001256"),
            // The annex was a link on the web page; it is not beside the saved text.
            (
                "E08-APPENDIX",
                71,
                "报告写明附件“政府信息公开情况统计表(贵安).xls”",
            ),
        ],
    );
}

#[test]
fn wendeng_2016_declared_parts() {
    if !common::corpus_present() {
        return;
    }
    let g = check("seeds/003_860089b39a16652d.txt");
    assert_eq!((g.profile.as_str(), g.year), ("2008", Some(2016)));
    assert_exactly(
        &g,
        &[
            // Preface: "等十一部分组成"; the body has 十二 top-level sections.
            ("STR-DECLARED-PARTS", 8, "前言称共十一部分，正文却有十二个一级标题（未在前言列出：十二、需要说明的事项与附表）"),
            ("E08-APPENDIX", 4, "政务服务中心2016年政府信息公开工作情况统计表.rtf"),
            ("TXT-URL", 84, "http:/www.wendeng.gov.cn"),
            ("GOV-DATE-INVALID", 86, "一七年一月八日"),
        ],
    );
}

#[test]
fn tiedong_2017_no_title() {
    if !common::corpus_present() {
        return;
    }
    let g = check("seeds/004_03d8b3d49866cbbf.txt");
    assert_eq!((g.profile.as_str(), g.year), ("2008", Some(2017)));
    assert_exactly(
        &g,
        &[
            ("E08-APPENDIX", 0, ""),
            // 减免税额 is about taxes, not disclosure fees.
            ("STR-SECTIONS-2008", 0, "收费及减免"),
            ("STR-SECTIONS-2008", 0, "其他需要报告的事项"),
            ("GOV-TITLE", 1, "缺少标题行"),
            ("TXT-REPEAT", 24, "结果公开246件"),
            (
                "STR-DECLARED-PARTS",
                27,
                "“政务舆论处置回应情况”，正文标题却是“七、政务舆情处置回应情况”",
            ),
        ],
    );
}

#[test]
fn shanghai_2019_tables_and_prose() {
    if !common::corpus_present() {
        return;
    }
    let g = check("real/shanghai-office-2019.txt");
    assert_eq!((g.profile.as_str(), g.year), ("2019", Some(2019)));
    assert_exactly(
        &g,
        &[
            // Table 三 gives （一） 258+12+1+1 = 272 and （二） 3 (总计 column blank, so summed).
            ("TXT-NUM-MATCH", 14, "予以公开及部分公开258件”与“收到和处理政府信息公开申请情况”表中（一）各列合计+（二）各列合计（275）"),
            // （四） is 252+12+1+44+3+25 = 337; the text counts only 不掌握 (265).
            ("TXT-NUM-MATCH", 14, "无法提供265件”与“收到和处理政府信息公开申请情况”表中（四）各列合计（337）"),
            // Table 四: 2 复议 and 1 诉讼 尚未审结.
            ("TXT-OUTCOME-CLAIM", 14, "复议尚未审结2、直接起诉尚未审结1"),
            // The 总计 column and empty applicant columns are left blank: once per table.
            ("ARI-CELLS", 50, "有126个空白单元格"),
            ("ARI-CELLS", 77, "有9个空白单元格"),
        ],
    );
}

#[test]
fn shanghai_2019_prose_numbers_are_really_compared() {
    if !common::corpus_present() {
        return;
    }
    // The counts the checker finds consistent (859, 805, 18, 72, 35, 158, 7, 9, 13, 60) are
    // compared, not skipped: change any one and it is reported.
    let text =
        std::fs::read_to_string(Path::new(CORPUS).join("real/shanghai-office-2019.txt")).unwrap();
    let rules = RuleSet::builtin().unwrap();
    for (from, to) in [
        ("受理政府信息公开申请859件", "受理政府信息公开申请858件"),
        ("答复政府信息公开申请805件", "答复政府信息公开申请806件"),
        ("结转申请18件", "结转申请19件"),
        ("另有72件申请", "另有71件申请"),
        ("不予公开35件", "不予公开36件"),
        ("不予处理158件", "不予处理157件"),
        ("行政复议7件", "行政复议6件"),
        ("诉讼9件", "诉讼8件"),
        ("主动公开规章13件", "主动公开规章14件"),
        ("行政规范性文件60件", "行政规范性文件61件"),
    ] {
        assert!(text.contains(from), "{from}");
        let changed = text.replacen(from, to, 1);
        let view = nianbao::text::TextView::new(&changed, "UTF-8");
        let r = nianbao::check::check_view(&view, "x", &rules, None);
        let hits = r
            .findings
            .iter()
            .filter(|f| f.finding.rule == "TXT-NUM-MATCH")
            .count();
        assert_eq!(hits, 3, "changing {from} to {to}");
    }
}

#[test]
fn shuyang_2025_markdown_with_tables_cut_per_row_group() {
    if !common::corpus_present() {
        return;
    }
    let g = check("real/shuyang-county-2025.txt");
    assert_eq!((g.profile.as_str(), g.year), ("2021", Some(2025)));
    assert_exactly(
        &g,
        &[
            // A county government: the text reports 考核 (健全考核激励体系) but no social
            // evaluation and no accountability results (评议, 追责 appear nowhere).
            ("TXT-GOV-EXTRA", 0, "社会评议"),
            ("TXT-GOV-EXTRA", 0, "责任追究"),
        ],
    );
}

#[test]
fn stcsm_2024_wrapped_markdown_with_tables_in_fragments() {
    if !common::corpus_present() {
        return;
    }
    let g = check("real/shanghai-stcsm-2024.md");
    assert_eq!((g.profile.as_str(), g.year), ("2021", Some(2024)));
    assert_exactly(
        &g,
        &[
            // The preface declares six parts; the body numbers ten top-level headings: the
            // parts of 总体情况 are numbered 二、…六、 as if they were parts of the report.
            (
                "STR-DECLARED-PARTS",
                6,
                "前言称共六部分，正文却有十个一级标题",
            ),
            // "2023 年上海市科技计划资金资金分配结果信息".
            ("TXT-REPEAT", 34, "资金资金"),
            // Table 二 of the 2021 format calls the row 行政规范性文件; 规范性文件 is the 2019
            // format's wording.
            ("TAB-LABEL-TYPO", 89, "“规范性文件”应为“行政规范性文件”"),
            // The tables' parts restart at 一、 after 六、, and 五、 follows 三、.
            ("STR-NUMBERING", 73, "编号“一、”重复"),
            ("STR-SECTIONS-6", 73, "应为第二部分，此处编号为一"),
            ("STR-SECTIONS-6", 91, "应为第三部分，此处编号为二"),
            ("STR-SECTIONS-6", 180, "应为第四部分，此处编号为三"),
            // 存在的主要问题及改进情况 has no heading of its own: only （一）主要问题 and
            // （二）改进情况 stand where it belongs (a warning: the content is there).
            (
                "STR-SECTIONS-6",
                192,
                "第五部分“存在的主要问题及改进情况”没有一级标题",
            ),
            ("STR-NUMBERING", 205, "编号“五、”前缺少“四、”"),
            ("STR-SECTIONS-6", 205, "应为第六部分，此处编号为五"),
            // The row 四、结转下年度继续办理 leaves its 总计 cell empty (| 1 | 0 | … | 0 |  |).
            ("ARI-CELLS", 178, "1个空白单元格（四/总计）"),
        ],
    );
}
