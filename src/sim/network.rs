//! The virtual network: link states, latency, loss, duplication, reordering, and messages in flight.

use serde::{Deserialize, Serialize};

use super::time::{ms, NodeId, SimTime, PPM};

/// A message's id, unique within a run (each copy of a duplicated message has its own).
pub type MsgId = u64;

/// Where a message in flight is stored (reused once it is gone; events carry it with the id).
pub type Slot = u32;

/// How the network behaves; every probability is in parts per million.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NetworkConfig {
    /// Shortest one-way delay, microseconds.
    pub latency_min: SimTime,
    /// Longest one-way delay, microseconds.
    pub latency_max: SimTime,
    /// Chance a message is lost in the network.
    pub loss_ppm: u32,
    /// Chance a message is delivered twice.
    pub duplicate_ppm: u32,
    /// Chance a message leaves its link's FIFO order and is held back by up to `latency_max` more.
    pub reorder_ppm: u32,
}

impl Default for NetworkConfig {
    fn default() -> Self {
        Self { latency_min: ms(10), latency_max: ms(40), loss_ppm: 0, duplicate_ppm: 0, reorder_ppm: 0 }
    }
}

impl NetworkConfig {
    /// Check the ranges; the error names the offending field.
    pub fn validate(&self) -> Result<(), (&'static str, String)> {
        if self.latency_min > self.latency_max {
            return Err(("latency_min", format!("{} is above latency_max {}", self.latency_min, self.latency_max)));
        }
        if self.latency_max > ms(3_600_000) {
            return Err(("latency_max", "must be at most one hour".into()));
        }
        for (field, value) in
            [("loss_ppm", self.loss_ppm), ("duplicate_ppm", self.duplicate_ppm), ("reorder_ppm", self.reorder_ppm)]
        {
            if value > PPM {
                return Err((field, format!("{value} is above 1000000 (certainty)")));
            }
        }
        Ok(())
    }
}

/// Why a message never reached its destination's handler.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// Lost at random (the loss probability).
    Loss,
    /// The link from sender to receiver was down when it was sent or when it would have arrived.
    LinkDown,
    /// The receiver was down when it arrived (or crashed while it waited in a paused node's buffer).
    NodeDown,
    /// Dropped by hand while in flight.
    Manual,
}

/// A message on its way.
#[derive(Clone, Debug)]
pub struct InFlight<M> {
    /// This copy's id.
    pub id: MsgId,
    /// The id of the original send (equal to `id` unless this is a duplicate).
    pub origin: MsgId,
    /// Sender.
    pub from: NodeId,
    /// Receiver.
    pub to: NodeId,
    /// True time it was sent.
    pub sent_at: SimTime,
    /// True time it arrives (or would have, if lost).
    pub arrives_at: SimTime,
    /// When a lost message vanishes (half way), `None` if it is not lost.
    pub vanishes_at: Option<SimTime>,
    /// Arrived at a paused node and waits in its buffer.
    pub buffered: bool,
    /// The payload.
    pub message: M,
}

/// Running counts of what the network did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct NetStats {
    /// Messages handed to the network by senders.
    pub sent: u64,
    /// Copies handed to a receiver's handler.
    pub delivered: u64,
    /// Lost at random.
    pub lost: u64,
    /// Dropped because a link was down.
    pub dropped_link: u64,
    /// Dropped because the receiver was down.
    pub dropped_node: u64,
    /// Dropped by hand.
    pub dropped_manual: u64,
    /// Extra copies created.
    pub duplicated: u64,
    /// Delivered after a message sent later on the same link.
    pub reordered: u64,
}

/// Per-direction link state.
#[derive(Clone, Debug)]
struct Link {
    up: bool,
    /// Latest arrival time given to an in-order message (FIFO unless reordered).
    fifo_tail: SimTime,
    /// Highest origin id delivered so far, to count reorderings.
    highest_delivered: Option<MsgId>,
}

/// The network between `n` nodes.
#[derive(Clone, Debug)]
pub struct Network<M> {
    /// Current behaviour.
    pub config: NetworkConfig,
    n: u32,
    links: Vec<Link>,
    /// Messages in flight, in reusable slots (no map: events name their slot).
    slots: Vec<Option<InFlight<M>>>,
    free: Vec<Slot>,
    /// Running counts.
    pub stats: NetStats,
    next_id: MsgId,
}

impl<M> Network<M> {
    /// A fully connected network of `n` nodes.
    pub fn new(n: u32, config: NetworkConfig) -> Self {
        let link = Link { up: true, fifo_tail: 0, highest_delivered: None };
        Self {
            config,
            n,
            links: vec![link; (n as usize) * (n as usize)],
            slots: Vec::new(),
            free: Vec::new(),
            stats: NetStats::default(),
            next_id: 0,
        }
    }

    fn index(&self, from: NodeId, to: NodeId) -> usize {
        from as usize * self.n as usize + to as usize
    }

    /// Is the direction `from -> to` up?
    pub fn link_up(&self, from: NodeId, to: NodeId) -> bool {
        from == to || self.links[self.index(from, to)].up
    }

    /// Bring the direction `from -> to` up or down.
    pub fn set_link(&mut self, from: NodeId, to: NodeId, up: bool) {
        let i = self.index(from, to);
        self.links[i].up = up;
    }

    /// A fresh message id.
    pub fn next_id(&mut self) -> MsgId {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// Messages in flight (including those waiting in a paused node's buffer), in slot order.
    pub fn in_flight(&self) -> impl Iterator<Item = &InFlight<M>> {
        self.slots.iter().flatten()
    }

    /// One message in flight, by id (a scan: for user actions and tests, not the event loop).
    pub fn get(&self, id: MsgId) -> Option<&InFlight<M>> {
        self.in_flight().find(|m| m.id == id)
    }

    /// The slot of a message in flight, by id (a scan).
    pub(crate) fn slot_of(&self, id: MsgId) -> Option<Slot> {
        self.slots.iter().position(|m| m.as_ref().is_some_and(|m| m.id == id)).map(|s| s as Slot)
    }

    /// The message in `slot` if it is still message `id`.
    pub(crate) fn at(&self, slot: Slot, id: MsgId) -> Option<&InFlight<M>> {
        self.slots.get(slot as usize)?.as_ref().filter(|m| m.id == id)
    }

    pub(crate) fn at_mut(&mut self, slot: Slot, id: MsgId) -> Option<&mut InFlight<M>> {
        self.slots.get_mut(slot as usize)?.as_mut().filter(|m| m.id == id)
    }

    /// Store a message in flight; returns its slot.
    pub(crate) fn insert(&mut self, message: InFlight<M>) -> Slot {
        match self.free.pop() {
            Some(slot) => {
                self.slots[slot as usize] = Some(message);
                slot
            }
            None => {
                self.slots.push(Some(message));
                (self.slots.len() - 1) as Slot
            }
        }
    }

    /// Take message `id` out of `slot`, if it is there.
    pub(crate) fn remove(&mut self, slot: Slot, id: MsgId) -> Option<InFlight<M>> {
        self.at(slot, id)?;
        self.free.push(slot);
        self.slots[slot as usize].take()
    }

    /// Arrival time for an in-order message: not before the link's last in-order arrival.
    pub(crate) fn fifo_arrival(&mut self, from: NodeId, to: NodeId, earliest: SimTime) -> SimTime {
        let i = self.index(from, to);
        let at = earliest.max(self.links[i].fifo_tail);
        self.links[i].fifo_tail = at;
        at
    }

    /// Note a delivery; returns true if it overtook nothing but was overtaken (a reordering).
    pub(crate) fn note_delivery(&mut self, from: NodeId, to: NodeId, origin: MsgId) -> bool {
        let i = self.index(from, to);
        let link = &mut self.links[i];
        match link.highest_delivered {
            Some(h) if origin < h => true,
            _ => {
                link.highest_delivered = Some(origin);
                false
            }
        }
    }
}
