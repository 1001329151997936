//! Format detection, then the import of the format detected, on arbitrary text.
#![no_main]

use burnrate::pricing::import::{Format, ImportError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = burnrate_fuzz::text(data) else {
        return;
    };
    let detected = Format::detect(text);
    let imported = burnrate::pricing::import::import(text, None, "f", burnrate_fuzz::as_of());
    match (detected, imported) {
        (None, Err(ImportError::UnknownFormat { .. } | ImportError::Empty { .. })) => {}
        (None, other) => panic!("undetected, yet imported: {other:?}"),
        (Some(format), Ok(i)) => assert_eq!(i.summary.format, format),
        (Some(_), Err(e)) => drop(e.to_string()),
    }
});
