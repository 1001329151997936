//! Property: a table imported from arbitrary text (first byte: the format, or detection), written
//! in Burnrate's schema as `pricing import --out` does, reads back as the same table.
#![no_main]

use burnrate::pricing::import::{import, Format};
use burnrate::pricing::Catalogue;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Some(text) = burnrate_fuzz::text(rest) else {
        return;
    };
    let format = Format::ALL
        .get(usize::from(pick) % (Format::ALL.len() + 1))
        .copied();
    let Ok(imported) = import(text, format, "in.json", burnrate_fuzz::as_of()) else {
        return;
    };
    let written = imported.catalogue.to_json();
    let read = Catalogue::from_json(&written, "out.json")
        .unwrap_or_else(|e| panic!("the table written is refused: {e}\n{written}"));
    assert_eq!(read.models(), imported.catalogue.models());
    assert_eq!(read.plans(), imported.catalogue.plans());
    assert_eq!(read.to_json(), written);
});
