//! The world: nodes, network, clocks, one deterministic event queue, the seeded generator, the trace.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::hash::{Hash, Hasher};

use super::action::Action;
use super::clock::Clock;
use super::hash::StableHasher;
use super::network::{DropReason, InFlight, MsgId, NetStats, Network, NetworkConfig, Slot};
use super::process::{Ctx, DurableState, Effect, Process};
use super::rng::SimRng;
use super::time::{NodeId, SimTime};
use super::timers::{ArmedTimer, TimerId, Timers};
use super::trace::{Retention, Trace, TraceEvent};

/// Whether a node is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeStatus {
    /// Running.
    Up,
    /// Crashed: no process, no timers; durable state kept.
    Down,
    /// Frozen: handles nothing until resumed.
    Paused,
}

impl NodeStatus {
    /// The lower-case name used in the page and in `data-state`.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeStatus::Up => "up",
            NodeStatus::Down => "down",
            NodeStatus::Paused => "paused",
        }
    }
}

/// Why an action was refused. The world is unchanged when one is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionError(pub String);

impl std::fmt::Display for ActionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ActionError {}

/// Something that happened to a paused node and waits for it to resume.
#[derive(Clone, Copy, Debug)]
enum Deferred {
    Message(MsgId, Slot),
    Timer(TimerId),
}

#[derive(Clone, Debug)]
struct Node<P: Process> {
    process: Option<P>,
    status: NodeStatus,
    life: u32,
    clock: Clock,
    timers: Timers<P::Timer>,
    backlog: Vec<Deferred>,
    durable: Option<P::Durable>,
}

#[derive(Clone, Copy, Debug)]
enum EventKind {
    Arrive(MsgId, Slot),
    Vanish(MsgId, Slot),
    Timer { node: NodeId, id: TimerId },
}

/// What a queued event turned out to be when it reached the head of the queue.
enum Due {
    /// Handle it.
    Live,
    /// Nothing to do: a disarmed timer, a message already gone.
    Stale,
    /// A timer re-armed for later: queue it again then.
    Postponed(SimTime),
}

#[derive(Clone, Debug)]
struct Queued {
    at: SimTime,
    seq: u64,
    kind: EventKind,
}

impl PartialEq for Queued {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}
impl Eq for Queued {}
impl PartialOrd for Queued {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Queued {
    /// Reversed, so that the max-heap pops the earliest (time, sequence) first.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

/// A read-only view of one node, for checkers and view models.
#[derive(Debug)]
pub struct NodeView<'a, P: Process> {
    /// The node's id.
    pub id: NodeId,
    /// Up, down or paused.
    pub status: NodeStatus,
    /// How many times it has booted, from 1.
    pub life: u32,
    /// Its clock.
    pub clock: &'a Clock,
    /// Its process, when not down.
    pub process: Option<&'a P>,
    /// Its durable state.
    pub durable: Option<&'a P::Durable>,
    /// Armed timers with the true time each comes due.
    pub timers: Vec<(&'a P::Timer, SimTime)>,
}

/// A cluster of `P` nodes on a virtual network, advanced one event at a time.
#[derive(Clone, Debug)]
pub struct World<P: Process> {
    config: P::Config,
    now: SimTime,
    seq: u64,
    queue: BinaryHeap<Queued>,
    nodes: Vec<Node<P>>,
    network: Network<P::Message>,
    rng: SimRng,
    trace: Trace<P::Event>,
    effects: Vec<Effect<P>>,
    next_timer: TimerId,
    handled: u64,
}

impl<P: Process> World<P> {
    /// A world of `nodes` nodes, all booted at time 0 in their first life.
    pub fn new(nodes: u32, network: NetworkConfig, config: P::Config, seed: u64, retention: Retention) -> Self {
        let mut world = Self {
            config,
            now: 0,
            seq: 0,
            queue: BinaryHeap::new(),
            nodes: (0..nodes)
                .map(|_| Node {
                    process: None,
                    status: NodeStatus::Up,
                    life: 0,
                    clock: Clock::default(),
                    timers: Timers::default(),
                    backlog: Vec::new(),
                    durable: None,
                })
                .collect(),
            network: Network::new(nodes, network),
            rng: SimRng::new(seed),
            trace: Trace::new(retention),
            effects: Vec::new(),
            next_timer: 0,
            handled: 0,
        };
        for id in 0..nodes {
            world.boot(id);
        }
        world
    }

    /// True virtual time now.
    pub fn now(&self) -> SimTime {
        self.now
    }

    /// The processes' configuration.
    pub fn config(&self) -> &P::Config {
        &self.config
    }

    /// Number of nodes.
    pub fn node_count(&self) -> u32 {
        self.nodes.len() as u32
    }

    /// Events handled so far (deliveries, drops in flight, timers).
    pub fn events_handled(&self) -> u64 {
        self.handled
    }

    /// The trace.
    pub fn trace(&self) -> &Trace<P::Event> {
        &self.trace
    }

    /// The network (links, settings, messages in flight, counters).
    pub fn network(&self) -> &Network<P::Message> {
        &self.network
    }

    /// The network's counters.
    pub fn stats(&self) -> NetStats {
        self.network.stats
    }

    /// A node's status, or `None` if there is no such node.
    pub fn status(&self, id: NodeId) -> Option<NodeStatus> {
        self.nodes.get(id as usize).map(|n| n.status)
    }

    /// A view of node `id`, or `None` if there is no such node.
    pub fn node(&self, id: NodeId) -> Option<NodeView<'_, P>> {
        let n = self.nodes.get(id as usize)?;
        Some(NodeView {
            id,
            status: n.status,
            life: n.life,
            clock: &n.clock,
            process: n.process.as_ref(),
            durable: n.durable.as_ref(),
            timers: n.timers.iter().map(|t| (&t.timer, t.due)).collect(),
        })
    }

    /// Every node's process, `None` for nodes that are down.
    pub fn processes(&self) -> impl Iterator<Item = (NodeId, Option<&P>)> {
        self.nodes.iter().enumerate().map(|(i, n)| (i as NodeId, n.process.as_ref()))
    }

    /// A node's clock reading now.
    pub fn local_time(&self, id: NodeId) -> Option<SimTime> {
        self.nodes.get(id as usize).map(|n| n.clock.local(self.now))
    }

    /// The time of the next queued event, if any (it may turn out to be stale and be skipped).
    pub fn next_event_time(&self) -> Option<SimTime> {
        self.queue.peek().map(|q| q.at)
    }

    /// A fingerprint of everything that happened so far.
    pub fn fingerprint(&self) -> u64 {
        self.trace.fingerprint()
    }

    /// Handle the next event. Returns `false` when nothing is left to do.
    pub fn step(&mut self) -> bool {
        self.step_until(SimTime::MAX)
    }

    /// Handle the next event if it is due at or before `limit`; `false` if none is.
    pub fn step_until(&mut self, limit: SimTime) -> bool {
        while let Some(head) = self.queue.peek() {
            match self.classify(head) {
                Due::Live => {}
                Due::Stale => {
                    self.queue.pop();
                    continue;
                }
                Due::Postponed(due) => {
                    if let Some(Queued { kind: kind @ EventKind::Timer { node, id }, .. }) = self.queue.pop() {
                        if let Some(t) = self.nodes[node as usize].timers.get_mut(id) {
                            t.queued_at = due;
                        }
                        self.push(due, kind);
                    }
                    continue;
                }
            }
            if head.at > limit {
                return false;
            }
            let Some(q) = self.queue.pop() else { return false };
            self.now = self.now.max(q.at);
            if self.handle(q.kind) {
                self.handled += 1;
            }
            return true;
        }
        false
    }

    /// Whether a queued event still means something, now that it is at the head of the queue.
    fn classify(&self, head: &Queued) -> Due {
        match head.kind {
            EventKind::Arrive(id, slot) | EventKind::Vanish(id, slot) => match self.network.at(slot, id) {
                Some(_) => Due::Live,
                None => Due::Stale,
            },
            EventKind::Timer { node, id } => match self.nodes[node as usize].timers.get(id) {
                Some(t) if t.queued_at != head.at => Due::Stale,
                Some(t) if t.due > head.at => Due::Postponed(t.due),
                Some(_) => Due::Live,
                None => Due::Stale,
            },
        }
    }

    /// Handle every event due at or before `t`, then set the time to `t`.
    pub fn run_until(&mut self, t: SimTime) {
        while self.step_until(t) {}
        self.now = self.now.max(t);
    }

    /// Record that a scripted action was refused, and why (the run goes on).
    pub fn record_refusal(&mut self, reason: String) {
        self.trace.record(self.now, None, TraceEvent::Refused { reason }, 0);
    }

    /// Replace the stable storage of a node that is down (a disk prepared by hand, to rebuild a
    /// situation such as the paper's Figure 7). On error nothing changes.
    pub fn set_durable(&mut self, id: NodeId, state: P::Durable) -> Result<(), ActionError> {
        match self.status(id) {
            None => Err(ActionError(format!("node {id} does not exist"))),
            Some(NodeStatus::Down) => {
                self.nodes[id as usize].durable = Some(state);
                Ok(())
            }
            Some(s) => Err(ActionError(format!(
                "node {id} is {}: its storage can be replaced only while it is down",
                s.as_str()
            ))),
        }
    }

    /// Apply an action now. On error the world is unchanged.
    pub fn apply(&mut self, action: &Action<P::Input>) -> Result<(), ActionError> {
        self.check(action)?;
        let now = self.now;
        match action {
            Action::Crash { node } => self.crash(*node),
            Action::Restart { node } => self.boot(*node),
            Action::Pause { node } => {
                self.nodes[*node as usize].status = NodeStatus::Paused;
                self.trace.record(now, Some(*node), TraceEvent::Pause, 0);
            }
            Action::Resume { node } => self.resume(*node),
            Action::LinkDown { from, to } => self.set_link(*from, *to, false),
            Action::LinkUp { from, to } => self.set_link(*from, *to, true),
            Action::Partition { groups } => self.partition(groups),
            Action::HealAll => {
                for from in 0..self.node_count() {
                    for to in 0..self.node_count() {
                        if from != to && !self.network.link_up(from, to) {
                            self.set_link(from, to, true);
                        }
                    }
                }
            }
            Action::SetLatency { min, max } => self.set_network(|c| {
                c.latency_min = *min;
                c.latency_max = *max;
            }),
            Action::SetLoss { ppm } => self.set_network(|c| c.loss_ppm = *ppm),
            Action::SetDuplication { ppm } => self.set_network(|c| c.duplicate_ppm = *ppm),
            Action::SetReordering { ppm } => self.set_network(|c| c.reorder_ppm = *ppm),
            Action::DropMessage { id } => {
                if let Some(slot) = self.network.slot_of(*id) {
                    self.drop_in_flight(*id, slot, DropReason::Manual);
                }
            }
            Action::DelayMessage { id, by } => {
                if let Some(slot) = self.network.slot_of(*id) {
                    self.delay_in_flight(*id, slot, *by);
                }
            }
            Action::ClockOffset { node, offset } => self.set_clock(*node, |c| c.set_offset(now, *offset)),
            Action::ClockDrift { node, ppm } => self.set_clock(*node, |c| c.set_drift(now, *ppm)),
            Action::ClockJump { node, delta } => self.set_clock(*node, |c| c.jump(*delta)),
            Action::Input { node, input } => {
                self.trace.record(now, Some(*node), TraceEvent::Input, super::hash::stable_hash(input));
                self.dispatch(*node, |p, ctx| p.on_input(input.clone(), ctx));
            }
        }
        Ok(())
    }

    /// Why `action` cannot be applied now, if it cannot.
    pub fn check(&self, action: &Action<P::Input>) -> Result<(), ActionError> {
        let n = self.node_count();
        for node in action.nodes() {
            if node >= n {
                return Err(ActionError(format!("node {node} does not exist (this cluster has nodes 0 to {})", n - 1)));
            }
        }
        let status = |node: &NodeId| self.nodes[*node as usize].status;
        let refuse = |msg: String| Err(ActionError(msg));
        match action {
            Action::Crash { node } if status(node) == NodeStatus::Down => {
                refuse(format!("node {node} is already down"))
            }
            Action::Restart { node } if status(node) != NodeStatus::Down => {
                refuse(format!("node {node} is {}, not down: only a crashed node can restart", status(node).as_str()))
            }
            Action::Pause { node } if status(node) != NodeStatus::Up => {
                refuse(format!("node {node} is {}: only a running node can be paused", status(node).as_str()))
            }
            Action::Resume { node } if status(node) != NodeStatus::Paused => {
                refuse(format!("node {node} is {}, not paused", status(node).as_str()))
            }
            Action::Input { node, .. } if status(node) != NodeStatus::Up => {
                refuse(format!("node {node} is {}: it cannot take input", status(node).as_str()))
            }
            Action::Input { input, .. } => P::validate_input(&self.config, input).map_err(ActionError),
            Action::Partition { groups } => {
                let mut seen = vec![false; n as usize];
                match groups.iter().flatten().find(|&&m| std::mem::replace(&mut seen[m as usize], true)) {
                    Some(m) => refuse(format!("node {m} is in two groups")),
                    None => Ok(()),
                }
            }
            Action::LinkDown { from, to } | Action::LinkUp { from, to } if from == to => {
                refuse(format!("a node has no link to itself ({from} -> {to})"))
            }
            Action::SetLatency { min, max } => {
                let mut c = self.network.config.clone();
                c.latency_min = *min;
                c.latency_max = *max;
                c.validate().map_err(|(f, m)| ActionError(format!("{f}: {m}")))
            }
            Action::SetLoss { ppm } | Action::SetDuplication { ppm } | Action::SetReordering { ppm }
                if *ppm > super::time::PPM =>
            {
                refuse(format!("probability {ppm} ppm is above 1000000"))
            }
            Action::ClockDrift { ppm, .. } if !(-500_000..=500_000).contains(ppm) => {
                refuse(format!("drift {ppm} ppm is outside -500000..=500000"))
            }
            Action::DropMessage { id } if self.network.get(*id).is_none() => {
                refuse(format!("message {id} is not in flight"))
            }
            Action::DelayMessage { id, by } => match self.network.get(*id) {
                None => refuse(format!("message {id} is not in flight")),
                Some(m) if m.buffered => refuse(format!("message {id} already waits at paused node {}", m.to)),
                Some(_) if *by == 0 || *by > super::scenario::MAX_TIME => {
                    refuse(format!("a delay of {by} µs is outside 1..={}", super::scenario::MAX_TIME))
                }
                Some(_) => Ok(()),
            },
            _ => Ok(()),
        }
    }

    fn push(&mut self, at: SimTime, kind: EventKind) {
        self.seq += 1;
        self.queue.push(Queued { at, seq: self.seq, kind });
    }

    fn boot(&mut self, id: NodeId) {
        let now = self.now;
        let node = &mut self.nodes[id as usize];
        node.status = NodeStatus::Up;
        node.life += 1;
        let life = node.life;
        let local = node.clock.local(now);
        let durable = node.durable.clone();
        if life > 1 {
            self.trace.record(now, Some(id), TraceEvent::Restart { life }, 0);
        }
        let mut effects = std::mem::take(&mut self.effects);
        let process = {
            let mut ctx = Ctx::new(id, local, self.node_count(), &mut self.rng, &mut effects);
            P::boot(id, &self.config, durable.as_ref(), &mut ctx)
        };
        self.nodes[id as usize].process = Some(process);
        self.carry_out(id, &mut effects);
        self.effects = effects;
    }

    fn crash(&mut self, id: NodeId) {
        let now = self.now;
        let node = &mut self.nodes[id as usize];
        node.status = NodeStatus::Down;
        node.process = None;
        node.timers.clear();
        let backlog = std::mem::take(&mut node.backlog);
        self.trace.record(now, Some(id), TraceEvent::Crash, 0);
        for deferred in backlog {
            if let Deferred::Message(msg, slot) = deferred {
                self.drop_in_flight(msg, slot, DropReason::NodeDown);
            }
        }
    }

    fn resume(&mut self, id: NodeId) {
        let now = self.now;
        let node = &mut self.nodes[id as usize];
        node.status = NodeStatus::Up;
        let backlog = std::mem::take(&mut node.backlog);
        self.trace.record(now, Some(id), TraceEvent::Resume, 0);
        for deferred in backlog {
            let kind = match deferred {
                Deferred::Message(msg, slot) => EventKind::Arrive(msg, slot),
                Deferred::Timer(timer) => {
                    if let Some(t) = self.nodes[id as usize].timers.get_mut(timer) {
                        t.queued_at = now;
                    }
                    EventKind::Timer { node: id, id: timer }
                }
            };
            self.push(now, kind);
        }
    }

    fn set_link(&mut self, from: NodeId, to: NodeId, up: bool) {
        if self.network.link_up(from, to) != up {
            self.network.set_link(from, to, up);
            self.trace.record(self.now, None, TraceEvent::Link { from, to, up }, 0);
        }
    }

    fn partition(&mut self, groups: &[Vec<NodeId>]) {
        let n = self.node_count();
        let mut group_of = vec![None; n as usize];
        for (g, members) in groups.iter().enumerate() {
            for &m in members {
                group_of[m as usize] = Some(g);
            }
        }
        for from in 0..n {
            for to in 0..n {
                if from != to {
                    let together =
                        matches!((group_of[from as usize], group_of[to as usize]), (Some(a), Some(b)) if a == b);
                    self.set_link(from, to, together);
                }
            }
        }
    }

    fn set_network(&mut self, change: impl FnOnce(&mut NetworkConfig)) {
        change(&mut self.network.config);
        let c = &self.network.config;
        let event = TraceEvent::Network {
            latency_min: c.latency_min,
            latency_max: c.latency_max,
            loss_ppm: c.loss_ppm,
            duplicate_ppm: c.duplicate_ppm,
            reorder_ppm: c.reorder_ppm,
        };
        self.trace.record(self.now, None, event, 0);
    }

    fn set_clock(&mut self, id: NodeId, change: impl FnOnce(&mut Clock)) {
        let clock = &mut self.nodes[id as usize].clock;
        change(clock);
        let event = TraceEvent::Clock { offset: clock.offset, drift_ppm: clock.drift_ppm };
        self.trace.record(self.now, Some(id), event, 0);
    }

    fn drop_in_flight(&mut self, id: MsgId, slot: Slot, reason: DropReason) {
        if let Some(m) = self.network.remove(slot, id) {
            let stats = &mut self.network.stats;
            match reason {
                DropReason::Loss => stats.lost += 1,
                DropReason::LinkDown => stats.dropped_link += 1,
                DropReason::NodeDown => stats.dropped_node += 1,
                DropReason::Manual => stats.dropped_manual += 1,
            }
            let event = TraceEvent::Drop { id, from: m.from, to: m.to, kind: P::kind_of(&m.message), reason };
            self.trace.record(self.now, Some(m.to), event, 0);
        }
    }

    /// Hold message `id` (in `slot`) `by` longer: it moves to a new slot with a new queue entry,
    /// so the entry naming its old slot goes stale.
    fn delay_in_flight(&mut self, id: MsgId, slot: Slot, by: SimTime) {
        let Some(m) = self.network.at(slot, id) else { return };
        let later = InFlight {
            arrives_at: m.arrives_at + by,
            vanishes_at: m.vanishes_at.map(|at| at + by),
            message: m.message.clone(),
            ..*m
        };
        let (arrives_at, vanishes_at) = (later.arrives_at, later.vanishes_at);
        let moved = self.network.insert(later);
        self.network.remove(slot, id);
        match vanishes_at {
            Some(at) => self.push(at, EventKind::Vanish(id, moved)),
            None => self.push(arrives_at, EventKind::Arrive(id, moved)),
        }
        self.trace.record(self.now, None, TraceEvent::Delay { id, by }, 0);
    }

    /// Handle one queued event; false if it was stale (a disarmed timer, a dropped message).
    fn handle(&mut self, kind: EventKind) -> bool {
        match kind {
            EventKind::Vanish(id, slot) => {
                if self.network.at(slot, id).is_none() {
                    return false;
                }
                self.drop_in_flight(id, slot, DropReason::Loss);
                true
            }
            EventKind::Arrive(id, slot) => self.arrive(id, slot),
            EventKind::Timer { node, id } => self.fire(node, id),
        }
    }

    fn arrive(&mut self, id: MsgId, slot: Slot) -> bool {
        let Some(m) = self.network.at(slot, id) else { return false };
        let (from, to) = (m.from, m.to);
        if !self.network.link_up(from, to) && !m.buffered {
            self.drop_in_flight(id, slot, DropReason::LinkDown);
            return true;
        }
        match self.nodes[to as usize].status {
            NodeStatus::Down => {
                self.drop_in_flight(id, slot, DropReason::NodeDown);
                true
            }
            NodeStatus::Paused => {
                if let Some(m) = self.network.at_mut(slot, id) {
                    m.buffered = true;
                }
                self.nodes[to as usize].backlog.push(Deferred::Message(id, slot));
                self.trace.record(self.now, Some(to), TraceEvent::Buffer { id, to }, 0);
                true
            }
            NodeStatus::Up => {
                let Some(m) = self.network.remove(slot, id) else { return false };
                if self.network.note_delivery(from, to, m.origin) {
                    self.network.stats.reordered += 1;
                }
                self.network.stats.delivered += 1;
                let event = TraceEvent::Deliver { id, from, to, kind: P::kind_of(&m.message) };
                self.trace.record(self.now, Some(to), event, 0);
                let message = m.message;
                self.dispatch(to, |p, ctx| p.on_message(from, message, ctx));
                true
            }
        }
    }

    fn fire(&mut self, id: NodeId, timer_id: TimerId) -> bool {
        let node = &mut self.nodes[id as usize];
        if node.timers.get(timer_id).is_none() {
            return false;
        }
        if node.status == NodeStatus::Paused {
            if !node.backlog.iter().any(|d| matches!(d, Deferred::Timer(t) if *t == timer_id)) {
                node.backlog.push(Deferred::Timer(timer_id));
            }
            return true;
        }
        let Some(armed) = node.timers.remove(timer_id) else { return false };
        self.trace.record(self.now, Some(id), TraceEvent::Timer { kind: P::timer_kind(&armed.timer) }, 0);
        self.dispatch(id, |p, ctx| p.on_timer(armed.timer, ctx));
        true
    }

    /// Run a handler of node `id` (which must be up) and carry out its effects.
    fn dispatch(&mut self, id: NodeId, handler: impl FnOnce(&mut P, &mut Ctx<P>)) {
        let mut effects = std::mem::take(&mut self.effects);
        let n = self.node_count();
        let node = &mut self.nodes[id as usize];
        let local = node.clock.local(self.now);
        if let Some(process) = node.process.as_mut() {
            let mut ctx = Ctx::new(id, local, n, &mut self.rng, &mut effects);
            handler(process, &mut ctx);
        }
        self.carry_out(id, &mut effects);
        self.effects = effects;
    }

    fn carry_out(&mut self, id: NodeId, effects: &mut Vec<Effect<P>>) {
        for effect in effects.drain(..) {
            match effect {
                Effect::Send { to, message } => self.send(id, to, message),
                Effect::SetTimer { timer, after } => self.arm_timer(id, timer, after),
                Effect::CancelTimer { timer } => self.nodes[id as usize].timers.cancel(&timer),
                Effect::Persist { write } => {
                    self.nodes[id as usize].durable.get_or_insert_with(Default::default).write(write)
                }
                Effect::Emit { event } => self.trace.record(self.now, Some(id), TraceEvent::Engine(event), 0),
            }
        }
    }

    /// Arm `timer` at node `id`; re-arming one already armed moves its due time (queued lazily).
    fn arm_timer(&mut self, id: NodeId, timer: P::Timer, after: SimTime) {
        let node = &mut self.nodes[id as usize];
        let due = self.now + node.clock.true_delay(after);
        if let Some(armed) = node.timers.find_mut(&timer) {
            armed.due = due;
            if due < armed.queued_at {
                armed.queued_at = due;
                let kind = EventKind::Timer { node: id, id: armed.id };
                self.push(due, kind);
            }
            return;
        }
        self.next_timer += 1;
        let timer_id = self.next_timer;
        node.timers.insert(ArmedTimer { id: timer_id, timer, due, queued_at: due });
        self.push(due, EventKind::Timer { node: id, id: timer_id });
    }

    fn send(&mut self, from: NodeId, to: NodeId, message: P::Message) {
        let now = self.now;
        let id = self.network.next_id();
        let kind = P::kind_of(&message);
        let mut payload = StableHasher::default();
        message.hash(&mut payload);
        self.network.stats.sent += 1;
        self.trace.record(now, Some(from), TraceEvent::Send { id, from, to, kind }, payload.finish());
        if to as usize >= self.nodes.len() {
            self.network.stats.dropped_node += 1;
            let event = TraceEvent::Drop { id, from, to, kind, reason: DropReason::NodeDown };
            self.trace.record(now, Some(from), event, 0);
            return;
        }
        if !self.network.link_up(from, to) {
            self.network.stats.dropped_link += 1;
            let event = TraceEvent::Drop { id, from, to, kind, reason: DropReason::LinkDown };
            self.trace.record(now, Some(from), event, 0);
            return;
        }
        let duplicate = self.rng.chance_ppm(self.network.config.duplicate_ppm);
        if duplicate {
            let copy_id = self.network.next_id();
            self.network.stats.duplicated += 1;
            self.trace.record(now, Some(from), TraceEvent::Duplicate { id, copy: copy_id }, 0);
            self.launch(copy_id, id, from, to, message.clone());
        }
        self.launch(id, id, from, to, message);
    }

    /// Put one copy on the wire: draw its fate (loss, reordering) and its latency.
    fn launch(&mut self, id: MsgId, origin: MsgId, from: NodeId, to: NodeId, message: P::Message) {
        let now = self.now;
        let config = &self.network.config;
        let (lo, hi, loss, reorder) = (config.latency_min, config.latency_max, config.loss_ppm, config.reorder_ppm);
        let latency = self.rng.range_inclusive(lo, hi);
        let lost = self.rng.chance_ppm(loss);
        let arrives_at = if from == to {
            now + latency
        } else if self.rng.chance_ppm(reorder) {
            now + latency + self.rng.range_inclusive(0, hi)
        } else {
            self.network.fifo_arrival(from, to, now + latency)
        };
        let vanishes_at = lost.then(|| now + (arrives_at - now) / 2);
        let slot = self.network.insert(InFlight {
            id,
            origin,
            from,
            to,
            sent_at: now,
            arrives_at,
            vanishes_at,
            buffered: false,
            message,
        });
        match vanishes_at {
            Some(at) => self.push(at, EventKind::Vanish(id, slot)),
            None => self.push(arrives_at, EventKind::Arrive(id, slot)),
        }
    }
}
