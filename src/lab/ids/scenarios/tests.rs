//! Each named scenario, replayed from its scenario value alone, shows its lesson.

use super::*;
use crate::idgen::checker::Measured;
use crate::lab::ids::timeline;
use crate::lab::runner::run_json;

/// Play `named` to its `until` (stopping at the first violation), as `distlab-sim run` does.
fn replay(named: Named) -> IdTimeline {
    let scenario = named.scenario();
    let end = scenario.end();
    let mut run = timeline(scenario, 0);
    run.run_until(end);
    run
}

fn measured(run: &IdTimeline) -> Measured {
    run.checker().measured()
}

#[test]
fn every_named_scenario_shows_its_outcome_by_its_end_from_the_scenario_alone() {
    for named in Named::ALL {
        let run = replay(named);
        let m = measured(&run);
        assert!(named.outcome().holds(&run), "{}: {:?} {m:?}", named.id(), run.violation());
        assert!(run.scenario().end() <= secs(6), "{}: a few seconds", named.id());
        assert!(m.issued > 0, "{}", named.id());
        assert_eq!(Named::from_id(named.id()), Some(named));
        assert!(named.description().ends_with('.'), "{}", named.id());
    }
}

#[test]
fn a_named_scenario_replays_through_the_runner_to_the_same_verdict() {
    for named in [Named::RollbackIgnored, Named::SegmentDbOutage] {
        let run = replay(named);
        let report = run_json(&named.scenario().to_json(), None).unwrap();
        assert_eq!(report.violation.as_ref(), run.violation(), "{}", named.id());
        assert_eq!((report.events, report.fingerprint), (run.world().events_handled(), run.world().fingerprint()));
    }
}

#[test]
fn the_sequence_caps_one_worker_at_4096_ids_per_millisecond() {
    let m = measured(&replay(Named::SequenceExhaustion));
    assert!((4_096 * 98..=4_096 * 101).contains(&m.issued), "asked 5,000 a ms for 100 ms, got {}", m.issued);
}

#[test]
fn twitter_refuses_about_ten_milliseconds_of_requests_and_leaf_none() {
    let refused = measured(&replay(Named::RollbackRefused)).failed;
    assert!((9..=11).contains(&refused), "{refused}");
    assert_eq!(measured(&replay(Named::RollbackWaited)).failed, 0);
}

#[test]
fn leaf_gives_distinct_worker_ids_and_refuses_the_server_whose_clock_is_behind() {
    let run = replay(Named::LeafWorkerIds);
    let first = run.world().config().app_range().start;
    assert_eq!(refused_apps(&run).collect::<Vec<_>>(), vec![first]);
    let mut workers: Vec<u64> = run
        .world()
        .config()
        .app_range()
        .filter_map(|id| run.world().node(id)?.process?.app()?.snowflake.as_ref().map(|s| s.node))
        .collect();
    workers.sort();
    workers.dedup();
    assert_eq!(workers.len(), 2, "the two running servers keep distinct sequential nodes: {workers:?}");
    assert!(workers.iter().all(|&w| w < 3));
}

#[test]
fn baidu_restarts_with_a_fresh_worker_id() {
    let run = replay(Named::BaiduFreshWorker);
    let app = run.world().config().app_range().start;
    let worker = run.world().node(app).and_then(|n| n.process?.app()?.snowflake.as_ref().map(|s| s.node));
    assert_eq!(worker, Some(2));
}

#[test]
fn random_uuids_fill_index_pages_to_about_69_percent_and_ordered_ids_fill_them() {
    let fill = |named| measured(&replay(named)).index.fill_ppm;
    let v4 = fill(Named::IndexUuidV4);
    assert!((640_000..=740_000).contains(&v4), "v4 {v4}");
    assert!(fill(Named::IndexUuidV7) > 950_000);
    assert!(fill(Named::IndexSnowflake) > 950_000);
}

#[test]
fn one_database_down_stops_ids_and_stepping_databases_cost_a_round_trip_each() {
    let down = measured(&replay(Named::SingleDatabaseDown));
    assert!(down.failed >= 500, "{down:?}");
    let stepped = measured(&replay(Named::MultiMaster));
    assert!((1_000..=1_010).contains(&stepped.round_trips_per_kilo_id()), "{stepped:?}");
}

#[test]
fn segments_cost_one_database_round_trip_per_thousand_ids_and_a_crash_leaves_a_gap() {
    let outage = replay(Named::SegmentDbOutage);
    let db = outage.world().config().databases_range().start;
    let db_trips = outage.world().node(db).and_then(|n| n.process?.db().map(|d| d.tables.max_id));
    assert!(db_trips.is_some_and(|max_id| max_id <= 3_001), "at most three segments: {db_trips:?}");
    assert_eq!(measured(&outage).failed, 0, "the double buffer outlives the outage");
    let single = measured(&replay(Named::SegmentNoDoubleBuffer));
    assert!(single.failed > 100, "{single:?}");
    assert!(measured(&replay(Named::SegmentServerCrash)).gaps >= 500);
}

#[test]
fn the_raft_segment_store_pauses_while_a_new_leader_is_elected_and_never_duplicates() {
    use crate::raft::types::Role;
    let scenario = Named::RaftSegmentLeaderKill.scenario();
    let mut run = timeline(scenario.clone(), 0);
    let leader_of = |run: &IdTimeline| {
        let world = run.world();
        world
            .config()
            .members_range()
            .find(|&id| world.node(id).and_then(|n| n.process?.store()).is_some_and(|m| m.raft.role == Role::Leader))
    };
    run.run_until(RAFT_KILL_AT - 1);
    assert_eq!(leader_of(&run), Some(RAFT_LEADER), "the scenario kills the leader");
    let before = measured(&run);
    run.run_until(RAFT_KILL_AT + secs(2));
    let during = measured(&run);
    run.run_until(scenario.end());
    let after = measured(&run);
    eprintln!("{before:?}\n{during:?}\n{after:?} {:?}", leader_of(&run));
    assert!(run.violation().is_none(), "{:?}", run.violation());
    assert!(leader_of(&run).is_some_and(|l| l != RAFT_LEADER), "another member leads");
    assert!(during.failed > before.failed, "a pause: requests failed while no leader took segments");
    assert!(after.issued > during.issued + 1_000, "IDs flow again: {during:?} {after:?}");
}
