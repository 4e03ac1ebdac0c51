//! A program that embeds the checker, using only the crate's API (no `internals`):
//! `cargo run -p nianbao-core --example embed -- examples/clean-2023.txt`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("用法：embed 报告.txt");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let rules = nianbao_core::RuleSet::builtin().expect("the built-in rules load");
    let report = nianbao_core::check_text(&path, &text, &rules);
    for f in &report.findings {
        let (line, col) = f.line_col.unwrap_or((0, 0));
        println!(
            "{}:{line}:{col}: {} [{}] {}",
            report.path,
            f.finding.severity.label_zh(),
            f.finding.rule,
            f.finding.message
        );
    }
    if report.worst() >= Some(nianbao_core::Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
