//! UUIDs: version 4 (122 random bits) and version 7 (48-bit Unix milliseconds, then random bits),
//! as RFC 9562 lays them out, drawn from the run's seeded generator.

use serde::{Deserialize, Serialize};

/// Which UUID version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UuidVersion {
    /// Random (RFC 9562 section 5.4).
    V4,
    /// Unix-time ordered (RFC 9562 section 5.7).
    V7,
}

/// The variant bits `10` at bits 64..66 from the right (RFC 9562 section 4.1).
const VARIANT: u128 = 0b10 << 62;

/// Put version and variant into 128 bits: version in bits 76..80, variant in 62..64.
fn stamp(bits: u128, version: u128) -> u128 {
    let cleared = bits & !(0xf << 76) & !(0b11 << 62);
    cleared | version << 76 | VARIANT
}

/// A version 4 UUID from two random 64-bit words (122 of their bits are kept).
pub fn v4(hi: u64, lo: u64) -> u128 {
    stamp(u128::from(hi) << 64 | u128::from(lo), 4)
}

/// A version 7 UUID: `unix_ms` in the top 48 bits, then 74 random bits from `rand_a` and `rand_b`.
pub fn v7(unix_ms: u64, rand_a: u64, rand_b: u64) -> u128 {
    let time = u128::from(unix_ms & ((1 << 48) - 1)) << 80;
    let random = (u128::from(rand_a & 0xfff) << 64) | u128::from(rand_b);
    stamp(time | random, 7)
}

/// A version 7 generator with RFC 9562 section 6.2's method 1: the 12 bits of `rand_a` are a
/// counter, seeded at random (below 2,048, to leave room) at each new millisecond and increased
/// for every UUID within it, so one generator's UUIDs increase. A clock that goes back is not
/// followed: the generator keeps its last millisecond (RFC 9562 section 6.2 allows it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct V7Generator {
    /// Millisecond of the last UUID.
    pub unix_ms: u64,
    /// Counter of the last UUID.
    pub counter: u64,
}

impl V7Generator {
    /// The next UUID at local time `unix_ms`, with random `seed` (for the counter) and `rand_b`.
    pub fn next(&mut self, unix_ms: u64, seed: u64, rand_b: u64) -> u128 {
        if unix_ms > self.unix_ms {
            self.unix_ms = unix_ms;
            self.counter = seed & 0x7ff;
        } else if self.counter == 0xfff {
            self.unix_ms += 1;
            self.counter = seed & 0x7ff;
        } else {
            self.counter += 1;
        }
        v7(self.unix_ms, self.counter, rand_b)
    }
}

/// The version field of a UUID.
pub fn version(uuid: u128) -> u8 {
    ((uuid >> 76) & 0xf) as u8
}

/// The Unix milliseconds of a version 7 UUID.
pub fn v7_unix_ms(uuid: u128) -> u64 {
    (uuid >> 80) as u64
}

/// The canonical text form, `8-4-4-4-12` lower-case hex digits.
pub fn to_string(uuid: u128) -> String {
    let h = format!("{uuid:032x}");
    format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v4_carries_version_and_variant_and_keeps_122_random_bits() {
        let u = v4(u64::MAX, u64::MAX);
        assert_eq!(version(u), 4);
        assert_eq!((u >> 62) & 0b11, 0b10);
        assert_eq!(u.count_ones(), 128 - 4 - 2 + 1 + 1, "6 fixed bits, of which 2 are ones");
        assert_eq!(to_string(v4(0, 0)), "00000000-0000-4000-8000-000000000000");
    }

    #[test]
    fn v7_puts_unix_milliseconds_first_so_later_uuids_sort_later() {
        let a = v7(1_704_067_200_000, u64::MAX, u64::MAX);
        let b = v7(1_704_067_200_001, 0, 0);
        assert_eq!((version(a), v7_unix_ms(a)), (7, 1_704_067_200_000));
        assert!(b > a);
    }

    #[test]
    fn a_v7_generator_increases_within_a_millisecond_and_through_a_clock_rollback() {
        let mut g = V7Generator::default();
        let a = g.next(1_000, 5, u64::MAX);
        let b = g.next(1_000, 5, 0);
        let c = g.next(900, 5, 0);
        assert!(a < b && b < c, "the counter orders UUIDs of one millisecond, and time never goes back");
    }
}
