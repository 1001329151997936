//! Scenario files on arbitrary text: parsed, then validated against the built-in prices.
#![no_main]

use burnrate::pricing::Catalogue;
use burnrate::scenario::{error_message, Scenario};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static BUILTIN: OnceLock<Catalogue> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some(text) = burnrate_fuzz::text(data) else {
        return;
    };
    let catalogue = BUILTIN.get_or_init(Catalogue::builtin);
    match Scenario::from_json(text, "scenario.json").and_then(|s| s.validate(catalogue)) {
        Ok(_) => {}
        Err(e) => drop((e.to_string(), error_message(&e), e.field().to_string())),
    }
});
