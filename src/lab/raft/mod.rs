//! The Raft lab: scenarios of the Raft engine, checked by its invariants.

use crate::lab::catalog::LabEntry;
use crate::raft::{RaftConfig, RaftNode};
use crate::sim::ScenarioOf;

pub use crate::raft::LAB;

/// The Raft lab in the catalog.
pub const ENTRY: LabEntry = LabEntry { name: LAB, run: batch::run, fuzz: Some(batch::SCHEDULE) };

/// A scenario of the Raft lab.
pub type RaftScenario = ScenarioOf<RaftNode>;

/// Five servers with the paper's timing, no faults, seed `seed`.
pub fn default_scenario(seed: u64) -> RaftScenario {
    RaftScenario::new(LAB, seed, RaftConfig::default())
}

pub mod batch;
pub mod lessons;
pub mod presets;
pub mod view;
pub mod workloads;
