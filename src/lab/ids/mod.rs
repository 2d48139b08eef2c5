//! The distributed IDs lab: scenarios of the ID generators' engine, checked by its invariants,
//! with the named lessons, the fuzz schedule and the page's view model.

pub mod decode;
pub mod fuzz;
pub mod scenarios;
pub mod view;

use crate::idgen::checker::IdChecker;
use crate::idgen::{IdConfig, IdNode};
use crate::lab::catalog::LabEntry;
use crate::lab::runner::run_lab;
use crate::sim::{Retention, ScenarioOf, Timeline};

pub use crate::idgen::LAB;

/// The distributed IDs lab in the catalog.
pub const ENTRY: LabEntry = LabEntry {
    name: LAB,
    run: |value, trace| run_lab::<IdNode, IdChecker>(value, LAB, trace),
    fuzz: Some(fuzz::SCHEDULE),
};

/// A scenario of the IDs lab.
pub type IdScenario = ScenarioOf<IdNode>;

/// An IDs run: the timeline under the IDs checker.
pub type IdTimeline = Timeline<IdNode, IdChecker>;

/// Three application servers with in-process Snowflake, seed `seed`.
pub fn default_scenario(seed: u64) -> IdScenario {
    IdScenario::new(LAB, seed, IdConfig::default())
}

/// A timeline of `scenario` keeping `window` trace entries (the page's scenarios are all valid).
pub fn timeline(scenario: IdScenario, window: usize) -> IdTimeline {
    IdTimeline::new(scenario, Retention::Window(window)).expect("the lab builds valid ID scenarios")
}
