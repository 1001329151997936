//! Share links: arbitrary payload text (first byte even), or an arbitrary document packed as a
//! link would be (first byte odd), decoded, migrated and validated as the page opens them.
#![no_main]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use burnrate::pricing::Catalogue;
use burnrate::share::{decode, migrate};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static BUILTIN: OnceLock<Catalogue> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let payload = if mode.is_multiple_of(2) {
        match burnrate_fuzz::text(rest) {
            Some(text) => text.to_string(),
            None => return,
        }
    } else {
        if let Ok(value) = serde_json::from_slice(rest) {
            drop(migrate(value));
        }
        let packed = miniz_oxide::deflate::compress_to_vec(rest, 1);
        format!("{}.{}", mode / 2 % 3, URL_SAFE_NO_PAD.encode(packed))
    };
    match decode(&payload) {
        Ok(s) => drop(s.validate(BUILTIN.get_or_init(Catalogue::builtin))),
        Err(e) => drop(e.to_string()),
    }
});
