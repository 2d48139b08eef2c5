//! Named scenarios: one per lesson of the IDs lab, each a plain scenario (configuration and timed
//! actions, and `until`, where a batch run stops) that shows its point within a few seconds of
//! virtual time, with the outcome the checker must see.

use super::{IdScenario, IdTimeline, LAB};
use crate::idgen::app::Phase;
use crate::idgen::redis::Persistence;
use crate::idgen::snowflake::Rollback;
use crate::idgen::{Generator, IdBug, IdConfig, IdInput, IdNode, WorkerIds};
use crate::sim::{ms, secs, Action, NodeId, SimTime, TimedAction};

/// A named scenario of the IDs lab.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Named {
    /// Three servers issue Snowflake IDs; the page decodes them.
    SnowflakeDecoded,
    /// One server asked for 5,000 IDs a millisecond gets 4,096.
    SequenceExhaustion,
    /// The clock goes back 10 ms under a Snowflake that ignores it: duplicates.
    RollbackIgnored,
    /// The same rollback under Twitter's check: requests fail for 10 ms.
    RollbackRefused,
    /// A 3 ms rollback under Leaf's check: waited out.
    RollbackWaited,
    /// Two servers configured with the same worker id.
    DuplicateWorkerId,
    /// A server restarted with its clock 2 s behind, with nothing to remember its last timestamp.
    RestartBehind,
    /// Leaf: worker ids from the coordinator; the start-up check refuses a server whose clock is behind.
    LeafWorkerIds,
    /// Baidu: a fresh worker id on every start makes the same restart safe.
    BaiduFreshWorker,
    /// Random UUIDs as primary keys: pages about 69 % full.
    IndexUuidV4,
    /// Time-ordered UUIDs as primary keys: pages full.
    IndexUuidV7,
    /// Snowflake IDs from one server as primary keys: pages full.
    IndexSnowflake,
    /// The one ID database goes down for a second.
    SingleDatabaseDown,
    /// Three databases stepping by 3 from offsets 1, 2, 3.
    MultiMaster,
    /// A third database added with step 3 while the others still step by 2.
    AddedDatabase,
    /// A 2 s database outage survived on the segments in memory.
    SegmentDbOutage,
    /// The same outage with no double buffer.
    SegmentNoDoubleBuffer,
    /// Two segment servers read, then write, `max_id`.
    SegmentNonAtomic,
    /// A segment server crashes and loses the rest of its segment.
    SegmentServerCrash,
    /// Redis restarts from its last RDB snapshot.
    RedisRdbRestart,
    /// Redis restarts from an AOF fsynced every second.
    RedisAofEverysec,
    /// Redis restarts from an AOF fsynced before every reply.
    RedisAofAlways,
    /// The Redis master dies; its asynchronous replica is promoted.
    RedisReplicaFailover,
    /// Segments by compare-and-set on a Raft store; its leader is killed.
    RaftSegmentLeaderKill,
}

/// What the checker and the counters show at the end of a named scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// An ID is issued twice: Unique IDs breaks.
    Duplicate,
    /// Every ID unique (requests may fail only while a server restarts).
    Unique,
    /// Every ID unique, but requests fail.
    Unavailable,
    /// Every ID unique, and numbers below the largest are never handed out.
    Gaps,
    /// Every ID unique, and a server refuses to start.
    StartRefused,
}

impl Outcome {
    /// The outcome's name (translated by the page).
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Duplicate => "duplicate",
            Outcome::Unique => "unique",
            Outcome::Unavailable => "unavailable",
            Outcome::Gaps => "gaps",
            Outcome::StartRefused => "start_refused",
        }
    }

    /// Whether `run` shows this outcome now.
    pub fn holds(self, run: &IdTimeline) -> bool {
        let m = run.checker().measured();
        let duplicate = run.violation().is_some_and(|v| v.code == "duplicate_id");
        match self {
            Outcome::Duplicate => duplicate,
            _ if run.violation().is_some() => false,
            Outcome::Unique => true,
            Outcome::Unavailable => m.failed > 0,
            Outcome::Gaps => m.gaps > 0,
            Outcome::StartRefused => refused_apps(run).next().is_some(),
        }
    }
}

/// Application servers that refused to start.
pub fn refused_apps(run: &IdTimeline) -> impl Iterator<Item = NodeId> + '_ {
    let world = run.world();
    world.config().app_range().filter(move |&id| {
        world.node(id).and_then(|n| n.process).and_then(IdNode::app).is_some_and(|a| a.phase == Phase::Refused)
    })
}

impl Named {
    /// Every named scenario, in the order the page lists them.
    pub const ALL: [Named; 24] = [
        Named::SnowflakeDecoded,
        Named::SequenceExhaustion,
        Named::RollbackIgnored,
        Named::RollbackRefused,
        Named::RollbackWaited,
        Named::DuplicateWorkerId,
        Named::RestartBehind,
        Named::LeafWorkerIds,
        Named::BaiduFreshWorker,
        Named::IndexUuidV4,
        Named::IndexUuidV7,
        Named::IndexSnowflake,
        Named::SingleDatabaseDown,
        Named::MultiMaster,
        Named::AddedDatabase,
        Named::SegmentDbOutage,
        Named::SegmentNoDoubleBuffer,
        Named::SegmentNonAtomic,
        Named::SegmentServerCrash,
        Named::RedisRdbRestart,
        Named::RedisAofEverysec,
        Named::RedisAofAlways,
        Named::RedisReplicaFailover,
        Named::RaftSegmentLeaderKill,
    ];

    /// The stable id (select values, share links, test hooks).
    pub fn id(self) -> &'static str {
        match self {
            Named::SnowflakeDecoded => "snowflake-decoded",
            Named::SequenceExhaustion => "sequence-exhaustion",
            Named::RollbackIgnored => "rollback-ignored",
            Named::RollbackRefused => "rollback-refused",
            Named::RollbackWaited => "rollback-waited",
            Named::DuplicateWorkerId => "duplicate-worker-id",
            Named::RestartBehind => "restart-behind",
            Named::LeafWorkerIds => "leaf-worker-ids",
            Named::BaiduFreshWorker => "baidu-fresh-worker",
            Named::IndexUuidV4 => "index-uuid-v4",
            Named::IndexUuidV7 => "index-uuid-v7",
            Named::IndexSnowflake => "index-snowflake",
            Named::SingleDatabaseDown => "single-database-down",
            Named::MultiMaster => "multi-master",
            Named::AddedDatabase => "added-database",
            Named::SegmentDbOutage => "segment-db-outage",
            Named::SegmentNoDoubleBuffer => "segment-no-double-buffer",
            Named::SegmentNonAtomic => "segment-non-atomic",
            Named::SegmentServerCrash => "segment-server-crash",
            Named::RedisRdbRestart => "redis-rdb-restart",
            Named::RedisAofEverysec => "redis-aof-everysec",
            Named::RedisAofAlways => "redis-aof-always",
            Named::RedisReplicaFailover => "redis-replica-failover",
            Named::RaftSegmentLeaderKill => "raft-segment-leader-kill",
        }
    }

    /// The scenario named `id`, if there is one.
    pub fn from_id(id: &str) -> Option<Named> {
        Named::ALL.into_iter().find(|n| n.id() == id)
    }

    /// What the scenario teaches, in one English sentence (the page translates it by id).
    pub fn description(self) -> &'static str {
        match self {
            Named::SnowflakeDecoded => {
                "A Snowflake ID is 1 unused sign bit, 41 bits of milliseconds since Twitter's epoch, 5 bits of datacenter, 5 of worker and a 12-bit sequence, made in process with no round trip."
            }
            Named::SequenceExhaustion => {
                "A 12-bit sequence allows 4,096 IDs per millisecond per worker: asked for 5,000, the generator waits for the next millisecond and the counters show the cap."
            }
            Named::RollbackIgnored => {
                "When the clock goes back 10 ms and the generator takes it as it is, the milliseconds already used come round again and the same IDs are issued twice."
            }
            Named::RollbackRefused => {
                "Twitter's Snowflake refuses every request while the clock is behind its last timestamp: no duplicate, but 10 ms of unavailability."
            }
            Named::RollbackWaited => {
                "Meituan Leaf waits out a rollback of at most 5 ms (here 3 ms) and carries on without a failure; a longer one fails like Twitter's."
            }
            Named::DuplicateWorkerId => {
                "Two servers configured by hand with the same worker id issue the same IDs in the same millisecond."
            }
            Named::RestartBehind => {
                "The rollback check lives in memory: a server restarted with its clock 2 s behind has forgotten its last timestamp and reissues IDs."
            }
            Named::LeafWorkerIds => {
                "Leaf takes worker ids from ZooKeeper sequential nodes and reports its time every 3 s; a server restarted with its clock 2 s behind its last report refuses to start."
            }
            Named::BaiduFreshWorker => {
                "Baidu's uid-generator takes a fresh worker id from a database table on every start, so the same restart behind the clock issues new IDs."
            }
            Named::IndexUuidV4 => {
                "Random UUIDs land anywhere in the primary-key B+ tree: pages split in the middle and stay about 69 % full (pages scaled to 100 keys)."
            }
            Named::IndexUuidV7 => {
                "Version 7 UUIDs start with the Unix millisecond, so inserts go to the right edge and pages fill completely (pages scaled to 100 keys)."
            }
            Named::IndexSnowflake => {
                "Snowflake IDs from one server increase, so they fill index pages like an auto-increment key (pages scaled to 100 keys)."
            }
            Named::SingleDatabaseDown => {
                "With one ID database every ID costs a round trip, and while it is down no ID can be issued at all."
            }
            Named::MultiMaster => {
                "Flickr's ticket servers: three databases with auto_increment_increment 3 and offsets 1, 2, 3 never collide, but adding one means re-stepping them all."
            }
            Named::AddedDatabase => {
                "A third database added with step 3 while the other two still step by 2 hands out numbers they also hand out."
            }
            Named::SegmentDbOutage => {
                "Leaf's segment mode takes 1,000 IDs per database round trip and fetches the next segment when 10 % of the current one is used, so a 2 s database outage goes unnoticed."
            }
            Named::SegmentNoDoubleBuffer => {
                "Without the double buffer the next segment is fetched only when the current one runs out, so the same outage at that moment makes requests fail."
            }
            Named::SegmentNonAtomic => {
                "Reading max_id and writing max_id + step in two statements lets two servers take the same segment and issue the same IDs."
            }
            Named::SegmentServerCrash => {
                "A crashed segment server loses the rest of its segment: the restarted server takes a new one, leaving a gap of never-issued numbers but no duplicate."
            }
            Named::RedisRdbRestart => {
                "Redis INCR with RDB snapshots (save 60 scaled to every 2 s) loses the increments since the last snapshot on a crash, and the restarted server hands them out again."
            }
            Named::RedisAofEverysec => {
                "With AOF appendfsync everysec a crash loses up to a second of increments, and they are handed out again."
            }
            Named::RedisAofAlways => {
                "With AOF appendfsync always every increment is on disk before the reply, so a restart loses nothing."
            }
            Named::RedisReplicaFailover => {
                "The master replies before its increments reach the asynchronous replica (100 ms behind here): promoted after the master dies, the replica counts again from where it was."
            }
            Named::RaftSegmentLeaderKill => {
                "Segments taken by a compare-and-set of max_id through a 3-member Raft log (etcd's 100 ms heartbeat, 1 s election timeout): killing the leader pauses new segments until another member is elected, then IDs flow on and none is ever issued twice."
            }
        }
    }

    /// What the checker and the counters show by the scenario's `until`.
    pub fn outcome(self) -> Outcome {
        match self {
            Named::RollbackIgnored
            | Named::DuplicateWorkerId
            | Named::RestartBehind
            | Named::AddedDatabase
            | Named::SegmentNonAtomic
            | Named::RedisRdbRestart
            | Named::RedisAofEverysec
            | Named::RedisReplicaFailover => Outcome::Duplicate,
            Named::RollbackRefused | Named::SingleDatabaseDown | Named::SegmentNoDoubleBuffer => Outcome::Unavailable,
            Named::SegmentServerCrash => Outcome::Gaps,
            Named::LeafWorkerIds => Outcome::StartRefused,
            _ => Outcome::Unique,
        }
    }

    /// The scenario: configuration, timed actions and `until`.
    pub fn scenario(self) -> IdScenario {
        match self {
            Named::SnowflakeDecoded => lesson(snowflake(3, Rollback::Twitter), vec![], secs(1)),
            Named::SequenceExhaustion => {
                lesson(IdConfig { rate: 5_000_000, ..snowflake(1, Rollback::Twitter) }, vec![], ms(100))
            }
            Named::RollbackIgnored => rollback(Rollback::Ignore, ms(10)),
            Named::RollbackRefused => rollback(Rollback::Twitter, ms(10)),
            Named::RollbackWaited => rollback(Rollback::Leaf, ms(3)),
            Named::DuplicateWorkerId => {
                let config = IdConfig { bugs: vec![IdBug::DuplicateWorkerId], ..snowflake(2, Rollback::Twitter) };
                lesson(config, vec![], secs(1))
            }
            Named::RestartBehind => restart_behind(snowflake(1, Rollback::Twitter), secs(4)),
            Named::LeafWorkerIds => {
                let config = IdConfig { worker_ids: WorkerIds::Coordinator, ..snowflake(3, Rollback::Leaf) };
                restart_behind(config, secs(4))
            }
            Named::BaiduFreshWorker => {
                restart_behind(IdConfig { generator: Generator::Baidu, apps: 1, ..IdConfig::default() }, secs(2))
            }
            Named::IndexUuidV4 => index(Generator::UuidV4),
            Named::IndexUuidV7 => index(Generator::UuidV7),
            Named::IndexSnowflake => index(Generator::Snowflake),
            Named::SingleDatabaseDown => {
                let config = databases(1, vec![]);
                let db = config.databases_range().start;
                outage(config, db, secs(1), secs(1), secs(3))
            }
            Named::MultiMaster => lesson(databases(3, vec![]), vec![], secs(1)),
            Named::AddedDatabase => lesson(databases(3, vec![IdBug::AddedDatabaseNotRestepped]), vec![], secs(1)),
            Named::SegmentDbOutage => segment_outage(vec![]),
            Named::SegmentNoDoubleBuffer => segment_outage(vec![IdBug::NoDoubleBuffer]),
            Named::SegmentNonAtomic => {
                let config = IdConfig { rate: 300, step: 100, ..segment(2, vec![IdBug::NonAtomicSegment]) };
                lesson(config, vec![], secs(1))
            }
            Named::SegmentServerCrash => {
                let config = segment(1, vec![]);
                let server = config.id_server_range().start;
                outage(config, server, secs(1), ms(100), secs(3))
            }
            Named::RedisRdbRestart => redis_restart(Persistence::Rdb),
            Named::RedisAofEverysec => redis_restart(Persistence::AofEverysec),
            Named::RedisAofAlways => redis_restart(Persistence::AofAlways),
            Named::RedisReplicaFailover => redis_failover(),
            Named::RaftSegmentLeaderKill => raft_leader_kill(),
        }
    }
}

/// The seed of every named scenario.
const SEED: u64 = 7;

/// A scenario of `config` with `actions`, played until `until`.
fn lesson(config: IdConfig, actions: Vec<(SimTime, Action<IdInput>)>, until: SimTime) -> IdScenario {
    let mut scenario = IdScenario::new(LAB, SEED, config);
    scenario.actions = actions.into_iter().map(|(at, action)| TimedAction { at, action }).collect();
    scenario.until = Some(until);
    scenario
}

/// `apps` servers with in-process Snowflake (1,000 IDs a second each).
fn snowflake(apps: u32, rollback: Rollback) -> IdConfig {
    IdConfig { generator: Generator::Snowflake, apps, rollback, ..IdConfig::default() }
}

/// One Snowflake server whose clock jumps back `by` at 1 s.
fn rollback(policy: Rollback, by: SimTime) -> IdScenario {
    let config = snowflake(1, policy);
    let app = config.app_range().start;
    lesson(config, vec![(secs(1), Action::ClockJump { node: app, delta: -(by as i64) })], secs(2))
}

/// The first application server crashes at `at`, its clock jumps back 2 s, and it restarts 10 ms later.
fn restart_behind(config: IdConfig, at: SimTime) -> IdScenario {
    let app = config.app_range().start;
    let actions = vec![
        (at, Action::Crash { node: app }),
        (at, Action::ClockJump { node: app, delta: -(secs(2) as i64) }),
        (at + ms(10), Action::Restart { node: app }),
    ];
    lesson(config, actions, at + secs(1))
}

/// One server issuing 5,000 IDs a second of `generator` into the index model for a second.
fn index(generator: Generator) -> IdScenario {
    lesson(IdConfig { generator, apps: 1, rate: 5_000, ..IdConfig::default() }, vec![], secs(1))
}

/// Three servers asking `n` ID databases for 200 IDs a second each.
fn databases(n: u32, bugs: Vec<IdBug>) -> IdConfig {
    IdConfig { generator: Generator::Database, databases: n, rate: 200, bugs, ..IdConfig::default() }
}

/// Three servers asking `servers` Leaf segment servers for 100 IDs a second each, 1,000 a segment.
fn segment(servers: u32, bugs: Vec<IdBug>) -> IdConfig {
    IdConfig { generator: Generator::Segment, id_servers: servers, rate: 100, step: 1_000, bugs, ..IdConfig::default() }
}

/// The member leading the Raft segment store at [`RAFT_KILL_AT`] in [`Named::RaftSegmentLeaderKill`]
/// (the run is deterministic; a test checks it).
pub const RAFT_LEADER: NodeId = 2;

/// When the Raft store's leader is killed.
pub const RAFT_KILL_AT: SimTime = ms(2_500);

/// Three servers asking two segment servers for 300 IDs a second each, segments of 100 taken from
/// the 3-member Raft store; its leader dies at 2.5 s and restarts 2 s later, as a follower.
fn raft_leader_kill() -> IdScenario {
    let config = IdConfig { generator: Generator::RaftSegment, rate: 300, step: 100, ..IdConfig::default() };
    outage(config, RAFT_LEADER, RAFT_KILL_AT, secs(2), secs(6))
}

/// `node` is down from `at` for `down`; the run goes on until `until`.
fn outage(config: IdConfig, node: NodeId, at: SimTime, down: SimTime, until: SimTime) -> IdScenario {
    lesson(config, vec![(at, Action::Crash { node }), (at + down, Action::Restart { node })], until)
}

/// One segment server; the database is down from 3 s to 5 s, across the moment the first segment
/// (300 IDs a second against 1,000 a segment) runs out.
fn segment_outage(bugs: Vec<IdBug>) -> IdScenario {
    let config = segment(1, bugs);
    let db = config.databases_range().start;
    outage(config, db, secs(3), secs(2), secs(6))
}

/// Two servers asking Redis for 200 IDs a second each, snapshots every 2 s (scaled from 60 s).
fn redis(persistence: Persistence, redis_replica: bool) -> IdConfig {
    IdConfig {
        generator: Generator::Redis,
        apps: 2,
        rate: 200,
        persistence,
        rdb_every: secs(2),
        redis_replica,
        ..IdConfig::default()
    }
}

/// Redis crashes at 3.5 s (1.5 s after its last snapshot, 0.5 s after its last fsync) and restarts at once.
fn redis_restart(persistence: Persistence) -> IdScenario {
    let config = redis(persistence, false);
    let node = config.redis_range().start;
    outage(config, node, ms(3_500), ms(10), secs(5))
}

/// The master dies at 1.05 s, 50 ms after its last increments were streamed; the replica is
/// promoted at 1.1 s (as Sentinel would) and the clients find it after their timeout.
fn redis_failover() -> IdScenario {
    let config = redis(Persistence::AofAlways, true);
    let master = config.redis_range().start;
    let actions = vec![
        (ms(1_050), Action::Crash { node: master }),
        (ms(1_100), Action::Input { node: master + 1, input: IdInput::Promote }),
    ];
    lesson(config, actions, secs(4))
}

#[cfg(test)]
mod tests;
