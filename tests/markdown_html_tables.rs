//! Markdown whose tables are HTML, as PDF-to-markdown converters write them: each table one
//! line of `<table>` markup with the template's merged cells as rowspan and colspan. The
//! report must read as its pipe-table original does, and a finding in a cell must point at
//! that cell's figure in the markdown file.

use nianbao::check::check_view;
use nianbao::rules::RuleSet;
use nianbao::text::TextView;

/// Table 三's header as the template draws it: the note over two columns and three rows, the
/// applicant columns under 申请人情况.
const T3_HEADER: &str = "<tr><td colspan=\"2\" rowspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan=\"7\">申请人情况</td></tr>\
<tr><td rowspan=\"2\">自然人</td><td colspan=\"5\">法人或其他组织</td><td rowspan=\"2\">总计</td></tr>\
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>";

fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

fn td(text: &str, rowspan: usize, colspan: usize) -> String {
    let mut attrs = String::new();
    if rowspan > 1 {
        attrs.push_str(&format!(" rowspan=\"{rowspan}\""));
    }
    if colspan > 1 {
        attrs.push_str(&format!(" colspan=\"{colspan}\""));
    }
    format!("<td{attrs}>{text}</td>")
}

/// The report with each table as one line of HTML; table 三's data rows with the merges of
/// the template (a category over its numbered rows, 三、本年度办理结果 over all its rows).
fn as_converter_writes_it(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].starts_with('|') {
            out.push_str(lines[i]);
            out.push('\n');
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && lines[i].starts_with('|') {
            i += 1;
        }
        let rows: Vec<Vec<String>> = lines[start..i].iter().map(|l| cells(l)).collect();
        let is_t3 = rows.iter().any(|r| r[0].starts_with("一、本年新收"));
        let mut html = String::from("<table>");
        let mut k = 0;
        if is_t3 {
            html.push_str(T3_HEADER);
            k = 3;
        }
        while k < rows.len() {
            let r = &rows[k];
            html.push_str("<tr>");
            let mut cs = r.as_slice();
            if is_t3 && cs[0] == "三、本年度办理结果" {
                let span = rows[k..]
                    .iter()
                    .position(|r| r[0].starts_with("（七）"))
                    .map_or(1, |p| p + 1);
                html.push_str(&td(&cs[0], span, 1));
                cs = &cs[1..];
            }
            let numbered = |r: &Vec<String>| r[0].starts_with(|c: char| c.is_ascii_digit());
            if is_t3 && cs.len() == 9 {
                // A category with its first numbered row beside it.
                let below = rows[k + 1..].iter().take_while(|r| numbered(r)).count();
                html.push_str(&td(&cs[0], below + 1, 1));
                cs = &cs[1..];
            }
            let label_cols = if is_t3 && cs.len() == 8 && !numbered(r) {
                2
            } else {
                1
            };
            html.push_str(&td(&cs[0], 1, label_cols));
            for c in &cs[1..] {
                html.push_str(&td(c, 1, 1));
            }
            html.push_str("</tr>");
            k += 1;
        }
        html.push_str("</table>\n");
        out.push_str(&html);
    }
    out
}

fn findings(view: &TextView) -> Vec<(String, String)> {
    let rules = RuleSet::builtin().unwrap();
    check_view(view, "x", &rules, None)
        .findings
        .iter()
        .map(|f| (f.finding.rule.clone(), f.finding.message.clone()))
        .collect()
}

fn markdown(text: &str) -> TextView {
    TextView::read_plain(text, "UTF-8", true)
}

#[test]
fn a_report_with_html_tables_reads_as_its_pipe_tables_do() {
    let clean = std::fs::read_to_string("examples/clean-2023.txt").unwrap();
    let md = as_converter_writes_it(&clean);
    assert!(md.contains("rowspan=\"8\""), "the merges were written");
    assert!(!md.contains("\n|"), "no pipe row is left");
    assert_eq!(findings(&markdown(&md)), vec![]);
}

#[test]
fn a_wrong_figure_in_an_html_cell_is_found_where_it_is_written() {
    let clean = std::fs::read_to_string("examples/clean-2023.txt").unwrap();
    let row = "| 一、本年新收政府信息公开申请数量 | 40 | 3 | 0 | 0 | 2 | 0 | 45 |";
    assert!(clean.contains(row));
    let wrong = clean.replace(row, &row.replace("| 45 |", "| 46 |"));
    let expected = findings(&TextView::read_plain(&wrong, "UTF-8", false));
    assert!(!expected.is_empty(), "the planted defect is a finding");
    let md = as_converter_writes_it(&wrong);
    let view = markdown(&md);
    assert_eq!(findings(&view), expected);
    let rules = RuleSet::builtin().unwrap();
    let report = check_view(&view, "x", &rules, None);
    let at = report
        .findings
        .iter()
        .filter(|f| f.finding.rule.starts_with("ARI-"))
        .find_map(|f| f.finding.span)
        .expect("the identity's finding has a place");
    // Places in findings are the file's.
    assert_eq!(&md[at.start..at.end], "46");
    assert!(md[..at.start].ends_with("<td>"));
}
