//! The Snowflake generator of any [`Layout`]: time, machine id and a sequence within the time
//! unit, with a policy for a clock that goes back.

use serde::{Deserialize, Serialize};

use super::layout::{Decoded, Layout};

/// Longest rollback Leaf waits out (`offset <= 5` ms in `SnowflakeIDGenImpl.get`).
pub const LEAF_MAX_WAIT_US: u64 = 5_000;

/// What a generator does when its clock reads earlier than the last ID's time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rollback {
    /// Twitter (and Baidu): refuse every request until the clock passes the last timestamp.
    #[default]
    Twitter,
    /// Meituan Leaf: wait twice the offset if it is at most 5 ms and try once more; fail beyond.
    Leaf,
    /// Sonyflake: keep counting in the last time unit, borrowing time, until the clock catches up.
    Sonyflake,
    /// Bug: take the clock as it is and restart the sequence (duplicates).
    Ignore,
}

/// One call's result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// An ID.
    Id(u64),
    /// Nothing now: call again when the local clock reads this Unix microsecond (the sequence of
    /// the unit is used up, or Leaf waits out a small rollback).
    WaitUntil(u64),
    /// The clock is behind the last ID's time by this many microseconds: the request fails.
    Refused(u64),
    /// The clock is before the epoch or past the last time the layout can hold.
    OutOfTime,
}

/// A Snowflake generator: layout, machine id, the last time unit used and its sequence.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Snowflake {
    /// The bit layout.
    pub layout: Layout,
    /// This generator's machine id.
    pub node: u64,
    /// What to do when the clock goes back.
    pub policy: Rollback,
    /// Time unit of the last ID, if any.
    pub last: Option<u64>,
    /// Sequence of the last ID within its unit.
    pub seq: u64,
    /// Leaf: a rollback is being waited out (the next call fails if the clock is still behind).
    rollback_wait: bool,
}

impl Snowflake {
    /// A fresh generator (no ID issued yet).
    pub fn new(layout: Layout, node: u64, policy: Rollback) -> Self {
        Self { layout, node, policy, last: None, seq: 0, rollback_wait: false }
    }

    /// The next ID at local Unix time `unix_us`.
    pub fn next(&mut self, unix_us: u64) -> Next {
        let Some(now) = self.layout.units(unix_us) else { return Next::OutOfTime };
        match self.last {
            Some(last) if now < last => {
                let behind = self.layout.unit_start_us(last).saturating_sub(unix_us).max(1);
                match self.policy {
                    Rollback::Twitter => Next::Refused(behind),
                    Rollback::Leaf if behind <= LEAF_MAX_WAIT_US && !self.rollback_wait => {
                        self.rollback_wait = true;
                        Next::WaitUntil(unix_us + 2 * behind)
                    }
                    Rollback::Leaf => {
                        self.rollback_wait = false;
                        Next::Refused(behind)
                    }
                    Rollback::Sonyflake => self.bump(last),
                    Rollback::Ignore => self.start(now),
                }
            }
            Some(last) if now == last => self.bump(last),
            _ => self.start(now),
        }
    }

    /// The next sequence number in unit `last`, or a wait for the next unit when it is used up.
    fn bump(&mut self, last: u64) -> Next {
        if self.seq == self.layout.max_seq() {
            return Next::WaitUntil(self.layout.unit_start_us(last + 1));
        }
        self.seq += 1;
        self.issue(last)
    }

    fn start(&mut self, now: u64) -> Next {
        self.seq = 0;
        self.issue(now)
    }

    fn issue(&mut self, unit: u64) -> Next {
        self.last = Some(unit);
        self.rollback_wait = false;
        Next::Id(self.layout.encode(Decoded { time: unit, node: self.node, seq: self.seq }))
    }
}

#[cfg(test)]
mod tests {
    use super::super::layout::Preset;
    use super::*;

    const T0: u64 = 1_704_067_200_000_000;

    fn gen(policy: Rollback) -> Snowflake {
        Snowflake::new(Preset::Twitter.layout(), 5, policy)
    }

    #[test]
    fn sequence_exhaustion_waits_for_the_next_millisecond() {
        let mut g = gen(Rollback::Twitter);
        let ids: Vec<Next> = (0..4_097).map(|_| g.next(T0 + 100)).collect();
        assert!(ids[..4_096].iter().all(|n| matches!(n, Next::Id(_))));
        assert_eq!(ids[4_096], Next::WaitUntil(T0 + 1_000), "4,096 per ms, then wait for the next ms");
        let Next::Id(id) = g.next(T0 + 1_000) else { panic!("a new ms gives IDs again") };
        assert_eq!(g.layout.decode(id).seq, 0);
    }

    #[test]
    fn twitter_refuses_until_the_clock_passes_the_last_timestamp() {
        let mut g = gen(Rollback::Twitter);
        assert!(matches!(g.next(T0 + 10_000), Next::Id(_)));
        assert_eq!(g.next(T0), Next::Refused(10_000));
        assert!(matches!(g.next(T0 + 10_000), Next::Id(_)), "the same ms again continues the sequence");
    }

    #[test]
    fn leaf_waits_out_at_most_five_ms_and_fails_beyond() {
        let mut g = gen(Rollback::Leaf);
        g.next(T0 + 4_000);
        assert_eq!(g.next(T0), Next::WaitUntil(T0 + 8_000), "4 ms back: wait twice the offset");
        assert!(matches!(g.next(T0 + 8_000), Next::Id(_)), "caught up after the wait");
        let mut g = gen(Rollback::Leaf);
        g.next(T0 + 4_000);
        g.next(T0);
        assert_eq!(g.next(T0 + 1_000), Next::Refused(3_000), "still behind after the wait: fail");
        let mut g = gen(Rollback::Leaf);
        g.next(T0 + 6_000);
        assert_eq!(g.next(T0), Next::Refused(6_000), "more than 5 ms: fail at once");
    }

    #[test]
    fn sonyflake_borrows_time_and_ignore_reissues_old_ids() {
        let mut g = gen(Rollback::Sonyflake);
        let Next::Id(a) = g.next(T0 + 10_000) else { panic!() };
        let Next::Id(b) = g.next(T0) else { panic!() };
        assert!(b > a, "Sonyflake keeps counting in its last unit");
        let mut g = gen(Rollback::Ignore);
        let Next::Id(a) = g.next(T0) else { panic!() };
        g.next(T0 + 10_000);
        assert_eq!(g.next(T0), Next::Id(a), "the bug hands out the same ID again");
    }

    #[test]
    fn a_layout_past_its_lifetime_gives_no_ids() {
        let mut g = Snowflake::new(Preset::Baidu.layout(), 1, Rollback::Twitter);
        assert_eq!(g.next(1_732_109_056_000_000 + 1_000_000), Next::OutOfTime);
    }
}
