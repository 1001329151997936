//! Burnrate's own price-table schema on arbitrary text: as an import, and as the worker and
//! `--prices` read it.
#![no_main]

use burnrate::pricing::import::Format;
use burnrate::pricing::Catalogue;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    burnrate_fuzz::import_text(data, Some(Format::Burnrate));
    if let Some(text) = burnrate_fuzz::text(data) {
        match Catalogue::from_json(text, "prices.json") {
            Ok(c) => assert_eq!(Catalogue::from_json(&c.to_json(), "again").as_ref(), Ok(&c)),
            Err(e) => drop(e.to_string()),
        }
    }
});
