//! The configuration-center lab: CAP and BASE made visible. The same cluster runs CP (Raft) or AP
//! (Distro) under the same faults; the named scenarios, the fuzz schedule and the page's view model.

pub mod fuzz;
pub mod scenarios;
pub mod view;

use crate::config_center::checker::ConfigChecker;
use crate::config_center::store::key_of;
use crate::config_center::{ConfigCenterConfig, ConfigNode, Mode};
use crate::lab::catalog::LabEntry;
use crate::lab::runner::run_lab;
use crate::sim::{Retention, ScenarioOf, Timeline};

pub use crate::config_center::LAB;

/// The configuration-center lab in the catalog.
pub const ENTRY: LabEntry = LabEntry {
    name: LAB,
    run: |value, trace| run_lab::<ConfigNode, ConfigChecker>(value, LAB, trace),
    fuzz: Some(fuzz::SCHEDULE),
};

/// A scenario of the configuration-center lab.
pub type ConfigScenario = ScenarioOf<ConfigNode>;

/// A configuration-center run: the timeline under the lab's checker.
pub type ConfigTimeline = Timeline<ConfigNode, ConfigChecker>;

/// The key every named scenario and the page's controls change (Nacos's `DEFAULT_GROUP` data id,
/// Apollo's `application` namespace).
pub fn lesson_key() -> String {
    key_of("application", "db.url")
}

/// The page's default cluster: three servers, three clients, one watched key, in `mode`.
pub fn default_config(mode: Mode) -> ConfigCenterConfig {
    ConfigCenterConfig { mode, keys: vec![lesson_key()], ..ConfigCenterConfig::default() }
}

/// `scenario` with its servers in `mode` (the same actions, the same seed): what the mode switch plays.
pub fn in_mode(scenario: &ConfigScenario, mode: Mode) -> ConfigScenario {
    let mut other = scenario.clone();
    other.config.mode = mode;
    other
}

/// A timeline of `scenario` keeping `window` trace entries (the lab's own scenarios are all valid).
pub fn timeline(scenario: ConfigScenario, window: usize) -> ConfigTimeline {
    ConfigTimeline::new(scenario, Retention::Window(window)).expect("the lab builds valid configuration scenarios")
}
