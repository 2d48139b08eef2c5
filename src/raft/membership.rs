//! Cluster membership (paper section 6, thesis chapter 4): who votes, who only learns (etcd's
//! learners), joint consensus and single-server changes, and the leader's side of a change.
//!
//! A configuration takes effect on every server as soon as its entry is in the log, committed or
//! not (thesis 4.1). A server campaigns only if it is a voter in its own configuration (etcd's
//! "promotable"): a spare that was never added, a learner, or a server that knows it was removed
//! stays quiet. A removed server that never received its removal still campaigns: the disruption
//! of thesis 4.2.3, which PreVote and CheckQuorum contain.

use serde::{Deserialize, Serialize};

use super::config::{Bug, RaftConfig};
use super::node::{RaftEvent, RaftNode, RaftWrite};
use super::types::{Command, LogIndex, Role};
use crate::sim::{Ctx, NodeId};

/// How a leader changes the set of voters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeMode {
    /// Joint consensus (paper section 6): C_old,new (majorities of both), then C_new.
    #[default]
    Joint,
    /// One voter added or removed per entry (thesis 4.1); a leader first commits an entry of its term.
    SingleServer,
}

/// A membership change asked of the leader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ConfChange {
    /// Make `node` a voter (a spare, or a learner).
    AddServer { node: NodeId },
    /// Take `node` out of the configuration (a voter or a learner).
    RemoveServer { node: NodeId },
    /// Make a spare `node` a learner: it receives the log but does not vote.
    AddLearner { node: NodeId },
    /// Make learner `node` a voter once it has caught up with the leader's commit index.
    PromoteLearner { node: NodeId },
}

impl ConfChange {
    /// The server the change is about.
    pub fn node(self) -> NodeId {
        match self {
            ConfChange::AddServer { node }
            | ConfChange::RemoveServer { node }
            | ConfChange::AddLearner { node }
            | ConfChange::PromoteLearner { node } => node,
        }
    }
}

/// A cluster configuration: voters and learners; during joint consensus, the old voters too.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    /// The voters, ascending (C_new while joint).
    pub voters: Vec<NodeId>,
    /// During joint consensus (C_old,new): the old voters, ascending; a decision needs a majority of each.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_voters: Option<Vec<NodeId>>,
    /// Non-voting members, ascending: they receive the log, never campaign, never count toward a quorum.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub learners: Vec<NodeId>,
}

/// Whether a majority of `group` satisfies `granted` (never for an empty group).
fn majority(group: &[NodeId], granted: &impl Fn(NodeId) -> bool) -> bool {
    group.iter().filter(|&&n| granted(n)).count() > group.len() / 2
}

fn insert(set: &mut Vec<NodeId>, node: NodeId) {
    if let Err(at) = set.binary_search(&node) {
        set.insert(at, node);
    }
}

fn remove(set: &mut Vec<NodeId>, node: NodeId) {
    set.retain(|&n| n != node);
}

impl Membership {
    /// The configuration server `id` boots with: the scenario's initial one if it is in it, else
    /// empty (a spare, which knows nothing of the cluster until a leader adds it).
    pub fn initial(config: &RaftConfig, id: NodeId, nodes: u32) -> Self {
        let mut voters = config.voters.clone().unwrap_or_else(|| (0..nodes).collect());
        voters.sort_unstable();
        voters.dedup();
        let mut learners: Vec<NodeId> = config.learners.iter().copied().filter(|n| !voters.contains(n)).collect();
        learners.sort_unstable();
        learners.dedup();
        let initial = Self { voters, old_voters: None, learners };
        if initial.is_member(id) {
            initial
        } else {
            Self::default()
        }
    }

    /// C_old,new: between the two entries of a joint change.
    pub fn is_joint(&self) -> bool {
        self.old_voters.is_some()
    }

    /// A voter in either half of the configuration: it may campaign and its vote counts.
    pub fn is_voter(&self, node: NodeId) -> bool {
        self.voters.contains(&node) || self.old_voters.as_ref().is_some_and(|old| old.contains(&node))
    }

    /// A non-voting member.
    pub fn is_learner(&self, node: NodeId) -> bool {
        self.learners.contains(&node)
    }

    /// A voter or a learner: the leader replicates to it.
    pub fn is_member(&self, node: NodeId) -> bool {
        self.is_voter(node) || self.is_learner(node)
    }

    /// Whether the servers for which `granted` holds form a quorum: a majority of the voters, and
    /// during joint consensus a majority of the old voters as well.
    pub fn has_quorum(&self, granted: impl Fn(NodeId) -> bool) -> bool {
        majority(&self.voters, &granted) && self.old_voters.as_ref().is_none_or(|old| majority(old, &granted))
    }

    /// The configuration after `change` alone, or why it cannot be made.
    pub fn apply(&self, change: ConfChange) -> Result<Membership, &'static str> {
        let mut next = Membership { old_voters: None, ..self.clone() };
        match change {
            ConfChange::AddServer { node } if self.voters.contains(&node) => return Err("already_voter"),
            ConfChange::AddServer { node } | ConfChange::PromoteLearner { node } => {
                if matches!(change, ConfChange::PromoteLearner { .. }) && !self.is_learner(node) {
                    return Err("not_learner");
                }
                remove(&mut next.learners, node);
                insert(&mut next.voters, node);
            }
            ConfChange::AddLearner { node } if self.is_member(node) => return Err("already_member"),
            ConfChange::AddLearner { node } => insert(&mut next.learners, node),
            ConfChange::RemoveServer { node } if self.voters == [node] => return Err("last_voter"),
            ConfChange::RemoveServer { node } if !self.is_member(node) => return Err("not_member"),
            ConfChange::RemoveServer { node } => {
                remove(&mut next.voters, node);
                remove(&mut next.learners, node);
            }
        }
        Ok(next)
    }

    /// The entry a leader appends for `change`: in joint mode C_old,new whenever the voters change,
    /// else the new configuration directly (learner changes never need joint consensus).
    pub fn entry_for(&self, change: ConfChange, mode: ChangeMode) -> Result<Membership, &'static str> {
        let next = self.apply(change)?;
        if mode == ChangeMode::Joint && next.voters != self.voters {
            return Ok(Membership { old_voters: Some(self.voters.clone()), ..next });
        }
        Ok(next)
    }

    /// C_new, the second entry of a joint change.
    pub fn leave_joint(&self) -> Membership {
        Membership { old_voters: None, ..self.clone() }
    }
}

impl std::fmt::Display for Membership {
    /// `voters [0,1,2] old [0,1] learners [4]` (old and learners only when there are some).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "voters {:?}", self.voters)?;
        if let Some(old) = &self.old_voters {
            write!(f, " old {old:?}")?;
        }
        if !self.learners.is_empty() {
            write!(f, " learners {:?}", self.learners)?;
        }
        Ok(())
    }
}

/// What a write to stable storage did to the log, for tracking the configuration in force.
pub(super) enum LogChange {
    /// Not a log write.
    None,
    /// Entries were appended from this index on.
    Appended { first: LogIndex },
    /// Entries from this index on were removed.
    Truncated { from: LogIndex },
    /// A snapshot replaced a prefix of the log (or all of it).
    Compacted,
}

impl LogChange {
    /// What `write` will do to a log whose last index is `last_index`.
    pub(super) fn of(write: &RaftWrite, last_index: LogIndex) -> Self {
        match write {
            RaftWrite::HardState { .. } => LogChange::None,
            RaftWrite::Append { .. } => LogChange::Appended { first: last_index + 1 },
            RaftWrite::Truncate { from } => LogChange::Truncated { from: *from },
            RaftWrite::Snapshot { .. } => LogChange::Compacted,
        }
    }
}

type RaftCtx<'a, 'b> = &'a mut Ctx<'b, RaftNode>;

impl RaftNode {
    /// The latest configuration at or before `index`: from the log, else the snapshot's, else the
    /// one this server booted with; with the index of its entry (the snapshot's index, or 0).
    pub(super) fn config_at(&self, index: LogIndex) -> (LogIndex, Membership) {
        let base = self.snapshot_index();
        for i in (base + 1..=index.min(self.last_index())).rev() {
            if let Some(Command::Config { config }) = self.entry(i).map(|e| &*e.command) {
                return (i, config.clone());
            }
        }
        match &self.durable.snapshot {
            Some(s) => (s.last_included_index, s.config.clone()),
            None => (0, self.initial_membership.clone()),
        }
    }

    /// After a log write: the configuration in force is the latest in the log (thesis 4.1: it takes
    /// effect when appended, and a truncation can take it back).
    pub(super) fn track_config(&mut self, change: LogChange, ctx: RaftCtx) {
        let found = match change {
            LogChange::None => return,
            LogChange::Appended { first } => {
                let last = self.last_index();
                (first.max(self.snapshot_index() + 1)..=last).rev().find_map(|i| {
                    match self.entry(i).map(|e| &*e.command) {
                        Some(Command::Config { config }) => Some((i, config.clone())),
                        _ => None,
                    }
                })
            }
            LogChange::Truncated { from } if from > self.config_index => None,
            LogChange::Truncated { .. } | LogChange::Compacted => Some(self.config_at(LogIndex::MAX)),
        };
        if let Some((index, config)) = found {
            self.config_index = index;
            if config != self.membership {
                self.membership = config.clone();
                ctx.emit(RaftEvent::Config { index, config });
            }
        }
    }

    /// Whether this server may campaign: a voter in its own configuration.
    pub(super) fn promotable(&self, me: NodeId) -> bool {
        self.membership.is_voter(me)
    }

    /// Leader: handle a membership change request (refused with a trace event when it cannot be made now).
    pub(super) fn propose_change(&mut self, change: ConfChange, ctx: RaftCtx) {
        let node = change.node();
        let refusal = if self.role != Role::Leader {
            Some("not_leader")
        } else if node >= ctx.node_count() {
            Some("no_such_node")
        } else if self.transferring.is_some_and(|(_, deadline)| ctx.now() <= deadline) {
            Some("transferring")
        } else if self.membership.is_joint() || self.config_index > self.commit_index {
            Some("change_in_progress")
        } else if self.config.membership_change == ChangeMode::SingleServer
            && !self.config.has(Bug::ConfigChangeBeforeTermCommit)
            && self.term_at(self.commit_index) != Some(self.term())
        {
            // Thesis 4.1 (and the 2015 raft-dev fix): until an entry of this term is committed, a
            // leader of single-server changes may not know the latest committed configuration.
            Some("term_not_committed")
        } else {
            None
        };
        if let Some(reason) = refusal {
            ctx.emit(RaftEvent::ConfigRefused { change, reason });
            return;
        }
        if let ConfChange::PromoteLearner { node } = change {
            if self.membership.is_learner(node) && !self.caught_up(node) {
                if !self.promoting.contains(&node) {
                    self.promoting.push(node);
                }
                return; // promoted by membership_progress once it has caught up
            }
        }
        match self.membership.entry_for(change, self.config.membership_change) {
            Ok(config) => {
                self.append_as_leader(Command::Config { config }, ctx);
                self.broadcast_append(ctx);
            }
            Err(reason) => ctx.emit(RaftEvent::ConfigRefused { change, reason }),
        }
    }

    /// A learner has every entry the leader knows to be committed.
    fn caught_up(&self, node: NodeId) -> bool {
        self.progress.get(node as usize).is_some_and(|p| p.match_index >= self.commit_index)
    }

    /// Leader, after a commit or a follower's progress: once the configuration entry is committed,
    /// leave joint consensus (append C_new), step down if no longer a voter (paper section 6), or
    /// promote a learner that asked to be promoted and has caught up.
    pub(super) fn membership_progress(&mut self, ctx: RaftCtx) {
        if self.role != Role::Leader || self.config_index > self.commit_index {
            return;
        }
        if self.membership.is_joint() {
            let config = self.membership.leave_joint();
            self.append_as_leader(Command::Config { config }, ctx);
            self.broadcast_append(ctx);
        } else if !self.membership.is_voter(ctx.id()) {
            self.leader_id = None;
            self.step_down(ctx);
        } else if let Some(node) = self.promoting.iter().copied().find(|&n| self.caught_up(n)) {
            self.promoting.retain(|&n| n != node);
            self.propose_change(ConfChange::PromoteLearner { node }, ctx);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(voters: &[NodeId], old: Option<&[NodeId]>, learners: &[NodeId]) -> Membership {
        Membership { voters: voters.to_vec(), old_voters: old.map(<[NodeId]>::to_vec), learners: learners.to_vec() }
    }

    #[test]
    fn joint_consensus_needs_a_majority_of_both_configurations_section_6() {
        let joint = config(&[2, 3, 4], Some(&[0, 1, 2]), &[]);
        assert!(!joint.has_quorum(|n| [0, 1].contains(&n)), "a majority of C_old alone");
        assert!(!joint.has_quorum(|n| [3, 4].contains(&n)), "a majority of C_new alone");
        assert!(joint.has_quorum(|n| [1, 2, 3].contains(&n)), "2 of C_old and 2 of C_new");
    }

    #[test]
    fn learners_never_count_toward_a_quorum() {
        let c = config(&[0, 1, 2], None, &[3, 4]);
        assert!(!c.has_quorum(|n| [0, 3, 4].contains(&n)));
        assert!(c.has_quorum(|n| [0, 1].contains(&n)));
        assert!(!Membership::default().has_quorum(|_| true), "an empty configuration has no quorum");
    }

    #[test]
    fn changes_and_their_entries() {
        let c = config(&[0, 1, 2], None, &[4]);
        let add = ConfChange::AddServer { node: 3 };
        assert_eq!(c.entry_for(add, ChangeMode::Joint), Ok(config(&[0, 1, 2, 3], Some(&[0, 1, 2]), &[4])));
        assert_eq!(c.entry_for(add, ChangeMode::SingleServer), Ok(config(&[0, 1, 2, 3], None, &[4])));
        let learner = ConfChange::AddLearner { node: 3 };
        assert_eq!(c.entry_for(learner, ChangeMode::Joint), Ok(config(&[0, 1, 2], None, &[3, 4])), "no joint");
        let promote = ConfChange::PromoteLearner { node: 4 };
        assert_eq!(c.apply(promote), Ok(config(&[0, 1, 2, 4], None, &[])));
        assert_eq!(c.apply(ConfChange::PromoteLearner { node: 1 }), Err("not_learner"));
        assert_eq!(c.apply(ConfChange::RemoveServer { node: 3 }), Err("not_member"));
        assert_eq!(config(&[1], None, &[]).apply(ConfChange::RemoveServer { node: 1 }), Err("last_voter"));
    }

    #[test]
    fn a_spare_boots_with_an_empty_configuration() {
        let cfg = RaftConfig { nodes: 5, voters: Some(vec![2, 0, 1]), learners: vec![3], ..RaftConfig::default() };
        assert_eq!(Membership::initial(&cfg, 0, 5), config(&[0, 1, 2], None, &[3]));
        assert_eq!(Membership::initial(&cfg, 3, 5), config(&[0, 1, 2], None, &[3]));
        assert_eq!(Membership::initial(&cfg, 4, 5), Membership::default());
        assert_eq!(Membership::initial(&RaftConfig::default(), 4, 5).voters, vec![0, 1, 2, 3, 4]);
    }
}
