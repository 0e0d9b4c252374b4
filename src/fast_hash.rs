//! A fast hasher for in-process maps keyed by catalog names and type references (FxHash's
//! mixing, eight bytes at a time): SipHash cost more than the rest of such a lookup. Its
//! values are not stable across builds; nothing stores them.

use std::hash::{BuildHasherDefault, Hasher};

/// The hasher; use it through [`FastBuild`].
#[derive(Default)]
pub struct FastHash(u64);

/// Builds [`FastHash`]ers, for `HashMap<K, V, FastBuild>`.
pub type FastBuild = BuildHasherDefault<FastHash>;

impl Hasher for FastHash {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(*b)).wrapping_mul(K);
        }
        self.0 = h;
    }
}
