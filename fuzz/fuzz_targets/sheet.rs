//! Any bytes as a workbook (.xlsx, .xls, .ods). calamine's own arithmetic overflows on some
//! cell references in builds with overflow checks (tests/fixtures/fuzz-crash-calamine.xlsx);
//! `input::load` turns that panic into a finding. Here a panic inside calamine is passed over
//! so the fuzzer goes on looking, and any other panic is a crash.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

static IN_CALAMINE: AtomicBool = AtomicBool::new(false);

fuzz_target!(|data: &[u8]| {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let calamine = info
                .location()
                .is_some_and(|l| l.file().contains("/calamine-"));
            IN_CALAMINE.store(calamine, Ordering::SeqCst);
            if !calamine {
                default(info);
            }
        }));
    });
    for ext in ["xlsx", "xls", "ods"] {
        let bytes = data.to_vec();
        if std::panic::catch_unwind(|| nianbao::input::sheet::load(bytes, ext)).is_err()
            && !IN_CALAMINE.load(Ordering::SeqCst)
        {
            std::process::abort();
        }
    }
});
