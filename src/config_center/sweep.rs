//! A seed's random faults and workload for the configuration center: for [`FAULT_PHASE`] the
//! seed draws partitions, heals, server crashes and restarts, clock offsets and message loss,
//! while every client publishes, rolls back, gray-releases and reads; then everything heals and
//! the run goes on for the convergence bound, so that the checker judges the healed cluster.

use super::checker::{ConfigChecker, Measured};
use super::config::ConfigCenterConfig;
use super::{ConfigInput, ConfigNode, LAB};
use crate::sim::{
    ms, secs, Action, ClusterConfig, NodeId, Retention, ScenarioError, ScenarioOf, SimRng, SimTime, TimedAction,
    Timeline, Violation,
};

/// How long faults are drawn for.
pub const FAULT_PHASE: SimTime = secs(60);

/// A run of the lab under its checker.
pub type ConfigRun = Timeline<ConfigNode, ConfigChecker>;

/// The scenario of `seed` for `config`: random faults, the clients' workload, a final heal.
pub fn schedule(config: ConfigCenterConfig, seed: u64) -> ScenarioOf<ConfigNode> {
    let mut rng = SimRng::new(seed);
    let servers = config.servers;
    let clients: Vec<NodeId> = config.client_ids().collect();
    let keys = config.keys.clone();
    let mut actions = Vec::new();
    let mut at = secs(2);
    while at < FAULT_PHASE {
        let action = match rng.below(6) {
            0 | 1 => {
                let mut sides = (Vec::new(), Vec::new());
                for node in 0..config.nodes() {
                    if rng.below(2) == 0 {
                        sides.0.push(node)
                    } else {
                        sides.1.push(node)
                    }
                }
                Action::Partition { groups: vec![sides.0, sides.1] }
            }
            2 => Action::HealAll,
            3 => Action::Crash { node: rng.below(u64::from(servers)) as NodeId },
            4 => Action::Restart { node: rng.below(u64::from(servers)) as NodeId },
            _ => {
                let offset = rng.range_inclusive(0, 20_000) as i64 * 1_000 - 10_000_000;
                Action::ClockOffset { node: rng.below(u64::from(servers)) as NodeId, offset }
            }
        };
        actions.push(TimedAction { at, action });
        at += rng.range_inclusive(ms(2_000), ms(8_000));
    }
    for (n, &client) in clients.iter().enumerate() {
        let mut at = secs(1) + rng.range_inclusive(0, ms(2_000));
        let mut count = 0;
        while at < FAULT_PHASE + secs(5) {
            count += 1;
            let key = keys[rng.below(keys.len() as u64) as usize].clone();
            let input = match rng.below(10) {
                0..=3 => ConfigInput::Publish { key, value: format!("c{n}-{count}") },
                4 => ConfigInput::Rollback { key },
                5 => ConfigInput::GrayRelease { key, value: format!("gray{n}-{count}"), clients: vec![client] },
                _ => ConfigInput::Read { key },
            };
            actions.push(TimedAction { at, action: Action::Input { node: client, input } });
            at += rng.range_inclusive(ms(500), ms(4_000));
        }
    }
    actions.push(TimedAction { at: FAULT_PHASE, action: Action::HealAll });
    for node in 0..servers {
        actions.push(TimedAction { at: FAULT_PHASE, action: Action::Restart { node } });
        actions.push(TimedAction { at: FAULT_PHASE, action: Action::ClockOffset { node, offset: 0 } });
    }
    actions.sort_by_key(|a| a.at);
    let until = FAULT_PHASE + config.convergence_bound + secs(5);
    let mut scenario = ScenarioOf::<ConfigNode>::new(LAB, seed, config);
    scenario.actions = actions;
    scenario.until = Some(until);
    scenario
}

/// Run `seed` for `config`: the first violation, if any, and what the run measured.
pub fn run_seed(config: ConfigCenterConfig, seed: u64) -> Result<(Option<Violation>, Measured), ScenarioError> {
    let scenario = schedule(config, seed);
    let until = scenario.end();
    let mut run = ConfigRun::new(scenario, Retention::Window(0))?;
    run.set_checkpoint_every(SimTime::MAX);
    run.run_until(until);
    Ok((run.violation().cloned(), run.checker().measured().clone()))
}
