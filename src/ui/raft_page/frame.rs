//! What one frame of the Raft page draws, split into shared parts so that unchanged panels are not redrawn.

use std::rc::Rc;

use crate::lab::raft::view::{self, ClientRequest, History, LogRow, RaftTimeline, Segment};
use crate::lab::view::{ClusterModel, LogLine, NodeModel};
use crate::raft::RaftConfig;
use crate::sim::{NetworkConfig, NodeId, SimTime, Violation};

/// Log lines shown.
const LOG_LIMIT: usize = 40;
/// Log columns shown (the last indexes of the longest log).
pub const LOG_COLUMNS: usize = 24;
/// Client requests shown.
const HISTORY_LIMIT: usize = 30;
/// The client id of requests sent from the page.
pub const CLIENT: u32 = 1;

/// Everything the page draws at one instant.
#[derive(PartialEq)]
pub struct Frame {
    /// Virtual time now.
    pub now: SimTime,
    /// Nodes in the cluster.
    pub count: u32,
    /// The cluster picture.
    pub cluster: Rc<ClusterModel>,
    /// The nodes (for the node list).
    pub nodes: Rc<Vec<NodeModel>>,
    /// Election timer arcs by node.
    pub timers: Rc<Vec<Option<f64>>>,
    /// Message labels, aligned with `cluster.messages`.
    pub tags: Rc<Vec<(String, &'static str)>>,
    /// Log rows.
    pub logs: Rc<Vec<LogRow>>,
    /// The first log index shown.
    pub log_first: u64,
    /// The leader, if any.
    pub leader: Option<NodeId>,
    /// Invariants and the violation, if any.
    pub invariants: Rc<Vec<(&'static str, Option<Violation>)>>,
    /// Nodes named by the violation.
    pub flagged: Rc<Vec<NodeId>>,
    /// Log entries named by the violation: (node, index).
    pub flagged_entries: Rc<Vec<(NodeId, u64)>>,
    /// Recent trace lines.
    pub log: Rc<Vec<LogLine>>,
    /// The network settings.
    pub network: NetworkConfig,
    /// Role lanes.
    pub lanes: Rc<Vec<Vec<Segment>>>,
    /// Client requests.
    pub requests: Rc<Vec<ClientRequest>>,
    /// This run's configuration (mistakes, PreVote, CheckQuorum, node count).
    pub config: Rc<RaftConfig>,
    /// Actions in the scenario.
    pub actions: usize,
}

/// Take in the timeline's news into `history` and build the frame.
pub fn frame(timeline: &RaftTimeline, history: &mut History) -> Frame {
    history.observe(timeline);
    let v = view::view(timeline, LOG_LIMIT, LOG_COLUMNS);
    let scenario = timeline.scenario();
    let flagged = timeline.violation().map(|v| v.nodes.clone()).unwrap_or_default();
    Frame {
        now: v.now,
        count: v.cluster.nodes.len() as u32,
        nodes: Rc::new(v.cluster.nodes.clone()),
        cluster: Rc::new(v.cluster),
        timers: Rc::new(v.timers),
        tags: Rc::new(v.tags),
        log_first: view::log_window(timeline.world(), LOG_COLUMNS).0,
        logs: Rc::new(v.logs),
        leader: v.leader,
        invariants: Rc::new(v.invariants),
        flagged_entries: Rc::new(flagged_entries(timeline.violation())),
        flagged: Rc::new(flagged),
        log: Rc::new(v.log),
        network: v.network,
        lanes: Rc::new(history.lanes.lanes().to_vec()),
        requests: Rc::new(history.requests(scenario, v.now, HISTORY_LIMIT)),
        config: Rc::new(scenario.config.clone()),
        actions: scenario.actions.len(),
    }
}

/// The entries a violation names: its `index` fact on each of its nodes.
fn flagged_entries(violation: Option<&Violation>) -> Vec<(NodeId, u64)> {
    let Some(v) = violation else { return Vec::new() };
    let index = v.facts.iter().find(|(name, _)| *name == "index").and_then(|(_, value)| value.parse().ok());
    index.map(|i| v.nodes.iter().map(|&n| (n, i)).collect()).unwrap_or_default()
}
