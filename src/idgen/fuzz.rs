//! The fuzzer: a random fault schedule (clock jumps both ways, crashes and restarts, partitions,
//! pauses, database and Redis outages are crashes of those nodes; a Redis replica is promoted once
//! its master is down) while the application servers
//! ask for IDs, every invariant checked after every event. Safe configurations find nothing;
//! each unsafe one is found within a few seeds.

use super::checker::IdChecker;
use super::{IdConfig, IdInput, IdNode, LAB};
use crate::sim::{ms, secs, Action, NodeId, NodeStatus, Retention, Scenario, SimRng, SimTime, Timeline, Violation};

/// How long a fuzzed run lasts.
pub const FUZZ_SPAN: SimTime = secs(3);

/// Mixed into the seed for the fault schedule.
const SALT: u64 = 0x1d9e_f022_0000_0012;

/// A run of the IDs lab under its checker.
pub type CheckedRun = Timeline<IdNode, IdChecker>;

/// The configuration a fuzz run uses: `config` with a lower rate so a run is quick.
pub fn fuzz_config(mut config: IdConfig) -> IdConfig {
    config.rate = config.rate.min(200);
    config.tick = config.tick.max(ms(5));
    config
}

/// One random fault (or repair) against the run as it is now.
fn choose(run: &CheckedRun, rng: &mut SimRng) -> Action<IdInput> {
    let nodes = run.world().node_count();
    let node = rng.below(u64::from(nodes)) as NodeId;
    let status = run.world().status(node).unwrap_or(NodeStatus::Up);
    let config = run.world().config();
    let master = config.redis_range().start;
    if config.redis_replica && run.world().status(master) == Some(NodeStatus::Down) && rng.chance_ppm(300_000) {
        return Action::Input { node: master + 1, input: IdInput::Promote };
    }
    match rng.below(10) {
        0..=2 => {
            let magnitude = rng.range_inclusive(ms(1), secs(2)) as i64;
            let delta = if rng.chance_ppm(500_000) { -magnitude } else { magnitude };
            Action::ClockJump { node, delta }
        }
        3 | 4 => match status {
            NodeStatus::Up => Action::Crash { node },
            NodeStatus::Down => Action::Restart { node },
            NodeStatus::Paused => Action::Resume { node },
        },
        5 => Action::Partition { groups: vec![vec![node], (0..nodes).filter(|&n| n != node).collect()] },
        6 => Action::HealAll,
        7 if status == NodeStatus::Up => Action::Pause { node },
        7 if status == NodeStatus::Paused => Action::Resume { node },
        _ => match (0..nodes).find(|&n| run.world().status(n) == Some(NodeStatus::Down)) {
            Some(down) => Action::Restart { node: down },
            None => Action::HealAll,
        },
    }
}

/// Fuzz one seed of `config`: the first violation, if any.
pub fn fuzz_seed(seed: u64, config: IdConfig) -> Option<Violation> {
    fuzz_run(seed, config).violation().cloned()
}

/// Fuzz one seed of `config` and hand back the whole run (its scenario records every fault).
pub fn fuzz_run(seed: u64, config: IdConfig) -> CheckedRun {
    let scenario = Scenario::new(LAB, seed, fuzz_config(config));
    let mut run = CheckedRun::new(scenario, Retention::Window(0)).expect("a valid configuration");
    run.set_checkpoint_every(SimTime::MAX);
    let mut rng = SimRng::new(seed ^ SALT);
    let mut t = 0;
    while t < FUZZ_SPAN {
        t += rng.range_inclusive(ms(50), ms(300));
        if !run.run_until(t) {
            return run;
        }
        let action = choose(&run, &mut rng);
        let _ = run.act(action);
        if run.violation().is_some() {
            return run;
        }
    }
    run.run_until(FUZZ_SPAN);
    run
}
