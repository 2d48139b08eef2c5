//! All-to-all heartbeats with a timeout failure detector: the protocol of the network lesson.
//!
//! Every node pings every peer each `interval` (with 10 % jitter) and answers pings with pongs.
//! A peer not heard from for `suspect_after` is suspected. The lesson: a detector cannot tell a
//! crashed node from a slow link, a cut link or a paused process.

use serde::{Deserialize, Serialize};

use crate::sim::{ms, ClusterConfig, Ctx, DurableState, MessageClass, NetworkConfig, NodeId, Process, SimTime};

/// The lab's configuration: the cluster, the network and the detector's timing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HeartbeatConfig {
    /// Number of nodes.
    pub nodes: u32,
    /// The network at time 0.
    pub network: NetworkConfig,
    /// Time between rounds of pings, microseconds of the node's clock.
    pub interval: SimTime,
    /// Silence after which a peer is suspected, microseconds of the node's clock.
    pub suspect_after: SimTime,
}

impl Default for HeartbeatConfig {
    fn default() -> Self {
        Self { nodes: 5, network: NetworkConfig::default(), interval: ms(300), suspect_after: ms(1000) }
    }
}

impl ClusterConfig for HeartbeatConfig {
    fn nodes(&self) -> u32 {
        self.nodes
    }
    fn network(&self) -> &NetworkConfig {
        &self.network
    }
    fn validate_lab(&self) -> Result<(), (String, String)> {
        if self.interval < ms(1) {
            return Err(("interval".into(), "must be at least 1000 µs (1 ms; the lesson uses 300 ms)".into()));
        }
        if self.suspect_after <= self.interval {
            return Err(("suspect_after".into(), format!("must exceed interval ({})", self.interval)));
        }
        Ok(())
    }
}

/// Messages of the heartbeat protocol.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum HeartbeatMessage {
    /// "Are you there?", stamped with the sender's clock.
    Ping { seq: u64, sent_at: SimTime, incarnation: u64 },
    /// "Yes", echoing the ping's stamp so the sender can measure the round trip on its own clock.
    Pong { seq: u64, echo: SimTime, incarnation: u64 },
}

/// The one timer: the next round of pings.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum HeartbeatTimer {
    /// Time to ping every peer and check for silence.
    Tick,
}

/// Inputs from the page.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum HeartbeatInput {
    /// Ping one peer right now.
    Ping { to: NodeId },
}

/// Durable state: how many times this node has booted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Incarnation(pub u64);

impl DurableState for Incarnation {
    type Write = Incarnation;
    fn write(&mut self, write: Incarnation) {
        *self = write;
    }
}

/// What the detector decides, recorded in the trace.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "ev", rename_all = "snake_case")]
pub enum HeartbeatEvent {
    /// `peer` fell silent for too long.
    Suspect { peer: NodeId },
    /// A suspected `peer` was heard from again.
    Trust { peer: NodeId },
}

/// One node's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heartbeat {
    interval: SimTime,
    suspect_after: SimTime,
    /// Boot count, kept across crashes (durable).
    pub incarnation: u64,
    next_seq: u64,
    /// Local time each peer was last heard from.
    pub last_heard: Vec<SimTime>,
    /// Peers currently suspected.
    pub suspected: Vec<bool>,
    /// Last measured round trip to each peer, on this node's clock.
    pub rtt: Vec<Option<SimTime>>,
    /// Pings sent in this life.
    pub pings_sent: u64,
    /// Pongs received in this life.
    pub pongs_received: u64,
}

impl Heartbeat {
    /// The peers this node suspects now.
    pub fn suspects(&self) -> Vec<NodeId> {
        (0..self.suspected.len() as NodeId).filter(|&p| self.suspected[p as usize]).collect()
    }

    fn heard_from(&mut self, peer: NodeId, ctx: &mut Ctx<Self>) {
        self.last_heard[peer as usize] = ctx.now();
        if std::mem::replace(&mut self.suspected[peer as usize], false) {
            ctx.emit(HeartbeatEvent::Trust { peer });
        }
    }

    fn ping(&mut self, to: NodeId, ctx: &mut Ctx<Self>) {
        self.next_seq += 1;
        self.pings_sent += 1;
        let message = HeartbeatMessage::Ping { seq: self.next_seq, sent_at: ctx.now(), incarnation: self.incarnation };
        ctx.send(to, message);
    }

    fn arm_tick(&self, ctx: &mut Ctx<Self>) {
        let jitter = self.interval / 10;
        let after = ctx.random_range(self.interval - jitter, self.interval + jitter);
        ctx.set_timer(HeartbeatTimer::Tick, after);
    }
}

impl Process for Heartbeat {
    type Config = HeartbeatConfig;
    type Message = HeartbeatMessage;
    type Timer = HeartbeatTimer;
    type Input = HeartbeatInput;
    type Durable = Incarnation;
    type Event = HeartbeatEvent;

    fn boot(_id: NodeId, config: &HeartbeatConfig, durable: Option<&Incarnation>, ctx: &mut Ctx<Self>) -> Self {
        let incarnation = durable.map_or(1, |d| d.0 + 1);
        ctx.persist(Incarnation(incarnation));
        let n = ctx.node_count() as usize;
        let node = Self {
            interval: config.interval,
            suspect_after: config.suspect_after,
            incarnation,
            next_seq: 0,
            last_heard: vec![ctx.now(); n],
            suspected: vec![false; n],
            rtt: vec![None; n],
            pings_sent: 0,
            pongs_received: 0,
        };
        node.arm_tick(ctx);
        node
    }

    fn on_message(&mut self, from: NodeId, message: HeartbeatMessage, ctx: &mut Ctx<Self>) {
        self.heard_from(from, ctx);
        match message {
            HeartbeatMessage::Ping { seq, sent_at, .. } => {
                ctx.send(from, HeartbeatMessage::Pong { seq, echo: sent_at, incarnation: self.incarnation });
            }
            HeartbeatMessage::Pong { echo, .. } => {
                self.pongs_received += 1;
                self.rtt[from as usize] = Some(ctx.now().saturating_sub(echo));
            }
        }
    }

    fn on_timer(&mut self, _timer: HeartbeatTimer, ctx: &mut Ctx<Self>) {
        let now = ctx.now();
        for peer in ctx.peers() {
            let silent_for = now.saturating_sub(self.last_heard[peer as usize]);
            if silent_for > self.suspect_after && !self.suspected[peer as usize] {
                self.suspected[peer as usize] = true;
                ctx.emit(HeartbeatEvent::Suspect { peer });
            }
            self.ping(peer, ctx);
        }
        self.arm_tick(ctx);
    }

    fn on_input(&mut self, input: HeartbeatInput, ctx: &mut Ctx<Self>) {
        match input {
            HeartbeatInput::Ping { to } => self.ping(to, ctx),
        }
    }

    fn message_kind(message: &HeartbeatMessage) -> &'static str {
        match message {
            HeartbeatMessage::Ping { .. } => "Ping",
            HeartbeatMessage::Pong { .. } => "Pong",
        }
    }

    fn message_class(message: &HeartbeatMessage) -> MessageClass {
        match message {
            HeartbeatMessage::Ping { .. } => MessageClass::Request,
            HeartbeatMessage::Pong { .. } => MessageClass::Reply,
        }
    }

    fn timer_kind(_timer: &HeartbeatTimer) -> &'static str {
        "Tick"
    }

    fn validate_input(config: &HeartbeatConfig, input: &HeartbeatInput) -> Result<(), String> {
        match input {
            HeartbeatInput::Ping { to } if *to >= config.nodes => {
                Err(format!("node {to} does not exist (this cluster has nodes 0 to {})", config.nodes - 1))
            }
            HeartbeatInput::Ping { .. } => Ok(()),
        }
    }
}
