//! Every rule's YAML examples: valid ones give no finding of that rule, invalid ones at least one.

use nianbao::check::read_document;
use nianbao::model::profile;
use nianbao::rules::{run_rules, RuleSet};
use nianbao::text::TextView;

#[test]
fn every_rule_example_behaves_as_documented() {
    let set = RuleSet::builtin().expect("built-in rules load");
    let mut failures = Vec::new();
    let mut ran = 0;
    for rule in &set.rules {
        let spec = &rule.spec;
        // Findings about reading the file itself: no text example can show them (the hostile
        // suite does).
        if matches!(spec.check.kind_name(), "input" | "reader_notice") {
            continue;
        }
        assert!(
            !spec.examples.invalid.is_empty(),
            "{} has no invalid example",
            spec.id
        );
        let eras = spec.eras.clone().expect("rule has eras");
        for (valid, examples) in [
            (true, &spec.examples.valid),
            (false, &spec.examples.invalid),
        ] {
            for ex in examples {
                let view = TextView::from_text(ex);
                let doc = read_document(&view);
                // The example's own year decides its era when the rule applies to that era.
                let auto = profile::detect(&doc, None);
                let prof = if eras.contains(&auto.era) {
                    auto
                } else {
                    profile::detect(&doc, Some(eras[0]))
                };
                let found = run_rules(&doc, &prof, std::iter::once(rule));
                ran += 1;
                if valid && !found.is_empty() {
                    failures.push(format!(
                        "{}: valid example flagged ({}):\n{ex}",
                        spec.id, found[0].message
                    ));
                }
                if !valid && found.is_empty() {
                    failures.push(format!("{}: invalid example not flagged:\n{ex}", spec.id));
                }
            }
        }
    }
    assert!(ran > 40, "only {ran} examples ran");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_rule_has_docs() {
    let set = RuleSet::builtin().unwrap();
    for r in &set.rules {
        let s = &r.spec;
        assert!(
            !s.summary.trim().is_empty() && !s.help.trim().is_empty() && !s.basis.trim().is_empty(),
            "{}",
            s.id
        );
        assert!(
            s.id.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'),
            "{}",
            s.id
        );
    }
    let mut ids: Vec<&str> = set.rules.iter().map(|r| r.spec.id.as_str()).collect();
    ids.sort();
    let n = ids.len();
    ids.dedup();
    assert_eq!(n, ids.len(), "duplicate rule ids");
}

#[test]
fn every_rule_file_is_embedded() {
    let mut on_disk: Vec<String> = std::fs::read_dir("rules")
        .unwrap()
        .map(|e| format!("rules/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|n| n.ends_with(".yaml") && !n.contains("template"))
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = nianbao::rules::BUILTIN
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    embedded.sort();
    assert_eq!(on_disk, embedded);
}
