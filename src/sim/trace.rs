//! The trace: typed events, a bounded window of recent ones, and a running fingerprint of all of them.

use std::collections::VecDeque;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use serde::Serialize;

use super::hash::StableHasher;
use super::network::{DropReason, MsgId};
use super::process::MessageKind;
use super::time::{NodeId, SimTime};

/// Something that happened in the world. The fingerprint hashes each variant's discriminant, so
/// they are pinned: a new variant takes the next free number and old traces keep their fingerprints.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "ev", rename_all = "snake_case")]
#[repr(isize)]
pub enum TraceEvent<E> {
    /// A message was handed to the network.
    Send { id: MsgId, from: NodeId, to: NodeId, kind: MessageKind },
    /// The network made an extra copy of a message.
    Duplicate { id: MsgId, copy: MsgId },
    /// A message reached its receiver's handler.
    Deliver { id: MsgId, from: NodeId, to: NodeId, kind: MessageKind },
    /// A message was dropped.
    Drop { id: MsgId, from: NodeId, to: NodeId, kind: MessageKind, reason: DropReason },
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
    /// A message in flight was held back: it now arrives (or vanishes, if lost) `by` later.
    Delay { id: MsgId, by: SimTime } = 16,
    /// An engine event, serialized flat with its own `"ev"` name (`{"ev":"commit","index":3}`).
    #[serde(untagged)]
    Engine(E) = 15,
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

/// Entries per sealed chunk of the kept trace.
const CHUNK: usize = 256;

/// The trace of a run. The kept entries live in sealed, shared chunks plus an open tail, so a clone
/// (a timeline's checkpoint) shares every full chunk instead of copying it.
#[derive(Clone, Debug)]
pub struct Trace<E> {
    /// Full chunks of `CHUNK` entries, oldest first, shared between clones.
    chunks: VecDeque<Rc<Vec<TraceEntry<E>>>>,
    /// The chunk being filled.
    tail: Vec<TraceEntry<E>>,
    /// Entries at the front of `chunks` (and `tail`) that fell out of the window.
    start: usize,
    retention: Retention,
    total: u64,
    fingerprint: u64,
}

impl<E: Hash> Trace<E> {
    /// An empty trace keeping what `retention` says.
    pub fn new(retention: Retention) -> Self {
        Self {
            chunks: VecDeque::new(),
            tail: Vec::new(),
            start: 0,
            retention,
            total: 0,
            fingerprint: StableHasher::default().finish(),
        }
    }

    /// Append an event; `extra` is mixed into the fingerprint too (a message's payload, say).
    pub fn record(&mut self, t: SimTime, node: Option<NodeId>, event: TraceEvent<E>, extra: u64) {
        let entry = TraceEntry { seq: self.total, t, node, event };
        let mut hasher = StableHasher::with_state(self.fingerprint);
        entry.hash(&mut hasher);
        hasher.write_u64(extra);
        self.fingerprint = hasher.finish();
        self.total += 1;
        if self.retention == Retention::Window(0) {
            return;
        }
        self.tail.push(entry);
        if self.tail.len() == CHUNK {
            self.chunks.push_back(Rc::new(std::mem::replace(&mut self.tail, Vec::with_capacity(CHUNK))));
        }
        if let Retention::Window(n) = self.retention {
            let stored = self.chunks.len() * CHUNK + self.tail.len();
            self.start = self.start.max(stored.saturating_sub(n));
            while self.start >= CHUNK && !self.chunks.is_empty() {
                self.chunks.pop_front();
                self.start -= CHUNK;
            }
        }
    }
}

impl<E> Trace<E> {
    /// A fingerprint of every event so far, payloads included: equal runs have equal fingerprints.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// How many events were recorded in all.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The entries kept, oldest first.
    pub fn entries(&self) -> TraceEntries<'_, E> {
        let stored = self.chunks.len() * CHUNK + self.tail.len();
        TraceEntries { trace: self, front: self.start, back: stored }
    }

    /// The retention in force.
    pub fn retention(&self) -> Retention {
        self.retention
    }

    /// The stored entry at position `index` of the chunks followed by the tail.
    fn stored(&self, index: usize) -> &TraceEntry<E> {
        let sealed = self.chunks.len() * CHUNK;
        if index < sealed {
            &self.chunks[index / CHUNK][index % CHUNK]
        } else {
            &self.tail[index - sealed]
        }
    }
}

/// The kept entries of a trace, oldest first (from [`Trace::entries`]).
pub struct TraceEntries<'a, E> {
    trace: &'a Trace<E>,
    front: usize,
    back: usize,
}

impl<'a, E> Iterator for TraceEntries<'a, E> {
    type Item = &'a TraceEntry<E>;

    fn next(&mut self) -> Option<Self::Item> {
        (self.front < self.back).then(|| {
            self.front += 1;
            self.trace.stored(self.front - 1)
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.back - self.front;
        (left, Some(left))
    }

    fn nth(&mut self, n: usize) -> Option<Self::Item> {
        self.front = self.front.saturating_add(n).min(self.back);
        self.next()
    }

    fn last(mut self) -> Option<Self::Item> {
        self.next_back()
    }
}

impl<E> DoubleEndedIterator for TraceEntries<'_, E> {
    fn next_back(&mut self) -> Option<Self::Item> {
        (self.front < self.back).then(|| {
            self.back -= 1;
            self.trace.stored(self.back)
        })
    }
}

impl<E> ExactSizeIterator for TraceEntries<'_, E> {}

impl<E: Serialize> TraceEntry<E> {
    /// This entry as one line of NDJSON: `{"pos":..,"t":..,"node":..,"ev":"send",...}`.
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A trace of `count` timer events under `retention`.
    fn trace_of(count: u64, retention: Retention) -> Trace<()> {
        let mut trace = Trace::new(retention);
        for t in 0..count {
            trace.record(t, None, TraceEvent::Timer { kind: "tick" }, 0);
        }
        trace
    }

    #[test]
    fn a_window_keeps_exactly_the_last_n_entries_in_order_both_ways() {
        for n in [1, 50, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 7] {
            for count in [0, 1, n as u64, n as u64 + 1, 5 * CHUNK as u64 + 3] {
                let trace = trace_of(count, Retention::Window(n));
                let expected: Vec<u64> = (count.saturating_sub(n as u64)..count).collect();
                let forward: Vec<u64> = trace.entries().map(|e| e.seq).collect();
                let mut backward: Vec<u64> = trace.entries().rev().map(|e| e.seq).collect();
                backward.reverse();
                assert_eq!(forward, expected, "window {n}, {count} entries");
                assert_eq!(backward, expected, "window {n}, {count} entries, reversed");
                assert_eq!(trace.entries().len(), expected.len());
                assert_eq!(trace.entries().nth(2).map(|e| e.seq), expected.get(2).copied());
            }
        }
    }

    #[test]
    fn retention_all_keeps_everything_and_window_zero_nothing_with_the_same_fingerprint() {
        let all = trace_of(1_000, Retention::All);
        assert_eq!(all.entries().map(|e| e.seq).collect::<Vec<_>>(), (0..1_000).collect::<Vec<_>>());
        let none = trace_of(1_000, Retention::Window(0));
        assert_eq!(none.entries().len(), 0);
        assert_eq!((none.total(), none.fingerprint()), (all.total(), all.fingerprint()));
    }

    #[test]
    fn a_clone_shares_full_chunks_and_diverges_on_its_own_tail() {
        let mut original = trace_of(3 * CHUNK as u64 + 10, Retention::Window(2 * CHUNK));
        let copy = original.clone();
        assert!(Rc::ptr_eq(&original.chunks[0], &copy.chunks[0]), "full chunks are shared, not copied");
        original.record(99_999, Some(1), TraceEvent::Crash, 0);
        assert_eq!(copy.entries().next_back().map(|e| e.t), Some(3 * CHUNK as u64 + 9));
        assert_eq!(original.entries().next_back().map(|e| e.t), Some(99_999));
    }
}
