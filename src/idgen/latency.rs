//! Request latencies in a log-linear histogram (as HdrHistogram does): exact below 32 µs, then 16
//! buckets per power of two, so a percentile is within about 6 % of the true value in constant
//! memory, whatever the number of requests.

use crate::sim::SimTime;

/// Sub-buckets per power of two.
const SUB: u64 = 16;
/// Values below this are counted exactly.
const LINEAR: u64 = 2 * SUB;
/// Powers of two covered above the linear part (up to 2^48 µs, about 9 years).
const OCTAVES: u64 = 43;
/// Number of buckets.
const BUCKETS: usize = (LINEAR + OCTAVES * SUB) as usize;

/// A histogram of latencies in µs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Latencies {
    counts: Vec<u64>,
    total: u64,
    max: SimTime,
}

impl Default for Latencies {
    fn default() -> Self {
        Self { counts: vec![0; BUCKETS], total: 0, max: 0 }
    }
}

/// The bucket of `v`.
fn bucket(v: u64) -> usize {
    if v < LINEAR {
        return v as usize;
    }
    let octave = u64::from(63 - v.leading_zeros()); // >= 5
    let sub = (v >> (octave - 4)) - SUB; // the 4 bits below the top one
    ((LINEAR + (octave - 5) * SUB + sub) as usize).min(BUCKETS - 1)
}

/// The smallest value of bucket `b`.
fn lowest(b: usize) -> u64 {
    let b = b as u64;
    if b < LINEAR {
        return b;
    }
    let octave = (b - LINEAR) / SUB + 5;
    let sub = (b - LINEAR) % SUB;
    (SUB + sub) << (octave - 4)
}

impl Latencies {
    /// Count one request that took `latency`.
    pub fn record(&mut self, latency: SimTime) {
        self.counts[bucket(latency)] += 1;
        self.total += 1;
        self.max = self.max.max(latency);
    }

    /// Requests counted.
    pub fn count(&self) -> u64 {
        self.total
    }

    /// The longest latency (exact).
    pub fn max(&self) -> SimTime {
        self.max
    }

    /// The latency `per_mille` / 1000 of the requests took at most (the lowest value of its
    /// bucket, never above the maximum; 0 with no requests).
    pub fn percentile(&self, per_mille: u64) -> SimTime {
        if self.total == 0 {
            return 0;
        }
        let rank = (self.total * per_mille).div_ceil(1_000).max(1);
        let mut seen = 0;
        for (b, &n) in self.counts.iter().enumerate() {
            seen += n;
            if seen >= rank {
                return lowest(b).min(self.max);
            }
        }
        self.max
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_exact_below_32_and_within_a_sixteenth_above() {
        for v in [0u64, 1, 31, 32, 33, 100, 1_000, 12_345, 1_000_000, 987_654_321] {
            let low = lowest(bucket(v));
            assert!(low <= v && v - low <= v / 16, "{v}: bucket from {low}");
            if v < 32 {
                assert_eq!(low, v);
            }
        }
        assert!((1..BUCKETS).all(|b| lowest(b) > lowest(b - 1)), "buckets increase");
    }

    #[test]
    fn percentiles_of_a_known_distribution() {
        let mut l = Latencies::default();
        assert_eq!((l.percentile(500), l.max()), (0, 0));
        // 980 requests of 2 ms, 19 of 50 ms, one of 1 s: p50 2 ms, p99 50 ms, max 1 s.
        (0..980).for_each(|_| l.record(2_000));
        (0..19).for_each(|_| l.record(50_000));
        l.record(1_000_000);
        let near = |got: u64, want: u64| got <= want && want - got <= want / 16;
        assert!(near(l.percentile(500), 2_000), "{}", l.percentile(500));
        assert!(near(l.percentile(990), 50_000), "{}", l.percentile(990));
        assert_eq!((l.max(), l.count()), (1_000_000, 1_000));
    }
}
