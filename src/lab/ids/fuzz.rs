//! The IDs lab's fuzz schedule, wrapping the engine's fuzzer ([`crate::idgen::fuzz`]): the safe
//! configurations (Baidu's fresh worker ids, UUID v4 and v7, one ID database, Flickr's stepped
//! databases, Leaf segments with the double buffer, Leaf segments on the Raft store, Redis with AOF
//! `always`), one per seed in turn,
//! under 3 s of random faults (clock jumps both ways, crashes and restarts, partitions, pauses).
//! Nothing may be found. Each variant is a classic mistake the same faults must expose.

use crate::idgen::fuzz::fuzz_run;
use crate::idgen::redis::Persistence;
use crate::idgen::snowflake::Rollback;
use crate::idgen::{Generator, IdBug, IdConfig};
use crate::lab::fuzz::{FuzzOptions, FuzzOutcome, FuzzSchedule};
use crate::sim::{ms, secs};

/// The IDs fuzz schedule (the configuration decides the cluster: `--nodes` is refused).
pub const SCHEDULE: FuzzSchedule = FuzzSchedule { variants, sizes: &[], size_range: None, run: fuzz };

/// An unsafe configuration the schedule must catch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Variant {
    /// Snowflake that takes a clock that went back as it is.
    SnowflakeIgnoreRollback,
    /// Twitter's check lives in memory: a server restarted with its clock behind reissues IDs.
    SnowflakeRestartBehind,
    /// Two servers configured with the same worker id.
    DuplicateWorkerId,
    /// Leaf segments read `max_id`, then write it, in two statements.
    NonAtomicSegment,
    /// A third database added with step 3 while the others still step by 2.
    AddedDatabaseNotRestepped,
    /// Redis without persistence: a restart counts from 0 again.
    RedisNoPersistence,
    /// Redis with an RDB snapshot every second (`save 60 10000` scaled to 1 s).
    RedisRdb,
    /// Redis with AOF `appendfsync everysec`.
    RedisAofEverysec,
    /// Redis with AOF `always` and an asynchronous replica promoted when the master dies.
    RedisReplicaFailover,
}

impl Variant {
    const ALL: [Variant; 9] = [
        Variant::SnowflakeIgnoreRollback,
        Variant::SnowflakeRestartBehind,
        Variant::DuplicateWorkerId,
        Variant::NonAtomicSegment,
        Variant::AddedDatabaseNotRestepped,
        Variant::RedisNoPersistence,
        Variant::RedisRdb,
        Variant::RedisAofEverysec,
        Variant::RedisReplicaFailover,
    ];

    fn name(self) -> &'static str {
        match self {
            Variant::SnowflakeIgnoreRollback => "snowflake_ignore_rollback",
            Variant::SnowflakeRestartBehind => "snowflake_restart_behind",
            Variant::DuplicateWorkerId => "duplicate_worker_id",
            Variant::NonAtomicSegment => "non_atomic_segment",
            Variant::AddedDatabaseNotRestepped => "added_database_not_restepped",
            Variant::RedisNoPersistence => "redis_no_persistence",
            Variant::RedisRdb => "redis_rdb",
            Variant::RedisAofEverysec => "redis_aof_everysec",
            Variant::RedisReplicaFailover => "redis_replica_failover",
        }
    }

    fn config(self) -> IdConfig {
        match self {
            Variant::SnowflakeIgnoreRollback => snowflake(Rollback::Ignore, vec![]),
            Variant::SnowflakeRestartBehind => snowflake(Rollback::Twitter, vec![]),
            Variant::DuplicateWorkerId => snowflake(Rollback::Twitter, vec![IdBug::DuplicateWorkerId]),
            Variant::NonAtomicSegment => segment(vec![IdBug::NonAtomicSegment]),
            Variant::AddedDatabaseNotRestepped => databases(3, vec![IdBug::AddedDatabaseNotRestepped]),
            Variant::RedisNoPersistence => redis(Persistence::None, false),
            Variant::RedisRdb => redis(Persistence::Rdb, false),
            Variant::RedisAofEverysec => redis(Persistence::AofEverysec, false),
            Variant::RedisReplicaFailover => redis(Persistence::AofAlways, true),
        }
    }
}

fn variants() -> Vec<&'static str> {
    Variant::ALL.iter().map(|v| v.name()).collect()
}

/// Three application servers with in-process Snowflake.
fn snowflake(rollback: Rollback, bugs: Vec<IdBug>) -> IdConfig {
    IdConfig { generator: Generator::Snowflake, rollback, bugs, ..IdConfig::default() }
}

/// Three application servers of two Leaf segment servers, 100 IDs a segment.
fn segment(bugs: Vec<IdBug>) -> IdConfig {
    IdConfig { generator: Generator::Segment, rate: 300, step: 100, bugs, ..IdConfig::default() }
}

/// Three application servers of `n` ID databases.
fn databases(n: u32, bugs: Vec<IdBug>) -> IdConfig {
    IdConfig { generator: Generator::Database, databases: n, rate: 200, bugs, ..IdConfig::default() }
}

/// Two application servers of Redis `INCR`, snapshots (if RDB) every second.
fn redis(persistence: Persistence, redis_replica: bool) -> IdConfig {
    IdConfig {
        generator: Generator::Redis,
        apps: 2,
        rate: 200,
        persistence,
        rdb_every: secs(1),
        redis_replica,
        replication_delay: ms(100),
        ..IdConfig::default()
    }
}

/// Three application servers of two segment servers on the 3-member Raft store, 100 IDs a segment.
fn raft_segment() -> IdConfig {
    IdConfig { generator: Generator::RaftSegment, ..segment(vec![]) }
}

/// The safe configurations, taken in turn by seed.
fn safe() -> [IdConfig; 8] {
    [
        IdConfig { generator: Generator::Baidu, ..IdConfig::default() },
        IdConfig { generator: Generator::UuidV4, ..IdConfig::default() },
        IdConfig { generator: Generator::UuidV7, ..IdConfig::default() },
        databases(1, vec![]),
        databases(3, vec![]),
        segment(vec![]),
        raft_segment(),
        redis(Persistence::AofAlways, false),
    ]
}

/// The configuration of `seed`: a safe one in turn, or the variant's.
fn config_of(seed: u64, variant: Option<Variant>) -> IdConfig {
    match variant {
        Some(v) => v.config(),
        None => {
            let safe = safe();
            safe[(seed % safe.len() as u64) as usize].clone()
        }
    }
}

/// Fuzz one seed with the engine's fault schedule, every invariant after every event.
fn fuzz(seed: u64, options: &FuzzOptions) -> Result<FuzzOutcome, String> {
    let variant = match options.variant {
        Some(name) => {
            Some(Variant::ALL.into_iter().find(|v| v.name() == name).ok_or(format!("unknown variant {name:?}"))?)
        }
        None => None,
    };
    Ok(FuzzOutcome::ended(&fuzz_run(seed, config_of(seed, variant))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::idgen::checker::INVARIANTS;
    use crate::lab::fuzz::{assert_replays, sweep};

    #[test]
    fn the_safe_configurations_survive_random_faults_and_each_unsafe_one_is_caught_and_replays() {
        let safe = sweep(&SCHEDULE, 0..42, &FuzzOptions::default()).unwrap();
        assert!(safe.found.is_none(), "{:?}", safe.found.map(|(seed, o)| (seed, o.finding)));
        for name in variants() {
            let options = FuzzOptions { nodes: None, variant: SCHEDULE.variant(name) };
            let found = sweep(&SCHEDULE, 0..40, &options).unwrap();
            let (seed, outcome) = found.found.unwrap_or_else(|| panic!("{name} not caught in 40 seeds"));
            let violation = outcome.finding.clone().unwrap();
            assert!(INVARIANTS.contains(&violation.invariant), "{name}, seed {seed}: {violation}");
            assert_replays(&outcome, &format!("{name}, seed {seed}"));
        }
        assert!(SCHEDULE.variant("no_such_bug").is_none());
        assert!((SCHEDULE.run)(0, &FuzzOptions { nodes: None, variant: Some("no_such_bug") }).is_err());
    }

    #[test]
    fn the_raft_segment_store_survives_member_crashes_and_partitions() {
        let mut issued = 0;
        for seed in 0..24 {
            let run = fuzz_run(seed, raft_segment());
            assert!(run.violation().is_none(), "seed {seed}: {:?}", run.violation());
            issued += run.checker().measured().issued;
        }
        assert!(issued > 10_000, "IDs flowed: {issued}");
    }
}
