//! The cluster part of the Raft view: nodes with role, term and votes; election timers; message labels.

use super::MemberStatus;
use crate::lab::view::{NodeModel, Note};
use crate::raft::{RaftMessage, RaftNode, Role};
use crate::sim::{NodeId, World};

/// Every node as drawn: role (`follower` when down: it reboots as one), term, and notes for role and votes.
pub fn nodes_of(world: &World<RaftNode>) -> Vec<NodeModel> {
    (0..world.node_count())
        .filter_map(|id| world.node(id))
        .map(|n| {
            let role = n.process.map_or(Role::Follower, |p| p.role);
            let term = n.process.map(RaftNode::term).or(n.durable.map(|d| d.current_term)).unwrap_or(0);
            let mut lines = vec![Note::new("term", term.to_string())];
            if let Some(p) = n.process {
                lines.insert(0, Note::word(role.as_str()));
                // The node's place in the configuration it knows, unless it is a plain voter.
                let member = MemberStatus::of(&p.membership, n.id);
                if member != MemberStatus::Voter {
                    lines.push(Note::word(member.as_str()));
                }
                if p.role == Role::Candidate {
                    let granted = p.progress.iter().filter(|peer| peer.vote_granted).count();
                    lines.push(Note::new("votes", format!("{granted}/{}", p.progress.len() / 2 + 1)));
                }
            }
            NodeModel { id: n.id, status: n.status, role: role.as_str(), term: Some(term), lines }
        })
        .collect()
}

/// Per node, the fraction of its election timeout still to run on its own clock (`None`: leader or down).
pub fn timer_fractions(world: &World<RaftNode>) -> Vec<Option<f64>> {
    (0..world.node_count())
        .map(|id| {
            let n = world.node(id)?;
            let p = n.process.filter(|p| p.role != Role::Leader && p.election_timeout > 0)?;
            let local = n.clock.local(world.now());
            let left = p.election_deadline.saturating_sub(local) as f64;
            Some((left / p.election_timeout as f64).clamp(0.0, 1.0))
        })
        .collect()
}

/// Per message in flight (in `in_flight` order): a short label and a tone, "ok", "fail" or "".
pub fn message_tags(world: &World<RaftNode>) -> Vec<(String, &'static str)> {
    world.network().in_flight().map(|m| message_tag(&m.message)).collect()
}

/// The label of one message: RV, RV✓/✗, PV, PV✓/✗, AE·n, HB, AE✓/✗.
pub fn message_tag(message: &RaftMessage) -> (String, &'static str) {
    let tone = |ok: bool| if ok { "ok" } else { "fail" };
    match message {
        RaftMessage::RequestVote { term, .. } => (format!("RV T{term}"), ""),
        RaftMessage::RequestVoteReply { vote_granted, .. } => {
            (if *vote_granted { "RV ✓" } else { "RV ✗" }.into(), tone(*vote_granted))
        }
        RaftMessage::PreVote { term, .. } => (format!("PV T{term}"), ""),
        RaftMessage::TimeoutNow { .. } => ("TimeoutNow".into(), ""),
        RaftMessage::PreVoteReply { vote_granted, .. } => {
            (if *vote_granted { "PV ✓" } else { "PV ✗" }.into(), tone(*vote_granted))
        }
        RaftMessage::AppendEntries { entries, .. } if entries.is_empty() => ("HB".into(), ""),
        RaftMessage::AppendEntries { entries, .. } => (format!("AE ×{}", entries.len()), ""),
        RaftMessage::AppendEntriesReply { success, .. } => {
            (if *success { "AE ✓" } else { "AE ✗" }.into(), tone(*success))
        }
        RaftMessage::InstallSnapshot { last_included_index, .. } => (format!("IS ≤{last_included_index}"), ""),
        RaftMessage::InstallSnapshotReply { last_included_index, .. } => {
            (if *last_included_index > 0 { "IS ✓" } else { "IS ✗" }.into(), tone(*last_included_index > 0))
        }
    }
}

/// The node that leads in the highest term among running leaders, if any.
pub fn leader_of(world: &World<RaftNode>) -> Option<NodeId> {
    crate::raft::current_leader(world).map(|(id, _)| id)
}
