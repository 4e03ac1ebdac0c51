/// Whether ../shared/corpus (the real reports, kept outside the repo) is beside the checkout.
/// A test that needs it and finds it missing says so and passes, so that `cargo test` works in
/// a bare checkout; with NIANBAO_REQUIRE_CORPUS set (`.ci/run` sets it) a missing corpus fails
/// the test instead, so CI can never skip these silently. Included by `src/corpus_texts.rs` and
/// `tests/common/mod.rs`.
pub fn corpus_present() -> bool {
    if workspace_root().join("../shared/corpus").is_dir() {
        return true;
    }
    assert!(
        std::env::var_os("NIANBAO_REQUIRE_CORPUS").is_none(),
        "../shared/corpus is missing and NIANBAO_REQUIRE_CORPUS is set"
    );
    eprintln!("skipped: ../shared/corpus (the real reports) is not beside this checkout");
    false
}

/// The workspace root (where rules/ and examples/ are), from whichever of its crates the test
/// runs in.
pub fn workspace_root() -> std::path::PathBuf {
    let mut dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    while !dir.join("rules/eras.yaml").is_file() {
        assert!(dir.pop(), "no workspace root above {}", env!("CARGO_MANIFEST_DIR"));
    }
    dir
}
