//! The amount typed into "P(spend > amount)": arbitrary text reads as a finite amount within
//! its range, or as a message that names the field, and never panics.
#![no_main]

use burnrate::scenario::problem_message;
use burnrate::view::finance::{read_amount, AMOUNT_LABEL};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = burnrate_fuzz::text(data) else {
        return;
    };
    match read_amount(text) {
        Ok(v) => assert!(
            v.is_finite() && (0.0..=1e13).contains(&v),
            "{text:?} read as {v}"
        ),
        Err(problem) => {
            let message = problem_message(AMOUNT_LABEL, &problem);
            assert!(message.starts_with(AMOUNT_LABEL), "{message}");
        }
    }
});
