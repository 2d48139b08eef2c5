//! Fresh runs of the IDs page, and the generator switches that start them.

use crate::idgen::redis::Persistence;
use crate::idgen::snowflake::Rollback;
use crate::idgen::{Generator, IdBug, IdConfig, WorkerIds};
use crate::lab::ids::scenarios::Named;
use crate::lab::ids::{default_scenario, IdScenario, IdTimeline};
use crate::sim::{Retention, ScenarioError};

/// Default speed: a quarter of real time, so a 10 ms rollback lasts 40 ms on screen and a lesson's
/// first second four.
pub const DEFAULT_SPEED: f64 = 0.25;
/// Trace entries kept in memory (event log, drop marks, sequence diagram).
pub const TRACE_WINDOW: usize = 3_000;
/// Seed of every run started from the switches.
const SEED: u64 = 1;

/// Generators in the order the page lists them.
pub const GENERATORS: [Generator; 9] = [
    Generator::Snowflake,
    Generator::Sonyflake,
    Generator::Baidu,
    Generator::UuidV4,
    Generator::UuidV7,
    Generator::Database,
    Generator::Segment,
    Generator::RaftSegment,
    Generator::Redis,
];
/// Clock-rollback policies offered.
pub const ROLLBACKS: [Rollback; 4] = [Rollback::Twitter, Rollback::Leaf, Rollback::Sonyflake, Rollback::Ignore];
/// Redis persistence modes offered.
pub const PERSISTENCES: [Persistence; 4] =
    [Persistence::None, Persistence::Rdb, Persistence::AofEverysec, Persistence::AofAlways];
/// Application server counts offered.
pub const APPS: [u32; 4] = [1, 2, 3, 5];
/// Request rates offered (IDs per second per server).
pub const RATES: [u32; 4] = [100, 1_000, 5_000, 100_000];
/// Database counts offered.
pub const DATABASES: [u32; 3] = [1, 2, 3];
/// Segment server counts offered.
pub const ID_SERVERS: [u32; 3] = [1, 2, 3];
/// Segment sizes offered (Leaf's examples use 1,000 to 2,000).
pub const STEPS: [u64; 3] = [100, 1_000, 10_000];

/// A fresh run of `scenario`, at time 0.
pub fn open(scenario: IdScenario) -> Result<IdTimeline, ScenarioError> {
    IdTimeline::new(scenario, Retention::Window(TRACE_WINDOW))
}

/// A fresh run of `config` with the page's seed.
pub fn fresh(config: IdConfig) -> Result<IdTimeline, ScenarioError> {
    let mut scenario = default_scenario(SEED);
    scenario.config = config;
    open(scenario)
}

/// The default run: three servers with in-process Snowflake.
pub fn default_run() -> IdTimeline {
    open(default_scenario(SEED)).expect("the default configuration is valid")
}

/// The run of a named scenario.
pub fn named_run(named: Named) -> IdTimeline {
    open(named.scenario()).expect("the named scenarios are valid")
}

/// One switch of the generator panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Switch {
    /// The generator.
    Generator(Generator),
    /// The Snowflake family's clock-rollback policy.
    Rollback(Rollback),
    /// Worker ids from Leaf's coordinator (on) or configured by hand (off).
    Coordinator,
    /// A classic mistake.
    Bug(IdBug),
    /// Application servers.
    Apps(u32),
    /// IDs per second per server.
    Rate(u32),
    /// ID databases.
    Databases(u32),
    /// Segment servers.
    IdServers(u32),
    /// Segment size.
    Step(u64),
    /// Redis persistence.
    Persistence(Persistence),
    /// An asynchronous Redis replica.
    Replica,
}

/// Whether `generator` is of the Snowflake family (a bit layout, a clock, a worker id).
fn layout_family(generator: Generator) -> bool {
    generator.preset().is_some()
}

/// Whether `switch` is on in `config` (for the checkboxes and selects).
pub fn is_on(config: &IdConfig, switch: Switch) -> bool {
    match switch {
        Switch::Generator(g) => config.generator == g,
        Switch::Rollback(r) => config.rollback == r,
        Switch::Coordinator => config.worker_ids == WorkerIds::Coordinator,
        Switch::Bug(bug) => config.has(bug),
        Switch::Apps(n) => config.apps == n,
        Switch::Rate(n) => config.rate == n,
        Switch::Databases(n) => config.databases == n,
        Switch::IdServers(n) => config.id_servers == n,
        Switch::Step(n) => config.step == n,
        Switch::Persistence(p) => config.persistence == p,
        Switch::Replica => config.redis_replica,
    }
}

/// Whether `switch` means anything for `config`'s generator.
pub fn applies(config: &IdConfig, switch: Switch) -> bool {
    let g = config.generator;
    let hand_set = matches!(g, Generator::Snowflake | Generator::Sonyflake);
    match switch {
        Switch::Rollback(_) => layout_family(g),
        Switch::Coordinator => hand_set,
        Switch::Bug(IdBug::DuplicateWorkerId) => hand_set && config.worker_ids == WorkerIds::Manual,
        Switch::Bug(IdBug::NonAtomicSegment) => g == Generator::Segment,
        Switch::Bug(IdBug::NoDoubleBuffer) | Switch::IdServers(_) | Switch::Step(_) => {
            matches!(g, Generator::Segment | Generator::RaftSegment)
        }
        Switch::Bug(IdBug::AddedDatabaseNotRestepped) => g == Generator::Database && config.databases >= 2,
        Switch::Databases(_) => g == Generator::Database,
        Switch::Persistence(_) | Switch::Replica => g == Generator::Redis,
        Switch::Generator(_) | Switch::Apps(_) | Switch::Rate(_) => true,
    }
}

/// `config` with `switch` flipped (or set), made valid: a bug that no longer applies is dropped,
/// one that needs two servers or databases gets them.
pub fn switched(mut config: IdConfig, switch: Switch) -> IdConfig {
    let flip = !is_on(&config, switch);
    match switch {
        Switch::Generator(g) => config.generator = g,
        Switch::Rollback(r) => config.rollback = r,
        Switch::Coordinator => {
            config.worker_ids = if flip { WorkerIds::Coordinator } else { WorkerIds::Manual };
        }
        Switch::Bug(bug) => {
            config.bugs.retain(|&b| b != bug);
            if flip {
                config.bugs.push(bug);
            }
        }
        Switch::Apps(n) => config.apps = n,
        Switch::Rate(n) => config.rate = n,
        Switch::Databases(n) => config.databases = n,
        Switch::IdServers(n) => config.id_servers = n,
        Switch::Step(n) => config.step = n,
        Switch::Persistence(p) => config.persistence = p,
        Switch::Replica => config.redis_replica = flip,
    }
    let bugs = config.bugs.clone();
    config.bugs = bugs.into_iter().filter(|&b| applies(&config, Switch::Bug(b))).collect();
    if config.has(IdBug::DuplicateWorkerId) && config.apps < 2 {
        if matches!(switch, Switch::Apps(_)) {
            config.bugs.retain(|&b| b != IdBug::DuplicateWorkerId);
        } else {
            config.apps = 2;
        }
    }
    config
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_switch() -> Vec<Switch> {
        let mut all: Vec<Switch> = GENERATORS.iter().map(|&g| Switch::Generator(g)).collect();
        all.extend(ROLLBACKS.iter().map(|&r| Switch::Rollback(r)));
        all.extend([
            Switch::Coordinator,
            Switch::Bug(IdBug::DuplicateWorkerId),
            Switch::Bug(IdBug::NonAtomicSegment),
            Switch::Bug(IdBug::NoDoubleBuffer),
            Switch::Bug(IdBug::AddedDatabaseNotRestepped),
            Switch::Replica,
        ]);
        all.extend(APPS.iter().map(|&n| Switch::Apps(n)));
        all.extend(RATES.iter().map(|&n| Switch::Rate(n)));
        all.extend(DATABASES.iter().map(|&n| Switch::Databases(n)));
        all.extend(ID_SERVERS.iter().map(|&n| Switch::IdServers(n)));
        all.extend(STEPS.iter().map(|&n| Switch::Step(n)));
        all.extend(PERSISTENCES.iter().map(|&p| Switch::Persistence(p)));
        all
    }

    #[test]
    fn every_switch_on_every_generator_gives_a_valid_run() {
        for g in GENERATORS {
            let base = switched(IdConfig::default(), Switch::Generator(g));
            let base = if g == Generator::Database { switched(base, Switch::Databases(3)) } else { base };
            for switch in every_switch() {
                let config = switched(base.clone(), switch);
                assert!(fresh(config.clone()).is_ok(), "{g:?} {switch:?}");
                let twice = switched(switched(config.clone(), Switch::Apps(1)), switch);
                assert!(fresh(twice).is_ok(), "{g:?} {switch:?} with one server");
                if applies(&base, switch) && matches!(switch, Switch::Bug(_) | Switch::Coordinator | Switch::Replica) {
                    assert_ne!(is_on(&config, switch), is_on(&base, switch), "{g:?} {switch:?} flips");
                }
            }
        }
    }

    #[test]
    fn a_bug_of_another_generator_is_dropped_and_duplicate_workers_get_two_servers() {
        let segment = switched(
            switched(IdConfig::default(), Switch::Generator(Generator::Segment)),
            Switch::Bug(IdBug::NonAtomicSegment),
        );
        assert!(segment.has(IdBug::NonAtomicSegment));
        assert!(switched(segment, Switch::Generator(Generator::Redis)).bugs.is_empty());
        let one = switched(IdConfig::default(), Switch::Apps(1));
        let dup = switched(one, Switch::Bug(IdBug::DuplicateWorkerId));
        assert_eq!(dup.apps, 2);
        assert!(!switched(dup, Switch::Apps(1)).has(IdBug::DuplicateWorkerId));
    }
}
