//! nianbao: checks Chinese government open-information annual reports (政府信息公开工作年度报告)
//! against the regulation and the national template.
//!
//! Stages, each depending only on the ones before it:
//! input (bytes → text) → text (view, spans, simplified shadow) → syntax (pest) → model
//! (document, profile) → rules (YAML kinds) → report (output formats).

// pest is built without its `std` feature (see Cargo.toml): its derived parsers name `alloc`.
extern crate alloc;

pub mod across;
pub mod audit;
pub mod baseline;
pub mod batch;
pub mod check;
pub mod compare;
pub mod config;
#[cfg(test)]
mod corpus_texts;
pub mod input;
pub mod isolate;
pub mod model;
pub mod outcome;
pub mod report;
pub mod rules;
pub mod serve;
pub mod suppress;
pub mod syntax;
pub mod template;
pub mod text;
