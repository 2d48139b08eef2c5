//! Seeking restores a checkpoint and replays; acting in the past forks the scenario there.

mod common;

use common::{mixed_fault_scenario, play, scenario_file};
use distlab::lab::network::{self, default_scenario, Heartbeat, HeartbeatInput, NetworkScenario};
use distlab::sim::{ms, secs, Action, NodeStatus, Retention, SimTime, Timeline};

const END: SimTime = secs(10);

fn golden() -> NetworkScenario {
    NetworkScenario::from_json(&scenario_file("network_golden.json"), network::LAB).unwrap()
}

fn same_as_fresh(timeline: &Timeline<Heartbeat>, scenario: &NetworkScenario, t: SimTime) {
    let fresh = play(scenario.clone(), t, Retention::Window(0));
    assert_eq!(timeline.now(), t);
    assert_eq!(timeline.world().fingerprint(), fresh.world().fingerprint(), "fingerprint at {t}");
    assert_eq!(timeline.world().stats(), fresh.world().stats(), "stats at {t}");
    assert_eq!(timeline.world().trace().total(), fresh.world().trace().total(), "trace length at {t}");
}

#[test]
fn seeking_back_and_forth_gives_the_same_world_as_a_fresh_run() {
    for scenario in [golden(), mixed_fault_scenario(11)] {
        let mut timeline = play(scenario.clone(), END, Retention::Window(100));
        for t in [secs(3), 0, 2_500_001, secs(9) + 999_999, ms(1), secs(5), END, secs(1), secs(7) + 123, END] {
            timeline.seek(t);
            same_as_fresh(&timeline, &scenario, t);
        }
    }
}

#[test]
fn acting_in_the_past_forks_the_scenario_and_the_fork_replays_from_json() {
    // (seek back to, action taken there)
    let table: [(SimTime, Action<HeartbeatInput>); 4] = [
        (secs(3), Action::Crash { node: 0 }),
        (2_750_000, Action::Input { node: 1, input: HeartbeatInput::Ping { to: 4 } }),
        (secs(6), Action::HealAll),
        (0, Action::SetLoss { ppm: 500_000 }),
    ];
    for (t, action) in table {
        let mut timeline = play(golden(), END, Retention::Window(0));
        timeline.seek(t);
        timeline.act(action.clone()).unwrap();
        let actions = &timeline.scenario().actions;
        assert!(actions[..actions.len() - 1].iter().all(|a| a.at <= t), "later scripted actions are gone");
        assert_eq!((actions.last().unwrap().at, &actions.last().unwrap().action), (t, &action));
        let json = timeline.scenario().to_json();
        timeline.run_until(END);
        let mut replay = network::load(&json, Retention::Window(0)).unwrap();
        replay.run_until(END);
        assert_eq!(replay.world().fingerprint(), timeline.world().fingerprint(), "fork at {t} with {action:?}");
        assert_eq!(replay.world().stats(), timeline.world().stats());
    }
}

#[test]
fn acting_between_single_steps_replays_identically() {
    for seed in 0..20 {
        let mut timeline = play(mixed_fault_scenario(seed), secs(1), Retention::Window(0));
        for _ in 0..(seed % 7 + 1) {
            timeline.step();
        }
        let up = (0..5).find(|&n| timeline.world().status(n) == Some(NodeStatus::Up)).unwrap();
        timeline.act(Action::Input { node: up, input: HeartbeatInput::Ping { to: (up + 1) % 5 } }).unwrap();
        timeline.act(Action::ClockJump { node: 2, delta: 1_000 }).unwrap();
        let json = timeline.scenario().to_json();
        timeline.run_until(secs(4));
        let mut replay = network::load(&json, Retention::Window(0)).unwrap();
        replay.run_until(secs(4));
        assert_eq!(replay.world().fingerprint(), timeline.world().fingerprint(), "seed {seed}");
    }
}

#[test]
fn checkpoints_stay_bounded_on_long_runs_and_seeking_still_matches() {
    let mut scenario = default_scenario(5);
    scenario.config.nodes = 2;
    let long = secs(700);
    let mut timeline = Timeline::<Heartbeat>::new(scenario.clone(), Retention::Window(0)).unwrap();
    let mut most = 0;
    for t in (1..=700).map(secs) {
        timeline.run_until(t);
        most = most.max(timeline.checkpoint_count());
    }
    assert!(most <= 257, "{most} checkpoints held");
    assert!(timeline.checkpoint_count() >= 100, "thinning keeps enough to seek: {}", timeline.checkpoint_count());
    for t in [secs(100) + 5, secs(650), secs(3)] {
        timeline.seek(t);
        same_as_fresh(&timeline, &scenario, t);
    }
    timeline.seek(long);
    same_as_fresh(&timeline, &scenario, long);
}

#[test]
fn seeking_back_keeps_the_later_checkpoints_and_a_fork_drops_them() {
    let scenario = mixed_fault_scenario(5);
    let mut timeline = play(scenario.clone(), END, Retention::Window(100));
    let kept = timeline.checkpoint_count();
    timeline.seek(secs(2));
    assert_eq!(timeline.checkpoint_count(), kept, "the replay from 0 to 2 s found its checkpoints there already");
    timeline.seek(secs(9));
    assert_eq!(timeline.checkpoint_count(), kept);
    same_as_fresh(&timeline, &scenario, secs(9));
    timeline.seek(secs(4));
    timeline.act(Action::HealAll).unwrap();
    assert!(timeline.checkpoint_count() < kept, "checkpoints after the fork belong to the old future");
    assert!(timeline.checkpoint_count() >= 4, "those up to the fork stay");
}
