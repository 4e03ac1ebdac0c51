//! nianbao-core: checks the text of a Chinese government open-information annual report
//! (政府信息公开工作年度报告) against the regulation and the national template. No file or
//! network I/O: it takes text and gives findings, so a web page or WebAssembly can use it.
//! Reading files (.docx, .pdf, .html, workbooks) is `nianbao-input`; the command line and the
//! output formats are `nianbao`.
//!
//! Stages, each depending only on the ones before it (held by `tests/layers.rs` in the
//! workspace root):
//! text (view, spans, simplified shadow) → syntax (quantity grammar) → model (document
//! grammar, document, profile, eras) → template (the national tables, assembled and mapped) →
//! across (what comparisons need of a report) → rules (YAML kinds) → outcome (findings with
//! places) → suppress → check.
//!
//! The API for a program that embeds the checker is the few names at the top of this crate
//! (`check_text`, `Report`, `RuleSet`, `Finding`, `Severity`). The stage modules are private;
//! the `nianbao` crates, which build on them, turn on the `internals` feature.

// Without `internals` much of what the stages make public is used by nothing here.
#![cfg_attr(not(feature = "internals"), allow(dead_code, unused_imports))]

// pest is built without its `std` feature (see Cargo.toml): its derived parsers name `alloc`.
extern crate alloc;

// The stage modules are public only to the `nianbao` crates (feature `internals`); to a
// program that embeds the checker they are private, and the API is the names below.
macro_rules! stages {
    ($($name:ident),*) => {$(
        #[cfg(feature = "internals")]
        #[doc(hidden)]
        pub mod $name;
        #[cfg(not(feature = "internals"))]
        mod $name;
    )*};
}
stages!(across, check, model, outcome, rules, suppress, syntax, template, text);

#[cfg(test)]
mod corpus_texts;

pub use outcome::FileReport as Report;
pub use rules::finding::{Finding, Severity};
pub use rules::RuleSet;

/// Checks the text of one report (plain text or markdown, already decoded) with `rules`
/// (`RuleSet::builtin()` for the built-in ones). `name` is how the report is named in its
/// findings. The era is found from the report.
pub fn check_text(name: &str, text: &str, rules: &RuleSet) -> Report {
    let markdown = text::markdown::looks_like_markdown(text);
    let view = text::TextView::read_plain(text, "UTF-8", markdown);
    check::check_view(&view, name, rules, None)
}

#[cfg(test)]
mod tests {
    #[test]
    fn check_text_reports_a_broken_table_and_is_quiet_on_a_clean_report() {
        let rules = super::RuleSet::builtin().unwrap();
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/");
        let clean = std::fs::read_to_string(format!("{root}clean-2023.txt")).unwrap();
        let report = super::check_text("clean-2023.txt", &clean, &rules);
        assert_eq!(report.path, "clean-2023.txt");
        assert_eq!(report.worst(), None, "{:?}", report.findings);
        let broken = clean.replacen(
            "| 一、本年新收政府信息公开申请数量 | 40 |",
            "| 一、本年新收政府信息公开申请数量 | 41 |",
            1,
        );
        assert_ne!(broken, clean, "the example's table 三 row was not found");
        let report = super::check_text("broken.txt", &broken, &rules);
        assert!(report
            .findings
            .iter()
            .any(|f| f.finding.rule.starts_with("ARI-T3")));
    }
}
