//! The locks lab: scenarios of the lock engine (Redis, Redlock, ZooKeeper), its checker, the named
//! failure scenarios and the page's view model.

pub mod fuzz;
pub mod scenarios;
pub mod sections;
pub mod view;

use crate::lab::catalog::LabEntry;
use crate::lab::runner::run_lab;
use crate::lock::checker::LockChecker;
use crate::lock::{LockConfig, LockNode};
use crate::sim::{Retention, ScenarioOf, Timeline};

pub use crate::lock::LAB;

/// The locks lab in the catalog.
pub const ENTRY: LabEntry = LabEntry {
    name: LAB,
    run: |value, trace| run_lab::<LockNode, LockChecker>(value, LAB, trace),
    fuzz: Some(fuzz::SCHEDULE),
};

/// A scenario of the locks lab.
pub type LockScenario = ScenarioOf<LockNode>;

/// A locks run: the timeline under the lock checker.
pub type LockTimeline = Timeline<LockNode, LockChecker>;

/// Four clients of one Redis instance with the complete recipe, 100 items, seed `seed`.
pub fn default_scenario(seed: u64) -> LockScenario {
    LockScenario::new(LAB, seed, LockConfig::default())
}

/// A timeline of `scenario` keeping `window` trace entries (the page's scenarios are all valid).
pub fn timeline(scenario: LockScenario, window: usize) -> LockTimeline {
    LockTimeline::new(scenario, Retention::Window(window)).expect("the lab builds valid lock scenarios")
}
