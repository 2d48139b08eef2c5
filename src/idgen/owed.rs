//! The IDs an application server asked for and has not got yet, in batches by the time (on its
//! own clock) they were asked for, so each ID's latency is known when it is handed out.

use std::collections::VecDeque;

use crate::sim::SimTime;

/// IDs owed, oldest batch first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Owed {
    batches: VecDeque<(SimTime, u64)>,
    total: u64,
}

impl Owed {
    /// `count` more IDs asked for at `at`.
    pub fn add(&mut self, at: SimTime, count: u64) {
        if count > 0 {
            self.batches.push_back((at, count));
            self.total += count;
        }
    }

    /// IDs owed.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Hand out the oldest owed ID at `now`: how long it waited (none if nothing is owed).
    pub fn take(&mut self, now: SimTime) -> Option<SimTime> {
        let (at, count) = self.batches.front_mut()?;
        let waited = now.saturating_sub(*at);
        *count -= 1;
        if *count == 0 {
            self.batches.pop_front();
        }
        self.total -= 1;
        Some(waited)
    }

    /// Give up on everything owed: how many IDs that was.
    pub fn clear(&mut self) -> u64 {
        self.batches.clear();
        std::mem::take(&mut self.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_handed_out_oldest_first_with_their_wait() {
        let mut o = Owed::default();
        o.add(100, 2);
        o.add(150, 0);
        o.add(300, 1);
        assert_eq!(o.total(), 3);
        assert_eq!([o.take(400), o.take(400), o.take(450), o.take(450)], [Some(300), Some(300), Some(150), None]);
        o.add(500, 4);
        assert_eq!((o.clear(), o.total(), o.take(600)), (4, 0, None));
    }
}
