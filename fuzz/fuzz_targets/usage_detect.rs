//! A usage export of any format, detected from its content, on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| burnrate_fuzz::usage_import(data, None));
