//! Fresh runs of the Raft page, and the fault presets that depend on who leads.

use crate::lab::raft::default_scenario;
use crate::lab::raft::view::RaftTimeline;
use crate::raft::{Bug, RaftConfig, RaftInput};
use crate::sim::{Action, NodeId, Retention};

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

/// The node the presets centre on: the leader, or node 0 when there is none.
fn pivot(leader: Option<NodeId>) -> NodeId {
    leader.unwrap_or(0)
}

/// Every node but `leader`, in ring order after it.
fn others(leader: NodeId, count: u32) -> Vec<NodeId> {
    (1..count).map(|k| (leader + k) % count).collect()
}

/// Cut the leader off from everyone.
pub fn isolate_leader(leader: Option<NodeId>, count: u32) -> Vec<Action<RaftInput>> {
    let l = pivot(leader);
    vec![Action::Partition { groups: vec![vec![l], others(l, count)] }]
}

/// The leader and the fewest others on one side (a minority), the rest on the other (a majority).
pub fn split(leader: Option<NodeId>, count: u32) -> Vec<Action<RaftInput>> {
    let l = pivot(leader);
    let rest = others(l, count);
    let minority = (count.saturating_sub(1) / 2) as usize;
    let (with_leader, majority) = rest.split_at(minority.saturating_sub(1).min(rest.len()));
    let mut side = vec![l];
    side.extend_from_slice(with_leader);
    vec![Action::Partition { groups: vec![side, majority.to_vec()] }]
}

/// Partial connectivity: the leader's half and the other half cannot talk; one bridge node (the
/// first follower) still talks to both halves.
pub fn bridge(leader: Option<NodeId>, count: u32) -> Vec<Action<RaftInput>> {
    let l = pivot(leader);
    let rest = others(l, count);
    let Some((&bridge, rest)) = rest.split_first() else { return Vec::new() };
    let (near, far) = rest.split_at(rest.len() / 2);
    let mut a = vec![l, bridge];
    a.extend_from_slice(near);
    let mut actions = vec![Action::Partition { groups: vec![a, far.to_vec()] }];
    for &n in far {
        actions.push(Action::LinkUp { from: bridge, to: n });
        actions.push(Action::LinkUp { from: n, to: bridge });
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(actions: &[Action<RaftInput>]) -> Vec<Vec<NodeId>> {
        match &actions[0] {
            Action::Partition { groups } => groups.clone(),
            other => panic!("not a partition: {other:?}"),
        }
    }

    #[test]
    fn split_leaves_the_leader_in_a_minority() {
        assert_eq!(groups(&split(Some(2), 5)), vec![vec![2, 3], vec![4, 0, 1]]);
        assert_eq!(groups(&split(Some(0), 3)), vec![vec![0], vec![1, 2]]);
        assert_eq!(groups(&split(None, 7)), vec![vec![0, 1, 2], vec![3, 4, 5, 6]]);
    }

    #[test]
    fn bridge_links_one_node_to_both_halves() {
        let actions = bridge(Some(0), 5);
        assert_eq!(groups(&actions), vec![vec![0, 1, 2], vec![3, 4]]);
        assert_eq!(actions.len(), 1 + 4);
        assert!(actions.contains(&Action::LinkUp { from: 1, to: 4 }));
    }

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
