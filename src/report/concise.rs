//! One line per finding: `path:line:col: severity[rule] message`.

use super::FileReport;
use std::fmt::Write;

pub fn render(report: &FileReport) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let (line, col) = f.line_col.unwrap_or((1, 1));
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            report.path,
            line,
            col,
            f.finding.severity.as_str(),
            f.finding.rule,
            f.message_with_origin()
        );
    }
    out
}
