//! Fresh runs of the Raft page and the switches that restart them.

use crate::lab::raft::default_scenario;
use crate::lab::raft::view::RaftTimeline;
use crate::raft::{Bug, ChangeMode, RaftConfig};
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
    /// Single-server membership changes instead of joint consensus.
    SingleServer,
    /// The last two servers start as spares, outside the configuration.
    Spares,
    /// A snapshot every [`SNAPSHOT_EVERY`] applied entries.
    Snapshots,
}

/// Applied entries between snapshots when the page's snapshot switch is on.
pub const SNAPSHOT_EVERY: u64 = 10;

impl Feature {
    /// Every feature, in the order the settings list them, with its `data-testid`.
    pub const ALL: [(Feature, &'static str); 5] = [
        (Feature::PreVote, "pre-vote"),
        (Feature::CheckQuorum, "check-quorum"),
        (Feature::SingleServer, "single-server"),
        (Feature::Spares, "spares"),
        (Feature::Snapshots, "snapshots"),
    ];

    /// Whether `config` has this feature on.
    pub fn is_on(self, config: &RaftConfig) -> bool {
        match self {
            Feature::PreVote => config.pre_vote,
            Feature::CheckQuorum => config.check_quorum,
            Feature::SingleServer => config.membership_change == ChangeMode::SingleServer,
            Feature::Spares => config.voters.is_some(),
            Feature::Snapshots => config.snapshot_every > 0,
        }
    }
}

/// `config` with `feature` switched over.
pub fn with_feature_flipped(mut config: RaftConfig, feature: Feature) -> RaftConfig {
    match feature {
        Feature::PreVote => config.pre_vote = !config.pre_vote,
        Feature::CheckQuorum => config.check_quorum = !config.check_quorum,
        Feature::SingleServer => {
            config.membership_change = match config.membership_change {
                ChangeMode::Joint => ChangeMode::SingleServer,
                ChangeMode::SingleServer => ChangeMode::Joint,
            }
        }
        Feature::Spares if config.voters.is_some() => config.voters = None,
        Feature::Spares => config.voters = Some((0..config.nodes.saturating_sub(2).max(1)).collect()),
        Feature::Snapshots => config.snapshot_every = if config.snapshot_every > 0 { 0 } else { SNAPSHOT_EVERY },
    }
    config
}

/// `config` for `nodes` servers, keeping its features (spares stay the last two servers).
pub fn with_nodes(config: RaftConfig, nodes: u32) -> RaftConfig {
    let spares = Feature::Spares.is_on(&config);
    let resized = RaftConfig { nodes, voters: None, ..config };
    if spares {
        with_feature_flipped(resized, Feature::Spares)
    } else {
        resized
    }
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
    fn every_feature_flips_on_and_back_off() {
        let config = RaftConfig { nodes: 5, ..RaftConfig::default() };
        for (feature, _) in Feature::ALL {
            assert!(!feature.is_on(&config), "{feature:?} is off by default");
            let on = with_feature_flipped(config.clone(), feature);
            assert!(feature.is_on(&on), "{feature:?} switched on");
            assert_eq!(with_feature_flipped(on, feature), config, "{feature:?} switched back");
        }
        let spares = with_feature_flipped(config, Feature::Spares);
        assert_eq!(spares.voters, Some(vec![0, 1, 2]), "servers 3 and 4 are spares");
        assert_eq!(with_nodes(spares, 7).voters, Some(vec![0, 1, 2, 3, 4]), "still the last two, of seven");
    }

    #[test]
    fn toggling_twice_gives_back_the_same_bugs() {
        let on = toggled(&[], Bug::SkipConsistencyCheck);
        assert_eq!(on, vec![Bug::SkipConsistencyCheck]);
        assert!(toggled(&on, Bug::SkipConsistencyCheck).is_empty());
    }
}
