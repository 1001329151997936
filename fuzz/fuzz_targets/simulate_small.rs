//! Property: a small valid scenario (≤ 50 developers, ≤ 24 months, 1–2 draws, built from
//! arbitrary bytes) simulates with every figure finite, every share in [0, 1] and
//! P10 ≤ P50 ≤ P90.
#![no_main]

use burnrate::pricing::Catalogue;
use burnrate::report::Report;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static BUILTIN: OnceLock<Catalogue> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some(s) = burnrate_fuzz::small_scenario(data) else {
        return;
    };
    let Ok(valid) = s.validate(BUILTIN.get_or_init(Catalogue::builtin)) else {
        return;
    };
    burnrate_fuzz::check_report(&Report::simulate(&valid));
});
