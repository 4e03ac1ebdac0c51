//! Any bytes as an .xlsx and as an .xls workbook.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = nianbao::input::sheet::load(data.to_vec(), "xlsx");
    let _ = nianbao::input::sheet::load(data.to_vec(), "xls");
    let _ = nianbao::input::sheet::load(data.to_vec(), "ods");
});
