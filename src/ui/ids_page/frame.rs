//! What one frame of the IDs page draws, split into shared parts so that unchanged panels are not redrawn.

use std::rc::Rc;

use crate::idgen::index::IndexStats;
use crate::idgen::{Generator, IdConfig};
use crate::lab::ids::decode::IdFormat;
use crate::lab::ids::view::{
    self, AppRow, CoordinatorState, Counters, DatabaseState, DuplicateRow, RedisState, SegmentState, StoreState, Stream,
};
use crate::lab::ids::IdTimeline;
use crate::lab::view::{ClusterModel, LogLine, NodeModel};
use crate::sim::{NetworkConfig, NodeId, SimTime, Violation};

/// Log lines shown.
const LOG_LIMIT: usize = 40;

/// The state behind the generator: databases, the Raft store, Redis, the coordinator, segment servers.
#[derive(Clone, Debug, PartialEq)]
pub struct Backends {
    /// The databases.
    pub databases: Vec<DatabaseState>,
    /// The Raft segment store's members.
    pub store: Vec<StoreState>,
    /// The Redis nodes.
    pub redis: Vec<RedisState>,
    /// Leaf's coordinator.
    pub coordinator: Option<CoordinatorState>,
    /// The segment servers.
    pub segment_servers: Vec<SegmentState>,
}

/// Everything the page draws at one instant.
#[derive(PartialEq)]
pub struct Frame {
    /// Virtual time now.
    pub now: SimTime,
    /// The generator.
    pub generator: Generator,
    /// The format its IDs are drawn in.
    pub format: IdFormat,
    /// The cluster picture.
    pub cluster: Rc<ClusterModel>,
    /// The nodes (for the node list).
    pub nodes: Rc<Vec<NodeModel>>,
    /// The application servers, with their latest IDs decoded.
    pub apps: Rc<Vec<AppRow>>,
    /// Each server's IDs against time.
    pub streams: Rc<Vec<Stream>>,
    /// The most recent duplicates.
    pub duplicates: Rc<Vec<DuplicateRow>>,
    /// Databases, Redis, coordinator, segment servers.
    pub backends: Rc<Backends>,
    /// The counters.
    pub counters: Counters,
    /// The index model.
    pub index: IndexStats,
    /// Invariants and the violation, if any.
    pub invariants: Rc<Vec<(&'static str, Option<Violation>)>>,
    /// Nodes named by the violation.
    pub flagged: Rc<Vec<NodeId>>,
    /// Recent trace lines.
    pub log: Rc<Vec<LogLine>>,
    /// The network settings in force.
    pub network: NetworkConfig,
    /// This run's configuration.
    pub config: Rc<IdConfig>,
}

/// The frame of the timeline's present (the page keeps no memory across frames: the checker does).
pub fn frame(timeline: &IdTimeline, _: &mut ()) -> Frame {
    let v = view::view(timeline, LOG_LIMIT);
    Frame {
        now: v.now,
        generator: v.generator,
        format: v.format,
        nodes: Rc::new(v.cluster.nodes.clone()),
        cluster: Rc::new(v.cluster),
        apps: Rc::new(v.apps),
        streams: Rc::new(v.streams),
        duplicates: Rc::new(v.duplicates),
        backends: Rc::new(Backends {
            databases: v.databases,
            store: v.store,
            redis: v.redis,
            coordinator: v.coordinator,
            segment_servers: v.segment_servers,
        }),
        counters: v.counters,
        index: v.index,
        flagged: Rc::new(timeline.violation().map(|v| v.nodes.clone()).unwrap_or_default()),
        invariants: Rc::new(v.invariants),
        log: Rc::new(v.log),
        network: timeline.world().network().config.clone(),
        config: Rc::new(timeline.scenario().config.clone()),
    }
}
