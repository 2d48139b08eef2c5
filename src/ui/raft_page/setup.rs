//! Fresh runs of the Raft page and the switches that restart them.

use crate::lab::raft::default_scenario;
use crate::lab::raft::view::RaftTimeline;
use crate::raft::{Bug, RaftConfig};
use crate::sim::Retention;

/// Nodes at first load.
pub const DEFAULT_NODES: u32 = 5;
/// Node counts offered: 3 to 9, and 25 for the scale demo.
pub const NODE_CHOICES: [u32; 8] = [3, 4, 5, 6, 7, 8, 9, 25];
/// Default speed: 1/10 of real time, so a 150–300 ms election timeout drains in 1.5–3 s.
pub const DEFAULT_SPEED: f64 = 0.1;
/// Trace entries kept in memory (the event log, drop marks, and what the lanes read between frames).
pub const TRACE_WINDOW: usize = 4_000;
/// Seed of every run started from the page.
const SEED: u64 = 1;

/// A fresh run of `config` (node count, mistakes, PreVote and CheckQuorum as the page set them).
pub fn fresh(config: RaftConfig) -> RaftTimeline {
    let mut scenario = default_scenario(SEED);
    scenario.config = config;
    RaftTimeline::new(scenario, Retention::Window(TRACE_WINDOW))
        .expect("the page only builds configurations of 1 to 64 nodes with the default timing")
}

/// The default run: five servers, the paper's Raft, no mistake switched on.
pub fn default_run() -> RaftTimeline {
    fresh(RaftConfig { nodes: DEFAULT_NODES, ..RaftConfig::default() })
}

/// A protocol feature the page can switch (each one restarts the run).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feature {
    /// PreVote (thesis 9.6).
    PreVote,
    /// CheckQuorum.
    CheckQuorum,
}

/// `config` with `feature` switched over.
pub fn with_feature_flipped(mut config: RaftConfig, feature: Feature) -> RaftConfig {
    match feature {
        Feature::PreVote => config.pre_vote = !config.pre_vote,
        Feature::CheckQuorum => config.check_quorum = !config.check_quorum,
    }
    config
}

/// `bugs` with `bug` switched on or off, in the canonical order.
pub fn toggled(bugs: &[Bug], bug: Bug) -> Vec<Bug> {
    Bug::ALL.into_iter().filter(|&b| (b == bug) != bugs.contains(&b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flipping_a_feature_twice_gives_back_the_same_config() {
        let config = RaftConfig::default();
        let on = with_feature_flipped(config.clone(), Feature::PreVote);
        assert!(on.pre_vote && !on.check_quorum);
        assert_eq!(with_feature_flipped(on, Feature::PreVote), config);
    }

    #[test]
    fn toggling_twice_gives_back_the_same_bugs() {
        let on = toggled(&[], Bug::SkipConsistencyCheck);
        assert_eq!(on, vec![Bug::SkipConsistencyCheck]);
        assert!(toggled(&on, Bug::SkipConsistencyCheck).is_empty());
    }
}
