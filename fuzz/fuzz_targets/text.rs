//! Any bytes as a plain-text report: decoding, the grammars and every rule must not panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static RULES: OnceLock<nianbao::rules::RuleSet> = OnceLock::new();
    let rules = RULES.get_or_init(|| nianbao::rules::RuleSet::builtin().unwrap());
    if let Ok(view) = nianbao::input::plain_text(data, nianbao::input::Markup::Sniff) {
        let _ = nianbao::check::check_view(&view, "fuzz", rules, None);
    }
});
