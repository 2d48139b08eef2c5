//! The one rule: the same scenario gives the same trace, and the golden run's fingerprint is pinned.

mod common;

use common::{mixed_fault_scenario, play, scenario_file, SWEEP_UNTIL};
use distlab::lab::network::golden::{golden_fingerprint, to_hex};
use distlab::lab::network::Heartbeat;
use distlab::sim::{secs, Retention, Timeline};

#[test]
fn same_scenario_same_fingerprint_over_100_seeds_with_every_fault() {
    for seed in 0..100 {
        let a = play(mixed_fault_scenario(seed), SWEEP_UNTIL, Retention::Window(0));
        let b = play(mixed_fault_scenario(seed), SWEEP_UNTIL, Retention::Window(0));
        assert_eq!(a.world().fingerprint(), b.world().fingerprint(), "seed {seed}");
        assert_eq!(a.world().stats(), b.world().stats(), "seed {seed}");
        assert!(a.world().stats().lost > 0 && a.world().stats().duplicated > 0, "seed {seed}: faults happened");
    }
}

#[test]
fn different_seeds_give_different_fingerprints() {
    let mut seen: Vec<u64> = (0..100)
        .map(|seed| play(mixed_fault_scenario(seed), secs(2), Retention::Window(0)).world().fingerprint())
        .collect();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 100);
}

#[test]
fn stepping_event_by_event_matches_run_until() {
    for seed in [1, 7, 42, 99, 12345] {
        for until in [secs(1), 2_345_678, SWEEP_UNTIL] {
            let whole = play(mixed_fault_scenario(seed), until, Retention::Window(0));
            let mut stepped = Timeline::<Heartbeat>::new(mixed_fault_scenario(seed), Retention::Window(0)).unwrap();
            while stepped.next_time().is_some_and(|t| t <= until) {
                stepped.step();
            }
            assert!(stepped.now() <= until, "seed {seed}: a step overshot {until} to {}", stepped.now());
            assert_eq!(stepped.world().fingerprint(), whole.world().fingerprint(), "seed {seed} until {until}");
            assert_eq!(stepped.world().stats(), whole.world().stats(), "seed {seed} until {until}");
        }
    }
}

#[test]
fn trace_retention_does_not_change_the_fingerprint() {
    let all = play(mixed_fault_scenario(3), SWEEP_UNTIL, Retention::All);
    let none = play(mixed_fault_scenario(3), SWEEP_UNTIL, Retention::Window(0));
    assert_eq!(all.world().fingerprint(), none.world().fingerprint());
    assert_eq!(all.world().trace().entries().len() as u64, all.world().trace().total());
}

#[test]
fn golden_scenario_fingerprint_is_pinned() {
    let json = scenario_file("network_golden.json");
    let computed = to_hex(golden_fingerprint(&json).expect("golden scenario loads"));
    let path = format!("{}/tests/golden/network_fingerprint.txt", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(&path, format!("{computed}\n")).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e} (run with UPDATE_GOLDEN=1)"));
    assert_eq!(computed, expected.trim(), "golden trace changed; if on purpose, rerun with UPDATE_GOLDEN=1");
}

#[test]
fn golden_scenario_exercises_every_fault() {
    let mut timeline = distlab::lab::network::load(&scenario_file("network_golden.json"), Retention::All).unwrap();
    timeline.run_until(distlab::lab::network::golden::GOLDEN_RUN_UNTIL);
    let kinds: std::collections::BTreeSet<String> = timeline
        .world()
        .trace()
        .entries()
        .map(|e| serde_json::to_value(e).unwrap()["ev"].as_str().unwrap().to_string())
        .collect();
    for kind in [
        "send",
        "deliver",
        "drop",
        "duplicate",
        "buffer",
        "timer",
        "input",
        "crash",
        "restart",
        "pause",
        "resume",
        "link",
        "network",
        "clock",
        "suspect",
        "trust",
    ] {
        assert!(kinds.contains(kind), "the golden run has no {kind} event: {kinds:?}");
    }
    assert!(!kinds.contains("refused"), "every golden action applies");
    assert!(timeline.world().stats().reordered > 0);
}

#[test]
fn run_until_never_handles_an_event_after_its_target_even_behind_stale_timers() {
    use distlab::lab::network::HeartbeatConfig;
    use distlab::sim::{Action, NetworkConfig, World};
    let seed = (0..100)
        .find(|&seed| {
            let w =
                World::<Heartbeat>::new(2, NetworkConfig::default(), HeartbeatConfig::default(), seed, Retention::All);
            w.node(1).unwrap().timers[0].1 < w.node(0).unwrap().timers[0].1
        })
        .expect("a seed where node 1 ticks first");
    let mut world =
        World::<Heartbeat>::new(2, NetworkConfig::default(), HeartbeatConfig::default(), seed, Retention::All);
    let stale_at = world.node(1).unwrap().timers[0].1;
    let real_at = world.node(0).unwrap().timers[0].1;
    world.apply(&Action::Crash { node: 1 }).unwrap();
    let target = (stale_at + real_at) / 2;
    world.run_until(target);
    assert_eq!(world.now(), target, "node 0's tick at {real_at} was handled before {target}");
    assert_eq!(world.events_handled(), 0);
}
