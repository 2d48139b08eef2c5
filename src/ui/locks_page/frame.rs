//! What one frame of the locks page draws, split into shared parts so that unchanged panels are not redrawn.

use std::rc::Rc;

use crate::lab::locks::sections::{Bar, Sections};
use crate::lab::locks::view::{self, ClientRow, Counters, Resource, ServerState};
use crate::lab::locks::LockTimeline;
use crate::lab::view::{ClusterModel, LogLine, NodeModel};
use crate::lock::LockConfig;
use crate::sim::{NetworkConfig, NodeId, SimTime, Violation};

/// Log lines shown.
const LOG_LIMIT: usize = 40;

/// Everything the page draws at one instant.
#[derive(PartialEq)]
pub struct Frame {
    /// Virtual time now.
    pub now: SimTime,
    /// The cluster picture (node notes and roles already in the page's language).
    pub cluster: Rc<ClusterModel>,
    /// Per message in flight: its command's name (SET NX PX, read, create -e -s, Txn...).
    pub tags: Rc<Vec<(String, &'static str)>>,
    /// The nodes (for the node list).
    pub nodes: Rc<Vec<NodeModel>>,
    /// The lock servers.
    pub servers: Rc<Vec<ServerState>>,
    /// The clients.
    pub clients: Rc<Vec<ClientRow>>,
    /// The stock.
    pub resource: Rc<Resource>,
    /// The counters.
    pub counters: Rc<Counters>,
    /// Critical sections, with whether each overlaps another.
    pub bars: Rc<Vec<(Bar, bool)>>,
    /// Invariants and the violation, if any.
    pub invariants: Rc<Vec<(&'static str, Option<Violation>)>>,
    /// Nodes named by the violation.
    pub flagged: Rc<Vec<NodeId>>,
    /// Recent trace lines.
    pub log: Rc<Vec<LogLine>>,
    /// The network settings.
    pub network: NetworkConfig,
    /// This run's configuration.
    pub config: Rc<LockConfig>,
}

/// Take in the timeline's news into `sections` and build the frame.
pub fn frame(timeline: &LockTimeline, sections: &mut Sections) -> Frame {
    sections.observe(timeline.world());
    let v = view::view(timeline, LOG_LIMIT);
    let bars = sections.bars().iter().copied().zip(sections.overlapping()).collect();
    Frame {
        now: v.now,
        nodes: Rc::new(v.cluster.nodes.clone()),
        tags: Rc::new(view::message_tags(timeline.world())),
        cluster: Rc::new(v.cluster),
        servers: Rc::new(v.servers),
        clients: Rc::new(v.clients),
        resource: Rc::new(v.resource),
        counters: Rc::new(v.counters),
        bars: Rc::new(bars),
        flagged: Rc::new(timeline.violation().map(|v| v.nodes.clone()).unwrap_or_default()),
        invariants: Rc::new(v.invariants),
        log: Rc::new(v.log),
        network: v.network,
        config: Rc::new(timeline.scenario().config.clone()),
    }
}
