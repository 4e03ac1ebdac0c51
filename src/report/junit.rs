//! `--format junit`: JUnit XML, which CI systems (GitLab, Jenkins, Azure) show as test results:
//! one test suite per file, one failed test case per finding, one passing case for a clean file.

use super::FileReport;
use std::fmt::Write;

/// Text made safe for XML: escaped as for HTML, without the control characters XML 1.0 does
/// not allow.
fn xml(s: &str) -> String {
    let allowed: String = s
        .chars()
        .filter(|&c| c as u32 >= 0x20 || matches!(c, '\t' | '\n' | '\r'))
        .collect();
    super::html::esc(&allowed)
}

pub fn render(reports: &[FileReport]) -> String {
    let mut suites = String::new();
    let (mut tests, mut failures) = (0, 0);
    for r in reports {
        for report in std::iter::once(r).chain(&r.annexes) {
            let n = report.findings.len();
            let _ = writeln!(
                suites,
                "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{n}\">",
                xml(&report.path),
                n.max(1)
            );
            for f in &report.findings {
                let (line, col) = f.line_col.unwrap_or((1, 1));
                let _ = writeln!(
                    suites,
                    "    <testcase classname=\"{}\" name=\"{} 第{line}行第{col}列\" file=\"{}\" line=\"{line}\">\
                     <failure type=\"{}\" message=\"{}\">{}</failure></testcase>",
                    xml(&f.finding.rule),
                    xml(&f.finding.rule),
                    xml(&report.path),
                    f.finding.severity.as_str(),
                    xml(&f.message_with_origin()),
                    xml(f.finding.help.as_deref().unwrap_or(""))
                );
            }
            if n == 0 {
                let _ = writeln!(
                    suites,
                    "    <testcase classname=\"nianbao\" name=\"检查通过\" file=\"{}\"/>",
                    xml(&report.path)
                );
            }
            suites.push_str("  </testsuite>\n");
            tests += n.max(1);
            failures += n;
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"nianbao\" tests=\"{tests}\" failures=\"{failures}\">\n{suites}</testsuites>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_a_clean_file_passes() {
        let clean = FileReport {
            path: "a<b>.txt".into(),
            ..Default::default()
        };
        let out = render(&[clean]);
        assert!(out.contains("name=\"a&lt;b&gt;.txt\" tests=\"1\" failures=\"0\""));
        assert!(out.contains("检查通过"));
        assert!(out.starts_with("<?xml"));
    }
}
