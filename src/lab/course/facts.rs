//! What a lesson step can see of a run: a lab-neutral summary of a timeline (its actions, time,
//! violation, crashed nodes, delivered message kinds), plus the Raft state when the run
//! is a Raft run. One function reads every lab's run; no page code is involved.

use std::any::Any;

use crate::raft::{current_leader, ClientOutcome, RaftEvent, RaftNode};
use crate::sim::{Action, Checker, ClusterConfig, NodeId, NodeStatus, Process, SimTime, Timeline, TraceEvent, World};

/// One action of the run's scenario, as a step tests it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionFact {
    /// When it happened.
    pub at: SimTime,
    /// The action's name as scenarios write it (`crash`, `link_down`), or `input/<kind>` for an
    /// input that names its kind (`input/client`).
    pub kind: String,
    /// The nodes it names (`from` then `to` for a link).
    pub nodes: Vec<NodeId>,
}

/// What a Raft run shows now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RaftFacts {
    /// The leader of the highest term among running servers, with its term.
    pub leader: Option<(NodeId, u64)>,
    /// The highest term any running server has seen.
    pub max_term: u64,
    /// The leader's state machine, key by key.
    pub leader_kv: Vec<(String, String)>,
    /// Trace position and time of the last client request answered with its result.
    pub last_ok: Option<(u64, SimTime)>,
    /// Trace position of the last client request a follower redirected to the leader.
    pub last_redirect: Option<u64>,
    /// Trace position of the last time a server removed entries that conflicted with its leader's.
    pub last_truncate: Option<u64>,
    /// Trace position of the last configuration a server took from its log (not the initial one).
    pub last_config: Option<u64>,
}

/// A run as a lesson step sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunFacts {
    /// The lab the run belongs to.
    pub lab: String,
    /// Virtual time now.
    pub now: SimTime,
    /// The scenario's actions, in order.
    pub actions: Vec<ActionFact>,
    /// The first invariant the checker found broken, if any.
    pub violation: Option<&'static str>,
    /// Nodes that are crashed now.
    pub down: Vec<NodeId>,
    /// Nodes in the cluster.
    pub nodes: u32,
    /// Events recorded so far (trace positions below this happened before now).
    pub trace_total: u64,
    /// For each message kind delivered in the kept trace, the position of its last delivery.
    pub delivered: Vec<(&'static str, u64)>,
    /// The Raft state, for a Raft run.
    pub raft: Option<RaftFacts>,
}

impl RunFacts {
    /// Position of the last delivery of a message of kind `kind`, if the kept trace has one.
    pub fn last_delivered(&self, kind: &str) -> Option<u64> {
        self.delivered.iter().find(|(k, _)| *k == kind).map(|&(_, pos)| pos)
    }
}

/// The facts of `timeline`, a run of lab `lab`.
pub fn observe<P, C>(lab: &str, timeline: &Timeline<P, C>) -> RunFacts
where
    P: Process + 'static,
    P::Config: ClusterConfig,
    C: Checker<P>,
{
    let world = timeline.world();
    let nodes = world.node_count();
    let actions = timeline.scenario().actions.iter().map(|a| action_fact(a.at, &a.action)).collect();
    let down = (0..nodes).filter(|&n| world.status(n) == Some(NodeStatus::Down)).collect();
    let mut delivered: Vec<(&'static str, u64)> = Vec::new();
    for entry in world.trace().entries() {
        if let TraceEvent::Deliver { kind, .. } = &entry.event {
            match delivered.iter_mut().find(|(k, _)| *k == kind.name) {
                Some(slot) => slot.1 = entry.seq,
                None => delivered.push((kind.name, entry.seq)),
            }
        }
    }
    RunFacts {
        lab: lab.to_string(),
        now: timeline.now(),
        actions,
        violation: timeline.violation().map(|v| v.invariant),
        down,
        nodes,
        trace_total: world.trace().total(),
        delivered,
        raft: (world as &dyn Any).downcast_ref::<World<RaftNode>>().map(raft_facts),
    }
}

fn action_fact<I: serde::Serialize>(at: SimTime, action: &Action<I>) -> ActionFact {
    let value = serde_json::to_value(action).unwrap_or_default();
    let name = value["type"].as_str().unwrap_or_default();
    let kind = match value["input"]["kind"].as_str() {
        Some(input) => format!("{name}/{input}"),
        None => name.to_string(),
    };
    ActionFact { at, kind, nodes: action.nodes() }
}

fn raft_facts(world: &World<RaftNode>) -> RaftFacts {
    let leader = current_leader(world);
    let max_term = world.processes().filter_map(|(_, p)| p.map(RaftNode::term)).max().unwrap_or(0);
    let leader_kv = leader
        .and_then(|(id, _)| world.processes().find(|&(n, _)| n == id).and_then(|(_, p)| p))
        .map(|p| p.kv.entries().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    let (mut last_ok, mut last_redirect, mut last_truncate, mut last_config) = (None, None, None, None);
    for entry in world.trace().entries() {
        match &entry.event {
            TraceEvent::Engine(RaftEvent::ClientReply { reply: ClientOutcome::Ok { .. }, .. }) => {
                last_ok = Some((entry.seq, entry.t))
            }
            TraceEvent::Engine(RaftEvent::ClientReply { reply: ClientOutcome::Redirect { .. }, .. }) => {
                last_redirect = Some(entry.seq)
            }
            TraceEvent::Engine(RaftEvent::Truncate { .. }) => last_truncate = Some(entry.seq),
            TraceEvent::Engine(RaftEvent::Config { index, .. }) if *index > 0 => last_config = Some(entry.seq),
            _ => {}
        }
    }
    RaftFacts { leader, max_term, leader_kv, last_ok, last_redirect, last_truncate, last_config }
}
