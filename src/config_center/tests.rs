//! Behaviour of the configuration center, each test named after what Nacos or Apollo does (or
//! what a classic mistake breaks).

use super::checker::ConfigChecker;
use super::config::{Bug, ConfigCenterConfig, Mode};
use super::measures::Measured;
use super::store::key_of;
use super::{ConfigInput, ConfigNode, LAB};
use crate::sim::{ms, secs, Action, NodeId, Retention, SimTime, Timeline};

type Run = Timeline<ConfigNode, ConfigChecker>;

fn key() -> String {
    key_of("application", "db.url")
}

fn config(mode: Mode) -> ConfigCenterConfig {
    ConfigCenterConfig { mode, ..ConfigCenterConfig::default() }
}

/// Play `config` with `actions` until `until` (or the first violation).
fn run(config: ConfigCenterConfig, actions: Vec<(SimTime, Action<ConfigInput>)>, until: SimTime) -> Run {
    Run::scripted(LAB, config, actions, until).expect("valid scenario")
}

fn publish(at: SimTime, client: NodeId, value: &str) -> (SimTime, Action<ConfigInput>) {
    (at, Action::Input { node: client, input: ConfigInput::Publish { key: key(), value: value.into() } })
}

fn read(at: SimTime, client: NodeId) -> (SimTime, Action<ConfigInput>) {
    (at, Action::Input { node: client, input: ConfigInput::Read { key: key() } })
}

fn measured(run: &Run) -> Measured {
    run.checker().measured().clone()
}

/// What client `node` uses for the key: (version, value).
fn client_sees(run: &Run, node: NodeId) -> (u64, Option<String>) {
    let client = run.world().node(node).and_then(|n| n.process).and_then(ConfigNode::client).expect("a client");
    client.config.get(&key()).cloned().unwrap_or((0, None))
}

/// Each server's version of the key.
fn versions(run: &Run) -> Vec<u64> {
    (0..run.world().config().servers)
        .map(|s| {
            run.world()
                .node(s)
                .and_then(|n| n.process)
                .and_then(ConfigNode::server)
                .map_or(0, |p| p.store().version(&key()))
        })
        .collect()
}

#[test]
fn cp_publish_commits_through_raft_and_every_client_sees_it_by_long_polling() {
    let r = run(config(Mode::Cp), vec![publish(secs(15), 3, "v1")], secs(25));
    assert_eq!(r.violation(), None);
    assert_eq!(versions(&r), vec![1, 1, 1]);
    for c in 3..6 {
        assert_eq!(client_sees(&r, c), (1, Some("v1".into())), "client {c}");
    }
    let m = measured(&r);
    assert_eq!(m.writes_acked, 1);
    assert_eq!(m.propagation.count, 3, "{m:?}");
}

#[test]
fn ap_publish_is_accepted_by_the_responsible_server_and_replicated() {
    let r = run(config(Mode::Ap), vec![publish(secs(1), 3, "v1")], secs(10));
    assert_eq!(r.violation(), None);
    assert_eq!(versions(&r), vec![1, 1, 1]);
    for c in 3..6 {
        assert_eq!(client_sees(&r, c), (1, Some("v1".into())), "client {c}");
    }
}

fn input(at: SimTime, client: NodeId, input: ConfigInput) -> (SimTime, Action<ConfigInput>) {
    (at, Action::Input { node: client, input })
}

/// Server 0 and client 3 (whose home server is 0) on one side, the rest on the other.
fn cut_server_zero(at: SimTime) -> (SimTime, Action<ConfigInput>) {
    (at, Action::Partition { groups: vec![vec![0, 3], vec![1, 2, 4, 5]] })
}

fn code(run: &Run) -> Option<(&'static str, &'static str)> {
    run.violation().map(|v| (v.invariant, v.code))
}

#[test]
fn cp_minority_refuses_writes_the_majority_goes_on_and_the_minority_catches_up_after_heal() {
    let actions = vec![
        publish(secs(15), 4, "v1"),
        cut_server_zero(secs(20)),
        publish(secs(40), 3, "minority"),
        publish(secs(40), 4, "majority"),
        (secs(90), Action::HealAll),
    ];
    let mid = run(config(Mode::Cp), actions.clone(), secs(85));
    assert_eq!(mid.violation(), None);
    let v = versions(&mid);
    assert_eq!((v[0], v[1], v[2]), (1, 2, 2), "the minority keeps the old version");
    let m = measured(&mid);
    assert_eq!((m.writes_acked, m.writes_failed), (2, 1), "{m:?}");
    assert!(m.availability.get(&0).is_some_and(|a| a.refused > 0 && a.accepted == 0), "{m:?}");
    let tally = |c: NodeId| m.clients.get(&c).copied().unwrap_or_default();
    assert_eq!((tally(3).writes_acked, tally(3).writes_failed), (0, 1), "the minority's client is refused");
    assert_eq!((tally(4).writes_acked, tally(4).writes_failed), (2, 0), "the majority's client goes on");
    let healed = run(config(Mode::Cp), actions, secs(130));
    assert_eq!(healed.violation(), None);
    assert_eq!(versions(&healed), vec![2, 2, 2], "server 0 caught up through Raft");
    assert_eq!(client_sees(&healed, 3), (2, Some("majority".into())));
}

fn stale_read_scenario(bugs: Vec<Bug>) -> Run {
    let actions =
        vec![publish(secs(15), 4, "v1"), cut_server_zero(secs(20)), publish(secs(30), 4, "v2"), read(secs(45), 3)];
    run(ConfigCenterConfig { bugs, ..config(Mode::Cp) }, actions, secs(80))
}

#[test]
fn cp_read_index_on_the_minority_side_refuses_instead_of_answering_stale() {
    let r = stale_read_scenario(Vec::new());
    assert_eq!(r.violation(), None);
    assert!(measured(&r).reads_failed >= 1, "{:?}", measured(&r));
}

#[test]
fn cp_read_served_locally_without_read_index_is_a_stale_read() {
    let r = stale_read_scenario(vec![Bug::ReadWithoutReadIndex]);
    assert_eq!(code(&r), Some(("No Stale Read", "stale_read")));
    let tally = measured(&r).clients.get(&3).copied().unwrap_or_default();
    assert_eq!(tally.stale_reads, 1, "counted against the client that read: {tally:?}");
    assert_eq!(r.violation().map(|v| v.nodes.clone()), Some(vec![3]));
}

fn ap_partition(extra: Vec<(SimTime, Action<ConfigInput>)>, config: ConfigCenterConfig, until: SimTime) -> Run {
    let mut actions = vec![
        cut_server_zero(secs(5)),
        publish(secs(20), 3, "left"),
        publish(secs(21), 4, "right"),
        (secs(40), Action::HealAll),
    ];
    actions.extend(extra);
    actions.sort_by_key(|a| a.0);
    run(config, actions, until)
}

#[test]
fn ap_both_sides_accept_during_a_partition_and_diverge() {
    let r = ap_partition(Vec::new(), config(Mode::Ap), secs(35));
    let m = measured(&r);
    assert_eq!((m.writes_acked, m.writes_failed), (2, 0), "both sides accept: {m:?}");
    assert_eq!(client_sees(&r, 3).1, Some("left".into()));
    assert_eq!(client_sees(&r, 4).1, Some("right".into()));
}

#[test]
fn ap_replicas_converge_after_heal_and_the_later_write_wins() {
    let r = ap_partition(Vec::new(), config(Mode::Ap), secs(80));
    assert_eq!(r.violation(), None);
    for c in 3..6 {
        assert_eq!(client_sees(&r, c).1, Some("right".into()), "client {c}");
    }
    let m = measured(&r);
    assert!(m.convergence.count >= 1 && m.convergence.max < secs(15), "{m:?}");
    assert_eq!(m.lost_to_clock_skew, 0, "{m:?}");
}

#[test]
fn ap_skewed_clock_makes_last_writer_wins_lose_the_later_write_counted() {
    let skew = vec![(secs(1), Action::ClockOffset { node: 0, offset: 10_000_000 })];
    let r = ap_partition(skew.clone(), config(Mode::Ap), secs(80));
    assert_eq!(r.violation(), None, "counted, not a violation by default");
    assert_eq!(measured(&r).lost_to_clock_skew, 1);
    for c in 3..6 {
        assert_eq!(client_sees(&r, c).1, Some("left".into()), "the earlier write won on its clock");
    }
    let strict = ConfigCenterConfig { lost_write_is_violation: true, ..config(Mode::Ap) };
    let r = ap_partition(skew, strict, secs(80));
    assert_eq!(code(&r), Some(("No Lost Write", "lost_to_lww")));
    assert_eq!(r.violation().map(|v| v.nodes.clone()), Some(vec![4]));
}

#[test]
fn ap_without_anti_entropy_never_converges() {
    let r =
        ap_partition(Vec::new(), ConfigCenterConfig { bugs: vec![Bug::NoAntiEntropy], ..config(Mode::Ap) }, secs(80));
    assert_eq!(code(&r), Some(("Converges", "not_converged")));
}

#[test]
fn client_starts_from_its_local_cache_when_every_server_is_down() {
    for mode in [Mode::Cp, Mode::Ap] {
        let mut actions = vec![publish(secs(15), 3, "v1")];
        actions.extend((0..3).map(|node| (secs(25), Action::Crash { node })));
        actions.push((secs(26), Action::Crash { node: 5 }));
        actions.push((secs(27), Action::Restart { node: 5 }));
        let r = run(config(mode), actions, secs(60));
        assert_eq!(measured(&r).started_from_cache, 1, "{mode:?}");
        assert_eq!(client_sees(&r, 5), (1, Some("v1".into())), "{mode:?}");
    }
}

#[test]
fn long_polling_delivers_a_change_within_a_round_trip_not_after_the_hold() {
    for mode in [Mode::Cp, Mode::Ap] {
        let r = run(config(mode), vec![publish(secs(20), 3, "v1")], secs(30));
        let m = measured(&r);
        assert_eq!(m.propagation.count, 3, "{mode:?}: {m:?}");
        // CP: followers apply on the next heartbeat (500 ms); AP: after the sync delay (1 s).
        assert!(m.propagation.max < ms(1_200), "{mode:?}: {m:?}");
    }
}

#[test]
fn gray_release_reaches_only_the_chosen_instances_until_the_full_publish() {
    let gray = ConfigInput::GrayRelease { key: key(), value: "canary".into(), clients: vec![4] };
    let actions = vec![publish(secs(15), 3, "v1"), input(secs(20), 3, gray), publish(secs(30), 3, "v3")];
    let during = run(config(Mode::Cp), actions.clone(), secs(25));
    assert_eq!(client_sees(&during, 4), (2, Some("canary".into())));
    assert_eq!(client_sees(&during, 5), (2, Some("v1".into())));
    let after = run(config(Mode::Cp), actions, secs(35));
    for c in 3..6 {
        assert_eq!(client_sees(&after, c), (3, Some("v3".into())), "client {c}");
    }
}

#[test]
fn rollback_returns_every_client_to_the_previous_release_and_refuses_past_the_first() {
    let rollback = || ConfigInput::Rollback { key: key() };
    let actions = vec![
        publish(secs(15), 3, "v1"),
        publish(secs(17), 3, "v2"),
        input(secs(20), 3, rollback()),
        input(secs(25), 3, rollback()),
    ];
    let r = run(config(Mode::Ap), actions, secs(30));
    for c in 3..6 {
        assert_eq!(client_sees(&r, c), (3, Some("v1".into())), "client {c}");
    }
    assert_eq!(measured(&r).writes_failed, 1, "nothing before v1");
}

#[test]
fn config_errors_name_their_field() {
    use crate::sim::ClusterConfig;
    let cases: Vec<(ConfigCenterConfig, &str)> = vec![
        (ConfigCenterConfig { servers: 0, ..ConfigCenterConfig::default() }, "servers"),
        (ConfigCenterConfig { keys: vec!["flat".into()], ..ConfigCenterConfig::default() }, "keys"),
        (ConfigCenterConfig { sync_delay: 0, ..ConfigCenterConfig::default() }, "sync_delay"),
        (ConfigCenterConfig { long_poll_timeout: secs(1), ..ConfigCenterConfig::default() }, "long_poll_timeout"),
        (ConfigCenterConfig { election_timeout: secs(90), ..ConfigCenterConfig::default() }, "election_timeout"),
    ];
    for (config, field) in cases {
        assert_eq!(config.validate_lab().map_err(|(f, _)| f), Err(field.to_string()));
    }
}

/// Sweep `seeds`: the first finding (seed and violation), and the measures summed over the seeds run.
fn sweep(config: ConfigCenterConfig, seeds: std::ops::Range<u64>) -> (Option<(u64, crate::sim::Violation)>, Measured) {
    let mut total = Measured::default();
    for seed in seeds {
        let servers = if seed % 2 == 0 { 3 } else { 5 };
        let (found, m) = super::sweep::run_seed(ConfigCenterConfig { servers, ..config.clone() }, seed).expect("valid");
        total.writes_acked += m.writes_acked;
        total.writes_failed += m.writes_failed;
        total.reads += m.reads;
        total.reads_failed += m.reads_failed;
        total.started_from_cache += m.started_from_cache;
        total.stale_reads += m.stale_reads;
        total.lost_to_clock_skew += m.lost_to_clock_skew;
        total.convergence.count += m.convergence.count;
        total.convergence.max = total.convergence.max.max(m.convergence.max);
        total.propagation.count += m.propagation.count;
        total.propagation.max = total.propagation.max.max(m.propagation.max);
        total.staleness.count += m.staleness.count;
        total.staleness.max = total.staleness.max.max(m.staleness.max);
        if let Some(v) = found {
            return (Some((seed, v)), total);
        }
    }
    (None, total)
}

#[test]
fn seed_sweep_finds_nothing_in_either_mode() {
    for mode in [Mode::Cp, Mode::Ap] {
        let (found, m) = sweep(config(mode), 0..SWEEP);
        if let Some((seed, v)) = found {
            panic!("{mode:?} seed {seed}: {v}");
        }
        eprintln!("{mode:?}: {m:?}");
        assert!(m.writes_acked > 10 * SWEEP && m.writes_failed > 0 && m.reads > 10 * SWEEP, "{mode:?}: {m:?}");
        assert!(m.convergence.count >= SWEEP, "every healed run converged and was measured: {m:?}");
    }
}

#[test]
fn seed_sweep_catches_each_bug_toggle() {
    let cases = [(Mode::Cp, Bug::ReadWithoutReadIndex, "No Stale Read"), (Mode::Ap, Bug::NoAntiEntropy, "Converges")];
    for (mode, bug, invariant) in cases {
        let (found, _) = sweep(ConfigCenterConfig { bugs: vec![bug], ..config(mode) }, 0..SWEEP);
        eprintln!("{bug:?}: {:?}", found.as_ref().map(|(seed, v)| (seed, v.to_string())));
        assert_eq!(found.map(|(_, v)| v.invariant), Some(invariant), "{bug:?}");
    }
}

#[test]
fn a_seed_replays_to_the_same_trace() {
    for mode in [Mode::Cp, Mode::Ap] {
        let fingerprint = || {
            let scenario = super::sweep::schedule(config(mode), 3);
            let until = scenario.end();
            let mut run = Run::new(scenario, Retention::Window(0)).expect("valid");
            run.run_until(until);
            (run.world().fingerprint(), run.world().events_handled())
        };
        assert_eq!(fingerprint(), fingerprint(), "{mode:?}");
    }
}

/// Seeds per mode in the sweeps.
const SWEEP: u64 = 150;
