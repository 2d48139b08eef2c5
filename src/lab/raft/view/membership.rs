//! The membership part of the Raft view: the configuration in force as the leader sees it (old and
//! new voters during joint consensus, learners, spares) and every server's snapshot boundary.

use crate::raft::{ChangeMode, LogIndex, Membership, RaftNode, Term};
use crate::sim::{NodeId, World};

/// A server's place in the configuration in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberStatus {
    /// A voter, in C_new and (while joint) in C_old too.
    Voter,
    /// Joint consensus: a voter of C_new that was not one of C_old.
    Joining,
    /// Joint consensus: a voter of C_old that is not one of C_new.
    Leaving,
    /// A non-voting member: it receives the log, never votes.
    Learner,
    /// Not in the configuration: never added, or removed.
    Outside,
}

impl MemberStatus {
    /// The name used in the page (translated) and in `data-member`.
    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Voter => "voter",
            MemberStatus::Joining => "joining",
            MemberStatus::Leaving => "leaving",
            MemberStatus::Learner => "learner",
            MemberStatus::Outside => "outside",
        }
    }

    /// The status of `node` in `membership`.
    pub fn of(membership: &Membership, node: NodeId) -> Self {
        let new = membership.voters.contains(&node);
        let old = membership.old_voters.as_ref().map(|old| old.contains(&node));
        match (new, old) {
            (true, Some(false)) => MemberStatus::Joining,
            (false, Some(true)) => MemberStatus::Leaving,
            (true, _) => MemberStatus::Voter,
            _ if membership.is_learner(node) => MemberStatus::Learner,
            _ => MemberStatus::Outside,
        }
    }
}

/// One server's row in the membership panel.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberRow {
    /// The server.
    pub node: NodeId,
    /// Its place in the configuration in force (as `source` sees it).
    pub status: MemberStatus,
    /// Whether it is running (a down server can still be added or removed).
    pub up: bool,
    /// Its snapshot's last included index and term (`None`: no snapshot).
    pub snapshot: Option<(LogIndex, Term)>,
}

/// The configuration in force and every server's part in it.
#[derive(Clone, Debug, PartialEq)]
pub struct MembershipView {
    /// Whose configuration is shown: the leader's, else the running server with the highest term.
    pub source: Option<NodeId>,
    /// Whether `source` is the leader (changes are asked of it).
    pub from_leader: bool,
    /// Joint consensus or single-server changes.
    pub mode: ChangeMode,
    /// Between C_old,new and C_new.
    pub joint: bool,
    /// The index of the entry holding the configuration (0: the initial one).
    pub config_index: LogIndex,
    /// Whether `source` knows that entry committed.
    pub committed: bool,
    /// Every server, in id order.
    pub rows: Vec<MemberRow>,
}

/// The membership view of `world`, read from the leader `leader` if there is one.
pub fn membership_view(world: &World<RaftNode>, leader: Option<NodeId>, mode: ChangeMode) -> MembershipView {
    let running = |id: NodeId| world.node(id).and_then(|n| n.process);
    let source = leader.or_else(|| {
        (0..world.node_count()).filter(|&id| running(id).is_some()).max_by_key(|&id| running(id).map(RaftNode::term))
    });
    let reference = source.and_then(running);
    let empty = Membership::default();
    let membership = reference.map_or(&empty, |p| &p.membership);
    let rows = (0..world.node_count())
        .map(|node| {
            let process = running(node);
            MemberRow {
                node,
                status: MemberStatus::of(membership, node),
                up: process.is_some(),
                snapshot: process.filter(|p| p.snapshot_index() > 0).map(|p| (p.snapshot_index(), p.snapshot_term())),
            }
        })
        .collect();
    MembershipView {
        source,
        from_leader: source.is_some() && source == leader,
        mode,
        joint: membership.is_joint(),
        config_index: reference.map_or(0, |p| p.config_index),
        committed: reference.is_some_and(|p| p.config_index <= p.commit_index),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn membership(voters: &[NodeId], old: Option<&[NodeId]>, learners: &[NodeId]) -> Membership {
        Membership { voters: voters.to_vec(), old_voters: old.map(<[NodeId]>::to_vec), learners: learners.to_vec() }
    }

    #[test]
    fn joint_consensus_shows_who_joins_and_who_leaves() {
        let joint = membership(&[0, 1, 3], Some(&[0, 1, 2]), &[4]);
        let statuses: Vec<&str> = (0..6).map(|n| MemberStatus::of(&joint, n).as_str()).collect();
        assert_eq!(statuses, ["voter", "voter", "leaving", "joining", "learner", "outside"]);
        let plain = membership(&[0, 1, 3], None, &[]);
        assert_eq!(MemberStatus::of(&plain, 3), MemberStatus::Voter);
        assert_eq!(MemberStatus::of(&plain, 2), MemberStatus::Outside);
    }
}
