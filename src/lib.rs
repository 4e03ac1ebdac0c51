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
