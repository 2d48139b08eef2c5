//! Per-node clocks: offset, drift and jumps over true virtual time.

use serde::Serialize;

use super::time::{SimTime, PPM};

/// A node's local clock: `local(t) = t + offset + (t - anchor) * drift_ppm / 1e6`.
///
/// Changing the drift folds the reading so far into the offset, so the clock never jumps
/// unless told to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Clock {
    /// Microseconds the clock is ahead (positive) or behind (negative) at `anchor`.
    pub offset: i64,
    /// Rate error in parts per million: +1000 runs 0.1 % fast.
    pub drift_ppm: i32,
    /// True time at which the current drift began.
    pub anchor: SimTime,
}

impl Clock {
    /// The reading of this clock at true time `t` (never below zero).
    pub fn local(&self, t: SimTime) -> SimTime {
        let since = i128::from(t.saturating_sub(self.anchor));
        let drift = since * i128::from(self.drift_ppm) / i128::from(PPM);
        let reading = i128::from(t) + i128::from(self.offset) + drift;
        reading.clamp(0, i128::from(u64::MAX)) as SimTime
    }

    /// How much true time passes while this clock advances by `local_delay`.
    pub fn true_delay(&self, local_delay: SimTime) -> SimTime {
        if self.drift_ppm == 0 {
            return local_delay;
        }
        let rate = i128::from(PPM) + i128::from(self.drift_ppm);
        let delay = i128::from(local_delay) * i128::from(PPM) / rate.max(1);
        delay.clamp(0, i128::from(u64::MAX)) as SimTime
    }

    /// Set the offset so that the clock reads `t + offset` at true time `now`.
    pub fn set_offset(&mut self, now: SimTime, offset: i64) {
        self.offset = offset;
        self.anchor = now;
    }

    /// Change the drift from `now` on, keeping the current reading.
    pub fn set_drift(&mut self, now: SimTime, drift_ppm: i32) {
        let reading = self.local(now);
        self.offset = (i128::from(reading) - i128::from(now)) as i64;
        self.anchor = now;
        self.drift_ppm = drift_ppm;
    }

    /// Step the clock by `delta` microseconds (negative: backwards, as NTP may do).
    pub fn jump(&mut self, delta: i64) {
        self.offset = self.offset.saturating_add(delta);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_clock_reads_true_time() {
        assert_eq!(Clock::default().local(1234), 1234);
    }

    #[test]
    fn offset_and_jump_shift_readings() {
        let mut c = Clock::default();
        c.set_offset(0, 500);
        assert_eq!(c.local(1000), 1500);
        c.jump(-2000);
        assert_eq!(c.local(1000), 0, "a reading never goes below zero");
        assert_eq!(c.local(5000), 3500);
    }

    #[test]
    fn drift_accumulates_from_when_it_is_set_without_a_jump() {
        let mut c = Clock::default();
        c.set_drift(1_000_000, 100_000); // 10 % fast from t = 1 s
        assert_eq!(c.local(1_000_000), 1_000_000);
        assert_eq!(c.local(2_000_000), 2_100_000);
        c.set_drift(2_000_000, 0);
        assert_eq!(c.local(3_000_000), 3_100_000);
    }

    #[test]
    fn a_fast_clock_fires_timers_early_in_true_time() {
        let mut c = Clock::default();
        c.set_drift(0, 100_000);
        assert_eq!(c.true_delay(1_100_000), 1_000_000);
    }
}
