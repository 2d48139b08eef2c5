//! Fault presets that depend on who leads: isolate the leader, split it into a minority, and
//! partial connectivity through a bridge node. Each is a list of actions for the timeline.

use crate::raft::RaftInput;
use crate::sim::{Action, NodeId};

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
}
