//! Every rule's YAML examples: valid ones give no finding of that rule, invalid ones at least one.

use nianbao::rules::examples;
use nianbao::rules::RuleSet;

#[test]
fn every_rule_example_behaves_as_documented_and_as_its_snapshot_says() {
    let set = RuleSet::builtin().expect("built-in rules load");
    let outcome = examples::run(&set, &[]);
    assert!(
        outcome.examples > 90,
        "only {} examples ran",
        outcome.examples
    );
    assert!(
        outcome.failures.is_empty(),
        "{}",
        outcome.failures.join("\n\n")
    );
    // What each invalid example is told, word for word: a rule whose message or place changed
    // shows here (update with `nianbao test -U` when the change is meant).
    for (file, now) in &outcome.snapshots {
        let path = examples::snapshot_path(file);
        let kept = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{} missing: run nianbao test -U", path.display()));
        let diff = examples::differences(&kept, now);
        assert!(diff.is_empty(), "{file}:\n{}", diff.join("\n"));
    }
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
        // Data the rules refer to, not rules: the template and the eras.
        .filter(|n| {
            n.ends_with(".yaml")
                && !["rules/template-tables.yaml", "rules/eras.yaml"].contains(&n.as_str())
        })
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = nianbao::rules::BUILTIN
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    embedded.sort();
    assert_eq!(on_disk, embedded);
}

/// docs/rules.md is written from the rules (`nianbao rules --markdown > docs/rules.md`): a rule
/// changed without the page fails here.
#[test]
fn the_rules_page_is_current() {
    let set = RuleSet::builtin().unwrap();
    let page = std::fs::read_to_string("docs/rules.md").expect("docs/rules.md");
    assert!(
        page == nianbao::rules::docs::markdown(&set),
        "docs/rules.md is stale: run nianbao rules --markdown > docs/rules.md"
    );
    for r in &set.rules {
        assert!(
            page.contains(&format!("\n## {}\n", r.spec.id)),
            "{}",
            r.spec.id
        );
    }
}
