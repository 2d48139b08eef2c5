//! What a run measures, without judging: write availability per server, read staleness, time to
//! convergence after a heal, time for a change to reach the clients, writes lost to last-writer-wins.

use std::collections::BTreeMap;

use crate::sim::{NodeId, SimTime};

/// A running summary of durations: how many, the sum and the largest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Durations {
    /// How many were recorded.
    pub count: u64,
    /// Their sum, µs.
    pub total: SimTime,
    /// The largest, µs.
    pub max: SimTime,
}

impl Durations {
    /// Record one duration.
    pub fn add(&mut self, d: SimTime) {
        self.count += 1;
        self.total += d;
        self.max = self.max.max(d);
    }

    /// The mean, µs (0 when empty).
    pub fn mean(&self) -> SimTime {
        self.total.checked_div(self.count).unwrap_or(0)
    }
}

/// Accepted and refused changes at one server.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Availability {
    /// Changes the server accepted.
    pub accepted: u64,
    /// Changes it refused.
    pub refused: u64,
}

/// What one client saw of its own requests (the page groups clients by side of a partition).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClientTally {
    /// Its changes acknowledged.
    pub writes_acked: u64,
    /// Its changes given up on (every server refused or was silent).
    pub writes_failed: u64,
    /// Its reads answered.
    pub reads: u64,
    /// Its reads given up on.
    pub reads_failed: u64,
    /// Its reads that returned an older version than one already acknowledged when they were sent.
    pub stale_reads: u64,
    /// The oldest of those values, µs since the first newer version was acknowledged.
    pub staleness_max: SimTime,
}

/// The measures of a run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Measured {
    /// Per server: changes accepted and refused (the page groups servers by side of a partition).
    pub availability: BTreeMap<NodeId, Availability>,
    /// Changes acknowledged to clients.
    pub writes_acked: u64,
    /// Changes clients gave up on.
    pub writes_failed: u64,
    /// Reads answered.
    pub reads: u64,
    /// Reads clients gave up on.
    pub reads_failed: u64,
    /// Reads that returned an older version than one already acknowledged when they were sent.
    pub stale_reads: u64,
    /// How old those stale values were: from the acknowledgement of the first newer version to the read's return.
    pub staleness: Durations,
    /// From a version's acceptance to each client seeing it (publish to seen).
    pub propagation: Durations,
    /// From a heal to every server holding the same revisions.
    pub convergence: Durations,
    /// Acknowledged writes lost to last-writer-wins because the winner's clock read later although
    /// it wrote earlier (clock skew).
    pub lost_to_clock_skew: u64,
    /// Clients that started from their local cache because no server answered.
    pub started_from_cache: u64,
    /// Per client: its writes and reads as it saw them.
    pub clients: BTreeMap<NodeId, ClientTally>,
}
