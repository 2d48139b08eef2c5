//! Behaviour of the IDs lab, each test named after what the real system does (or fails to do).

use super::checker::{IdChecker, Measured};
use super::redis::Persistence;
use super::snowflake::Rollback;
use super::{app::Phase, fuzz, Generator, IdBug, IdConfig, IdInput, IdNode, WorkerIds, LAB};
use crate::sim::{ms, secs, Action, ClusterConfig, NodeId, Scenario, SimTime, Timeline};

type Run = Timeline<IdNode, IdChecker>;

/// Play `config` with `actions` until `until` (or the first violation).
fn run(config: IdConfig, actions: Vec<(SimTime, Action<IdInput>)>, until: SimTime) -> Run {
    Run::scripted(LAB, config, actions, until).expect("valid scenario")
}

fn invariant(run: &Run) -> Option<&'static str> {
    run.violation().map(|v| v.invariant)
}

fn measured(run: &Run) -> Measured {
    run.checker().measured()
}

fn snowflake(apps: u32, rollback: Rollback) -> IdConfig {
    IdConfig { generator: Generator::Snowflake, apps, rollback, ..IdConfig::default() }
}

fn first_app(config: &IdConfig) -> NodeId {
    config.app_range().start
}

fn jump(node: NodeId, delta: i64) -> Action<IdInput> {
    Action::ClockJump { node, delta }
}

#[test]
fn snowflake_ignoring_a_clock_rollback_reissues_ids_and_the_checker_names_both_issuers() {
    let config = snowflake(1, Rollback::Ignore);
    let app = first_app(&config);
    let r = run(config, vec![(ms(100), jump(app, -10_000))], ms(300));
    let v = r.violation().expect("a duplicate");
    assert_eq!((v.invariant, v.code), ("Unique IDs", "duplicate_id"));
    assert_eq!(v.nodes, vec![app, app]);
    assert!(v.explanation.contains("issued twice"), "{}", v.explanation);
}

#[test]
fn twitter_refuses_while_the_clock_is_behind_and_stays_unique() {
    let config = snowflake(1, Rollback::Twitter);
    let app = first_app(&config);
    let r = run(config, vec![(ms(100), jump(app, -10_000))], ms(300));
    assert_eq!(invariant(&r), None);
    let m = measured(&r);
    assert!((9..=11).contains(&m.failed), "about 10 ms of requests refused, got {}", m.failed);
}

#[test]
fn leaf_waits_out_a_rollback_of_at_most_five_ms_and_fails_beyond() {
    let config = snowflake(1, Rollback::Leaf);
    let app = first_app(&config);
    let small = run(config.clone(), vec![(ms(100), jump(app, -3_000))], ms(300));
    assert_eq!((invariant(&small), measured(&small).failed), (None, 0), "3 ms is waited out");
    let large = run(config, vec![(ms(100), jump(app, -50_000))], ms(300));
    assert_eq!(invariant(&large), None);
    assert!(measured(&large).failed >= 40, "50 ms is refused: {}", measured(&large).failed);
}

#[test]
fn sonyflake_borrows_time_through_a_rollback_without_duplicates() {
    let config =
        IdConfig { generator: Generator::Sonyflake, apps: 2, rollback: Rollback::Sonyflake, ..IdConfig::default() };
    let app = first_app(&config);
    let r = run(config, vec![(ms(100), jump(app, -20_000))], ms(300));
    assert_eq!((invariant(&r), measured(&r).failed), (None, 0));
}

#[test]
fn sequence_exhaustion_caps_a_node_at_4096_ids_per_millisecond() {
    let config = IdConfig { apps: 1, rate: 8_192_000, ..snowflake(1, Rollback::Twitter) };
    let r = run(config, vec![], ms(20));
    assert_eq!(invariant(&r), None);
    let issued = measured(&r).issued;
    assert!((4_096 * 18..=4_096 * 21).contains(&issued), "4,096 per ms, not 8,192: {issued}");
}

#[test]
fn two_servers_configured_with_the_same_worker_id_issue_the_same_ids() {
    let config = IdConfig { bugs: vec![IdBug::DuplicateWorkerId], ..snowflake(2, Rollback::Twitter) };
    let r = run(config.clone(), vec![], ms(100));
    assert_eq!(invariant(&r), Some("Unique IDs"));
    let mut nodes = r.violation().unwrap().nodes.clone();
    nodes.sort();
    assert_eq!(nodes, vec![first_app(&config), first_app(&config) + 1]);
    assert_eq!(invariant(&run(snowflake(2, Rollback::Twitter), vec![], ms(100))), None);
}

/// A Leaf-style cluster: one application server with worker ids from the coordinator.
fn leaf() -> IdConfig {
    IdConfig { worker_ids: WorkerIds::Coordinator, ..snowflake(1, Rollback::Leaf) }
}

#[test]
fn a_restart_with_the_clock_behind_reissues_ids_without_leafs_start_up_check() {
    let config = snowflake(1, Rollback::Twitter);
    let app = first_app(&config);
    let actions = vec![
        (secs(4), Action::Crash { node: app }),
        (secs(4), jump(app, -2_000_000)),
        (secs(4) + ms(10), Action::Restart { node: app }),
    ];
    assert_eq!(invariant(&run(config, actions, secs(5))), Some("Unique IDs"), "Twitter forgets its last timestamp");
}

#[test]
fn leafs_start_up_check_refuses_a_server_whose_clock_is_behind_its_last_report() {
    let config = leaf();
    let app = first_app(&config);
    let actions = vec![
        (secs(4), Action::Crash { node: app }),
        (secs(4), jump(app, -2_000_000)),
        (secs(4) + ms(10), Action::Restart { node: app }),
    ];
    let r = run(config, actions, secs(5));
    assert_eq!(invariant(&r), None);
    let phase = r.world().node(app).and_then(|n| n.process).and_then(IdNode::app).map(|a| a.phase);
    assert_eq!(phase, Some(Phase::Refused), "reported at 3 s, clock now reads about 2 s");
}

#[test]
fn leaf_assigns_distinct_worker_ids_and_uses_the_cached_one_when_the_coordinator_is_down() {
    let config = IdConfig { apps: 3, ..leaf() };
    let coordinator = config.coordinator().unwrap();
    let app = first_app(&config);
    let actions = vec![
        (secs(1), Action::Crash { node: coordinator }),
        (secs(1), Action::Crash { node: app + 2 }),
        (secs(1) + ms(10), Action::Restart { node: app + 2 }),
    ];
    let r = run(config, actions, secs(3));
    assert_eq!(invariant(&r), None);
    let workers: Vec<Option<u64>> = (0..3)
        .map(|i| {
            r.world()
                .node(app + i)
                .and_then(|n| n.process)
                .and_then(IdNode::app)
                .and_then(|a| a.snowflake.as_ref())
                .map(|s| s.node)
        })
        .collect();
    let mut sorted = workers.clone();
    sorted.sort();
    assert_eq!(sorted, vec![Some(0), Some(1), Some(2)], "one persistent sequential node each: {workers:?}");
}

#[test]
fn baidu_takes_a_fresh_worker_id_on_every_start_so_a_restart_after_a_rollback_is_safe() {
    let config = IdConfig { generator: Generator::Baidu, apps: 1, ..IdConfig::default() };
    let app = first_app(&config);
    let actions = vec![
        (secs(2), Action::Crash { node: app }),
        (secs(2), jump(app, -2_000_000)),
        (secs(2) + ms(10), Action::Restart { node: app }),
    ];
    let r = run(config, actions, secs(4));
    assert_eq!(invariant(&r), None);
    let worker = r.world().node(app).and_then(|n| n.process).and_then(IdNode::app).and_then(|a| a.snowflake.clone());
    assert_eq!(worker.map(|s| s.node), Some(2), "WORKER_NODE gave id 2 on the second start");
    assert!(measured(&r).issued > 3_000);
}

fn segment(bugs: Vec<IdBug>) -> IdConfig {
    IdConfig { generator: Generator::Segment, apps: 3, rate: 300, step: 100, bugs, ..IdConfig::default() }
}

#[test]
fn a_non_atomic_segment_update_gives_two_servers_the_same_range() {
    assert_eq!(invariant(&run(segment(vec![IdBug::NonAtomicSegment]), vec![], secs(1))), Some("Unique IDs"));
}

#[test]
fn a_crashed_segment_server_leaves_a_gap_but_no_duplicate() {
    let config = segment(vec![]);
    let server = config.id_server_range().start;
    let r = run(config, vec![(ms(500), Action::Crash { node: server })], secs(2));
    assert_eq!(invariant(&r), None);
    let m = measured(&r);
    assert!(m.gaps > 0 && m.issued > 500, "{m:?}");
}

#[test]
fn segment_mode_costs_one_round_trip_per_id_plus_one_per_segment() {
    let m = measured(&run(segment(vec![]), vec![], secs(2)));
    assert!((1_000..1_100).contains(&m.round_trips_per_kilo_id()), "{m:?}");
    assert_eq!(m.failed, 0);
}

#[test]
fn the_double_buffer_survives_a_short_database_outage_and_a_single_buffer_does_not() {
    let outage = |bugs| {
        let config = IdConfig { step: 200, rate: 100, ..segment(bugs) };
        let db = config.databases_range().start;
        let actions = vec![(ms(2_500), Action::Crash { node: db }), (ms(3_300), Action::Restart { node: db })];
        measured(&run(config, actions, secs(5))).failed
    };
    assert_eq!(outage(vec![]), 0);
    assert!(outage(vec![IdBug::NoDoubleBuffer]) > 0);
}

fn redis(persistence: Persistence) -> IdConfig {
    IdConfig { generator: Generator::Redis, apps: 2, rate: 200, persistence, rdb_every: secs(1), ..IdConfig::default() }
}

fn redis_restart(persistence: Persistence) -> Option<&'static str> {
    let config = redis(persistence);
    let node = config.redis_range().start;
    let actions = vec![(ms(1_500), Action::Crash { node }), (ms(1_510), Action::Restart { node })];
    invariant(&run(config, actions, secs(3)))
}

#[test]
fn redis_restarted_from_an_rdb_snapshot_or_everysec_aof_hands_out_ids_again() {
    assert_eq!(redis_restart(Persistence::None), Some("Unique IDs"));
    assert_eq!(redis_restart(Persistence::Rdb), Some("Unique IDs"));
    assert_eq!(redis_restart(Persistence::AofEverysec), Some("Unique IDs"));
    assert_eq!(redis_restart(Persistence::AofAlways), None);
}

#[test]
fn a_promoted_async_replica_hands_out_ids_the_master_already_gave() {
    let config = IdConfig { redis_replica: true, ..redis(Persistence::AofAlways) };
    let master = config.redis_range().start;
    let actions = vec![
        (ms(1_050), Action::Crash { node: master }),
        (ms(1_100), Action::Input { node: master + 1, input: IdInput::Promote }),
    ];
    assert_eq!(invariant(&run(config, actions, secs(3))), Some("Unique IDs"));
}

fn databases(n: u32, bugs: Vec<IdBug>) -> IdConfig {
    IdConfig { generator: Generator::Database, databases: n, rate: 200, bugs, ..IdConfig::default() }
}

#[test]
fn flickr_stepping_is_unique_and_an_added_database_without_restepping_collides() {
    assert_eq!(invariant(&run(databases(3, vec![]), vec![], secs(1))), None);
    let r = run(databases(3, vec![IdBug::AddedDatabaseNotRestepped]), vec![], secs(1));
    assert_eq!(invariant(&r), Some("Unique IDs"));
}

#[test]
fn one_id_database_down_means_no_ids() {
    let config = databases(1, vec![]);
    let r = run(config, vec![(ms(500), Action::Crash { node: 0 })], secs(3));
    let m = measured(&r);
    assert_eq!(invariant(&r), None);
    assert!(m.failed >= 800 && m.issued <= 300, "{m:?}");
}

#[test]
fn random_uuids_fill_index_pages_worse_than_time_ordered_ones() {
    let fill = |generator| {
        let config = IdConfig { generator, apps: 1, rate: 5_000, ..IdConfig::default() };
        let r = run(config, vec![], secs(1));
        assert_eq!(invariant(&r), None);
        measured(&r).index.fill_ppm
    };
    let (v4, v7, snow) = (fill(Generator::UuidV4), fill(Generator::UuidV7), fill(Generator::Snowflake));
    assert!((640_000..=740_000).contains(&v4), "v4 {v4}");
    assert!(v7 > 900_000 && snow > 900_000, "v7 {v7}, snowflake {snow}");
}

#[test]
fn the_same_seed_replays_the_same_run() {
    let a = run(segment(vec![]), vec![], secs(1));
    let b = run(segment(vec![]), vec![], secs(1));
    assert_eq!(a.world().fingerprint(), b.world().fingerprint());
}

#[test]
fn a_bad_configuration_names_its_field() {
    let config = IdConfig { apps: 0, ..IdConfig::default() };
    assert_eq!(config.validate_lab().map_err(|e| e.0), Err("apps".to_string()));
    let json = r#"{"lab":"ids","seed":1,"config":{"generator":"segment","stepp":3},"actions":[]}"#;
    let err = Scenario::<IdConfig, IdInput>::from_json(json, LAB).unwrap_err();
    assert_eq!(err.field, "config");
}

/// Configurations that must survive every fault the fuzzer throws.
fn safe_configurations() -> Vec<IdConfig> {
    vec![
        IdConfig { generator: Generator::Baidu, ..IdConfig::default() },
        IdConfig { generator: Generator::UuidV4, ..IdConfig::default() },
        IdConfig { generator: Generator::UuidV7, ..IdConfig::default() },
        databases(1, vec![]),
        databases(3, vec![]),
        segment(vec![]),
        redis(Persistence::AofAlways),
    ]
}

#[test]
fn safe_configurations_survive_random_faults() {
    for config in safe_configurations() {
        for seed in 0..40 {
            let found = fuzz::fuzz_seed(seed, config.clone());
            assert_eq!(found, None, "{:?} seed {seed}", config.generator);
        }
    }
}

#[test]
fn the_fuzzer_finds_every_unsafe_configuration() {
    let unsafe_ones = vec![
        snowflake(3, Rollback::Ignore),
        IdConfig { bugs: vec![IdBug::DuplicateWorkerId], ..IdConfig::default() },
        segment(vec![IdBug::NonAtomicSegment]),
        databases(3, vec![IdBug::AddedDatabaseNotRestepped]),
        redis(Persistence::Rdb),
        redis(Persistence::None),
    ];
    for config in unsafe_ones {
        let found = (0..20).find_map(|seed| fuzz::fuzz_seed(seed, config.clone()));
        assert!(found.is_some(), "{:?} {:?} {:?} not found", config.generator, config.rollback, config.bugs);
    }
}

#[test]
fn the_benchmark_workload_checks_every_id_it_issues() {
    let counts = super::bench::snowflake_in_process(2, 100_000, ms(50));
    assert_eq!(counts.issued, counts.checked);
    assert!(counts.issued >= 9_000, "{counts:?}");
}
