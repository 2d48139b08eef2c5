//! The fuzzer for any lab: a lab's schedule runs one seed under random faults with every
//! invariant checked; a sweep runs many seeds and stops at the smallest that finds something,
//! with the recording that `distlab-sim run` replays to the same verdict and fingerprint.

use crate::sim::{Checker, ClusterConfig, Process, ScenarioOf, Timeline, Violation, World};

/// What a fuzz run may be asked besides its seed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FuzzOptions {
    /// The cluster size; absent: the schedule's sizes in turn.
    pub nodes: Option<u32>,
    /// A variant of the schedule's configuration that the fuzzer must catch (a bug toggle, an
    /// unsafe recipe); absent: the safe configurations, where nothing may be found.
    pub variant: Option<&'static str>,
}

/// What one fuzzed seed did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FuzzOutcome {
    /// The first violation found (safety, liveness or the lab's history checks), if any.
    pub finding: Option<Violation>,
    /// The run as a scenario file: replayed by `distlab-sim run` to the same verdict.
    pub recording: String,
    /// Cluster size.
    pub nodes: u32,
    /// Events handled.
    pub events: u64,
    /// The fingerprint of the trace where the run ended.
    pub fingerprint: u64,
}

impl FuzzOutcome {
    /// The outcome of a run with `finding`, recorded as `recording` (which says where it ends).
    pub fn of<P: Process>(world: &World<P>, finding: Option<Violation>, recording: &ScenarioOf<P>) -> Self
    where
        P::Config: ClusterConfig,
    {
        FuzzOutcome {
            finding,
            recording: recording.to_json(),
            nodes: world.node_count(),
            events: world.events_handled(),
            fingerprint: world.fingerprint(),
        }
    }

    /// The outcome of a run stopped where it is now, with its checker's first violation: its
    /// recording ends there (`until`).
    pub fn ended<P: Process, C: Checker<P>>(run: &Timeline<P, C>) -> Self
    where
        P::Config: ClusterConfig,
    {
        let mut recording = run.scenario().clone();
        recording.until = Some(run.now());
        Self::of(run.world(), run.violation().cloned(), &recording)
    }
}

/// Assert that `outcome`'s recording replays through `distlab-sim run`'s code to the same
/// verdict, event count and fingerprint (`what` names the run in the failure).
#[cfg(test)]
pub fn assert_replays(outcome: &FuzzOutcome, what: &str) {
    let replay = crate::lab::runner::run_json(&outcome.recording, None).expect("a valid recording");
    assert_eq!(replay.violation, outcome.finding, "{what}: the recording replays to the same verdict");
    assert_eq!((replay.events, replay.fingerprint), (outcome.events, outcome.fingerprint), "{what}");
}

/// A lab's fuzz schedule.
#[derive(Clone, Copy)]
pub struct FuzzSchedule {
    /// The variants `--bug` may name, each caught by the schedule.
    pub variants: fn() -> Vec<&'static str>,
    /// The cluster sizes taken in turn, seed by seed, when `--nodes` is not given.
    pub sizes: &'static [u32],
    /// The sizes `--nodes` accepts; none: the configuration decides the cluster.
    pub size_range: Option<(u32, u32)>,
    /// Fuzz one seed (an error: the options make no valid scenario).
    pub run: fn(u64, &FuzzOptions) -> Result<FuzzOutcome, String>,
}

impl FuzzSchedule {
    /// The variant named `name`, if the schedule has it.
    pub fn variant(&self, name: &str) -> Option<&'static str> {
        (self.variants)().into_iter().find(|v| *v == name)
    }

    /// The cluster size of `seed` under `options` (0 when the configuration decides).
    pub fn size_of(&self, seed: u64, options: &FuzzOptions) -> u32 {
        match self.sizes.len() as u64 {
            0 => 0,
            n => options.nodes.unwrap_or(self.sizes[(seed % n) as usize]),
        }
    }
}

/// The result of a sweep: the first seed that found something (with its outcome), or none.
#[derive(Clone, Debug)]
pub struct Sweep {
    /// The smallest seed that found something, and what it did.
    pub found: Option<(u64, FuzzOutcome)>,
    /// Seeds run.
    pub seeds: u64,
    /// Events handled in all.
    pub events: u64,
}

/// Fuzz `seeds` in order with `schedule`, stopping at the first finding.
pub fn sweep(schedule: &FuzzSchedule, seeds: std::ops::Range<u64>, options: &FuzzOptions) -> Result<Sweep, String> {
    let mut result = Sweep { found: None, seeds: 0, events: 0 };
    for seed in seeds {
        let outcome = (schedule.run)(seed, options)?;
        result.seeds += 1;
        result.events += outcome.events;
        if outcome.finding.is_some() {
            result.found = Some((seed, outcome));
            break;
        }
    }
    Ok(result)
}
