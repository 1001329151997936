//! The worker pool's inputs on arbitrary bytes: read as `f64`s, a buffer of draws decodes or is
//! refused with a reason, and one that decodes encodes back to the same bits; read as text, a
//! forced pool size always gives a size the pool can have.
#![no_main]

use burnrate::pool::{pool_size, MAX_FORCED_WORKERS};
use burnrate::sim::flat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let values: Vec<f64> = data
        .chunks_exact(8)
        .map(|c| f64::from_le_bytes(c.try_into().expect("eight bytes")))
        .collect();
    match flat::decode(&values) {
        Ok(draws) => {
            let again: Vec<u64> = flat::encode(&draws).iter().map(|v| v.to_bits()).collect();
            let bits: Vec<u64> = values.iter().map(|v| v.to_bits()).collect();
            assert_eq!(again, bits);
        }
        Err(reason) => assert!(!reason.is_empty()),
    }
    if let Some(text) = burnrate_fuzz::text(data) {
        for cores in [0.0, 2.0, 64.0] {
            assert!((1..=MAX_FORCED_WORKERS).contains(&pool_size(cores, Some(text))));
        }
    }
});
