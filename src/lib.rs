//! nianbao: checks Chinese government open-information annual reports (政府信息公开工作年度报告)
//! against the regulation and the national template. This crate is the command line: batches,
//! worker processes, configuration, comparisons, the page, and one reporter per output format.
//!
//! Three crates along the real seams:
//! `nianbao-input` (bytes → text view; the format readers and their heavy dependencies) →
//! `nianbao-core` (text → syntax → model → template → across → rules → outcome → check; no I/O)
//! → `nianbao` (this crate). Their stage modules are re-exported here under the names the
//! command line and its tests use.

pub use nianbao_core::{across, model, outcome, rules, suppress, syntax, template, text};
pub use nianbao_core::{check_text, Finding, Report, RuleSet, Severity};
// `check_path` (below) is the file-reading counterpart of `check_text`.
pub use nianbao_input as input;

pub mod audit;
pub mod baseline;
pub mod batch;
pub mod check;
pub mod compare;
pub mod config;
pub mod isolate;
pub mod report;
pub mod rule_files;
pub mod serve;

/// Checks one file on disk, in any format nianbao reads, with `rules`: what `nianbao check`
/// does for one file, without configuration, batches or outputs. A file that cannot be read
/// gives a report with one `IO-UNREADABLE` finding that says why.
pub fn check_path(path: &std::path::Path, rules: &RuleSet) -> Report {
    check::check_file(path, &path.display().to_string(), rules, None).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_path_reads_any_format_and_names_an_unreadable_file() {
        let rules = RuleSet::builtin().unwrap();
        let clean = check_path(std::path::Path::new("examples/clean-2023.html"), &rules);
        assert_eq!(clean.worst(), None, "{:?}", clean.findings);
        assert!(clean.read_in_full());
        let missing = check_path(std::path::Path::new("examples/no-such-report.docx"), &rules);
        assert_eq!(missing.findings.len(), 1);
        assert_eq!(missing.findings[0].finding.rule, rules::UNREADABLE);
        assert_eq!(missing.path, "examples/no-such-report.docx");
    }
}
