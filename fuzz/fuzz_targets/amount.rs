//! The amount typed into "P(spend > amount)": arbitrary text reads as a finite amount within
//! its range, or as nothing, and never panics.
#![no_main]

use burnrate::view::finance::read_amount;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = burnrate_fuzz::text(data) else {
        return;
    };
    if let Some(v) = read_amount(text) {
        assert!(
            v.is_finite() && (0.0..=1e13).contains(&v),
            "{text:?} read as {v}"
        );
    }
});
