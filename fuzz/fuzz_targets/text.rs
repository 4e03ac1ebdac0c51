//! Any bytes as a plain-text report: decoding, reflow, the grammars, table assembly and every
//! rule must not panic. The rules run without `check_view`'s guard, so a panic is seen here.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static RULES: OnceLock<nianbao::rules::RuleSet> = OnceLock::new();
    let rules = RULES.get_or_init(|| nianbao::rules::RuleSet::builtin().unwrap());
    let markup = if data.first().is_some_and(|b| b & 1 == 1) {
        nianbao::input::Markup::Markdown
    } else {
        nianbao::input::Markup::Sniff
    };
    if let Ok(view) = nianbao::input::plain_text(data, markup) {
        let doc = nianbao::check::read_document(&view);
        let _ = nianbao::rules::check_document(&doc, rules, None);
    }
});
