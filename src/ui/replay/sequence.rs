//! The sequence diagram's view model: recent messages as arrows between node lifelines, computed
//! from the kept trace (send, duplicate, deliver, drop) and the messages still in flight.

use crate::sim::{DropReason, MessageKind, MsgId, NodeId, Process, SimTime, TraceEvent, World};

/// How a message's arrow ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    /// It reached its receiver.
    Delivered,
    /// The network or a fault dropped it (drawn with a cross).
    Dropped(DropReason),
    /// Still on its way.
    InFlight,
}

impl Fate {
    /// CSS-friendly name (`data-fate`).
    pub fn as_str(self) -> &'static str {
        match self {
            Fate::Delivered => "delivered",
            Fate::Dropped(_) => "dropped",
            Fate::InFlight => "in-flight",
        }
    }
}

/// One message: an arrow from (sender, sent) towards (receiver, end).
#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    /// Message id.
    pub id: MsgId,
    /// Sender.
    pub from: NodeId,
    /// Receiver.
    pub to: NodeId,
    /// Kind label ("Ping", "AppendEntries") and class (replies are drawn apart).
    pub kind: MessageKind,
    /// When it was sent.
    pub sent: SimTime,
    /// When it arrived or was dropped (for one in flight: when it is due).
    pub end: SimTime,
    /// How far across towards the receiver it got at `end` (1.0: all the way; for drawing only).
    pub reach: f64,
    /// How it ended.
    pub fate: Fate,
}

/// The diagram: lifelines for nodes `0..nodes`, a time window `top..=bottom`, arrows oldest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SequenceModel {
    /// Number of lifelines.
    pub nodes: u32,
    /// Earliest time shown.
    pub top: SimTime,
    /// Latest time shown (now).
    pub bottom: SimTime,
    /// The messages, oldest first.
    pub arrows: Vec<Arrow>,
}

/// Where along its way a drop happened: half way for a loss (as the cluster view draws it), at the
/// sender if the sender's side dropped it, else at the receiver.
fn drop_reach(reason: DropReason, at: Option<NodeId>, from: NodeId) -> f64 {
    match reason {
        DropReason::Loss => 0.5,
        _ if at == Some(from) => 0.1,
        _ => 0.9,
    }
}

/// The messages of the last `span` of virtual time in `world`'s kept trace, at most `limit` of them
/// (the most recent).
pub fn sequence<P: Process>(world: &World<P>, span: SimTime, limit: usize) -> SequenceModel {
    let now = world.now();
    let top = now.saturating_sub(span);
    let mut due: Vec<(MsgId, SimTime)> = world.network().in_flight().map(|m| (m.id, m.arrives_at)).collect();
    due.sort_unstable();
    let due_at = |id: &MsgId| due.binary_search_by_key(id, |d| d.0).map_or(now, |k| due[k].1);
    // Arrows by id: the trace sends (and copies) in increasing id order, so pushing keeps them sorted.
    let mut arrows: Vec<Arrow> = Vec::new();
    let find = |arrows: &[Arrow], id: &MsgId| arrows.binary_search_by_key(id, |a| a.id).ok();
    let add = |arrows: &mut Vec<Arrow>, arrow: Arrow| {
        let at = arrows.partition_point(|a| a.id < arrow.id);
        match arrows.get_mut(at) {
            Some(same) if same.id == arrow.id => *same = arrow,
            _ => arrows.insert(at, arrow),
        }
    };
    for entry in world.trace().entries() {
        match &entry.event {
            TraceEvent::Send { id, from, to, kind } => {
                let end = due_at(id);
                let arrow = Arrow {
                    id: *id,
                    from: *from,
                    to: *to,
                    kind: *kind,
                    sent: entry.t,
                    end,
                    reach: 1.0,
                    fate: Fate::InFlight,
                };
                add(&mut arrows, arrow);
            }
            TraceEvent::Duplicate { id, copy } => {
                if let Some(k) = find(&arrows, id) {
                    let arrow =
                        Arrow { id: *copy, end: due_at(copy), fate: Fate::InFlight, reach: 1.0, ..arrows[k].clone() };
                    add(&mut arrows, arrow);
                }
            }
            TraceEvent::Deliver { id, .. } => {
                if let Some(k) = find(&arrows, id) {
                    let arrow = &mut arrows[k];
                    (arrow.end, arrow.reach, arrow.fate) = (entry.t, 1.0, Fate::Delivered);
                }
            }
            TraceEvent::Drop { id, from, reason, .. } => {
                if let Some(k) = find(&arrows, id) {
                    let arrow = &mut arrows[k];
                    (arrow.end, arrow.fate) = (entry.t, Fate::Dropped(*reason));
                    arrow.reach = drop_reach(*reason, entry.node, *from);
                }
            }
            _ => {}
        }
    }
    arrows.retain(|a| a.end >= top && a.from != a.to);
    arrows.sort_by_key(|a| (a.sent, a.id));
    let skip = arrows.len().saturating_sub(limit);
    arrows.drain(..skip);
    SequenceModel { nodes: world.node_count(), top, bottom: now, arrows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::network::{default_scenario, Heartbeat};
    use crate::sim::{ms, Action, Retention, Timeline};

    fn run(actions: &[(SimTime, Action<crate::lab::network::HeartbeatInput>)], until: SimTime) -> Timeline<Heartbeat> {
        let mut scenario = default_scenario(1);
        for (at, action) in actions {
            scenario.actions.push(crate::sim::TimedAction { at: *at, action: action.clone() });
        }
        let mut timeline = Timeline::new(scenario, Retention::Window(5_000)).unwrap();
        timeline.run_until(until);
        timeline
    }

    #[test]
    fn arrows_follow_sends_deliveries_and_drops() {
        let timeline = run(&[(ms(500), Action::LinkDown { from: 0, to: 1 })], ms(1_500));
        let model = sequence(timeline.world(), ms(1_500), usize::MAX);
        assert_eq!((model.nodes, model.top, model.bottom), (5, 0, ms(1_500)));
        assert!(model.arrows.windows(2).all(|w| (w[0].sent, w[0].id) < (w[1].sent, w[1].id)), "oldest first");
        let delivered = model.arrows.iter().find(|a| a.fate == Fate::Delivered).expect("some delivered");
        assert!(delivered.end > delivered.sent && delivered.reach == 1.0);
        let cut = model.arrows.iter().find(|a| matches!(a.fate, Fate::Dropped(DropReason::LinkDown))).expect("a drop");
        assert_eq!((cut.from, cut.to), (0, 1));
        assert!(
            model.arrows.iter().any(|a| a.fate == Fate::InFlight && a.end > model.bottom),
            "in flight ends when due"
        );
    }

    #[test]
    fn the_window_and_the_limit_keep_the_most_recent() {
        let timeline = run(&[], ms(3_000));
        let model = sequence(timeline.world(), ms(500), 10);
        assert_eq!(model.arrows.len(), 10);
        assert!(model.arrows.iter().all(|a| a.end >= ms(2_500)));
        let all = sequence(timeline.world(), ms(500), usize::MAX);
        assert_eq!(all.arrows[all.arrows.len() - 10..], model.arrows[..]);
    }
}
