//! The view model on real runs: roles, decoded IDs, streams, duplicates, server state.

use super::*;
use crate::lab::ids::scenarios::Named;
use crate::lab::ids::timeline;
use crate::sim::secs;

fn played(named: Named) -> IdTimeline {
    let scenario = named.scenario();
    let end = scenario.end();
    let mut run = timeline(scenario, 200);
    run.seek(end);
    run
}

#[test]
fn snowflake_apps_show_their_latest_id_decoded_and_a_rising_stream() {
    let run = played(Named::SnowflakeDecoded);
    let v = view(&run, 20);
    let roles: Vec<&str> = v.cluster.nodes.iter().map(|n| n.role).collect();
    assert_eq!(roles, ["app", "app", "app"]);
    assert_eq!(v.format, IdFormat::Twitter);
    for (i, app) in v.apps.iter().enumerate() {
        assert_eq!((app.status, app.worker), (AppStatus::Running, Some(i as u64)));
        let (_, id) = app.latest.as_ref().expect("a latest ID");
        let names: Vec<&str> = id.fields.iter().map(|f| f.name).collect();
        assert_eq!(names, ["sign", "timestamp", "datacenter", "worker", "sequence"]);
        assert_eq!(id.fields[3].value, i as u128, "worker field");
        assert!(id.unix_ms.is_some_and(|ms| ms >= run.world().config().start_unix_ms));
    }
    let stream = &v.streams[0].points;
    assert!(stream.len() > 100 && stream.len() <= crate::idgen::history::STREAM_POINTS);
    assert!(stream.windows(2).all(|w| w[1].id > w[0].id && !w[1].duplicate));
    assert_eq!(v.counters.issued, v.counters.distinct);
    assert!(v.invariants.iter().all(|(_, v)| v.is_none()));
    assert!(!v.log.is_empty());
}

#[test]
fn a_rollback_marks_the_duplicate_with_both_origins() {
    let run = played(Named::RollbackIgnored);
    let v = view(&run, 20);
    let d = v.duplicates.first().expect("a duplicate");
    assert_eq!((d.first.node, d.second.node), (0, 0));
    assert!(d.first.t < d.second.t);
    assert!(v.streams[0].points.iter().any(|p| p.duplicate && p.id == d.id.id));
    assert!(v.counters.duplicates >= 1);
    assert!(v.invariants.iter().any(|(name, v)| *name == "Unique IDs" && v.is_some()));
}

#[test]
fn servers_show_their_state() {
    let leaf = view(&played(Named::LeafWorkerIds), 5);
    let c = leaf.coordinator.as_ref().expect("a coordinator");
    assert_eq!(c.workers.len(), 3);
    assert!(c.workers.iter().any(|w| w.reported_ms > 0));
    assert_eq!(leaf.apps[0].status, AppStatus::Refused);
    assert_eq!(leaf.cluster.nodes[0].role, "coordinator");

    let segment = view(&played(Named::SegmentDbOutage), 5);
    let s = &segment.segment_servers[0];
    assert!(s.current.is_some() && s.next.is_some(), "{s:?}");
    assert_eq!(s.next.map(|r| r.end), Some(segment.databases[0].max_id), "the next segment is the latest taken");
    assert_eq!(segment.cluster.nodes[1].role, "segment_server");
    assert!(segment.counters.round_trips_per_kilo_id >= 1_000);

    let mut redis = timeline(Named::RedisRdbRestart.scenario(), 0);
    redis.run_until(secs(3));
    let r = &view(&redis, 0).redis[0];
    assert_eq!(r.role, Role::Redis);
    let persisted = r.persisted.expect("the 2 s snapshot");
    assert!((790..=800).contains(&persisted), "400 IDs a second for 2 s: {persisted}");
    assert!(r.value.is_some_and(|v| v > persisted + 300));
    assert_eq!(node_rows(redis.world(), 0).map(|rows| rows.len()), Some(6));
}

#[test]
fn uuid_views_draw_128_bits_and_the_index_fill() {
    let v = view(&played(Named::IndexUuidV4), 0);
    let (_, id) = v.apps[0].latest.as_ref().unwrap();
    assert_eq!(id.fields.iter().map(|f| f.bits).sum::<u32>(), 128);
    assert_eq!(id.fields[1].value, 4);
    assert!(v.index.splits > 0 && v.index.fill_ppm < 800_000);
}

#[test]
fn raft_store_members_show_their_role_term_and_max_id_and_are_drawn_by_role() {
    use crate::lab::ids::scenarios::{RAFT_KILL_AT, RAFT_LEADER};
    let mut run = timeline(Named::RaftSegmentLeaderKill.scenario(), 200);
    run.seek(RAFT_KILL_AT - 1);
    let v = view(&run, 20);
    assert_eq!(v.store.len(), 3);
    let leader = v.store.iter().find(|m| m.raft_role == Some("leader")).expect("a leader");
    assert_eq!(leader.node, RAFT_LEADER);
    assert!(leader.max_id.is_some_and(|m| m > 1) && leader.term >= 1 && leader.commit_index > 0, "{leader:?}");
    let drawn = v.cluster.nodes.iter().find(|n| n.id == RAFT_LEADER).unwrap();
    assert_eq!((drawn.role, drawn.term), ("leader", Some(leader.term)));
    assert!(v.counters.latency[2] >= v.counters.latency[1] && v.counters.latency[1] >= v.counters.latency[0]);
    run.seek(secs(4));
    let v = view(&run, 20);
    let killed = v.store.iter().find(|m| m.node == RAFT_LEADER).unwrap();
    assert_eq!((killed.raft_role, killed.max_id), (None, None), "down: no role, nothing in memory");
    assert!(killed.term >= 1, "its term read from its disk");
}
