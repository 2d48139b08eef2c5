//! What the page plots, kept by the checker in bounded memory: each node's latest ID, a sampled
//! stream of its IDs against time, and the most recent duplicates with both origins. Work is per
//! handler call, never per ID.

use std::collections::{BTreeMap, VecDeque};

use super::idset::Origin;
use crate::sim::{ms, NodeId, SimTime};

/// Points kept per node.
pub const STREAM_POINTS: usize = 512;

/// At most one ordinary point per node in this span of virtual time (duplicates always count).
pub const STREAM_SAMPLE: SimTime = ms(2);

/// Duplicates kept (the oldest go first).
pub const DUPLICATES_KEPT: usize = 64;

/// One plotted ID.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Point {
    /// When the application got it (true virtual time).
    pub t: SimTime,
    /// The ID.
    pub id: u128,
    /// It had been issued before.
    pub duplicate: bool,
}

/// An ID issued twice, with both origins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Duplicate {
    /// The ID.
    pub id: u128,
    /// Who got it first, and when.
    pub first: Origin,
    /// Who got it again, and when.
    pub second: Origin,
}

/// The bounded history of a run.
#[derive(Clone, Debug, Default)]
pub struct History {
    latest: BTreeMap<NodeId, Point>,
    streams: BTreeMap<NodeId, VecDeque<Point>>,
    duplicates: VecDeque<Duplicate>,
    duplicate_count: u64,
}

impl History {
    /// Record the last ID of one handler call of `node` at `t`.
    pub fn latest(&mut self, node: NodeId, t: SimTime, id: u128) {
        let point = Point { t, id, duplicate: false };
        self.latest.insert(node, point);
        let stream = self.streams.entry(node).or_default();
        if stream.back().is_none_or(|last| t >= last.t + STREAM_SAMPLE) {
            push_bounded(stream, point, STREAM_POINTS);
        }
    }

    /// Record a duplicate: `id` got by `second` was first got by `first`.
    pub fn duplicate(&mut self, id: u128, first: Origin, second: Origin) {
        self.duplicate_count += 1;
        push_bounded(&mut self.duplicates, Duplicate { id, first, second }, DUPLICATES_KEPT);
        let stream = self.streams.entry(second.node).or_default();
        push_bounded(stream, Point { t: second.t, id, duplicate: true }, STREAM_POINTS);
    }

    /// The latest ID each node got, by node id.
    pub fn latest_ids(&self) -> impl Iterator<Item = (NodeId, Point)> + '_ {
        self.latest.iter().map(|(&n, &p)| (n, p))
    }

    /// The sampled stream of `node`, oldest first.
    pub fn stream(&self, node: NodeId) -> impl Iterator<Item = Point> + '_ {
        self.streams.get(&node).into_iter().flatten().copied()
    }

    /// The most recent duplicates, oldest first.
    pub fn duplicates(&self) -> impl Iterator<Item = Duplicate> + '_ {
        self.duplicates.iter().copied()
    }

    /// Every duplicate seen (beyond those kept).
    pub fn duplicate_count(&self) -> u64 {
        self.duplicate_count
    }
}

fn push_bounded<T>(queue: &mut VecDeque<T>, item: T, limit: usize) {
    if queue.len() == limit {
        queue.pop_front();
    }
    queue.push_back(item);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_sampled_and_bounded_and_duplicates_always_plotted() {
        let mut h = History::default();
        for i in 0..10_000u64 {
            h.latest(3, i * 500, u128::from(i));
        }
        assert_eq!(h.latest_ids().next().map(|(n, p)| (n, p.id)), Some((3, 9_999)));
        let points: Vec<Point> = h.stream(3).collect();
        assert_eq!(points.len(), STREAM_POINTS);
        assert!(points.windows(2).all(|w| w[1].t >= w[0].t + STREAM_SAMPLE));
        h.duplicate(5, Origin { node: 3, t: 1 }, Origin { node: 4, t: 9 });
        assert_eq!(h.stream(4).next(), Some(Point { t: 9, id: 5, duplicate: true }));
        assert_eq!((h.duplicate_count(), h.duplicates().count()), (1, 1));
    }
}
