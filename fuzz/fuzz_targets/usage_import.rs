//! Each usage importer, as `--from` names it: the first byte picks the format, the rest is the
//! file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (source, file) = burnrate_fuzz::usage_source(data);
    burnrate_fuzz::usage_import(file, Some(source));
});
