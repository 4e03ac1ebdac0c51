//! The layering holds: within nianbao-core no module uses one of a later stage, the core does
//! no file, network or process I/O outside its tests, and the heavy format libraries are not in
//! its dependency closure (Cargo.lock, build dependencies included).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// nianbao-core's stages, lowest first (crates/nianbao-core/src/lib.rs says why).
const CORE_STAGES: &[&str] = &[
    "text", "syntax", "model", "template", "across", "rules", "outcome", "suppress", "check",
];

/// Libraries that read formats or talk to the world: nianbao-input and nianbao have them.
const NOT_IN_CORE: &[&str] = &[
    "zip",
    "unpdf",
    "scraper",
    "calamine",
    "quick-xml",
    "chardetng",
    "tokio",
    "axum",
    "clap",
    "ignore",
    "rust_xlsxwriter",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its test module (`#[cfg(test)] mod tests { … }` closes a file
/// here) and without comments.
fn code_outside_tests(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim();
        if t == "#[cfg(test)]" {
            match lines.peek().map(|l| l.trim()) {
                // A test-only module in its own file: `#[cfg(test)] mod corpus_texts;`.
                Some(next) if next.ends_with(';') => {
                    lines.next();
                    continue;
                }
                _ => break,
            }
        }
        if !t.starts_with("//") {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn core_files() -> Vec<(String, String)> {
    let src = Path::new("crates/nianbao-core/src");
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    files
        .into_iter()
        .filter(|p| !p.ends_with("corpus_texts.rs"))
        .map(|p| {
            let rel = p
                .strip_prefix(src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

fn stage_of(rel: &str) -> Option<usize> {
    let first = rel.split('/').next()?.trim_end_matches(".rs");
    CORE_STAGES.iter().position(|s| *s == first)
}

#[test]
fn no_core_module_uses_a_later_stage() {
    let used = regex::Regex::new(r"crate::([a-z_]+)").unwrap();
    let mut wrong = Vec::new();
    let mut seen = 0;
    for (rel, text) in core_files() {
        if rel == "lib.rs" {
            continue;
        }
        let own = stage_of(&rel).unwrap_or_else(|| panic!("{rel}: not in CORE_STAGES"));
        // Test modules may use later stages to build their inputs; the code may not.
        for (n, line) in code_outside_tests(&text).lines().enumerate() {
            for c in used.captures_iter(line) {
                seen += 1;
                let Some(target) = CORE_STAGES.iter().position(|s| *s == &c[1]) else {
                    wrong.push(format!("{rel}: crate::{} is not a stage", &c[1]));
                    continue;
                };
                if target > own {
                    wrong.push(format!(
                        "{rel}:{}: {} uses {}, a later stage",
                        n + 1,
                        CORE_STAGES[own],
                        CORE_STAGES[target]
                    ));
                }
            }
        }
    }
    assert!(
        seen > 100,
        "only {seen} crate:: paths read: the scan is broken"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_layer_scan_catches_a_back_arrow() {
    let code = "use crate::rules::RuleSet;\n#[cfg(test)]\nmod tests { use crate::check; }\n";
    let kept = code_outside_tests(code);
    assert!(kept.contains("crate::rules"));
    assert!(!kept.contains("crate::check"));
    assert!(stage_of("text/view.rs") < stage_of("rules/kinds/annex.rs"));
}

#[test]
fn the_core_does_no_io_outside_its_tests() {
    let io = regex::Regex::new(r"std::(fs|net|process|env)\b|File::open|TcpStream").unwrap();
    let mut found = Vec::new();
    for (rel, text) in core_files() {
        for (n, line) in code_outside_tests(&text).lines().enumerate() {
            if let Some(m) = io.find(line) {
                found.push(format!("{rel}:{}: {}", n + 1, m.as_str()));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// Packages of Cargo.lock with the names of their dependencies.
fn lock_graph() -> BTreeMap<String, Vec<String>> {
    let lock = std::fs::read_to_string("Cargo.lock").unwrap();
    let mut graph = BTreeMap::new();
    for block in lock.split("[[package]]").skip(1) {
        let name = block
            .lines()
            .find_map(|l| l.strip_prefix("name = "))
            .unwrap()
            .trim_matches('"')
            .to_string();
        let deps = match block.split_once("dependencies = [") {
            Some((_, rest)) => rest
                .split(']')
                .next()
                .unwrap()
                .split(',')
                .map(|d| d.trim().trim_matches('"'))
                .filter(|d| !d.is_empty())
                // "name version" when two versions of a package are in the lock.
                .map(|d| d.split(' ').next().unwrap().to_string())
                .collect(),
            None => Vec::new(),
        };
        graph.entry(name).or_insert_with(Vec::new).extend(deps);
    }
    graph
}

fn closure(graph: &BTreeMap<String, Vec<String>>, root: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![root.to_string()];
    while let Some(p) = todo.pop() {
        if seen.insert(p.clone()) {
            todo.extend(graph.get(&p).into_iter().flatten().cloned());
        }
    }
    seen
}

#[test]
fn the_format_libraries_are_not_in_the_core() {
    let graph = lock_graph();
    let core = closure(&graph, "nianbao-core");
    assert!(core.contains("pest") && core.contains("regex"), "{core:?}");
    let heavy: Vec<&&str> = NOT_IN_CORE.iter().filter(|p| core.contains(**p)).collect();
    assert!(heavy.is_empty(), "nianbao-core depends on {heavy:?}");
    // The readers have them, and depend on the core, never on the command line.
    let input = closure(&graph, "nianbao-input");
    assert!(input.contains("zip") && input.contains("unpdf") && input.contains("nianbao-core"));
    assert!(!input.contains("nianbao") && !core.contains("nianbao-input"));
}

/// Severities are data: the rule's `severity`, its `variant_severity`, or a severity its
/// parameters name; a kind never picks one in Rust.
#[test]
fn no_rule_kind_sets_a_severity_of_its_own() {
    let fixed = regex::Regex::new(r"\.severity\(\s*Severity::|severity: Some\(Severity::").unwrap();
    let mut found = Vec::new();
    for (rel, text) in core_files()
        .into_iter()
        .filter(|(rel, _)| rel.starts_with("rules/kinds/"))
    {
        for (n, line) in code_outside_tests(&text).lines().enumerate() {
            if fixed.is_match(line) {
                found.push(format!("{rel}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    assert!(fixed.is_match("hit.severity(Severity::Warning)"));
}
