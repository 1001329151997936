//! The random streams every draw takes its numbers from: `rand_chacha`'s ChaCha8 generator,
//! keyed by the scenario's seed through `SeedableRng::seed_from_u64`, one 64-bit stream number
//! per purpose (listed in [`crate::sim`] and [`crate::population`]).
//!
//! Natively the generator is `rand_chacha::ChaCha8Rng` itself (SSE2 or AVX2 through
//! `ppv-lite86`). In WebAssembly, where `ppv-lite86` has only portable code, [`wasm`] computes
//! the same ChaCha8 blocks four at a time with WebAssembly's 128-bit SIMD, behind `rand_core`'s
//! own `BlockRng`, so every call returns the same numbers; `tests/web.rs` compares the two in
//! the browser, call for call.

#[cfg(target_arch = "wasm32")]
mod wasm;

use rand::SeedableRng;

/// One ChaCha8 stream: the random numbers of one purpose in one draw.
#[cfg(not(target_arch = "wasm32"))]
pub type Stream = rand_chacha::ChaCha8Rng;

/// One ChaCha8 stream: the random numbers of one purpose in one draw.
#[cfg(target_arch = "wasm32")]
pub type Stream = rand::rand_core::block::BlockRng<wasm::ChaCha8x4>;

/// Stream `stream` of the generator keyed by `seed`, from its first number.
pub fn stream(seed: u64, stream: u64) -> Stream {
    let mut s = Stream::seed_from_u64(seed);
    #[cfg(not(target_arch = "wasm32"))]
    s.set_stream(stream);
    #[cfg(target_arch = "wasm32")]
    s.core.set_stream(stream);
    s
}
