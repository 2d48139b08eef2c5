//! Fresh runs of the locks page, and the recipe switches that start them.

use crate::lab::locks::scenarios::Named;
use crate::lab::locks::{default_scenario, LockScenario, LockTimeline};
use crate::lock::recipe::{Acquire, Release, Wait};
use crate::lock::redis::Persistence;
use crate::lock::{LockConfig, Service};
use crate::sim::{ms, secs, Retention, ScenarioError, SimTime};

/// Default speed: a quarter of real time, so a 50 ms critical section lasts 200 ms on screen.
pub const DEFAULT_SPEED: f64 = 0.25;
/// Trace entries kept in memory (event log, drop marks, and the resource timeline between frames).
pub const TRACE_WINDOW: usize = 4_000;
/// Seed of every run started from the switches.
const SEED: u64 = 1;
/// Leases offered (Redisson's 30 s, and shorter ones for the lessons).
pub const LEASES: [SimTime; 5] = [ms(100), ms(300), secs(1), secs(10), secs(30)];
/// Critical sections offered.
pub const THINKS: [SimTime; 4] = [ms(50), ms(150), secs(1), secs(5)];
/// Polling intervals offered.
pub const RETRIES: [SimTime; 3] = [ms(20), ms(100), ms(500)];
/// Rests between purchases offered.
pub const RESTS: [SimTime; 3] = [ms(0), ms(20), ms(200)];
/// Redlock per-instance timeouts offered.
pub const INSTANCE_TIMEOUTS: [SimTime; 3] = [ms(20), ms(100), ms(500)];
/// etcd session TTLs offered (etcd's 60 s, and shorter ones for the lessons; 1.5 s is etcd's least).
pub const SESSIONS: [SimTime; 3] = [secs(2), secs(10), secs(60)];
/// Segment counts offered.
pub const SEGMENTS: [u32; 3] = [1, 2, 4];

/// A fresh run of `scenario`, at time 0.
pub fn open(scenario: LockScenario) -> Result<LockTimeline, ScenarioError> {
    LockTimeline::new(scenario, Retention::Window(TRACE_WINDOW))
}

/// A fresh run of `config` with the page's seed.
pub fn fresh(config: LockConfig) -> Result<LockTimeline, ScenarioError> {
    let mut scenario = default_scenario(SEED);
    scenario.config = config;
    open(scenario)
}

/// The default run: four clients, one Redis, the complete recipe.
pub fn default_run() -> LockTimeline {
    open(default_scenario(SEED)).expect("the default configuration is valid")
}

/// The run of a named scenario.
pub fn named_run(named: Named) -> LockTimeline {
    open(named.scenario()).expect("the named scenarios are valid")
}

/// The lock services the page offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One Redis instance.
    Redis,
    /// A master and an asynchronous replica.
    Replica,
    /// Five Redlock instances.
    Redlock,
    /// One ZooKeeper server.
    ZooKeeper,
    /// Three etcd members replicated by Raft.
    Etcd,
}

impl Kind {
    /// Every kind, in the order the page lists them.
    pub const ALL: [Kind; 5] = [Kind::Redis, Kind::Replica, Kind::Redlock, Kind::ZooKeeper, Kind::Etcd];

    /// The value in the select.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Redis => "redis",
            Kind::Replica => "replica",
            Kind::Redlock => "redlock",
            Kind::ZooKeeper => "zookeeper",
            Kind::Etcd => "etcd",
        }
    }

    /// The kind of `config`.
    pub fn of(config: &LockConfig) -> Kind {
        match (config.service, config.redlock(), config.replica) {
            (Service::ZooKeeper, _, _) => Kind::ZooKeeper,
            (Service::Etcd, _, _) => Kind::Etcd,
            (_, true, _) => Kind::Redlock,
            (_, _, true) => Kind::Replica,
            _ => Kind::Redis,
        }
    }
}

/// One switch of the recipe panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Switch {
    /// The lock service.
    Service(Kind),
    /// Atomic `SET NX PX` (on) or `SETNX` then `PEXPIRE` (off).
    Atomic,
    /// Compare-and-delete (on) or plain `DEL` (off).
    CompareDelete,
    /// The watchdog.
    Watchdog,
    /// Fencing tokens.
    Fencing,
    /// Wait for the release (on) or poll (off).
    Watch,
    /// The herd (ZooKeeper, etcd).
    Herd,
    /// AOF `always`.
    Aof,
    /// Number of segments.
    Segments(u32),
    /// The lease.
    Lease(SimTime),
    /// The critical section.
    Think(SimTime),
    /// Time between two polls.
    Retry(SimTime),
    /// Rest between purchases.
    Rest(SimTime),
    /// Redlock's per-instance timeout.
    InstanceTimeout(SimTime),
    /// etcd's session lease TTL.
    Session(SimTime),
}

/// Whether `switch` is on in `config` (for the checkboxes).
pub fn is_on(config: &LockConfig, switch: Switch) -> bool {
    let r = &config.recipe;
    match switch {
        Switch::Service(kind) => Kind::of(config) == kind,
        Switch::Atomic => r.acquire == Acquire::SetNxPx,
        Switch::CompareDelete => r.release == Release::CompareAndDelete,
        Switch::Watchdog => r.watchdog,
        Switch::Fencing => r.fencing,
        Switch::Watch => r.wait == Wait::Watch,
        Switch::Herd => config.herd,
        Switch::Aof => config.persistence == Persistence::AofAlways,
        Switch::Segments(n) => config.segments == n,
        Switch::Lease(t) => r.ttl == t,
        Switch::Think(t) => r.think == t,
        Switch::Retry(t) => r.retry == t,
        Switch::Rest(t) => r.rest == t,
        Switch::InstanceTimeout(t) => r.instance_timeout == t,
        Switch::Session(t) => config.lease_ttl == t,
    }
}

/// Whether `switch` means anything for `config`'s service (Redlock has no fencing and only SET NX PX;
/// ZooKeeper has no TTL, DEL or AOF; only ZooKeeper has the herd).
pub fn applies(config: &LockConfig, switch: Switch) -> bool {
    let kind = Kind::of(config);
    // The queue recipes (ZooKeeper, etcd): no Redis commands, no polling.
    let queue = matches!(kind, Kind::ZooKeeper | Kind::Etcd);
    match switch {
        Switch::Fencing | Switch::Atomic => kind != Kind::Redlock && (!queue || switch == Switch::Fencing),
        Switch::CompareDelete | Switch::Watchdog | Switch::Watch | Switch::Aof | Switch::Lease(_) => !queue,
        Switch::Herd => queue,
        Switch::InstanceTimeout(_) => kind == Kind::Redlock,
        Switch::Retry(_) => !queue,
        Switch::Session(_) => kind == Kind::Etcd,
        _ => true,
    }
}

/// `config` with `switch` flipped (or set), made valid for its service.
pub fn switched(mut config: LockConfig, switch: Switch) -> LockConfig {
    let flip = !is_on(&config, switch);
    let r = &mut config.recipe;
    match switch {
        Switch::Service(kind) => {
            config.service = match kind {
                Kind::ZooKeeper => Service::ZooKeeper,
                Kind::Etcd => Service::Etcd,
                _ => Service::Redis,
            };
            config.instances = if kind == Kind::Redlock { 5 } else { 1 };
            config.replica = kind == Kind::Replica;
        }
        Switch::Atomic => r.acquire = if flip { Acquire::SetNxPx } else { Acquire::SetNxThenExpire },
        Switch::CompareDelete => r.release = if flip { Release::CompareAndDelete } else { Release::Del },
        Switch::Watchdog => r.watchdog = flip,
        Switch::Fencing => r.fencing = flip,
        Switch::Watch => r.wait = if flip { Wait::Watch } else { Wait::Poll },
        Switch::Herd => config.herd = flip,
        Switch::Aof => config.persistence = if flip { Persistence::AofAlways } else { Persistence::None },
        Switch::Segments(n) => config.segments = n,
        Switch::Lease(t) => r.ttl = t,
        Switch::Think(t) => r.think = t,
        Switch::Retry(t) => r.retry = t,
        Switch::Rest(t) => r.rest = t,
        Switch::InstanceTimeout(t) => r.instance_timeout = t,
        Switch::Session(t) => config.lease_ttl = t,
    }
    if config.redlock() {
        config.recipe.fencing = false;
        config.recipe.acquire = Acquire::SetNxPx;
    }
    if config.service == Service::ZooKeeper && config.session_timeout > secs(1) {
        // The lessons' 1 s session (ZooKeeper's 40 s, scaled), so expiry shows within seconds.
        config.session_timeout = secs(1);
    }
    config
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_switch_on_every_service_gives_a_valid_run() {
        let switches = [
            Switch::Atomic,
            Switch::CompareDelete,
            Switch::Watchdog,
            Switch::Fencing,
            Switch::Watch,
            Switch::Herd,
            Switch::Aof,
            Switch::Segments(4),
            Switch::Lease(ms(300)),
            Switch::Think(secs(1)),
            Switch::Retry(ms(20)),
            Switch::Rest(ms(0)),
            Switch::InstanceTimeout(ms(20)),
            Switch::Session(secs(2)),
        ];
        for kind in Kind::ALL {
            let base = switched(LockConfig::default(), Switch::Service(kind));
            assert_eq!(Kind::of(&base), kind);
            for switch in switches {
                let config = switched(base.clone(), switch);
                assert!(fresh(config.clone()).is_ok(), "{kind:?} {switch:?}");
                if applies(&base, switch)
                    && !matches!(
                        switch,
                        Switch::Segments(_)
                            | Switch::Lease(_)
                            | Switch::Think(_)
                            | Switch::Retry(_)
                            | Switch::Rest(_)
                            | Switch::InstanceTimeout(_)
                            | Switch::Session(_)
                    )
                {
                    assert_ne!(is_on(&config, switch), is_on(&base, switch), "{kind:?} {switch:?} flips");
                }
            }
        }
    }

    #[test]
    fn redlock_drops_fencing_and_zookeeper_gets_the_lessons_session() {
        let redlock = switched(LockConfig::default(), Switch::Service(Kind::Redlock));
        assert!(!redlock.recipe.fencing && redlock.instances == 5);
        let zk = switched(LockConfig::default(), Switch::Service(Kind::ZooKeeper));
        assert_eq!(zk.session_timeout, secs(1));
    }
}
