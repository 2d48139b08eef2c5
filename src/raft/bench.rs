//! The Raft benchmark workload (the engine issue's): 5 nodes, election timeout 100-200 ms, latency
//! 10-15 ms, a client write to the leader every 10 ms of virtual time, invariants off. It uses no
//! clock: the caller times it, natively or in the browser.

use super::config::RaftConfig;
use super::node::{RaftInput, RaftNode};
use super::types::KvOp;
use crate::sim::{ms, Action, NetworkConfig, Retention, SimTime, World};

/// What a benchmark run did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RaftBenchResult {
    /// Virtual time simulated.
    pub virtual_time: SimTime,
    /// Events handled.
    pub events: u64,
    /// Entries the final leader has committed.
    pub committed: u64,
    /// The run's fingerprint (the same on every platform).
    pub fingerprint: u64,
}

/// Run the workload for `virtual_time`.
pub fn run_raft_bench(virtual_time: SimTime, seed: u64) -> RaftBenchResult {
    let network = NetworkConfig { latency_min: ms(10), latency_max: ms(15), ..NetworkConfig::default() };
    let config = RaftConfig {
        nodes: 5,
        network: network.clone(),
        election_timeout_min: ms(100),
        election_timeout_max: ms(200),
        ..RaftConfig::default()
    };
    let mut world = World::<RaftNode>::new(5, network, config, seed, Retention::Window(0));
    let mut seq = 0;
    let mut t = 0;
    while t < virtual_time {
        t += ms(10);
        world.run_until(t);
        let leader = super::current_leader(&world).map(|(id, _)| id);
        if let Some(node) = leader {
            seq += 1;
            let op = KvOp::Put { key: format!("k{}", seq % 16), value: seq.to_string() };
            let _ = world.apply(&Action::Input { node, input: RaftInput::Client { client: 1, seq, op } });
        }
    }
    let committed = world.processes().filter_map(|(_, p)| p.map(|p| p.commit_index)).max().unwrap_or(0);
    RaftBenchResult { virtual_time, events: world.events_handled(), committed, fingerprint: world.fingerprint() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::secs;

    #[test]
    fn the_workload_commits_about_one_write_per_10_ms() {
        let r = run_raft_bench(secs(5), 1);
        // 500 writes offered; all but those in the first election and the last round trip commit.
        assert!((450..=510).contains(&r.committed), "committed {}", r.committed);
        assert_eq!(r, run_raft_bench(secs(5), 1), "deterministic");
    }
}
