//! The network lesson: heartbeats over an unreliable network, and the failure detector's verdicts.

pub mod golden;
pub mod heartbeat;

pub use heartbeat::{Heartbeat, HeartbeatConfig, HeartbeatEvent, HeartbeatInput, HeartbeatMessage};

use crate::lab::catalog::LabEntry;
use crate::lab::runner::run_lab;
use crate::sim::{NoChecker, Retention, ScenarioError, ScenarioOf, Timeline};

/// The lab's name in scenarios and share links.
pub const LAB: &str = "network";

/// The network lesson in the catalog (no invariants, no fuzz schedule).
pub const ENTRY: LabEntry =
    LabEntry { name: LAB, run: |value, trace| run_lab::<Heartbeat, NoChecker>(value, LAB, trace), fuzz: None };

/// A scenario of the network lab.
pub type NetworkScenario = ScenarioOf<Heartbeat>;

/// The default opening scenario: five nodes, the default network, seed 1.
pub fn default_scenario(seed: u64) -> NetworkScenario {
    NetworkScenario::new(LAB, seed, HeartbeatConfig::default())
}

/// Parse a scenario file of this lab and start playing it.
pub fn load(json: &str, retention: Retention) -> Result<Timeline<Heartbeat>, ScenarioError> {
    let scenario = NetworkScenario::from_json(json, LAB)?;
    Timeline::new(scenario, retention)
}

use crate::lab::view::{self, ClusterModel, LogLine, NodeModel, Note};
use crate::sim::{NetStats, NetworkConfig, NodeStatus, SimTime};

/// Everything the network lesson's page draws at one instant.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkView {
    /// Virtual time now.
    pub now: SimTime,
    /// Nodes, links, messages in flight, recent drops.
    pub cluster: ClusterModel,
    /// The network counters.
    pub stats: NetStats,
    /// The network settings in force.
    pub network: NetworkConfig,
    /// Recent trace lines, newest last.
    pub log: Vec<LogLine>,
    /// Total trace events so far.
    pub events: u64,
    /// The run's fingerprint (equal runs, equal fingerprints).
    pub fingerprint: u64,
}

/// Build the page's view of the timeline's present.
pub fn view(timeline: &Timeline<Heartbeat>, log_limit: usize) -> NetworkView {
    let world = timeline.world();
    let nodes = (0..world.node_count())
        .filter_map(|id| world.node(id))
        .map(|n| {
            let mut lines = Vec::new();
            let incarnation = n.process.map(|p| p.incarnation).or(n.durable.map(|d| d.0)).unwrap_or(0);
            lines.push(Note::new("boot", incarnation.to_string()));
            if let Some(p) = n.process {
                let suspects = p.suspects();
                if !suspects.is_empty() {
                    let list: Vec<String> = suspects.iter().map(|s| s.to_string()).collect();
                    lines.push(Note::new("suspects", list.join(",")));
                }
            }
            if n.clock.offset != 0 || n.clock.drift_ppm != 0 {
                let skew = n.clock.local(world.now()) as i64 - world.now() as i64;
                lines.push(Note::new("clock", format!("{:+} ms", skew / 1000)));
            }
            let role = match n.status {
                NodeStatus::Up if n.process.is_some_and(|p| !p.suspects().is_empty()) => "suspicious",
                _ => "node",
            };
            NodeModel { id: n.id, status: n.status, role, term: None, lines }
        })
        .collect();
    let cluster = ClusterModel {
        nodes,
        links: view::links_of(world),
        messages: view::messages_of(world),
        drops: view::recent_drops(world),
    };
    NetworkView {
        now: world.now(),
        cluster,
        stats: world.stats(),
        network: world.network().config.clone(),
        log: view::log_lines(world, log_limit, describe_event),
        events: world.trace().total(),
        fingerprint: world.fingerprint(),
    }
}

/// An engine event's name and details for the log.
pub fn describe_event(event: &HeartbeatEvent) -> (&'static str, String) {
    match event {
        HeartbeatEvent::Suspect { peer } => ("suspect", format!("peer {peer}")),
        HeartbeatEvent::Trust { peer } => ("trust", format!("peer {peer}")),
    }
}
