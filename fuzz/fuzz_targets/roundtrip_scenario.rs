//! Property: a valid scenario (arbitrary text that parses and validates) comes back exactly
//! through its share link and through export and import as a file.
#![no_main]

use burnrate::pricing::Catalogue;
use burnrate::scenario::Scenario;
use burnrate::share::{decode, encode};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static BUILTIN: OnceLock<Catalogue> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some(text) = burnrate_fuzz::text(data) else {
        return;
    };
    let Ok(s) = Scenario::from_json(text, "in.json") else {
        return;
    };
    if s.validate(BUILTIN.get_or_init(Catalogue::builtin)).is_err() {
        return;
    }
    let link = encode(&s);
    assert_eq!(decode(&link).as_ref(), Ok(&s), "through the link {link}");
    let file = s.to_json();
    let read = Scenario::from_json(&file, "out.json");
    assert_eq!(read.as_ref(), Ok(&s), "through the file\n{file}");
});
