/// Whether ../shared/corpus (the real reports, kept outside the repo) is beside the checkout.
/// A test that needs it and finds it missing says so and passes, so that `cargo test` works in
/// a bare checkout; with NIANBAO_REQUIRE_CORPUS set (`.ci/run` sets it) a missing corpus fails
/// the test instead, so CI can never skip these silently. Included by `src/corpus_texts.rs` and
/// `tests/common/mod.rs`.
pub fn corpus_present() -> bool {
    if std::path::Path::new("../shared/corpus").is_dir() {
        return true;
    }
    assert!(
        std::env::var_os("NIANBAO_REQUIRE_CORPUS").is_none(),
        "../shared/corpus is missing and NIANBAO_REQUIRE_CORPUS is set"
    );
    eprintln!("skipped: ../shared/corpus (the real reports) is not beside this checkout");
    false
}
