//! ChaCha8's block function in WebAssembly's 128-bit SIMD: four consecutive blocks at once,
//! lane `j` of every vector holding block `j`'s word. The state is `rand_chacha`'s: the
//! constants, the 256-bit key, a 64-bit block counter (words 12 and 13) and a 64-bit stream
//! number (words 14 and 15); each call fills 64 words, the four blocks in order, as
//! `rand_chacha`'s `refill4` does.

use core::arch::wasm32::{
    i32x4_shl, i8x16_shuffle, u32x4, u32x4_add, u32x4_extract_lane, u32x4_shr, u32x4_splat, v128,
    v128_or, v128_xor,
};
use rand::rand_core::block::BlockRngCore;
use rand::SeedableRng;

/// "expand 32-byte k", ChaCha's first four words.
const CONSTANTS: [u32; 4] = [0x6170_7865, 0x3320_646e, 0x7962_2d32, 0x6b20_6574];

/// The state of one ChaCha8 stream between refills.
#[derive(Debug, Clone)]
pub struct ChaCha8x4 {
    /// The key, eight little-endian words of the seed.
    key: [u32; 8],
    /// The next block's number.
    counter: u64,
    /// The stream number.
    stream: u64,
}

impl ChaCha8x4 {
    /// Moves to stream `stream`, at its first block.
    pub(super) fn set_stream(&mut self, stream: u64) {
        self.stream = stream;
        self.counter = 0;
    }
}

/// Four blocks of output, 64 words.
#[derive(Debug, Clone)]
pub struct Blocks([u32; 64]);

impl Default for Blocks {
    fn default() -> Blocks {
        Blocks([0; 64])
    }
}

impl AsRef<[u32]> for Blocks {
    fn as_ref(&self) -> &[u32] {
        &self.0
    }
}

impl AsMut<[u32]> for Blocks {
    fn as_mut(&mut self) -> &mut [u32] {
        &mut self.0
    }
}

impl SeedableRng for ChaCha8x4 {
    type Seed = [u8; 32];

    fn from_seed(seed: [u8; 32]) -> ChaCha8x4 {
        let mut key = [0; 8];
        for (k, b) in key.iter_mut().zip(seed.chunks_exact(4)) {
            *k = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        }
        ChaCha8x4 {
            key,
            counter: 0,
            stream: 0,
        }
    }
}

/// Rotates each word left by 16 bits (a byte shuffle).
#[inline(always)]
fn rotl16(a: v128) -> v128 {
    i8x16_shuffle::<2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13>(a, a)
}

/// Rotates each word left by 8 bits (a byte shuffle).
#[inline(always)]
fn rotl8(a: v128) -> v128 {
    i8x16_shuffle::<3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14>(a, a)
}

/// Rotates each word left by `N` bits.
#[inline(always)]
fn rotl<const N: u32>(a: v128) -> v128 {
    v128_or(i32x4_shl(a, N), u32x4_shr(a, 32 - N))
}

/// ChaCha's quarter round on words `a`, `b`, `c`, `d` of four blocks.
#[inline(always)]
fn quarter(x: &mut [v128; 16], a: usize, b: usize, c: usize, d: usize) {
    x[a] = u32x4_add(x[a], x[b]);
    x[d] = rotl16(v128_xor(x[d], x[a]));
    x[c] = u32x4_add(x[c], x[d]);
    x[b] = rotl::<12>(v128_xor(x[b], x[c]));
    x[a] = u32x4_add(x[a], x[b]);
    x[d] = rotl8(v128_xor(x[d], x[a]));
    x[c] = u32x4_add(x[c], x[d]);
    x[b] = rotl::<7>(v128_xor(x[b], x[c]));
}

impl BlockRngCore for ChaCha8x4 {
    type Item = u32;
    type Results = Blocks;

    fn generate(&mut self, results: &mut Blocks) {
        let c = self.counter;
        let block = |j: u64| c.wrapping_add(j);
        let low = |j: u64| block(j) as u32;
        let high = |j: u64| (block(j) >> 32) as u32;
        let mut input = [u32x4_splat(0); 16];
        for (i, &k) in CONSTANTS.iter().enumerate() {
            input[i] = u32x4_splat(k);
        }
        for (i, &k) in self.key.iter().enumerate() {
            input[4 + i] = u32x4_splat(k);
        }
        input[12] = u32x4(low(0), low(1), low(2), low(3));
        input[13] = u32x4(high(0), high(1), high(2), high(3));
        input[14] = u32x4_splat(self.stream as u32);
        input[15] = u32x4_splat((self.stream >> 32) as u32);
        let mut x = input;
        for _ in 0..4 {
            quarter(&mut x, 0, 4, 8, 12);
            quarter(&mut x, 1, 5, 9, 13);
            quarter(&mut x, 2, 6, 10, 14);
            quarter(&mut x, 3, 7, 11, 15);
            quarter(&mut x, 0, 5, 10, 15);
            quarter(&mut x, 1, 6, 11, 12);
            quarter(&mut x, 2, 7, 8, 13);
            quarter(&mut x, 3, 4, 9, 14);
        }
        let out = &mut results.0;
        for (i, (&w, &w0)) in x.iter().zip(input.iter()).enumerate() {
            let w = u32x4_add(w, w0);
            out[i] = u32x4_extract_lane::<0>(w);
            out[16 + i] = u32x4_extract_lane::<1>(w);
            out[32 + i] = u32x4_extract_lane::<2>(w);
            out[48 + i] = u32x4_extract_lane::<3>(w);
        }
        self.counter = c.wrapping_add(4);
    }
}
