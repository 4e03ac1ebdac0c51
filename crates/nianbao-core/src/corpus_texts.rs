//! Test support: the text reports of ../shared/corpus and examples/, for tests that hold a
//! fast reader to the grammar on every line or position of real reports.

pub fn corpus_texts() -> Vec<String> {
    let mut texts = Vec::new();
    let corpus = ["../shared/corpus/real", "../shared/corpus/seeds"];
    // Without the corpus the readers are still held to the grammar on the examples.
    let with_corpus = corpus_present();
    let dirs = corpus.iter().filter(|_| with_corpus).chain(&["examples"]);
    for dir in dirs {
        for entry in std::fs::read_dir(workspace_root().join(dir)).expect("corpus folder") {
            texts.extend(std::fs::read_to_string(entry.unwrap().path()));
        }
    }
    assert!(
        texts.len() >= if with_corpus { 6 } else { 2 },
        "corpus not found"
    );
    texts
}

/// The least a test over the corpus must find: `with_corpus` with the real reports, or
/// `examples_only` when they are missing (the examples alone have fewer lines to try).
pub fn at_least(with_corpus: usize, examples_only: usize) -> usize {
    if corpus_present() {
        with_corpus
    } else {
        examples_only
    }
}

include!("../../../tests/common/corpus_present.rs");

/// Every line of the corpus, without its indentation, after `extra`.
pub fn corpus_lines(extra: &[&str]) -> Vec<String> {
    let mut lines: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
    for text in corpus_texts() {
        lines.extend(text.lines().map(|l| l.trim_start().to_string()));
    }
    lines
}
