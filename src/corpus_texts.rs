//! Test support: the text reports of ../shared/corpus and examples/, for tests that hold a
//! fast reader to the grammar on every line or position of real reports.

pub fn corpus_texts() -> Vec<String> {
    let mut texts = Vec::new();
    for dir in [
        "../shared/corpus/real",
        "../shared/corpus/seeds",
        "examples",
    ] {
        for entry in std::fs::read_dir(dir).expect("corpus folder") {
            texts.extend(std::fs::read_to_string(entry.unwrap().path()));
        }
    }
    assert!(texts.len() >= 6, "corpus not found");
    texts
}

/// Every line of the corpus, without its indentation, after `extra`.
pub fn corpus_lines(extra: &[&str]) -> Vec<String> {
    let mut lines: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
    for text in corpus_texts() {
        lines.extend(text.lines().map(|l| l.trim_start().to_string()));
    }
    lines
}
