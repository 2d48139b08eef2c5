//! The locks lab's fuzz schedule: the safe recipes (Redis with the complete recipe: SET NX PX,
//! compare-and-delete, the watchdog and fencing tokens; Redlock over
//! five instances with AOF `always`, ZooKeeper's sequential znodes with fencing), one per seed in
//! turn, under random faults for 30 s (client crashes and restarts, loss, duplication, delays,
//! reordering, and for Redlock instance crashes and restarts), then 10 s of calm. Nothing may be
//! found. Each variant is an unsafe recipe the same faults must expose.

use super::{LockScenario, LockTimeline, LAB};
use crate::lab::fuzz::{FuzzOptions, FuzzOutcome, FuzzSchedule};
use crate::lock::recipe::{Recipe, Release};
use crate::lock::redis::Persistence;
use crate::lock::{LockConfig, LockInput, Service};
use crate::sim::{ms, secs, Action, NodeId, Retention, SimRng, SimTime};

/// How long faults are injected.
const FAULT_PHASE: SimTime = secs(30);
/// The calm after them (leases run out, waiters get their turn).
const CALM: SimTime = secs(10);
/// Items in stock: more than the clients can buy in the run, so that they contend throughout.
const STOCK: i64 = 10_000;

/// The locks fuzz schedule (the configuration decides the cluster: `--nodes` is refused).
pub const SCHEDULE: FuzzSchedule = FuzzSchedule { variants, sizes: &[], size_range: None, run: fuzz };

/// An unsafe recipe the schedule must catch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Variant {
    /// A 300 ms lease around a 1 s critical section, no watchdog, no fencing.
    LeaseTooShort,
    /// The complete recipe without the watchdog: a holder whose storage reply is lost stays in
    /// its critical section past its 30 s lease.
    NoWatchdog,
    /// Plain `DEL` on release: a client whose lease ran out deletes the next holder's lock.
    PlainDel,
    /// Redlock whose instances forget everything on a restart.
    RedlockWithoutPersistence,
    /// ZooKeeper with a 1 s session: delays and losses expire a live holder's session and the
    /// next waiter enters while the holder still thinks it holds (the zxid fences its write, but
    /// two clients are inside at once).
    ZooKeeperShortSession,
}

impl Variant {
    const ALL: [Variant; 5] = [
        Variant::LeaseTooShort,
        Variant::NoWatchdog,
        Variant::PlainDel,
        Variant::RedlockWithoutPersistence,
        Variant::ZooKeeperShortSession,
    ];

    fn name(self) -> &'static str {
        match self {
            Variant::LeaseTooShort => "lease_too_short",
            Variant::NoWatchdog => "no_watchdog",
            Variant::PlainDel => "plain_del",
            Variant::RedlockWithoutPersistence => "redlock_without_persistence",
            Variant::ZooKeeperShortSession => "zookeeper_short_session",
        }
    }

    fn config(self) -> LockConfig {
        match self {
            Variant::LeaseTooShort => {
                redis(Recipe { ttl: ms(300), think: ms(1000), fencing: false, ..Recipe::default() })
            }
            Variant::NoWatchdog => redis(Recipe::default()),
            Variant::PlainDel => redis(Recipe {
                release: Release::Del,
                ttl: ms(100),
                think: ms(150),
                fencing: false,
                ..Recipe::default()
            }),
            Variant::RedlockWithoutPersistence => redlock(Persistence::None),
            Variant::ZooKeeperShortSession => zookeeper(secs(1)),
        }
    }
}

fn variants() -> Vec<&'static str> {
    Variant::ALL.iter().map(|v| v.name()).collect()
}

/// Four clients of one Redis instance.
fn redis(recipe: Recipe) -> LockConfig {
    LockConfig { clients: 4, stock: STOCK, recipe, ..LockConfig::default() }
}

/// Three clients of five Redlock instances (no fencing: Redlock has no token), each holding the
/// lock for a second, so that an instance restarts while a holder relies on it.
fn redlock(persistence: Persistence) -> LockConfig {
    let recipe = Recipe { fencing: false, think: secs(1), ..Recipe::default() };
    LockConfig { clients: 3, instances: 5, stock: STOCK, recipe, persistence, ..LockConfig::default() }
}

/// Four ZooKeeper clients watching their predecessors, with the zxid as fencing token, and the
/// session timeout given (a default server grants 40 s).
fn zookeeper(session_timeout: SimTime) -> LockConfig {
    let recipe = Recipe { think: ms(50), ..Recipe::default() };
    LockConfig {
        clients: 4,
        service: Service::ZooKeeper,
        session_timeout,
        stock: STOCK,
        recipe,
        ..LockConfig::default()
    }
}

/// The configuration of `seed`: a safe recipe in turn, or the variant's.
fn config_of(seed: u64, variant: Option<Variant>) -> LockConfig {
    match variant {
        Some(v) => v.config(),
        None => {
            let complete = Recipe { watchdog: true, ..Recipe::default() };
            let safe =
                [redis(complete), redlock(Persistence::AofAlways), zookeeper(LockConfig::default().session_timeout)];
            safe[(seed % 3) as usize].clone()
        }
    }
}

/// Fuzz one seed: faults for [`FAULT_PHASE`], then [`CALM`], every invariant after every event.
fn fuzz(seed: u64, options: &FuzzOptions) -> Result<FuzzOutcome, String> {
    let variant = match options.variant {
        Some(name) => {
            Some(Variant::ALL.into_iter().find(|v| v.name() == name).ok_or(format!("unknown variant {name:?}"))?)
        }
        None => None,
    };
    let config = config_of(seed, variant);
    let scenario = LockScenario::new(LAB, seed, config.clone());
    let mut run = LockTimeline::new(scenario, Retention::Window(0)).map_err(|e| e.to_string())?;
    run.set_checkpoint_every(SimTime::MAX);
    let mut rng = SimRng::new(seed ^ 0x10c5_f022_0000_0001);
    let instances: Vec<NodeId> = if config.instances > 1 { config.redis_nodes() } else { Vec::new() };
    let first_client = config.first_client();
    let mut t = 0;
    while t < FAULT_PHASE && run.violation().is_none() {
        t += rng.range_inclusive(ms(50), ms(500));
        run.run_until(t);
        if run.violation().is_some() {
            break;
        }
        let client = first_client + rng.below(u64::from(config.clients)) as NodeId;
        let instance = (!instances.is_empty()).then(|| instances[rng.below(instances.len() as u64) as usize]);
        let action: Action<LockInput> = match (rng.below(10), instance) {
            (0, _) => Action::Crash { node: client },
            (1, _) => Action::Restart { node: client },
            (2, _) => Action::SetLoss { ppm: rng.range_inclusive(0, 200_000) as u32 },
            (3, _) => Action::SetDuplication { ppm: rng.range_inclusive(0, 200_000) as u32 },
            (4, _) => Action::SetLatency { min: ms(5), max: rng.range_inclusive(ms(10), ms(300)) },
            (5, _) => Action::SetReordering { ppm: rng.range_inclusive(0, 300_000) as u32 },
            // Redlock: an instance crashes and comes back at once, or a client is cut from some.
            (6 | 7, Some(node)) => {
                let _ = run.act(Action::Crash { node });
                Action::Restart { node }
            }
            (8, Some(_)) => {
                Action::Partition { groups: random_split(&mut rng, config.first_client() + config.clients) }
            }
            _ => Action::HealAll,
        };
        let _ = run.act(action);
    }
    if run.violation().is_none() {
        run.run_until(FAULT_PHASE + CALM);
    }
    Ok(FuzzOutcome::ended(&run))
}

/// Every node in one of two groups at random.
fn random_split(rng: &mut SimRng, nodes: NodeId) -> Vec<Vec<NodeId>> {
    let mut groups = vec![Vec::new(), Vec::new()];
    for node in 0..nodes {
        groups[rng.below(2) as usize].push(node);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::fuzz::{assert_replays, sweep};

    #[test]
    fn the_safe_recipes_survive_random_faults_and_each_unsafe_one_is_caught_and_replays() {
        let safe = sweep(&SCHEDULE, 0..150, &FuzzOptions::default()).unwrap();
        assert!(safe.found.is_none(), "{:?}", safe.found.map(|(seed, o)| (seed, o.finding)));
        for name in variants() {
            let options = FuzzOptions { nodes: None, variant: SCHEDULE.variant(name) };
            let found = sweep(&SCHEDULE, 0..800, &options).unwrap();
            let (seed, outcome) = found.found.unwrap_or_else(|| panic!("{name} not caught in 800 seeds"));
            let violation = outcome.finding.clone().unwrap();
            assert_eq!(violation.invariant, "Mutual Exclusion", "{name}, seed {seed}: {violation}");
            assert_replays(&outcome, &format!("{name}, seed {seed}"));
        }
    }
}
