//! Named scenarios: one per failure of the locks lab, each a plain scenario (configuration and timed
//! actions) that opens on its lesson within a few seconds of virtual time. Where the lesson needs a
//! fault at a precise moment (a holder frozen while it thinks), the moment is found by running the
//! engine once, and the action is recorded at that virtual time, so the scenario replays and shares
//! like any other.

use super::{LockScenario, LockTimeline, LAB};
use crate::lock::client::Phase;
use crate::lock::recipe::{Acquire, Recipe, Release, Wait};
use crate::lock::redis::Persistence;
use crate::lock::{LockConfig, LockInput, LockNode, Service, FIRST_REDIS};
use crate::sim::{ms, secs, Action, NodeId, Retention, SimTime};

/// A named scenario of the locks lab.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Named {
    /// A 300 ms lease, a 1 s critical section, no fencing: two holders, an item sold twice.
    LeaseTooShort,
    /// The same with fencing tokens: two holders, but the stale write is refused.
    LeaseTooShortFenced,
    /// Plain `DEL` after the lease ended deletes the next holder's lock.
    PlainDel,
    /// `SETNX`, then the client dies before `PEXPIRE`: the lock stays forever.
    SetNxCrash,
    /// The watchdog renews a short lease through a long critical section.
    WatchdogSaves,
    /// A GC pause longer than the lease: the watchdog cannot renew, fencing refuses the late write.
    GcPause,
    /// Waiters retry `SET NX` every 20 ms.
    Polling,
    /// Waiters wait for the release message.
    Watching,
    /// Eight clients queue on one lock.
    OneLock,
    /// Eight clients spread over four segments, each with its own lock.
    Segmented,
    /// Purchases of 3 from segments of 3, 3, 2, 2: a purchase fails with 4 items in stock.
    Fragmentation,
    /// The master dies before replicating the lock; the promoted replica grants it again.
    MasterFailover,
    /// Redlock: an instance of the holder's majority restarts without persistence.
    RedlockRestart,
    /// Redlock: the same restart with AOF `appendfsync always`.
    RedlockAof,
    /// Redlock: the instance stays down longer than the TTL before it restarts.
    RedlockDelayedRestart,
    /// Redlock: the clock of an instance of the holder's majority jumps 20 s ahead.
    RedlockClockJump,
    /// Redlock: the holder pauses after acquisition, past its validity.
    RedlockPause,
    /// ZooKeeper: each waiter watches its predecessor.
    ZkPredecessor,
    /// ZooKeeper: every waiter watches the lock's parent (the herd).
    ZkHerd,
    /// ZooKeeper: a crashed holder's znode goes when its session expires.
    ZkSessionExpiry,
    /// ZooKeeper: a holder paused longer than its session timeout.
    ZkPause,
    /// etcd's Mutex: the queue forms in create-revision order, each waiter watching its predecessor.
    EtcdQueue,
    /// The naive etcd client: every waiter watches the holder's key, and every release wakes them all.
    EtcdHerd,
    /// A holder paused past its session lease: etcd revokes the lease, deletes its key, and the next
    /// waiter enters while the paused one still thinks it holds.
    EtcdLeasePause,
    /// The same with the key's create revision as a fencing token: the late write is refused.
    EtcdLeasePauseFenced,
    /// The etcd leader dies while clients wait: a new leader is elected, the leases survive, and the
    /// queue goes on, one holder at a time.
    EtcdLeaderKill,
}

/// What the checker says of a named scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Mutual exclusion breaks.
    TwoHolders,
    /// Every invariant holds.
    Safe,
}

impl Named {
    /// Every named scenario, in the order the page lists them.
    pub const ALL: [Named; 26] = [
        Named::LeaseTooShort,
        Named::LeaseTooShortFenced,
        Named::PlainDel,
        Named::SetNxCrash,
        Named::WatchdogSaves,
        Named::GcPause,
        Named::Polling,
        Named::Watching,
        Named::OneLock,
        Named::Segmented,
        Named::Fragmentation,
        Named::MasterFailover,
        Named::RedlockRestart,
        Named::RedlockAof,
        Named::RedlockDelayedRestart,
        Named::RedlockClockJump,
        Named::RedlockPause,
        Named::ZkPredecessor,
        Named::ZkHerd,
        Named::ZkSessionExpiry,
        Named::ZkPause,
        Named::EtcdQueue,
        Named::EtcdHerd,
        Named::EtcdLeasePause,
        Named::EtcdLeasePauseFenced,
        Named::EtcdLeaderKill,
    ];

    /// The stable id (select values, test hooks).
    pub fn id(self) -> &'static str {
        match self {
            Named::LeaseTooShort => "lease-too-short",
            Named::LeaseTooShortFenced => "lease-too-short-fenced",
            Named::PlainDel => "plain-del",
            Named::SetNxCrash => "setnx-crash",
            Named::WatchdogSaves => "watchdog-saves",
            Named::GcPause => "gc-pause",
            Named::Polling => "polling",
            Named::Watching => "watching",
            Named::OneLock => "one-lock",
            Named::Segmented => "segmented",
            Named::Fragmentation => "fragmentation",
            Named::MasterFailover => "master-failover",
            Named::RedlockRestart => "redlock-restart",
            Named::RedlockAof => "redlock-aof",
            Named::RedlockDelayedRestart => "redlock-delayed-restart",
            Named::RedlockClockJump => "redlock-clock-jump",
            Named::RedlockPause => "redlock-pause",
            Named::ZkPredecessor => "zk-predecessor",
            Named::ZkHerd => "zk-herd",
            Named::ZkSessionExpiry => "zk-session-expiry",
            Named::ZkPause => "zk-pause",
            Named::EtcdQueue => "etcd-queue",
            Named::EtcdHerd => "etcd-herd",
            Named::EtcdLeasePause => "etcd-lease-pause",
            Named::EtcdLeasePauseFenced => "etcd-lease-pause-fenced",
            Named::EtcdLeaderKill => "etcd-leader-kill",
        }
    }

    /// The scenario named `id`, if there is one.
    pub fn from_id(id: &str) -> Option<Named> {
        Named::ALL.into_iter().find(|n| n.id() == id)
    }

    /// What the checker finds when the scenario runs for [`LESSON_SPAN`].
    pub fn outcome(self) -> Outcome {
        match self {
            Named::LeaseTooShort
            | Named::LeaseTooShortFenced
            | Named::PlainDel
            | Named::GcPause
            | Named::MasterFailover
            | Named::RedlockRestart
            | Named::RedlockClockJump
            | Named::RedlockPause
            | Named::ZkPause
            | Named::EtcdLeasePause
            | Named::EtcdLeasePauseFenced => Outcome::TwoHolders,
            _ => Outcome::Safe,
        }
    }

    /// The scenario: configuration and timed actions.
    pub fn scenario(self) -> LockScenario {
        match self {
            Named::LeaseTooShort => redis(3, 2, short_lease()),
            Named::LeaseTooShortFenced => redis(3, 2, Recipe { fencing: true, ..short_lease() }),
            Named::PlainDel => redis(
                3,
                5,
                Recipe { release: Release::Del, ttl: ms(100), think: ms(150), fencing: false, ..Recipe::default() },
            ),
            Named::SetNxCrash => setnx_crash(),
            Named::WatchdogSaves => redis(3, 2, Recipe { watchdog: true, ..short_lease() }),
            Named::GcPause => {
                let base = redis(3, 4, Recipe { watchdog: true, fencing: true, ..short_lease() });
                pause_thinker(base, ms(1500))
            }
            Named::Polling => redis(5, 7, Recipe { retry: ms(20), ..Recipe::default() }),
            Named::Watching => redis(5, 7, Recipe { wait: Wait::Watch, ..Recipe::default() }),
            Named::OneLock => segmented(1, 8, 80, 1),
            Named::Segmented => segmented(4, 8, 80, 1),
            Named::Fragmentation => segmented(4, 2, 10, 3),
            Named::MasterFailover => master_failover(),
            Named::RedlockRestart => split_majorities(Persistence::None, Fault::Restart),
            Named::RedlockAof => split_majorities(Persistence::AofAlways, Fault::Restart),
            Named::RedlockDelayedRestart => split_majorities(Persistence::None, Fault::DelayedRestart),
            Named::RedlockClockJump => split_majorities(Persistence::None, Fault::ClockJump),
            Named::RedlockPause => {
                let recipe = Recipe { ttl: ms(500), think: ms(100), ..no_fencing() };
                pause_thinker(redlock(recipe, Persistence::None, 4), secs(2))
            }
            Named::ZkPredecessor => zookeeper(6, false, true, ms(50), 2),
            Named::ZkHerd => zookeeper(6, true, true, ms(50), 2),
            Named::ZkSessionExpiry => crash_holder(zookeeper(3, false, true, secs(2), 3)),
            Named::ZkPause => pause_thinker(zookeeper(3, false, false, ms(300), 4), secs(3)),
            Named::EtcdQueue => etcd(5, false, Recipe { think: ms(300), ..Recipe::default() }, secs(60), 2),
            Named::EtcdHerd => etcd(5, true, Recipe { think: ms(300), ..Recipe::default() }, secs(60), 2),
            Named::EtcdLeasePause => {
                pause_thinker(etcd(3, false, Recipe { think: ms(300), ..no_fencing() }, secs(2), 4), secs(4))
            }
            Named::EtcdLeasePauseFenced => {
                pause_thinker(etcd(3, false, Recipe { think: ms(300), ..Recipe::default() }, secs(2), 4), secs(4))
            }
            Named::EtcdLeaderKill => etcd_leader_kill(),
        }
    }
}

/// How long a named scenario needs to show its lesson, in virtual time.
pub const LESSON_SPAN: SimTime = secs(12);

/// Longest the builder looks for the moment of a fault.
const SEARCH_LIMIT: SimTime = secs(30);

/// A lease shorter than the critical section: 300 ms against 1 s (Redisson's 30 s, scaled down).
fn short_lease() -> Recipe {
    Recipe { ttl: ms(300), think: ms(1000), fencing: false, ..Recipe::default() }
}

fn no_fencing() -> Recipe {
    Recipe { fencing: false, ..Recipe::default() }
}

fn scenario(seed: u64, config: LockConfig) -> LockScenario {
    LockScenario::new(LAB, seed, config)
}

/// `clients` clients of one Redis instance, 20 items.
fn redis(clients: u32, seed: u64, recipe: Recipe) -> LockScenario {
    scenario(seed, LockConfig { clients, stock: 20, recipe, ..LockConfig::default() })
}

fn segmented(segments: u32, clients: u32, stock: i64, quantity: i64) -> LockScenario {
    scenario(11, LockConfig { clients, segments, stock, quantity, ..LockConfig::default() })
}

/// Two clients of five Redlock instances, 20 items.
fn redlock(recipe: Recipe, persistence: Persistence, seed: u64) -> LockScenario {
    scenario(seed, LockConfig { clients: 2, instances: 5, stock: 20, recipe, persistence, ..LockConfig::default() })
}

/// ZooKeeper with the session timeout scaled from 40 s to 1 s.
fn zookeeper(clients: u32, herd: bool, fencing: bool, think: SimTime, seed: u64) -> LockScenario {
    scenario(seed, LockConfig::zookeeper_lesson(clients, herd, fencing, think))
}

/// `clients` clients of a 3-member etcd cluster (etcd's Raft defaults: heartbeat 100 ms, election
/// timeout 1 s) with session leases of `ttl`, 20 items.
fn etcd(clients: u32, herd: bool, recipe: Recipe, ttl: SimTime, seed: u64) -> LockScenario {
    let config = LockConfig {
        clients,
        service: Service::Etcd,
        herd,
        lease_ttl: ttl,
        stock: 20,
        recipe,
        ..LockConfig::default()
    };
    scenario(seed, config)
}

/// The etcd member that leads in the highest term, if any.
pub fn etcd_leader(run: &LockTimeline) -> Option<NodeId> {
    let world = run.world();
    world
        .config()
        .redis_nodes()
        .into_iter()
        .filter_map(|id| Some((id, world.node(id)?.process?.etcd()?)))
        .filter(|(_, m)| m.is_leader())
        .max_by_key(|(_, m)| m.raft.term())
        .map(|(id, _)| id)
}

/// Four clients (sessions of 3 s, scaled from 60 s so that a waiter whose watch was on the dead
/// member notices it at its next keepalive, a second later); once one holds and the others wait,
/// the leader dies.
fn etcd_leader_kill() -> LockScenario {
    let mut run = open(etcd(4, false, Recipe { think: ms(500), ..Recipe::default() }, secs(3), 5));
    loop {
        step_until_client(&mut run, |p| p == Phase::Thinking);
        if client_where(&run, |p| p == Phase::Watching).is_some() {
            break;
        }
        run.step();
    }
    if let Some(leader) = etcd_leader(&run) {
        act(&mut run, Action::Crash { node: leader });
    }
    run.scenario().clone()
}

/// A builder's run of `scenario` (no trace kept: only states are looked at).
fn open(scenario: LockScenario) -> LockTimeline {
    LockTimeline::new(scenario, Retention::Window(0)).expect("the named scenarios are valid")
}

/// The first client (by id) whose phase satisfies `wanted`.
fn client_where(run: &LockTimeline, wanted: impl Fn(Phase) -> bool) -> Option<NodeId> {
    let first = run.world().config().first_client();
    (first..run.world().node_count()).find(|&id| {
        run.world().node(id).and_then(|n| n.process).and_then(LockNode::client).is_some_and(|c| wanted(c.phase))
    })
}

/// Step until some client's phase satisfies `wanted`; that client.
fn step_until_client(run: &mut LockTimeline, wanted: impl Fn(Phase) -> bool + Copy) -> NodeId {
    loop {
        if let Some(id) = client_where(run, wanted) {
            return id;
        }
        assert!(run.now() < SEARCH_LIMIT, "no client reached the phase");
        run.step();
    }
}

/// Do `action` now, recorded in the scenario.
fn act(run: &mut LockTimeline, action: Action<LockInput>) {
    run.act(action).expect("the named scenarios' actions are valid");
}

/// Freeze the first client seen thinking in its critical section for `pause`, then resume it.
fn pause_thinker(base: LockScenario, pause: SimTime) -> LockScenario {
    let mut run = open(base);
    let holder = step_until_client(&mut run, |p| p == Phase::Thinking);
    act(&mut run, Action::Pause { node: holder });
    // Seek, not run: a violation on the way (the lease running out) must not cut the pause short.
    run.seek(run.now() + pause);
    act(&mut run, Action::Resume { node: holder });
    run.scenario().clone()
}

/// Crash the first client seen holding the lock.
fn crash_holder(base: LockScenario) -> LockScenario {
    let mut run = open(base);
    let holder = step_until_client(&mut run, Phase::holds_lock);
    act(&mut run, Action::Crash { node: holder });
    run.scenario().clone()
}

/// `SETNX` succeeds, the `PEXPIRE` in flight is lost and the client dies.
fn setnx_crash() -> LockScenario {
    let mut run = open(redis(3, 6, Recipe { acquire: Acquire::SetNxThenExpire, ..Recipe::default() }));
    let victim = step_until_client(&mut run, |p| p == Phase::SettingExpiry);
    let pexpire = run.world().network().in_flight().find(|m| m.from == victim).map(|m| m.id);
    if let Some(id) = pexpire {
        act(&mut run, Action::DropMessage { id });
    }
    act(&mut run, Action::Crash { node: victim });
    run.scenario().clone()
}

/// A master with an asynchronous replica; the master dies the moment a client holds the lock, and
/// the replica is promoted (as Sentinel would).
fn master_failover() -> LockScenario {
    let recipe = Recipe { think: secs(2), ttl: secs(10), fencing: false, ..Recipe::default() };
    let mut run =
        open(scenario(9, LockConfig { clients: 2, replica: true, stock: 20, recipe, ..LockConfig::default() }));
    step_until_client(&mut run, Phase::holds_lock);
    act(&mut run, Action::Crash { node: FIRST_REDIS });
    act(&mut run, Action::Input { node: FIRST_REDIS + 1, input: LockInput::Promote });
    run.scenario().clone()
}

/// What happens to Redlock instance 3 once a client holds the lock.
#[derive(Clone, Copy)]
enum Fault {
    Restart,
    DelayedRestart,
    ClockJump,
}

/// Client 6 reaches only instances 1, 2, 3; client 7 only 3, 4, 5. Whoever gets instance 3 first
/// holds the lock (10 s TTL, 5 s critical section); a second later, instance 3 suffers `fault`.
fn split_majorities(persistence: Persistence, fault: Fault) -> LockScenario {
    let recipe = Recipe { ttl: secs(10), think: secs(5), ..no_fencing() };
    let mut run = open(redlock(recipe, persistence, 3));
    for (client, cut) in [(6, [4, 5]), (7, [1, 2])] {
        for instance in cut {
            act(&mut run, Action::LinkDown { from: client, to: instance });
            act(&mut run, Action::LinkDown { from: instance, to: client });
        }
    }
    step_until_client(&mut run, Phase::holds_lock);
    run.seek(run.now() + secs(1));
    match fault {
        Fault::Restart => {
            act(&mut run, Action::Crash { node: 3 });
            act(&mut run, Action::Restart { node: 3 });
        }
        Fault::DelayedRestart => {
            act(&mut run, Action::Crash { node: 3 });
            run.seek(run.now() + secs(11));
            act(&mut run, Action::Restart { node: 3 });
        }
        Fault::ClockJump => act(&mut run, Action::ClockJump { node: 3, delta: secs(20) as i64 }),
    }
    run.scenario().clone()
}

#[cfg(test)]
mod tests;
