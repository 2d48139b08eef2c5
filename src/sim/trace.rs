//! The trace: typed events, a bounded window of recent ones, and a running fingerprint of all of them.

use std::collections::VecDeque;
use std::hash::{Hash, Hasher};

use serde::Serialize;

use super::hash::StableHasher;
use super::network::{DropReason, MsgId};
use super::time::{NodeId, SimTime};

/// Something that happened in the world.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "ev", rename_all = "snake_case")]
pub enum TraceEvent<E> {
    /// A message was handed to the network.
    Send { id: MsgId, from: NodeId, to: NodeId, kind: &'static str },
    /// The network made an extra copy of a message.
    Duplicate { id: MsgId, copy: MsgId },
    /// A message reached its receiver's handler.
    Deliver { id: MsgId, from: NodeId, to: NodeId, kind: &'static str },
    /// A message was dropped.
    Drop { id: MsgId, from: NodeId, to: NodeId, kind: &'static str, reason: DropReason },
    /// A message arrived at a paused node and waits in its buffer.
    Buffer { id: MsgId, to: NodeId },
    /// A timer fired.
    Timer { kind: &'static str },
    /// An input was handed to a node.
    Input,
    /// A node crashed.
    Crash,
    /// A node booted again.
    Restart { life: u32 },
    /// A node was paused.
    Pause,
    /// A node resumed.
    Resume,
    /// A link direction went up or down.
    Link { from: NodeId, to: NodeId, up: bool },
    /// The network's behaviour changed.
    Network { latency_min: SimTime, latency_max: SimTime, loss_ppm: u32, duplicate_ppm: u32, reorder_ppm: u32 },
    /// A node's clock changed.
    Clock { offset: i64, drift_ppm: i32 },
    /// A scripted action could not be applied (the reason says why).
    Refused { reason: String },
    /// An engine event, serialized flat with its own `"ev"` name (`{"ev":"commit","index":3}`).
    #[serde(untagged)]
    Engine(E),
}

/// One trace line: when, where, what.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct TraceEntry<E> {
    /// Position in the whole trace, from 0 (`"pos"` in NDJSON).
    #[serde(rename = "pos")]
    pub seq: u64,
    /// True virtual time.
    pub t: SimTime,
    /// The node it happened at, if any.
    pub node: Option<NodeId>,
    /// What happened.
    #[serde(flatten)]
    pub event: TraceEvent<E>,
}

/// How much of the trace to keep in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retention {
    /// Only the most recent `n` entries (the page).
    Window(usize),
    /// Every entry (the command-line runner writing NDJSON, tests).
    All,
}

/// The trace of a run.
#[derive(Clone, Debug)]
pub struct Trace<E> {
    entries: VecDeque<TraceEntry<E>>,
    retention: Retention,
    total: u64,
    fingerprint: u64,
}

impl<E: Hash> Trace<E> {
    /// An empty trace keeping what `retention` says.
    pub fn new(retention: Retention) -> Self {
        Self { entries: VecDeque::new(), retention, total: 0, fingerprint: StableHasher::default().finish() }
    }

    /// Append an event; `extra` is mixed into the fingerprint too (a message's payload, say).
    pub fn record(&mut self, t: SimTime, node: Option<NodeId>, event: TraceEvent<E>, extra: u64) {
        let entry = TraceEntry { seq: self.total, t, node, event };
        let mut hasher = StableHasher::with_state(self.fingerprint);
        entry.hash(&mut hasher);
        hasher.write_u64(extra);
        self.fingerprint = hasher.finish();
        self.total += 1;
        if let Retention::Window(n) = self.retention {
            if n == 0 {
                return;
            }
            if self.entries.len() == n {
                self.entries.pop_front();
            }
        }
        self.entries.push_back(entry);
    }

    /// A fingerprint of every event so far, payloads included: equal runs have equal fingerprints.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// How many events were recorded in all.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The entries kept, oldest first.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &TraceEntry<E>> + ExactSizeIterator {
        self.entries.iter()
    }

    /// The retention in force.
    pub fn retention(&self) -> Retention {
        self.retention
    }
}

impl<E: Serialize> TraceEntry<E> {
    /// This entry as one line of NDJSON: `{"pos":..,"t":..,"node":..,"ev":"send",...}`.
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }
}
