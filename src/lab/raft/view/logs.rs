//! Every node's log as rows of entries, with commit and apply markers, leader progress and applied state.

use crate::raft::{LogIndex, RaftNode, Role, Term};
use crate::sim::{NodeId, NodeStatus, World};

/// Most keys of a node's key-value state shown.
pub const KV_SHOWN: usize = 12;

/// One log entry as drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogCell {
    /// Its index.
    pub index: LogIndex,
    /// The term it was created in (its colour).
    pub term: Term,
    /// Its command ("noop", "put x=1 (c1#1)").
    pub text: String,
}

/// A leader's view of one follower: nextIndex and matchIndex.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// The follower.
    pub peer: NodeId,
    /// nextIndex.
    pub next: LogIndex,
    /// matchIndex.
    pub matched: LogIndex,
}

/// One node's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogRow {
    /// The node.
    pub node: NodeId,
    /// Up, down or paused.
    pub status: NodeStatus,
    /// "follower", "candidate" or "leader".
    pub role: &'static str,
    /// Entries in the shown index window (the same window for every row), oldest first.
    pub cells: Vec<LogCell>,
    /// Index of the last entry.
    pub last_index: LogIndex,
    /// The last index and term its snapshot covers (0, 0: no snapshot); entries up to it are compacted.
    pub snapshot: (LogIndex, Term),
    /// commitIndex (0 when down: volatile).
    pub commit_index: LogIndex,
    /// lastApplied (0 when down: volatile).
    pub last_applied: LogIndex,
    /// A leader's nextIndex and matchIndex per follower; empty otherwise.
    pub progress: Vec<Progress>,
    /// The applied key-value state, first [`KV_SHOWN`] keys.
    pub kv: Vec<(String, String)>,
    /// Keys in all.
    pub kv_len: usize,
}

/// The first and last index shown: the last `width` indexes of the longest log.
pub fn window(world: &World<RaftNode>, width: usize) -> (LogIndex, LogIndex) {
    let longest = (0..world.node_count())
        .filter_map(|id| world.node(id))
        .map(|n| n.process.map(|p| p.last_index()).or(n.durable.map(|d| d.last_index())).unwrap_or(0))
        .max()
        .unwrap_or(0);
    (longest.saturating_sub(width as LogIndex) + 1, longest)
}

/// One row per node over the last `width` indexes of the longest log.
pub fn log_rows(world: &World<RaftNode>, width: usize) -> Vec<LogRow> {
    let (first, last) = window(world, width);
    (0..world.node_count())
        .filter_map(|id| world.node(id))
        .map(|n| {
            let log = n.process.map(RaftNode::log).or(n.durable.map(|d| d.log.as_slice())).unwrap_or(&[]);
            let base = n.process.map(RaftNode::snapshot_index).or(n.durable.map(|d| d.snapshot_index())).unwrap_or(0);
            let snapshot_term = n.durable.and_then(|d| d.snapshot.as_ref()).map_or(0, |s| s.last_included_term);
            let cells = (first..=last)
                .filter_map(|i| {
                    let e = log.get(i.checked_sub(base + 1)? as usize)?;
                    Some(LogCell { index: i, term: e.term, text: e.command.to_string() })
                })
                .collect();
            let p = n.process;
            let progress = match p {
                Some(p) if p.role == Role::Leader => (0..world.node_count())
                    .filter(|&peer| peer != n.id)
                    .map(|peer| Progress {
                        peer,
                        next: p.progress.get(peer as usize).map_or(0, |q| q.next_index),
                        matched: p.progress.get(peer as usize).map_or(0, |q| q.match_index),
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let kv = p.map(|p| p.kv.entries().take(KV_SHOWN).map(|(k, v)| (k.clone(), v.clone())).collect());
            LogRow {
                node: n.id,
                status: n.status,
                role: p.map_or(Role::Follower, |p| p.role).as_str(),
                cells,
                last_index: base + log.len() as LogIndex,
                snapshot: (base, snapshot_term),
                commit_index: p.map_or(0, |p| p.commit_index),
                last_applied: p.map_or(0, |p| p.last_applied),
                progress,
                kv: kv.unwrap_or_default(),
                kv_len: p.map_or(0, |p| p.kv.entries().count()),
            }
        })
        .collect()
}
