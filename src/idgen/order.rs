//! How far from time order the merged stream of every generator's IDs is: an ID is out of order
//! when a larger one was handed out before it, and it is late by how long ago the first larger one
//! was handed out. Constant work per ID: the running maximum only grows, so the times at which it
//! grew, kept with the maximum reached at each, are sorted both ways and searched by bisection.

use std::collections::VecDeque;

use crate::sim::SimTime;

/// Times at which the running maximum grew that are kept (older lateness is counted from the
/// oldest kept, a lower bound).
pub const ORDER_RECORDS: usize = 1_024;

/// The merged stream's order, measured.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TimeOrder {
    /// (time, largest ID handed out by the end of that time), both increasing.
    records: VecDeque<(SimTime, u128)>,
    /// IDs seen.
    pub seen: u64,
    /// IDs handed out after a larger one.
    pub out_of_order: u64,
    /// The largest lateness seen.
    pub max_late: SimTime,
}

impl TimeOrder {
    /// Take in `id`, handed out at `t` (times never decrease).
    pub fn see(&mut self, id: u128, t: SimTime) {
        self.seen += 1;
        match self.records.back_mut() {
            Some(&mut (_, max)) if id < max => {
                self.out_of_order += 1;
                let first = self.records.partition_point(|&(_, m)| m <= id);
                let since = self.records.get(first).map_or(t, |&(at, _)| at);
                self.max_late = self.max_late.max(t - since);
            }
            Some((at, max)) if *at == t => *max = id,
            _ => {
                if self.records.len() == ORDER_RECORDS {
                    self.records.pop_front();
                }
                self.records.push_back((t, id));
            }
        }
    }

    /// Out-of-order IDs per million seen.
    pub fn out_of_order_ppm(&self) -> u64 {
        (self.out_of_order * 1_000_000).checked_div(self.seen).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_increasing_stream_is_in_order() {
        let mut o = TimeOrder::default();
        (0..10_000u64).for_each(|i| o.see(u128::from(i), i / 7));
        assert_eq!((o.out_of_order, o.max_late, o.out_of_order_ppm()), (0, 0, 0));
    }

    #[test]
    fn an_id_below_one_handed_out_earlier_is_late_by_the_time_since_the_first_larger_one() {
        let mut o = TimeOrder::default();
        o.see(10, 100);
        o.see(20, 200);
        o.see(30, 300);
        o.see(15, 450); // 20 came at 200: 250 late
        o.see(31, 450);
        o.see(5, 500); // 10 came at 100: 400 late
        assert_eq!((o.seen, o.out_of_order), (6, 2));
        assert_eq!(o.max_late, 400);
        assert_eq!(o.out_of_order_ppm(), 333_333);
    }

    #[test]
    fn two_interleaved_segments_are_late_by_the_life_of_a_segment() {
        // Two servers with segments [1, 1001) and [1001, 2001), one ID each per ms, alternating.
        let mut o = TimeOrder::default();
        for i in 0..1_000u64 {
            o.see(u128::from(1_001 + i), i * 1_000);
            o.see(u128::from(1 + i), i * 1_000);
        }
        assert_eq!(o.out_of_order, 1_000);
        assert_eq!(o.max_late, 999_000, "the last ID of the first segment");
    }
}
