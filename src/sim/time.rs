//! Virtual time and node identities.

/// Virtual time: an integer count of microseconds since the run began.
pub type SimTime = u64;

/// A node of the virtual cluster: a small integer, `0..node_count`.
pub type NodeId = u32;

/// Microseconds in one virtual millisecond.
pub const MICROS_PER_MS: SimTime = 1_000;

/// Microseconds in one virtual second.
pub const MICROS_PER_SEC: SimTime = 1_000_000;

/// Parts per million: how probabilities and clock drift are written (no floats in decisions).
pub const PPM: u32 = 1_000_000;

/// `n` virtual milliseconds.
pub const fn ms(n: u64) -> SimTime {
    n * MICROS_PER_MS
}

/// `n` virtual seconds.
pub const fn secs(n: u64) -> SimTime {
    n * MICROS_PER_SEC
}
