//! A portable, seedless 64-bit hasher for trace fingerprints.
//!
//! `usize`/`isize` writes (slice lengths, enum discriminants) are widened to 64 bits, so a value
//! hashes the same on 64-bit native targets and on 32-bit wasm32.

use std::hash::{Hash, Hasher};

/// A fast, platform-independent hasher (a multiply-xorshift mix over 64-bit words).
#[derive(Clone, Debug)]
pub struct StableHasher {
    state: u64,
}

const SEED: u64 = 0xcbf2_9ce4_8422_2325;
const MUL: u64 = 0x9e37_79b9_7f4a_7c15;

impl StableHasher {
    /// A hasher continuing from `state` (use [`StableHasher::default`] for a fresh one).
    pub fn with_state(state: u64) -> Self {
        Self { state }
    }

    fn mix(&mut self, word: u64) {
        self.state = (self.state ^ word).wrapping_mul(MUL).rotate_left(29) ^ (self.state >> 17);
    }
}

impl Default for StableHasher {
    fn default() -> Self {
        Self { state: SEED }
    }
}

impl Hasher for StableHasher {
    fn finish(&self) -> u64 {
        let mut x = self.state;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 56));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.mix(u64::from(i));
    }
    fn write_u16(&mut self, i: u16) {
        self.mix(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.mix(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.mix(i);
    }
    fn write_u128(&mut self, i: u128) {
        self.mix(i as u64);
        self.mix((i >> 64) as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.mix(i as u64);
    }
    fn write_i8(&mut self, i: i8) {
        self.mix(i as u64);
    }
    fn write_i16(&mut self, i: i16) {
        self.mix(i as u64);
    }
    fn write_i32(&mut self, i: i32) {
        self.mix(i as u64);
    }
    fn write_i64(&mut self, i: i64) {
        self.mix(i as u64);
    }
    fn write_isize(&mut self, i: isize) {
        self.mix(i as i64 as u64);
    }
}

/// The stable hash of one value.
pub fn stable_hash<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = StableHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usize_and_u64_hash_alike_so_wasm32_matches_native() {
        let mut a = StableHasher::default();
        a.write_usize(7);
        let mut b = StableHasher::default();
        b.write_u64(7);
        assert_eq!(a.finish(), b.finish());
    }

    #[test]
    fn order_matters() {
        assert_ne!(stable_hash(&(1u32, 2u32)), stable_hash(&(2u32, 1u32)));
        assert_ne!(stable_hash("ab"), stable_hash("ba"));
    }

    #[test]
    fn known_values_are_pinned() {
        // A change to the mixing function changes every golden trace hash: these numbers notice it.
        let table: [(&str, u64, u64); 5] = [
            ("empty", StableHasher::default().finish(), 0xecba_3df2_c338_3c52),
            ("42u64", stable_hash(&42u64), 0x40d1_329f_5b5d_3a3e),
            ("str", stable_hash("distlab"), 0x5218_cc09_505d_1c40),
            ("11 bytes", stable_hash(&[1u8, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11][..]), 0xa046_6af2_08d5_b8d6),
            ("tuple with option", stable_hash(&(7u32, -3i64, Some(5u16))), 0x6436_86b7_6925_cd29),
        ];
        for (what, got, expected) in table {
            assert_eq!(got, expected, "{what}: {got:#018x}");
        }
    }
}
