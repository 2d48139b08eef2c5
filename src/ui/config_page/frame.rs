//! What one frame of the configuration-center page draws, split into shared parts so that
//! unchanged panels are not redrawn.

use std::rc::Rc;

use crate::config_center::ConfigCenterConfig;
use crate::lab::config::scenarios::{lesson, Base, Cap, Named};
use crate::lab::config::view::{self, ClientRow, ModeMeasures, ReleaseRow, ServerRow};
use crate::lab::config::ConfigTimeline;
use crate::lab::view::{ClusterModel, LogLine, NodeModel};
use crate::sim::{NetworkConfig, NodeId, SimTime, Violation};

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
    /// The servers with their copies.
    pub servers: Rc<Vec<ServerRow>>,
    /// The clients with their configuration.
    pub clients: Rc<Vec<ClientRow>>,
    /// The last partition's groups and whether it is in force.
    pub partition: Rc<Option<(Vec<Vec<NodeId>>, bool)>>,
    /// The lesson key's releases.
    pub releases: Rc<Vec<ReleaseRow>>,
    /// The measures so far.
    pub measures: Rc<ModeMeasures>,
    /// Invariants and the violation, if any.
    pub invariants: Rc<Vec<(&'static str, Option<Violation>)>>,
    /// Nodes named by the violation.
    pub flagged: Rc<Vec<NodeId>>,
    /// Recent trace lines.
    pub log: Rc<Vec<LogLine>>,
    /// The network settings in force.
    pub network: NetworkConfig,
    /// This run's configuration.
    pub config: Rc<ConfigCenterConfig>,
    /// The named scenario the run plays, in either mode.
    pub named: Option<Named>,
    /// The CAP letter the run gives up and the BASE property it shows.
    pub lesson: (Cap, Base),
}

/// The frame of the timeline's present (`named`: the named scenario of the run, found once per run).
pub fn frame(timeline: &ConfigTimeline, named: &mut Option<Option<Named>>) -> Frame {
    let v = view::view(timeline, LOG_LIMIT);
    let named = *named.get_or_insert_with(|| Named::of(timeline.scenario()));
    let config = timeline.scenario().config.clone();
    Frame {
        now: v.now,
        lesson: lesson(named, config.mode, v.partition.is_some()),
        nodes: Rc::new(v.cluster.nodes.clone()),
        cluster: Rc::new(v.cluster),
        servers: Rc::new(v.servers),
        clients: Rc::new(v.clients),
        partition: Rc::new(v.partition),
        releases: Rc::new(v.releases),
        measures: Rc::new(v.measures),
        invariants: Rc::new(v.invariants),
        flagged: Rc::new(v.flagged),
        log: Rc::new(v.log),
        network: timeline.world().network().config.clone(),
        config: Rc::new(config),
        named,
    }
}
