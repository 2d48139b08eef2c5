//! What a node is: the `Process` trait, and `Ctx`, through which a handler's effects are written as data.

use std::fmt::Debug;
use std::hash::Hash;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::rng::SimRng;
use super::time::{NodeId, SimTime};

/// A deterministic state machine run by every node of a cluster.
///
/// Handlers never call out: they write effects into the [`Ctx`], and the world carries them out.
pub trait Process: Clone + Debug + Sized {
    /// Everything a node needs to boot; shared by all nodes of a run and saved in the scenario.
    type Config: Clone + Debug + PartialEq + Serialize + DeserializeOwned;
    /// A message between nodes.
    type Message: Clone + Debug + Hash;
    /// A timer a node can set; setting one equal to an armed timer re-arms it.
    type Timer: Clone + Debug + PartialEq + Hash;
    /// A request from outside the cluster (a client call or an operator command).
    type Input: Clone + Debug + PartialEq + Hash + Serialize + DeserializeOwned;
    /// What survives a crash, changed only by writes through [`Ctx::persist`].
    type Durable: DurableState;
    /// An engine-specific trace event (role change, commit, lock granted...).
    type Event: Clone + Debug + Hash + Serialize;

    /// Start a node, in its first life (`durable` is `None`) or after a crash.
    fn boot(id: NodeId, config: &Self::Config, durable: Option<&Self::Durable>, ctx: &mut Ctx<Self>) -> Self;
    /// Handle a message from `from`.
    fn on_message(&mut self, from: NodeId, message: Self::Message, ctx: &mut Ctx<Self>);
    /// Handle a timer that came due.
    fn on_timer(&mut self, timer: Self::Timer, ctx: &mut Ctx<Self>);
    /// Handle a request from outside.
    fn on_input(&mut self, input: Self::Input, ctx: &mut Ctx<Self>);
    /// A short name for a message's kind, for traces and drawings ("Ping", "AppendEntries").
    fn message_kind(message: &Self::Message) -> &'static str;
    /// Whether a message asks or answers (the page draws replies apart); requests by default.
    fn message_class(_message: &Self::Message) -> MessageClass {
        MessageClass::Request
    }
    /// What a message belongs to, if the lab groups its messages (a global transaction's id, say):
    /// the page draws a group's messages together. None by default.
    fn message_group(_message: &Self::Message) -> Option<u64> {
        None
    }
    /// A message's kind, class and group together, as the trace and the page carry them.
    fn kind_of(message: &Self::Message) -> MessageKind {
        MessageKind {
            name: Self::message_kind(message),
            class: Self::message_class(message),
            group: Self::message_group(message),
        }
    }
    /// A short name for a timer's kind.
    fn timer_kind(timer: &Self::Timer) -> &'static str;
    /// Check that an input makes sense for this configuration (a node id in range, say).
    fn validate_input(_config: &Self::Config, _input: &Self::Input) -> Result<(), String> {
        Ok(())
    }
}

/// Whether a message asks something or answers (or notifies in answer to a subscription).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum MessageClass {
    /// A request, a command, or a message sent on the sender's own initiative.
    #[default]
    Request,
    /// An answer to a request, or a notification to a watcher or subscriber.
    Reply,
}

/// A message's kind as traced and drawn: its name, its class and its group. The name decides the
/// class, and the group is drawing's business (the message itself is hashed where it is sent), so
/// only the name is hashed into the fingerprint and written in NDJSON (`"kind":"AppendEntries"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MessageKind {
    /// The short name ("AppendEntries", "SET NX PX").
    pub name: &'static str,
    /// Request or reply.
    pub class: MessageClass,
    /// What the message belongs to ([`Process::message_group`]), if the lab groups its messages.
    pub group: Option<u64>,
}

impl MessageKind {
    /// Whether this kind answers another message.
    pub fn is_reply(self) -> bool {
        self.class == MessageClass::Reply
    }
}

impl Hash for MessageKind {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

impl Serialize for MessageKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name)
    }
}

impl std::fmt::Display for MessageKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// A node's stable storage: changed by writes (like a write-ahead log), so that persisting a long
/// Raft log costs the size of the change, not of the log.
pub trait DurableState: Clone + Debug + Hash + Default {
    /// One write to stable storage.
    type Write: Clone + Debug;
    /// Apply one write.
    fn write(&mut self, write: Self::Write);
}

/// No stable storage at all.
impl DurableState for () {
    type Write = ();
    fn write(&mut self, _write: ()) {}
}

/// One effect of a handler, carried out by the world after the handler returns, in order.
#[derive(Clone, Debug)]
pub enum Effect<P: Process> {
    /// Send a message over the network.
    Send { to: NodeId, message: P::Message },
    /// Arm (or re-arm) a timer to fire after `after` microseconds of this node's clock.
    SetTimer { timer: P::Timer, after: SimTime },
    /// Disarm a timer.
    CancelTimer { timer: P::Timer },
    /// Write to this node's stable storage.
    Persist { write: <P::Durable as DurableState>::Write },
    /// Record an engine event in the trace.
    Emit { event: P::Event },
}

/// The handle a handler gets: its identity, its clock, randomness, and a buffer of effects.
pub struct Ctx<'a, P: Process> {
    id: NodeId,
    now: SimTime,
    node_count: u32,
    rng: &'a mut SimRng,
    effects: &'a mut Vec<Effect<P>>,
}

impl<'a, P: Process> Ctx<'a, P> {
    /// A context for node `id` whose clock reads `now`.
    pub fn new(
        id: NodeId,
        now: SimTime,
        node_count: u32,
        rng: &'a mut SimRng,
        effects: &'a mut Vec<Effect<P>>,
    ) -> Self {
        Self { id, now, node_count, rng, effects }
    }

    /// This node's id.
    pub fn id(&self) -> NodeId {
        self.id
    }

    /// This node's clock reading (skewed if its clock is).
    pub fn now(&self) -> SimTime {
        self.now
    }

    /// How many nodes the cluster has.
    pub fn node_count(&self) -> u32 {
        self.node_count
    }

    /// Every other node's id, in order.
    pub fn peers(&self) -> impl Iterator<Item = NodeId> + 'static {
        let me = self.id;
        (0..self.node_count).filter(move |&n| n != me)
    }

    /// A uniform random value in `lo..=hi`, from the run's seeded generator.
    pub fn random_range(&mut self, lo: u64, hi: u64) -> u64 {
        self.rng.range_inclusive(lo, hi)
    }

    /// Send `message` to `to`.
    pub fn send(&mut self, to: NodeId, message: P::Message) {
        self.effects.push(Effect::Send { to, message });
    }

    /// Arm `timer` to fire after `after` microseconds of local time, replacing an equal armed timer.
    pub fn set_timer(&mut self, timer: P::Timer, after: SimTime) {
        self.effects.push(Effect::SetTimer { timer, after });
    }

    /// Disarm `timer` if it is armed.
    pub fn cancel_timer(&mut self, timer: P::Timer) {
        self.effects.push(Effect::CancelTimer { timer });
    }

    /// Write to stable storage (what a restart will see), before any later effect is carried out.
    pub fn persist(&mut self, write: <P::Durable as DurableState>::Write) {
        self.effects.push(Effect::Persist { write });
    }

    /// Record an engine event in the trace.
    pub fn emit(&mut self, event: P::Event) {
        self.effects.push(Effect::Emit { event });
    }

    /// Run an embedded process's handler (a Raft member inside a lock-lab node, say) with its own
    /// identity: node `id` of a `node_count`-node inner cluster, sharing this node's clock reading
    /// and the run's random numbers. Its effects come back as data for the caller to map onto its
    /// own (sends to its own nodes, wrapped timers, persists), since the world only knows the outer
    /// process.
    pub fn embed<Q: Process, R>(
        &mut self,
        id: NodeId,
        node_count: u32,
        f: impl FnOnce(&mut Ctx<'_, Q>) -> R,
    ) -> (R, Vec<Effect<Q>>) {
        let mut effects = Vec::new();
        let mut inner = Ctx::new(id, self.now, node_count, &mut *self.rng, &mut effects);
        let result = f(&mut inner);
        (result, effects)
    }
}
