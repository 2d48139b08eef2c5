//! The network lesson: heartbeats over an unreliable network, and the failure detector's verdicts.

pub mod heartbeat;

pub use heartbeat::{Heartbeat, HeartbeatConfig, HeartbeatEvent, HeartbeatInput, HeartbeatMessage};

use crate::sim::{Retention, ScenarioError, ScenarioOf, Timeline};

/// The lab's name in scenarios and share links.
pub const LAB: &str = "network";

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
