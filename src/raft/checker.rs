//! Raft's safety properties (Figure 3), checked after every event, plus monotonicity rules.
//!
//! Election Safety, Leader Append-Only, Log Matching, Leader Completeness, State Machine Safety;
//! terms never decrease, commit indexes never decrease within a life, entries apply in order.
//!
//! Across membership changes and snapshots: Election Safety is at most one leader per term, whatever
//! configuration elected it (no quorum is assumed, so a change that lets two disjoint quorums form
//! is caught); entries covered by a node's snapshot count as present in its log (Log Matching and
//! Leader Completeness compare through the snapshot's last included index and term, and a snapshot
//! must hold what was committed up to there).

use std::collections::BTreeMap;

use super::node::RaftNode;
use super::types::{LogIndex, Role, Term};
use crate::sim::{fill_facts, stable_hash, Checker, NodeId, StableHasher, Violation, World};
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

/// An invariant found broken: which, the nodes involved, and the sentence's code and values.
struct Broken {
    invariant: &'static str,
    nodes: Vec<NodeId>,
    code: RaftViolation,
    facts: Vec<(&'static str, String)>,
}

fn broken(
    invariant: &'static str,
    nodes: Vec<NodeId>,
    code: RaftViolation,
    facts: &[(&'static str, &dyn ToString)],
) -> Option<Broken> {
    let facts = facts.iter().map(|(name, value)| (*name, value.to_string())).collect();
    Some(Broken { invariant, nodes, code, facts })
}

/// Every sentence the Raft checker can say, by its code (`Violation::code`); the page keys its
/// translations on these values, so a sentence without a translation does not compile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RaftViolation {
    /// "node {node}'s term went from {from} back to {to}".
    TermWentBack,
    /// "node {node}'s commit index went from {from} back to {to}".
    CommitWentBack,
    /// "leader {node} removed entries from index {index} of its own log in term {term}".
    LeaderRemovedEntries,
    /// "node {node} has an entry at index {index} in term {term} but its log up to there differs from node {other}'s".
    LogsDiffer,
    /// "nodes {other} and {node} were both leader in term {term}".
    TwoLeaders,
    /// "node {node} committed a different entry at index {index} (term {term}) than was committed before (term {earlier})".
    DifferentCommit,
    /// "node {node}'s last applied index went from {from} back to {to}".
    AppliedWentBack,
    /// "node {node} applied index {index} beyond its commit index {commit}".
    AppliedBeyondCommit,
    /// "node {node} applied a different command at index {index} than another server did".
    DifferentApply,
    /// "leader {node} of term {term} lacks the entry committed at index {index} (term {entry_term})".
    LeaderLacksCommitted,
    /// "node {node} holds a snapshot up to index {index} (term {term}) that is not what was committed there".
    SnapshotNotCommitted,
}

impl RaftViolation {
    /// Every sentence.
    pub const ALL: [RaftViolation; 11] = [
        RaftViolation::TermWentBack,
        RaftViolation::CommitWentBack,
        RaftViolation::LeaderRemovedEntries,
        RaftViolation::LogsDiffer,
        RaftViolation::TwoLeaders,
        RaftViolation::DifferentCommit,
        RaftViolation::AppliedWentBack,
        RaftViolation::AppliedBeyondCommit,
        RaftViolation::DifferentApply,
        RaftViolation::LeaderLacksCommitted,
        RaftViolation::SnapshotNotCommitted,
    ];

    /// The stable code (`Violation::code`).
    pub fn code(self) -> &'static str {
        match self {
            RaftViolation::TermWentBack => "term_went_back",
            RaftViolation::CommitWentBack => "commit_went_back",
            RaftViolation::LeaderRemovedEntries => "leader_removed_entries",
            RaftViolation::LogsDiffer => "logs_differ",
            RaftViolation::TwoLeaders => "two_leaders",
            RaftViolation::DifferentCommit => "different_commit",
            RaftViolation::AppliedWentBack => "applied_went_back",
            RaftViolation::AppliedBeyondCommit => "applied_beyond_commit",
            RaftViolation::DifferentApply => "different_apply",
            RaftViolation::LeaderLacksCommitted => "leader_lacks_committed",
            RaftViolation::SnapshotNotCommitted => "snapshot_not_committed",
        }
    }

    /// The English sentence, with `{fact}` placeholders (the command line's; the page translates).
    pub fn english(self) -> &'static str {
        match self {
            RaftViolation::TermWentBack => "node {node}'s term went from {from} back to {to}",
            RaftViolation::CommitWentBack => "node {node}'s commit index went from {from} back to {to}",
            RaftViolation::LeaderRemovedEntries => "leader {node} removed entries from index {index} of its own log in term {term}",
            RaftViolation::LogsDiffer => "node {node} has an entry at index {index} in term {term} but its log up to there differs from node {other}'s",
            RaftViolation::TwoLeaders => "nodes {other} and {node} were both leader in term {term}",
            RaftViolation::DifferentCommit => "node {node} committed a different entry at index {index} (term {term}) than was committed before (term {earlier})",
            RaftViolation::AppliedWentBack => "node {node}'s last applied index went from {from} back to {to}",
            RaftViolation::AppliedBeyondCommit => "node {node} applied index {index} beyond its commit index {commit}",
            RaftViolation::DifferentApply => "node {node} applied a different command at index {index} than another server did",
            RaftViolation::LeaderLacksCommitted => "leader {node} of term {term} lacks the entry committed at index {index} (term {entry_term})",
            RaftViolation::SnapshotNotCommitted => "node {node} holds a snapshot up to index {index} (term {term}) that is not what was committed there",
        }
    }

    /// The sentence with this code, if there is one.
    pub fn from_code(code: &str) -> Option<RaftViolation> {
        RaftViolation::ALL.into_iter().find(|v| v.code() == code)
    }
}

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
    snapshot: LogIndex,
    /// The node's log as the checker saw it, from index 1, through its snapshot.
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
        let violation = |b: Broken| Violation {
            invariant: b.invariant,
            t: now,
            nodes: b.nodes,
            explanation: fill_facts(b.code.english(), &b.facts),
            code: b.code.code(),
            facts: b.facts,
            trace_seq: seq,
        };
        for id in 0..n as NodeId {
            let Some(view) = world.node(id) else { continue };
            let Some(p) = view.process else {
                self.nodes[id as usize].role = None;
                continue;
            };
            if let Some(b) = self.check_node(id, view.life, p) {
                return Some(violation(b));
            }
        }
        None
    }

    fn check_node(&mut self, id: NodeId, life: u32, p: &RaftNode) -> Option<Broken> {
        let tracked = &self.nodes[id as usize];
        let new_life = tracked.life != life;
        let unchanged = !new_life
            && tracked.term == p.term()
            && tracked.role == Some(p.role)
            && tracked.commit == p.commit_index
            && tracked.applied == p.last_applied
            && tracked.snapshot == p.snapshot_index()
            && tracked.log.len() as LogIndex == p.last_index()
            && tracked.log.last().map_or(0, |s| s.term) == p.term_at(p.last_index()).unwrap_or(0);
        if unchanged {
            return None;
        }
        if p.term() < tracked.term {
            return broken(
                "Terms Never Decrease",
                vec![id],
                RaftViolation::TermWentBack,
                &[("node", &id), ("from", &tracked.term), ("to", &p.term())],
            );
        }
        if !new_life && p.commit_index < tracked.commit {
            let facts: [(&str, &dyn ToString); 3] = [("node", &id), ("from", &tracked.commit), ("to", &p.commit_index)];
            return broken("Commit Index Never Decreases", vec![id], RaftViolation::CommitWentBack, &facts);
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
        tracked.snapshot = p.snapshot_index();
        result
    }

    /// Entries covered by `p`'s snapshot count as present: the cache keeps them if it holds the
    /// snapshot's last included entry, else takes them from what was committed (which must match).
    fn through_snapshot(&mut self, id: NodeId, p: &RaftNode) -> Option<Broken> {
        let base = p.snapshot_index() as usize;
        let cached = &self.nodes[id as usize].log;
        if base == 0 || cached.get(base - 1).is_some_and(|s| s.term == p.snapshot_term()) {
            return None;
        }
        if self.committed.get(base - 1).is_none_or(|(s, _)| s.term != p.snapshot_term()) {
            let facts: [(&str, &dyn ToString); 3] = [("node", &id), ("index", &base), ("term", &p.snapshot_term())];
            return broken("State Machine Safety", vec![id], RaftViolation::SnapshotNotCommitted, &facts);
        }
        let prefix = self.committed[..base].iter().map(|(slot, _)| *slot);
        let cached = &mut self.nodes[id as usize].log;
        cached.clear();
        cached.extend(prefix);
        None
    }

    /// Bring the cached log of `id` up to date; checks Leader Append-Only and Log Matching.
    fn update_log(&mut self, id: NodeId, p: &RaftNode, leader_same_term: bool) -> Option<Broken> {
        if let Some(b) = self.through_snapshot(id, p) {
            return Some(b);
        }
        let base = p.snapshot_index() as usize;
        let log = p.log();
        let cached = &mut self.nodes[id as usize].log;
        let mut keep = cached.len().min(base + log.len());
        while keep > base && cached[keep - 1].term != log[keep - 1 - base].term {
            keep -= 1;
        }
        if leader_same_term && keep < cached.len() {
            let facts: [(&str, &dyn ToString); 3] = [("node", &id), ("index", &(keep + 1)), ("term", &p.term())];
            return broken("Leader Append-Only", vec![id], RaftViolation::LeaderRemovedEntries, &facts);
        }
        cached.truncate(keep);
        for (k, entry) in log.iter().enumerate().skip(keep - base).map(|(k, e)| (k + base, e)) {
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
                    let other = others.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ");
                    let mut nodes = vec![id];
                    nodes.extend(others);
                    let facts: [(&str, &dyn ToString); 4] =
                        [("node", &id), ("index", &index), ("term", &entry.term), ("other", &other)];
                    return broken("Log Matching", nodes, RaftViolation::LogsDiffer, &facts);
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
                self.nodes[n as usize].log.get(index as usize - 1).is_some_and(|s| s.term == term && s.prefix != prefix)
            })
            .collect()
    }

    fn check_election(&mut self, id: NodeId, p: &RaftNode) -> Option<Broken> {
        if p.role != Role::Leader {
            return None;
        }
        match self.leaders.get(&p.term()) {
            Some(&other) if other != id => broken(
                "Election Safety",
                vec![other, id],
                RaftViolation::TwoLeaders,
                &[("node", &id), ("other", &other), ("term", &p.term())],
            ),
            Some(_) => None,
            None => {
                self.leaders.insert(p.term(), id);
                None
            }
        }
    }

    /// Record newly committed entries; a different entry committed at a known index breaks State Machine Safety.
    fn check_commit(&mut self, id: NodeId, p: &RaftNode) -> Option<Broken> {
        let cached = &self.nodes[id as usize].log;
        let upto = (p.commit_index as usize).min(cached.len());
        for (k, slot) in cached.iter().enumerate().take(upto) {
            match self.committed.get(k).map(|(known, _)| known) {
                Some(known) if known.prefix != slot.prefix => {
                    let facts: [(&str, &dyn ToString); 4] =
                        [("node", &id), ("index", &(k + 1)), ("term", &slot.term), ("earlier", &known.term)];
                    return broken("State Machine Safety", vec![id], RaftViolation::DifferentCommit, &facts);
                }
                Some(_) => {}
                None => self.committed.push((*slot, p.term())),
            }
        }
        None
    }

    fn check_applied(&mut self, id: NodeId, p: &RaftNode, new_life: bool) -> Option<Broken> {
        let tracked = &self.nodes[id as usize];
        let from = if new_life { 0 } else { tracked.applied };
        if p.last_applied < from {
            return broken(
                "Applied In Order",
                vec![id],
                RaftViolation::AppliedWentBack,
                &[("node", &id), ("from", &from), ("to", &p.last_applied)],
            );
        }
        if p.last_applied > p.commit_index {
            let facts: [(&str, &dyn ToString); 3] =
                [("node", &id), ("index", &p.last_applied), ("commit", &p.commit_index)];
            return broken("Applied In Order", vec![id], RaftViolation::AppliedBeyondCommit, &facts);
        }
        for index in from + 1..=p.last_applied {
            let Some(entry) = tracked.log.get(index as usize - 1).map(|s| s.entry) else { break };
            match self.applied.get(index as usize - 1) {
                Some(&known) if known != entry => {
                    return broken(
                        "State Machine Safety",
                        vec![id],
                        RaftViolation::DifferentApply,
                        &[("node", &id), ("index", &index)],
                    );
                }
                Some(_) => {}
                None => self.applied.push(entry),
            }
        }
        None
    }

    /// Every leader holds every entry committed before its term began (checked through the prefix
    /// hash of the last such entry, which covers all before it).
    fn check_leaders_complete(&self, id: NodeId, p: &RaftNode) -> Option<Broken> {
        for leader in 0..self.nodes.len() as NodeId {
            let tracked = &self.nodes[leader as usize];
            let (role, term) =
                if leader == id { (p.role, p.term()) } else { (tracked.role.unwrap_or(Role::Follower), tracked.term) };
            if role != Role::Leader {
                continue;
            }
            let Some(k) = self.committed.iter().rposition(|(_, commit_term)| *commit_term < term) else { continue };
            let (slot, _) = self.committed[k];
            if tracked.log.get(k).is_none_or(|s| s.prefix != slot.prefix) {
                let facts: [(&str, &dyn ToString); 4] =
                    [("node", &leader), ("term", &term), ("index", &(k + 1)), ("entry_term", &slot.term)];
                return broken("Leader Completeness", vec![leader], RaftViolation::LeaderLacksCommitted, &facts);
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
