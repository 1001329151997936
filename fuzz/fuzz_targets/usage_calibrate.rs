//! The page's import-and-calibrate of a usage file on arbitrary bytes: the format detected, the
//! rows summed, the scenario fitted (with its actuals) and the diagnostics and panel built. No
//! panic; a calibrated scenario reads back and validates.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    burnrate_fuzz::usage_calibrate(data);
});
