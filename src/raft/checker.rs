//! Raft's safety properties (Figure 3), checked after every event, plus monotonicity rules.
//!
//! Election Safety, Leader Append-Only, Log Matching, Leader Completeness, State Machine Safety;
//! terms never decrease, commit indexes never decrease within a life, entries apply in order.

use std::collections::BTreeMap;

use super::node::RaftNode;
use super::types::{LogIndex, Role, Term};
use crate::sim::{stable_hash, Checker, NodeId, StableHasher, Violation, World};
use std::hash::{Hash, Hasher};

/// Names of every property checked, in the order the page lists them.
pub const INVARIANTS: [&str; 8] = [
    "Election Safety",
    "Leader Append-Only",
    "Log Matching",
    "Leader Completeness",
    "State Machine Safety",
    "Terms Never Decrease",
    "Commit Index Never Decreases",
    "Applied In Order",
];

/// One log position as the checker remembers it: term, entry hash, hash of the whole prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot {
    term: Term,
    entry: u64,
    prefix: u64,
}

#[derive(Clone, Debug, Default)]
struct Tracked {
    life: u32,
    term: Term,
    role: Option<Role>,
    commit: LogIndex,
    applied: LogIndex,
    log: Vec<Slot>,
}

/// The checker's memory of the whole history.
#[derive(Clone, Debug, Default)]
pub struct RaftChecker {
    leaders: BTreeMap<Term, NodeId>,
    prefixes: BTreeMap<(LogIndex, Term), u64>,
    /// Committed entries, with the term of the server first seen committing each (its leader).
    committed: Vec<(Slot, Term)>,
    applied: Vec<u64>,
    nodes: Vec<Tracked>,
}

impl RaftChecker {
    /// A checker that has seen nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Look at the world after an event; the first violation found, if any.
    pub fn check(&mut self, world: &World<RaftNode>) -> Option<Violation> {
        let n = world.node_count() as usize;
        if self.nodes.len() < n {
            self.nodes.resize(n, Tracked::default());
        }
        let now = world.now();
        let seq = world.trace().total().saturating_sub(1);
        let violation = |invariant, nodes: Vec<NodeId>, explanation: String| Violation {
            invariant,
            t: now,
            nodes,
            explanation,
            trace_seq: seq,
        };
        for id in 0..n as NodeId {
            let Some(view) = world.node(id) else { continue };
            let Some(p) = view.process else {
                self.nodes[id as usize].role = None;
                continue;
            };
            if let Some((invariant, nodes, explanation)) = self.check_node(id, view.life, p) {
                return Some(violation(invariant, nodes, explanation));
            }
        }
        None
    }

    fn check_node(&mut self, id: NodeId, life: u32, p: &RaftNode) -> Option<(&'static str, Vec<NodeId>, String)> {
        let tracked = &self.nodes[id as usize];
        let new_life = tracked.life != life;
        let unchanged = !new_life
            && tracked.term == p.term()
            && tracked.role == Some(p.role)
            && tracked.commit == p.commit_index
            && tracked.applied == p.last_applied
            && tracked.log.len() as LogIndex == p.last_index()
            && tracked.log.last().map(|s| s.term) == p.log().last().map(|e| e.term);
        if unchanged {
            return None;
        }
        if p.term() < tracked.term {
            let msg = format!("node {id}'s term went from {} back to {}", tracked.term, p.term());
            return Some(("Terms Never Decrease", vec![id], msg));
        }
        if !new_life && p.commit_index < tracked.commit {
            let msg = format!("node {id}'s commit index went from {} back to {}", tracked.commit, p.commit_index);
            return Some(("Commit Index Never Decreases", vec![id], msg));
        }
        let was_leader_same_term = !new_life && tracked.role == Some(Role::Leader) && tracked.term == p.term();
        let result = self
            .update_log(id, p, was_leader_same_term)
            .or_else(|| self.check_election(id, p))
            .or_else(|| self.check_commit(id, p))
            .or_else(|| self.check_applied(id, p, new_life))
            .or_else(|| self.check_leaders_complete(id, p));
        let tracked = &mut self.nodes[id as usize];
        tracked.life = life;
        tracked.term = p.term();
        tracked.role = Some(p.role);
        tracked.commit = p.commit_index;
        tracked.applied = p.last_applied;
        result
    }

    /// Bring the cached log of `id` up to date; checks Leader Append-Only and Log Matching.
    fn update_log(&mut self, id: NodeId, p: &RaftNode, leader_same_term: bool) -> Option<(&'static str, Vec<NodeId>, String)> {
        let log = p.log();
        let cached = &mut self.nodes[id as usize].log;
        let mut keep = cached.len().min(log.len());
        while keep > 0 && cached[keep - 1].term != log[keep - 1].term {
            keep -= 1;
        }
        if leader_same_term && keep < cached.len() {
            let msg = format!("leader {id} removed entries from index {} of its own log in term {}", keep + 1, p.term());
            return Some(("Leader Append-Only", vec![id], msg));
        }
        cached.truncate(keep);
        for (k, entry) in log.iter().enumerate().skip(keep) {
            let previous = if k == 0 { 0 } else { cached[k - 1].prefix };
            let entry_hash = stable_hash(entry);
            let mut hasher = StableHasher::with_state(previous);
            entry_hash.hash(&mut hasher);
            let slot = Slot { term: entry.term, entry: entry_hash, prefix: hasher.finish() };
            cached.push(slot);
            let index = k as LogIndex + 1;
            match self.prefixes.get(&(index, entry.term)) {
                Some(&known) if known != slot.prefix => {
                    let others = self.holders(index, entry.term, slot.prefix, id);
                    let msg = format!(
                        "node {id} has an entry at index {index} in term {} but its log up to there differs from {}",
                        entry.term,
                        describe_nodes(&others)
                    );
                    let mut nodes = vec![id];
                    nodes.extend(others);
                    return Some(("Log Matching", nodes, msg));
                }
                Some(_) => {}
                None => {
                    self.prefixes.insert((index, entry.term), slot.prefix);
                }
            }
        }
        None
    }

    /// Other nodes whose cached log has (index, term) with a different prefix.
    fn holders(&self, index: LogIndex, term: Term, prefix: u64, except: NodeId) -> Vec<NodeId> {
        (0..self.nodes.len() as NodeId)
            .filter(|&n| n != except)
            .filter(|&n| {
                self.nodes[n as usize]
                    .log
                    .get(index as usize - 1)
                    .is_some_and(|s| s.term == term && s.prefix != prefix)
            })
            .collect()
    }

    fn check_election(&mut self, id: NodeId, p: &RaftNode) -> Option<(&'static str, Vec<NodeId>, String)> {
        if p.role != Role::Leader {
            return None;
        }
        match self.leaders.get(&p.term()) {
            Some(&other) if other != id => {
                let msg = format!("nodes {other} and {id} were both leader in term {}", p.term());
                Some(("Election Safety", vec![other, id], msg))
            }
            Some(_) => None,
            None => {
                self.leaders.insert(p.term(), id);
                None
            }
        }
    }

    /// Record newly committed entries; a different entry committed at a known index breaks State Machine Safety.
    fn check_commit(&mut self, id: NodeId, p: &RaftNode) -> Option<(&'static str, Vec<NodeId>, String)> {
        let cached = &self.nodes[id as usize].log;
        let upto = (p.commit_index as usize).min(cached.len());
        for (k, slot) in cached.iter().enumerate().take(upto) {
            match self.committed.get(k).map(|(known, _)| known) {
                Some(known) if known.prefix != slot.prefix => {
                    let msg = format!(
                        "node {id} committed a different entry at index {} (term {}) than was committed before (term {})",
                        k + 1,
                        slot.term,
                        known.term
                    );
                    return Some(("State Machine Safety", vec![id], msg));
                }
                Some(_) => {}
                None => self.committed.push((*slot, p.term())),
            }
        }
        None
    }

    fn check_applied(&mut self, id: NodeId, p: &RaftNode, new_life: bool) -> Option<(&'static str, Vec<NodeId>, String)> {
        let tracked = &self.nodes[id as usize];
        let from = if new_life { 0 } else { tracked.applied };
        if p.last_applied < from {
            let msg = format!("node {id}'s last applied index went from {from} back to {}", p.last_applied);
            return Some(("Applied In Order", vec![id], msg));
        }
        if p.last_applied > p.commit_index {
            let msg = format!("node {id} applied index {} beyond its commit index {}", p.last_applied, p.commit_index);
            return Some(("Applied In Order", vec![id], msg));
        }
        for index in from + 1..=p.last_applied {
            let entry = tracked.log[index as usize - 1].entry;
            match self.applied.get(index as usize - 1) {
                Some(&known) if known != entry => {
                    let msg = format!("node {id} applied a different command at index {index} than another server did");
                    return Some(("State Machine Safety", vec![id], msg));
                }
                Some(_) => {}
                None => self.applied.push(entry),
            }
        }
        None
    }

    /// Every leader holds every entry committed before its term began (checked through the prefix
    /// hash of the last such entry, which covers all before it).
    fn check_leaders_complete(&self, id: NodeId, p: &RaftNode) -> Option<(&'static str, Vec<NodeId>, String)> {
        for leader in 0..self.nodes.len() as NodeId {
            let tracked = &self.nodes[leader as usize];
            let (role, term) = if leader == id { (p.role, p.term()) } else { (tracked.role.unwrap_or(Role::Follower), tracked.term) };
            if role != Role::Leader {
                continue;
            }
            let Some(k) = self.committed.iter().rposition(|(_, commit_term)| *commit_term < term) else { continue };
            let (slot, _) = self.committed[k];
            if tracked.log.get(k).is_none_or(|s| s.prefix != slot.prefix) {
                let msg = format!(
                    "leader {leader} of term {term} lacks the entry committed at index {} (term {})",
                    k + 1,
                    slot.term
                );
                return Some(("Leader Completeness", vec![leader], msg));
            }
        }
        None
    }
}

impl Checker<RaftNode> for RaftChecker {
    fn check(&mut self, world: &World<RaftNode>) -> Option<Violation> {
        RaftChecker::check(self, world)
    }
}

fn describe_nodes(nodes: &[NodeId]) -> String {
    match nodes {
        [] => "another node's".into(),
        [one] => format!("node {one}'s"),
        many => format!("nodes {many:?}'"),
    }
}
