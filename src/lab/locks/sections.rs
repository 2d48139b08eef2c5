//! The resource timeline: who was in the critical section when, kept incrementally from the trace's
//! `Acquired`/`Released` events (reconciled with the clients' phases), with overlaps marked.

use crate::lock::{LockEvent, LockNode};
use crate::sim::{NodeId, SimTime, TraceEvent, World};

/// Most bars kept (the oldest go first).
const MAX_BARS: usize = 300;

/// One client's stay in its critical section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bar {
    /// The client.
    pub client: NodeId,
    /// The segment whose lock it believed it held.
    pub segment: u32,
    /// When it got the lock.
    pub start: SimTime,
    /// When it let go (or died); `None`: still inside.
    pub end: Option<SimTime>,
}

impl Bar {
    /// Whether it shares time with `other` on the same segment (another client).
    pub fn overlaps(&self, other: &Bar, now: SimTime) -> bool {
        // An open bar lasts until just after now (two open bars overlap even at the instant they meet).
        let end = |b: &Bar| b.end.unwrap_or(now + 1);
        self.client != other.client
            && self.segment == other.segment
            && self.start < end(other)
            && other.start < end(self)
    }
}

/// Every client's critical sections, and how far into the trace they were read.
#[derive(Clone, Debug, Default)]
pub struct Sections {
    bars: Vec<Bar>,
    seen: u64,
    now: SimTime,
}

impl Sections {
    /// The bars, oldest first.
    pub fn bars(&self) -> &[Bar] {
        &self.bars
    }

    /// Bars that overlap another, by index into [`Sections::bars`].
    pub fn overlapping(&self) -> Vec<bool> {
        self.bars.iter().map(|b| self.bars.iter().any(|o| b.overlaps(o, self.now))).collect()
    }

    /// Read the trace since the last look, then reconcile with every client's phase now. After a
    /// seek back, what lies after now is forgotten.
    pub fn observe(&mut self, world: &World<LockNode>) {
        let now = world.now();
        if now < self.now || world.trace().total() < self.seen {
            self.bars.retain(|b| b.start <= now);
            self.bars.iter_mut().filter(|b| b.end.is_some_and(|e| e > now)).for_each(|b| b.end = None);
            self.seen = 0;
        }
        let seen = self.seen;
        for entry in world.trace().entries().filter(|e| e.seq >= seen) {
            let Some(node) = entry.node else { continue };
            match &entry.event {
                TraceEvent::Engine(LockEvent::Acquired { .. }) => {
                    let segment = segment_of(world, node);
                    if self.open(node).is_none() {
                        self.bars.push(Bar { client: node, segment, start: entry.t, end: None });
                    }
                }
                TraceEvent::Engine(LockEvent::Released { .. }) | TraceEvent::Crash => self.close(node, entry.t),
                _ => {}
            }
        }
        self.seen = world.trace().total();
        self.now = now;
        self.reconcile(world);
        if self.bars.len() > MAX_BARS {
            self.bars.drain(..self.bars.len() - MAX_BARS);
        }
    }

    fn open(&mut self, client: NodeId) -> Option<&mut Bar> {
        self.bars.iter_mut().rev().find(|b| b.client == client && b.end.is_none())
    }

    fn close(&mut self, client: NodeId, t: SimTime) {
        if let Some(bar) = self.open(client) {
            bar.end = Some(t);
        }
    }

    /// Events that fell out of the trace window: trust the clients' phases now.
    fn reconcile(&mut self, world: &World<LockNode>) {
        let now = world.now();
        let first = world.config().first_client();
        for id in first..world.node_count() {
            let client = world.node(id).and_then(|n| n.process).and_then(LockNode::client);
            let holds = client.is_some_and(|c| c.phase.holds_lock());
            match (holds, self.open(id).is_some()) {
                (true, false) => {
                    let segment = client.map_or(0, |c| c.segment);
                    self.bars.push(Bar { client: id, segment, start: now, end: None });
                }
                (false, true) => self.close(id, now),
                _ => {}
            }
        }
    }
}

fn segment_of(world: &World<LockNode>, node: NodeId) -> u32 {
    world.node(node).and_then(|n| n.process).and_then(LockNode::client).map_or(0, |c| c.segment)
}
