//! Fresh runs of the configuration-center page, and the mode switch that replays a run's scenario
//! in the other mode.

use crate::config_center::{ConfigCenterConfig, Mode};
use crate::lab::config::scenarios::Named;
use crate::lab::config::{default_config, in_mode, ConfigScenario, ConfigTimeline, LAB};
use crate::sim::{Retention, ScenarioError};

/// Default speed: twice real time (Nacos's timings are seconds: a JRaft election takes 5 to 10 s).
pub const DEFAULT_SPEED: f64 = 2.0;
/// Trace entries kept in memory (event log, drop marks).
pub const TRACE_WINDOW: usize = 4_000;
/// Seed of every run started from the page.
const SEED: u64 = 1;

/// A fresh run of `scenario`, at time 0.
pub fn open(scenario: ConfigScenario) -> Result<ConfigTimeline, ScenarioError> {
    ConfigTimeline::new(scenario, Retention::Window(TRACE_WINDOW))
}

/// A fresh run of `config` with the page's seed.
pub fn fresh(config: ConfigCenterConfig) -> Result<ConfigTimeline, ScenarioError> {
    open(ConfigScenario::new(LAB, SEED, config))
}

/// The default run: three CP servers, three clients, no fault.
pub fn default_run() -> ConfigTimeline {
    fresh(default_config(Mode::Cp)).expect("the default configuration is valid")
}

/// Whether `scenario` is the untouched default run.
pub fn is_default(scenario: &ConfigScenario) -> bool {
    scenario.actions.is_empty() && scenario.config == default_config(Mode::Cp)
}

/// The run of a named scenario.
pub fn named_run(named: Named) -> ConfigTimeline {
    open(named.scenario()).expect("the named scenarios are valid")
}

/// The other mode.
pub fn other(mode: Mode) -> Mode {
    match mode {
        Mode::Cp => Mode::Ap,
        Mode::Ap => Mode::Cp,
    }
}

/// What the mode switch plays: `scenario`'s actions and seed with the servers in `mode`.
pub fn switched(scenario: &ConfigScenario, mode: Mode) -> ConfigScenario {
    in_mode(scenario, mode)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_run_the_page_makes_is_valid_in_both_modes() {
        assert!(is_default(default_run().scenario()));
        for named in Named::ALL {
            let scenario = named_run(named).scenario().clone();
            for mode in [Mode::Cp, Mode::Ap] {
                assert!(open(switched(&scenario, mode)).is_ok(), "{} {mode:?}", named.id());
            }
        }
        assert_eq!(other(other(Mode::Ap)), Mode::Ap);
        assert!(fresh(default_config(Mode::Ap)).is_ok());
    }
}
