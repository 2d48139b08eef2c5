//! The seeded random number generator of a run: the same numbers on every platform.

use rand_pcg::rand_core::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

use super::time::PPM;

/// The one source of randomness in a world (PCG-64 MCG, seeded from the scenario's seed).
#[derive(Clone, Debug)]
pub struct SimRng {
    inner: Pcg64Mcg,
}

impl SimRng {
    /// A generator seeded from `seed`.
    pub fn new(seed: u64) -> Self {
        Self { inner: Pcg64Mcg::seed_from_u64(seed) }
    }

    /// The next raw 64-bit value.
    pub fn next_u64(&mut self) -> u64 {
        self.inner.next_u64()
    }

    /// A uniform value in `lo..=hi` (returns `lo` when `hi <= lo`).
    pub fn range_inclusive(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            return lo;
        }
        let span = hi - lo;
        if span == u64::MAX {
            return self.next_u64();
        }
        lo + self.below(span + 1)
    }

    /// A uniform value in `0..n` without modulo bias (Lemire's method); `n` must be positive.
    pub fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        loop {
            let wide = u128::from(self.next_u64()) * u128::from(n);
            let low = wide as u64;
            if low >= n.wrapping_neg() % n {
                return (wide >> 64) as u64;
            }
        }
    }

    /// True with probability `ppm` parts per million.
    pub fn chance_ppm(&mut self, ppm: u32) -> bool {
        if ppm == 0 {
            return false;
        }
        if ppm >= PPM {
            return true;
        }
        self.below(u64::from(PPM)) < u64::from(ppm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_numbers() {
        let mut a = SimRng::new(9);
        let mut b = SimRng::new(9);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
    }

    #[test]
    fn range_stays_in_bounds() {
        let mut r = SimRng::new(1);
        for _ in 0..10_000 {
            let v = r.range_inclusive(10, 20);
            assert!((10..=20).contains(&v));
        }
        assert_eq!(r.range_inclusive(5, 5), 5);
        assert_eq!(r.range_inclusive(6, 5), 6);
    }

    #[test]
    fn chance_extremes_are_exact() {
        let mut r = SimRng::new(2);
        assert!((0..1000).all(|_| !r.chance_ppm(0)));
        assert!((0..1000).all(|_| r.chance_ppm(PPM)));
    }

    #[test]
    fn first_values_are_pinned_across_platforms() {
        // The browser test recomputes trace hashes in wasm32; this pins the generator itself.
        let mut r = SimRng::new(0);
        let first: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        assert_eq!(first, [0x5603_f242_407d_eca2, 0xd684_5f75_e9e2_1acd, 0x5a22_d8b7_6f39_f418]);
        let mut r = SimRng::new(42);
        let range: Vec<u64> = (0..5).map(|_| r.range_inclusive(10, 20)).collect();
        assert_eq!(range, [16, 11, 13, 12, 11]);
        let coin: Vec<bool> = (0..8).map(|_| r.chance_ppm(500_000)).collect();
        assert_eq!(coin, [true, true, false, true, false, true, true, false]);
    }
}
