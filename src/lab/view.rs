//! View models shared by every lab: what the cluster view, the event log and the counters draw.
//!
//! Plain data computed from a world; the UI draws it and knows nothing of protocols.

use crate::sim::{DropReason, MessageKind, MsgId, NodeId, NodeStatus, Process, SimTime, TraceEntry, TraceEvent, World};

/// A labelled value for the user: `word` is a vocabulary key the UI translates ("boot", "loss"),
/// `value` is language-neutral (numbers, ids, units), possibly empty, unless `value_word` says it
/// is a vocabulary word itself (a role, a status), which the UI translates too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// Vocabulary key.
    pub word: &'static str,
    /// Numbers and ids (or the value word as it is).
    pub value: String,
    /// The value is this vocabulary word.
    pub value_word: Option<&'static str>,
}

impl Note {
    /// A word with a value.
    pub fn new(word: &'static str, value: impl Into<String>) -> Self {
        Self { word, value: value.into(), value_word: None }
    }

    /// A word alone.
    pub fn word(word: &'static str) -> Self {
        Self::new(word, String::new())
    }

    /// A word whose value is a vocabulary word too ("role": "pre_candidate").
    pub fn worded(word: &'static str, value: &'static str) -> Self {
        Self { word, value: value.to_string(), value_word: Some(value) }
    }
}

/// One node as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeModel {
    /// Node id.
    pub id: NodeId,
    /// Up, down or paused.
    pub status: NodeStatus,
    /// Protocol role for colour, shape and `data-role` ("node", "follower", "leader"...).
    pub role: &'static str,
    /// Term or epoch, if the protocol has one (`data-term`).
    pub term: Option<u64>,
    /// Short lines shown under the node.
    pub lines: Vec<Note>,
}

/// One direction of one link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkModel {
    /// Sender side.
    pub from: NodeId,
    /// Receiver side.
    pub to: NodeId,
    /// Whether messages pass.
    pub up: bool,
}

/// A message in flight, at its fraction of the way from sender to receiver.
#[derive(Clone, Debug, PartialEq)]
pub struct MessageModel {
    /// Message id (click to drop it).
    pub id: MsgId,
    /// Sender.
    pub from: NodeId,
    /// Receiver.
    pub to: NodeId,
    /// Kind label ("Ping", "AppendEntries") and class (replies are drawn apart).
    pub kind: MessageKind,
    /// 0.0 at the sender, 1.0 at the receiver (for drawing only).
    pub progress: f64,
    /// The network will lose it (it vanishes half way).
    pub doomed: bool,
    /// Waiting in a paused receiver's buffer.
    pub buffered: bool,
    /// An extra copy made by the network.
    pub duplicate: bool,
}

/// Where and why a message recently vanished, to draw a fading mark.
#[derive(Clone, Debug, PartialEq)]
pub struct DropMark {
    /// Message id.
    pub id: MsgId,
    /// Sender.
    pub from: NodeId,
    /// Receiver.
    pub to: NodeId,
    /// Where along the link it vanished.
    pub progress: f64,
    /// Why.
    pub reason: DropReason,
    /// 1.0 just now, fading to 0.0.
    pub freshness: f64,
}

/// Everything the cluster view draws.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClusterModel {
    /// Nodes in id order.
    pub nodes: Vec<NodeModel>,
    /// Every direction of every pair.
    pub links: Vec<LinkModel>,
    /// Messages in flight.
    pub messages: Vec<MessageModel>,
    /// Recent drops.
    pub drops: Vec<DropMark>,
}

/// How long a drop mark stays visible, in virtual time.
pub const DROP_MARK_LIFETIME: SimTime = 150_000;

/// Virtual time as milliseconds with one decimal, for the inspectors ("312.4 ms").
pub fn millis(us: SimTime) -> String {
    format!("{}.{} ms", us / 1000, (us % 1000) / 100)
}

/// The inspector's first rows for any node: its status, its life (boots so far) and its clock
/// reading; `None` if there is no such node.
pub fn node_header_rows<P: Process>(world: &World<P>, id: NodeId) -> Option<Vec<Note>> {
    let n = world.node(id)?;
    Some(vec![
        Note::worded("state", n.status.as_str()),
        Note::new("life", n.life.to_string()),
        Note::new("local_clock", millis(n.clock.local(world.now()))),
    ])
}

/// Every directed link of the world and whether it is up.
pub fn links_of<P: Process>(world: &World<P>) -> Vec<LinkModel> {
    let n = world.node_count();
    let mut links = Vec::with_capacity((n * n.saturating_sub(1)) as usize);
    for from in 0..n {
        for to in 0..n {
            if from != to {
                links.push(LinkModel { from, to, up: world.network().link_up(from, to) });
            }
        }
    }
    links
}

/// Every message in flight with its drawing position at the world's current time.
pub fn messages_of<P: Process>(world: &World<P>) -> Vec<MessageModel> {
    let now = world.now();
    world
        .network()
        .in_flight()
        .map(|m| {
            let span = m.arrives_at.saturating_sub(m.sent_at).max(1) as f64;
            let progress = if m.buffered { 1.0 } else { (now.saturating_sub(m.sent_at) as f64 / span).clamp(0.0, 1.0) };
            MessageModel {
                id: m.id,
                from: m.from,
                to: m.to,
                kind: P::kind_of(&m.message),
                progress,
                doomed: m.vanishes_at.is_some(),
                buffered: m.buffered,
                duplicate: m.id != m.origin,
            }
        })
        .collect()
}

/// Drops in the kept trace within the last [`DROP_MARK_LIFETIME`].
pub fn recent_drops<P: Process>(world: &World<P>) -> Vec<DropMark> {
    let now = world.now();
    let since = now.saturating_sub(DROP_MARK_LIFETIME);
    world
        .trace()
        .entries()
        .rev()
        .take_while(|e| e.t >= since)
        .filter_map(|e| match &e.event {
            TraceEvent::Drop { id, from, to, reason, .. } if *from != *to => {
                let progress = match reason {
                    DropReason::Loss => 0.5,
                    _ if e.node == Some(*from) => 0.1,
                    _ => 0.9,
                };
                let age = now.saturating_sub(e.t) as f64;
                let freshness = 1.0 - age / DROP_MARK_LIFETIME as f64;
                Some(DropMark { id: *id, from: *from, to: *to, progress, reason: *reason, freshness })
            }
            _ => None,
        })
        .collect()
}

/// The family of a log line, for colour and filtering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LogKind {
    /// Send, duplicate.
    Send,
    /// Deliver, buffer.
    Deliver,
    /// Any drop.
    Drop,
    /// A timer.
    Timer,
    /// A fault or repair done to the world, an input, a refused action.
    Fault,
    /// An engine event.
    Engine,
}

impl LogKind {
    /// CSS-friendly name.
    pub fn as_str(self) -> &'static str {
        match self {
            LogKind::Send => "send",
            LogKind::Deliver => "deliver",
            LogKind::Drop => "drop",
            LogKind::Timer => "timer",
            LogKind::Fault => "fault",
            LogKind::Engine => "engine",
        }
    }
}

/// One line of the event log.
#[derive(Clone, Debug, PartialEq)]
pub struct LogLine {
    /// Position in the trace (a stable key).
    pub seq: u64,
    /// Virtual time.
    pub t: SimTime,
    /// Node, if any.
    pub node: Option<NodeId>,
    /// Family.
    pub kind: LogKind,
    /// Event name as in the trace ("send", "drop", "crash"...); the UI translates it.
    pub event: &'static str,
    /// Details in protocol vocabulary and numbers (message kind, ids): shown as they are.
    pub detail: String,
    /// Qualifiers the UI translates (a drop's reason, a network setting).
    pub notes: Vec<Note>,
}

/// The last `limit` trace entries as log lines, newest last. `engine` formats engine events.
pub fn log_lines<P: Process>(
    world: &World<P>,
    limit: usize,
    engine: impl Fn(&P::Event) -> (&'static str, String),
) -> Vec<LogLine> {
    let entries: Vec<&TraceEntry<P::Event>> = world.trace().entries().rev().take(limit).collect();
    entries.into_iter().rev().map(|e| log_line(e, &engine)).collect()
}

fn log_line<E>(e: &TraceEntry<E>, engine: &impl Fn(&E) -> (&'static str, String)) -> LogLine {
    let plain = |kind, event, detail: String| (kind, event, detail, Vec::new());
    let (kind, event, detail, notes) = match &e.event {
        TraceEvent::Send { id, from, to, kind } => plain(LogKind::Send, "send", format!("{kind} #{id} {from}→{to}")),
        TraceEvent::Duplicate { id, copy } => plain(LogKind::Send, "duplicate", format!("#{id} → #{copy}")),
        TraceEvent::Deliver { id, from, to, kind } => {
            plain(LogKind::Deliver, "deliver", format!("{kind} #{id} {from}→{to}"))
        }
        TraceEvent::Drop { id, from, to, kind, reason } => {
            (LogKind::Drop, "drop", format!("{kind} #{id} {from}→{to}"), vec![Note::word(drop_reason_name(*reason))])
        }
        TraceEvent::Delay { id, by } => plain(LogKind::Fault, "delay", format!("#{id} +{} ms", by / 1000)),
        TraceEvent::Buffer { id, to } => plain(LogKind::Deliver, "buffer", format!("#{id} → {to}")),
        // The timer's name is a vocabulary word (the page translates "instance timeout").
        TraceEvent::Timer { kind } => (LogKind::Timer, "timer", String::new(), vec![Note::word(kind)]),
        TraceEvent::Input => plain(LogKind::Fault, "input", String::new()),
        TraceEvent::Crash => plain(LogKind::Fault, "crash", String::new()),
        TraceEvent::Restart { life } => {
            (LogKind::Fault, "restart", String::new(), vec![Note::new("boot", life.to_string())])
        }
        TraceEvent::Pause => plain(LogKind::Fault, "pause", String::new()),
        TraceEvent::Resume => plain(LogKind::Fault, "resume", String::new()),
        TraceEvent::Link { from, to, up } => {
            plain(LogKind::Fault, if *up { "link_up" } else { "link_down" }, format!("{from}→{to}"))
        }
        TraceEvent::Network { latency_min, latency_max, loss_ppm, duplicate_ppm, reorder_ppm } => (
            LogKind::Fault,
            "network",
            format!("{}–{} ms", latency_min / 1000, latency_max / 1000),
            vec![
                Note::new("loss_rate", percent(*loss_ppm)),
                Note::new("duplication", percent(*duplicate_ppm)),
                Note::new("reordering", percent(*reorder_ppm)),
            ],
        ),
        TraceEvent::Clock { offset, drift_ppm } => (
            LogKind::Fault,
            "clock",
            String::new(),
            vec![
                Note::new("offset", format!("{:+} ms", offset / 1000)),
                Note::new("drift", format!("{drift_ppm} ppm")),
            ],
        ),
        TraceEvent::Refused { reason } => plain(LogKind::Fault, "refused", reason.clone()),
        TraceEvent::Engine(event) => {
            let (name, detail) = engine(event);
            plain(LogKind::Engine, name, detail)
        }
    };
    LogLine { seq: e.seq, t: e.t, node: e.node, kind, event, detail, notes }
}

/// A probability in parts per million as a percentage ("2.5 %").
pub fn percent(ppm: u32) -> String {
    let tenths = (u64::from(ppm) + 500) / 1000;
    if tenths % 10 == 0 {
        format!("{} %", tenths / 10)
    } else {
        format!("{}.{} %", tenths / 10, tenths % 10)
    }
}

/// The trace's name for a drop reason.
pub fn drop_reason_name(reason: DropReason) -> &'static str {
    match reason {
        DropReason::Loss => "loss",
        DropReason::LinkDown => "link_down",
        DropReason::NodeDown => "node_down",
        DropReason::Manual => "manual",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_to_tenths() {
        assert_eq!(percent(0), "0 %");
        assert_eq!(percent(25_000), "2.5 %");
        assert_eq!(percent(1_000_000), "100 %");
        assert_eq!(percent(333), "0 %");
        assert_eq!(percent(12_345), "1.2 %");
    }
}
