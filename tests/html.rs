//! .html: a GBK page with navigation, a footer, scripts, entities and a table with rowspan and
//! colspan, built from the clean example; it must check exactly as the text does.

use nianbao::check::check_view;
use nianbao::check::read_document;
use nianbao::input::html;
use nianbao::rules::RuleSet;
use nianbao::template::map::map_tables;

/// The clean example as a web page: prose as <p>, each pipe table as <table>; in table 三 the
/// category labels become rowspan cells and the header colspan cells.
fn page(text: &str) -> String {
    let mut body = String::new();
    let mut in_table = false;
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with('|') {
            if !in_table {
                body.push_str("<table border=\"1\">");
                in_table = true;
            }
            let cells: Vec<&str> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            body.push_str("<tr>");
            for (j, c) in cells.iter().enumerate() {
                // Category labels span their sub-rows, as in the published tables.
                let span = if j == 0 && c.starts_with('（') && cells.len() == 9 {
                    lines[i + 1..]
                        .iter()
                        .take_while(|l| {
                            l.starts_with("| ")
                                && l.split('|').count() == 10
                                && !l.contains(". ")
                                && !l.starts_with("| （")
                        })
                        .count()
                        + 1
                } else {
                    1
                };
                let attr = if span > 1 {
                    format!(" rowspan=\"{span}\"")
                } else {
                    String::new()
                };
                body.push_str(&format!("<td{attr}>{}</td>", c.replace('&', "&amp;")));
            }
            body.push_str("</tr>");
            continue;
        }
        if in_table {
            body.push_str("</table>");
            in_table = false;
        }
        body.push_str(&format!(
            "<p>&nbsp;&nbsp;{}</p>\n",
            line.replace('&', "&amp;")
        ));
    }
    format!(
        r#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>示例县人民政府2023年政府信息公开工作年度报告_示例县人民政府网</title><script>var nav = "首页 > 信息公开";</script><style>p {{ margin: 0 }}</style></head>
<body><div class="nav-menu"><a href="/">首页</a><a href="/xxgk">信息公开</a><a href="/zwdt">政务动态</a></div>
<div class="breadcrumb">当前位置：首页 &gt; 信息公开 &gt; 年度报告</div>
<div id="content"><div class="article">{body}</div></div>
<div class="footer">主办单位：示例县人民政府办公室　ICP备12345678号</div></body></html>"#
    )
}

fn gbk(s: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(s).0.into_owned()
}

#[test]
fn gbk_page_reads_like_the_text() {
    let text = std::fs::read_to_string("examples/clean-2023.txt").unwrap();
    let view = html::load(&gbk(&page(&text))).unwrap();
    assert_eq!(view.encoding, "GBK");
    let t = view.text();
    assert!(
        t.starts_with("示例县人民政府2023年政府信息公开工作年度报告\n"),
        "{}",
        &t[..200]
    );
    for furniture in ["政务动态", "当前位置", "ICP备", "var nav"] {
        assert!(!t.contains(furniture), "{furniture} in {t}");
    }
    let doc = read_document(&view);
    let tables = map_tables(&doc, nianbao::model::Era::parse("2021").unwrap());
    assert_eq!(tables.t3.as_ref().unwrap().row_order.len(), 25);
    assert!(tables.t3.as_ref().unwrap().issues.is_empty());
    let rules = RuleSet::builtin().unwrap();
    let r = check_view(&view, "page.html", &rules, None);
    let found: Vec<String> = r
        .findings
        .iter()
        .map(|f| format!("{} {}", f.finding.rule, f.finding.message))
        .collect();
    assert!(found.is_empty(), "{found:#?}");

    // A planted error is found, and the finding says where it is on the page.
    let wrong = text.replace("| （七）总计 | 40 | 3 |", "| （七）总计 | 41 | 3 |");
    let view = html::load(&gbk(&page(&wrong))).unwrap();
    let r = check_view(&view, "page.html", &rules, None);
    let f = r
        .findings
        .iter()
        .find(|f| f.finding.rule == "ARI-T3-BALANCE")
        .expect("balance error found");
    assert!(
        f.origin.as_deref().unwrap_or("").starts_with("表格2"),
        "{:?}",
        f.origin
    );
}

#[test]
fn rowspan_and_colspan_fill_the_grid() {
    let page = r#"<html><body><p>报告</p><table>
      <tr><td colspan="3" rowspan="2">（本列数据的勾稽关系为）</td><td colspan="2">申请人情况</td></tr>
      <tr><td>自然人</td><td>总计</td></tr>
      <tr><td rowspan="2">（三）不予公开</td><td colspan="2">1.属于国家秘密</td><td>3</td><td>3</td></tr>
      <tr><td colspan="2">2.其他法律行政法规禁止公开</td><td>0</td><td>0</td></tr>
    </table></body></html>"#;
    let view = html::load(page.as_bytes()).unwrap();
    assert_eq!(
        view.text(),
        "报告\n| （本列数据的勾稽关系为） | 申请人情况 |\n|  | 自然人 | 总计 |\n| （三）不予公开 | 1.属于国家秘密 | 3 | 3 |\n|  | 2.其他法律行政法规禁止公开 | 0 | 0 |\n"
    );
    // The page's grid reaches the model with its spans, through the repair of the text.
    let doc = read_document(&view);
    let rows = &doc.tables[0].rows;
    let span = |r: usize, c: usize| {
        let x = &rows[r].cells[c];
        (x.rowspan, x.colspan, x.covered)
    };
    assert_eq!(span(0, 0), (2, 3, false));
    assert_eq!(span(1, 0), (1, 3, true));
    assert_eq!(span(2, 0), (2, 1, false));
    assert_eq!(span(2, 1), (1, 2, false));
    assert_eq!(span(3, 0), (1, 1, true));
    let t = view.text();
    let c = &rows[3].cells[1];
    assert_eq!(&t[c.span.start..c.span.end], "2.其他法律行政法规禁止公开");
}

#[test]
fn a_web_page_saved_as_txt_reads_as_the_page_does() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("page.txt");
    std::fs::copy("examples/clean-2023.html", &txt).unwrap();
    let as_txt = nianbao::input::load(&txt).unwrap();
    let as_html = nianbao::input::load(std::path::Path::new("examples/clean-2023.html")).unwrap();
    assert_eq!(as_txt.text(), as_html.text());
    let rules = nianbao::rules::RuleSet::builtin().unwrap();
    let report = nianbao::check::check_view(&as_txt, "page.txt", &rules, None);
    assert!(report.findings.is_empty(), "{:?}", report.findings);
}
