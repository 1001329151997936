//! The Litellm price-table importer on arbitrary text.
#![no_main]

use burnrate::pricing::import::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| burnrate_fuzz::import_text(data, Some(Format::Litellm)));
