//! Raft's vocabulary: terms, log indexes, entries, the commands they carry, and messages (Figure 2).

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::membership::Membership;
use super::mvcc::{LeaseId, Txn};
use super::snapshot::Snapshot;
use crate::sim::{NodeId, SimTime};

/// A term number (section 5.1).
pub type Term = u64;

/// A position in the log, from 1 (0 means "before the first entry").
pub type LogIndex = u64;

/// A client's id; with a sequence number it makes requests idempotent (section 8).
pub type ClientId = u32;

/// An operation on the key-value state machine.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum KvOp {
    /// Set `key` to `value`.
    Put { key: String, value: String },
    /// Read `key`.
    Get { key: String },
    /// Remove `key`.
    Delete { key: String },
    /// Set `key` to `new` if it currently holds `expected` (`None`: if absent).
    Cas { key: String, expected: Option<String>, new: String },
    /// etcd: grant lease `id` with `ttl` (the lock lab's etcd members).
    LeaseGrant { id: LeaseId, ttl: SimTime },
    /// etcd: revoke lease `id`, deleting its keys.
    LeaseRevoke { id: LeaseId },
    /// etcd: a transaction on the multi-version key space.
    Txn { txn: Txn },
}

/// What a log entry carries.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Command {
    /// The blank entry a new leader appends to commit entries of earlier terms (section 8).
    Noop,
    /// A client's operation, with its session for duplicate detection.
    Client { client: ClientId, seq: u64, op: KvOp },
    /// A cluster configuration (section 6): in force on each server from the moment it is appended.
    Config { config: Membership },
}

/// One log entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Entry {
    /// Term in which a leader created it.
    pub term: Term,
    /// What to apply; shared, since every server's log and every AppendEntries holds a copy.
    pub command: SharedCommand,
}

/// A command shared between logs, messages and trace events; in traces it reads as its text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SharedCommand(pub Rc<Command>);

impl SharedCommand {
    /// Share `command`.
    pub fn new(command: Command) -> Self {
        Self(Rc::new(command))
    }
}

impl std::ops::Deref for SharedCommand {
    type Target = Command;
    fn deref(&self) -> &Command {
        &self.0
    }
}

impl Serialize for SharedCommand {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&*self.0)
    }
}

/// Messages between Raft servers (Figure 2), by their names in the paper.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RaftMessage {
    /// A candidate asks for a vote (`leadership_transfer`: the leader asked it to stand, so a
    /// follower's CheckQuorum lease does not stop the vote).
    RequestVote {
        term: Term,
        candidate_id: NodeId,
        last_log_index: LogIndex,
        last_log_term: Term,
        leadership_transfer: bool,
    },
    /// The answer to `RequestVote`.
    RequestVoteReply { term: Term, vote_granted: bool },
    /// A pre-candidate asks whether it could win an election in `term` (thesis 9.6); nobody's term changes.
    PreVote { term: Term, candidate_id: NodeId, last_log_index: LogIndex, last_log_term: Term },
    /// The answer to `PreVote` (`term`: the proposed term when granted, the voter's when not).
    PreVoteReply { term: Term, vote_granted: bool },
    /// The leader replicates entries (none: a heartbeat).
    AppendEntries {
        term: Term,
        leader_id: NodeId,
        prev_log_index: LogIndex,
        prev_log_term: Term,
        entries: Vec<Entry>,
        leader_commit: LogIndex,
        /// The leader's latest heartbeat round (etcd's heartbeat context), echoed in the reply: a
        /// majority echoing a round confirms that the sender was still leader when it began (reads).
        read_round: u64,
    },
    /// Leadership transfer (thesis 3.10): the leader tells a caught-up follower to stand at once.
    TimeoutNow { term: Term },
    /// The answer to `AppendEntries`; on failure, a hint for the fast backup of nextIndex.
    AppendEntriesReply {
        term: Term,
        success: bool,
        /// On success, the index of the last entry now known to match.
        match_index: LogIndex,
        /// On failure: the term of the conflicting entry, if the follower has one at prevLogIndex.
        conflict_term: Option<Term>,
        /// On failure: the first index of `conflict_term` in the follower's log, or its log length + 1.
        conflict_index: LogIndex,
        /// The `read_round` of the AppendEntries answered.
        read_round: u64,
    },
    /// The leader sends its snapshot to a follower it has no entries for (Figure 13; one chunk).
    InstallSnapshot {
        term: Term,
        leader_id: NodeId,
        last_included_index: LogIndex,
        last_included_term: Term,
        /// Byte offset of this chunk: always 0, the snapshot goes in one chunk.
        offset: u64,
        /// The snapshot itself (shared, not copied, between messages).
        data: Rc<Snapshot>,
        /// Last chunk: always true.
        done: bool,
    },
    /// The answer to `InstallSnapshot`: the term, and (beyond Figure 13, so that a reordered
    /// reply is understood) the index now known to match, 0 if refused.
    InstallSnapshotReply { term: Term, last_included_index: LogIndex },
}

/// A node's role (section 5.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Follows a leader, votes.
    Follower,
    /// Asking whether it could win, before raising its term (PreVote).
    PreCandidate,
    /// Asking for votes.
    Candidate,
    /// Replicates the log.
    Leader,
}

impl Role {
    /// The name used in the page and in `data-role`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Follower => "follower",
            Role::PreCandidate => "pre_candidate",
            Role::Candidate => "candidate",
            Role::Leader => "leader",
        }
    }
}

impl std::fmt::Display for KvOp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KvOp::Put { key, value } => write!(f, "put {key}={value}"),
            KvOp::Get { key } => write!(f, "get {key}"),
            KvOp::Delete { key } => write!(f, "delete {key}"),
            KvOp::Cas { key, expected, new } => {
                write!(f, "cas {key} {}->{new}", expected.as_deref().unwrap_or("(none)"))
            }
            KvOp::LeaseGrant { id, ttl } => write!(f, "lease grant {id:x} ttl {}ms", ttl / 1000),
            KvOp::LeaseRevoke { id } => write!(f, "lease revoke {id:x}"),
            KvOp::Txn { txn } => write!(f, "txn {}", txn_summary(txn)),
        }
    }
}

impl std::fmt::Display for Command {
    /// The `"cmd"` of trace events: `noop`, or the operation with its client session.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Command::Noop => f.write_str("noop"),
            Command::Client { client, seq, op } => write!(f, "{op} (c{client}#{seq})"),
            Command::Config { config } => write!(f, "config {config}"),
        }
    }
}

/// A transaction in a few words: its written keys, or "read".
fn txn_summary(txn: &Txn) -> String {
    use super::mvcc::TxnOp;
    let words: Vec<String> = txn
        .success
        .iter()
        .filter_map(|op| match op {
            TxnOp::Put { key, .. } => Some(format!("put {key}")),
            TxnOp::DeleteRange { key } => Some(format!("delete {key}")),
            TxnOp::Range { .. } => None,
        })
        .collect();
    if words.is_empty() {
        "read".into()
    } else {
        words.join(", ")
    }
}
