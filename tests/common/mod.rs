//! Helpers shared by the integration tests: scenario files and a seeded mix of faults.
#![allow(dead_code)]

pub mod blast;

use distlab::lab::network::{default_scenario, Heartbeat, HeartbeatInput, NetworkScenario};
use distlab::sim::{ms, secs, Action, Retention, SimRng, TimedAction, Timeline};

/// The text of `tests/scenarios/<name>`.
pub fn scenario_file(name: &str) -> String {
    let path = format!("{}/tests/scenarios/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A 5-node heartbeat scenario whose faults (loss, duplication, reordering, crash, pause,
/// partition, clock jump and drift, input) are drawn from `seed`.
pub fn mixed_fault_scenario(seed: u64) -> NetworkScenario {
    let mut rng = SimRng::new(seed ^ 0x5eed);
    let mut s = default_scenario(seed);
    s.config.network.loss_ppm = 50_000;
    s.config.network.duplicate_ppm = 20_000;
    s.config.network.reorder_ppm = 50_000;
    let node = |rng: &mut SimRng| rng.below(5) as u32;
    let (crashed, paused, jumped) = (node(&mut rng), node(&mut rng), node(&mut rng));
    let at = |rng: &mut SimRng, lo: u64| ms(lo) + rng.below(400_000);
    let actions = vec![
        (at(&mut rng, 300), Action::Input { node: jumped, input: HeartbeatInput::Ping { to: (jumped + 1) % 5 } }),
        (at(&mut rng, 800), Action::Crash { node: crashed }),
        (at(&mut rng, 1_400), Action::Pause { node: paused }),
        (at(&mut rng, 2_000), Action::Restart { node: crashed }),
        (at(&mut rng, 2_600), Action::Resume { node: paused }),
        (at(&mut rng, 3_200), Action::Partition { groups: vec![vec![0, 1], vec![2, 3, 4]] }),
        (at(&mut rng, 3_800), Action::ClockJump { node: jumped, delta: -300_000 }),
        (at(&mut rng, 4_400), Action::HealAll),
        (at(&mut rng, 5_000), Action::ClockDrift { node: crashed, ppm: 20_000 }),
        (at(&mut rng, 5_600), Action::LinkDown { from: 0, to: 4 }),
    ];
    s.actions = actions.into_iter().map(|(at, action)| TimedAction { at, action }).collect();
    s
}

/// How long the seed sweeps play.
pub const SWEEP_UNTIL: u64 = secs(7);

/// Play `scenario` to `until` and return the timeline.
pub fn play(scenario: NetworkScenario, until: u64, retention: Retention) -> Timeline<Heartbeat> {
    let mut timeline = Timeline::new(scenario, retention).expect("valid scenario");
    timeline.run_until(until);
    timeline
}
