//! Any bytes as a .docx: the zip and XML reader must refuse or read, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = nianbao::input::docx::load(data.to_vec());
});
