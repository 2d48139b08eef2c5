//! The configuration-center fuzz schedule, wrapping the engine's ([`crate::config_center::sweep`]):
//! CP and AP in turn by seed (three servers on one round of four seeds, five on the next), each
//! under 60 s of random partitions, crashes, restarts and clock offsets while every client
//! publishes, rolls back, gray-releases and reads, then healed for the convergence bound. Nothing may
//! be found. Each variant is a bug toggle the same faults must expose.

use crate::config_center::sweep::{schedule, ConfigRun};
use crate::config_center::{Bug, ConfigCenterConfig, Mode};
use crate::lab::fuzz::{FuzzOptions, FuzzOutcome, FuzzSchedule};
use crate::sim::{Retention, SimTime};

/// The configuration-center fuzz schedule (the configuration decides the cluster: `--nodes` is refused).
pub const SCHEDULE: FuzzSchedule = FuzzSchedule { variants, sizes: &[], size_range: None, run: fuzz };

/// A bug toggle the schedule must catch (`--bug NAME`), with the mode it breaks.
const VARIANTS: [(&str, Mode, Bug); 2] = [
    ("read_without_read_index", Mode::Cp, Bug::ReadWithoutReadIndex),
    ("no_anti_entropy", Mode::Ap, Bug::NoAntiEntropy),
];

fn variants() -> Vec<&'static str> {
    VARIANTS.iter().map(|v| v.0).collect()
}

/// The configuration of `seed`: CP on even seeds, AP on odd ones, three servers then five every
/// other pair of seeds; a variant keeps its mode and adds its bug.
fn config_of(seed: u64, variant: Option<(Mode, Bug)>) -> ConfigCenterConfig {
    let servers = if (seed / 2) % 2 == 0 { 3 } else { 5 };
    let mode = if seed % 2 == 0 { Mode::Cp } else { Mode::Ap };
    match variant {
        Some((mode, bug)) => ConfigCenterConfig { mode, servers, bugs: vec![bug], ..ConfigCenterConfig::default() },
        None => ConfigCenterConfig { mode, servers, ..ConfigCenterConfig::default() },
    }
}

/// Fuzz one seed: the engine's random faults and workload, every invariant after every event.
fn fuzz(seed: u64, options: &FuzzOptions) -> Result<FuzzOutcome, String> {
    let variant = match options.variant {
        Some(name) => {
            let found = VARIANTS.iter().find(|v| v.0 == name).ok_or(format!("unknown variant {name:?}"))?;
            Some((found.1, found.2))
        }
        None => None,
    };
    let scenario = schedule(config_of(seed, variant), seed);
    let until = scenario.end();
    let mut run = ConfigRun::new(scenario, Retention::Window(0)).map_err(|e| e.to_string())?;
    run.set_checkpoint_every(SimTime::MAX);
    run.run_until(until);
    // A violation stops the run: its recording ends there, without the actions it never reached.
    let now = run.now();
    let mut recording = run.scenario().clone();
    recording.actions.retain(|a| a.at <= now);
    recording.until = Some(now);
    Ok(FuzzOutcome::of(run.world(), run.violation().cloned(), &recording))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config_center::checker::INVARIANTS;
    use crate::lab::fuzz::{assert_replays, sweep};

    #[test]
    fn both_modes_survive_random_faults_and_each_bug_is_caught_and_replays() {
        let safe = sweep(&SCHEDULE, 0..24, &FuzzOptions::default()).unwrap();
        assert!(safe.found.is_none(), "{:?}", safe.found.map(|(seed, o)| (seed, o.finding)));
        assert_eq!(safe.seeds, 24);
        for name in variants() {
            let options = FuzzOptions { nodes: None, variant: SCHEDULE.variant(name) };
            let found = sweep(&SCHEDULE, 0..40, &options).unwrap();
            let (seed, outcome) = found.found.unwrap_or_else(|| panic!("{name} not caught in 40 seeds"));
            let violation = outcome.finding.clone().unwrap();
            assert!(INVARIANTS.contains(&violation.invariant), "{name}, seed {seed}: {violation}");
            assert_replays(&outcome, &format!("{name}, seed {seed}"));
        }
        assert!((SCHEDULE.run)(0, &FuzzOptions { nodes: None, variant: Some("no_such_bug") }).is_err());
    }

    #[test]
    fn a_safe_seed_replays_to_the_same_run() {
        for seed in 0..4 {
            let outcome = (SCHEDULE.run)(seed, &FuzzOptions::default()).unwrap();
            assert!(outcome.finding.is_none());
            assert_replays(&outcome, &format!("seed {seed}"));
        }
    }
}
