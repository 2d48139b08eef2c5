//! What one frame of the transactions page draws, split into shared parts so that unchanged panels
//! are not redrawn.

use std::rc::Rc;

use crate::lab::txn::view::{self, AppRow, BrokerView, Counters, ManagerView, RelayView, ServiceView};
use crate::lab::txn::TxnTimeline;
use crate::lab::view::{ClusterModel, LogLine, NodeModel};
use crate::sim::{MsgId, NetworkConfig, NodeId, SimTime, Violation};
use crate::txn::{TxnConfig, MANAGER};

/// Log lines shown.
const LOG_LIMIT: usize = 40;

/// Everything the page draws at one instant.
#[derive(PartialEq)]
pub struct Frame {
    /// Virtual time now.
    pub now: SimTime,
    /// The cluster picture.
    pub cluster: Rc<ClusterModel>,
    /// The nodes (for the node list).
    pub nodes: Rc<Vec<NodeModel>>,
    /// The TX Manager and its log.
    pub manager: Rc<ManagerView>,
    /// The broker, under transactional messages.
    pub broker: Option<Rc<BrokerView>>,
    /// The relay, under the local message table.
    pub relay: Option<Rc<RelayView>>,
    /// The participant services with their tables.
    pub services: Rc<Vec<ServiceView>>,
    /// The application nodes.
    pub apps: Rc<Vec<AppRow>>,
    /// The counters.
    pub counters: Rc<Counters>,
    /// Invariants and the violation, if any.
    pub invariants: Rc<Vec<(&'static str, Option<Violation>)>>,
    /// Nodes named by the violation.
    pub flagged: Rc<Vec<NodeId>>,
    /// Recent trace lines.
    pub log: Rc<Vec<LogLine>>,
    /// The network settings in force.
    pub network: NetworkConfig,
    /// The first answer on its way to the TX Manager (what "drop a reply" drops).
    pub reply: Option<MsgId>,
    /// Every first call of a branch (a Try, a Saga action, an XA PREPARE) on its way to a service,
    /// with the transaction it belongs to (what "delay one Try" holds back).
    pub first_calls: Rc<Vec<(MsgId, u64)>>,
    /// This run's configuration.
    pub config: Rc<TxnConfig>,
}

/// The frame of the timeline's present.
pub fn frame(timeline: &TxnTimeline, _: &mut ()) -> Frame {
    let v = view::view(timeline, LOG_LIMIT);
    let reply = v.cluster.messages.iter().find(|m| m.to == MANAGER && m.kind.is_reply() && !m.doomed).map(|m| m.id);
    let first = timeline.scenario().config.pattern.first_op().name();
    let first_calls = v
        .cluster
        .messages
        .iter()
        .filter(|m| m.kind.name == first && !m.doomed && !m.buffered)
        .filter_map(|m| Some((m.id, m.kind.group?)))
        .collect();
    Frame {
        now: v.now,
        nodes: Rc::new(v.cluster.nodes.clone()),
        cluster: Rc::new(v.cluster),
        manager: Rc::new(v.manager),
        broker: v.broker.map(Rc::new),
        relay: v.relay.map(Rc::new),
        services: Rc::new(v.services),
        apps: Rc::new(v.apps),
        counters: Rc::new(v.counters),
        flagged: Rc::new(v.flagged),
        invariants: Rc::new(v.invariants),
        log: Rc::new(v.log),
        network: timeline.world().network().config.clone(),
        reply,
        first_calls: Rc::new(first_calls),
        config: Rc::new(timeline.scenario().config.clone()),
    }
}
