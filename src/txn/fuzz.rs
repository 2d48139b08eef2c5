//! One fuzz run of the transactions lab: a seed draws random faults (loss, duplication,
//! reordering, long delays, crashes of the manager and of services, partitions, pauses) for
//! [`FAULT_PHASE`], then everything is healed, and the run must settle within [`SETTLE_BOUND`]:
//! the first violation, or the failure to settle, is the run's finding.

use super::checker::{settled, TxnChecker};
use super::{TxnConfig, TxnInput, TxnNode, LAB, MANAGER};
use crate::sim::{
    ms, secs, Action, ClusterConfig, NodeId, Retention, ScenarioError, ScenarioOf, SimRng, SimTime, TimedAction,
    Timeline, Violation,
};

/// How long faults are drawn for.
pub const FAULT_PHASE: SimTime = secs(5);

/// How long after healing every transaction must have ended.
pub const SETTLE_BOUND: SimTime = secs(30);

/// What a fuzz run found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FuzzFailure {
    /// An invariant broke (after some event, or in the quiet state).
    Violation(Violation),
    /// The configuration (or the schedule drawn for it) was refused.
    Invalid(ScenarioError),
    /// The run had not settled `SETTLE_BOUND` after healing.
    NotSettled {
        /// When everything was healed.
        healed_at: SimTime,
        /// Transactions the manager had not ended.
        unfinished: u64,
    },
}

/// A stable one-line account of a finding, for the command line and test messages.
impl std::fmt::Display for FuzzFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FuzzFailure::Violation(v) => write!(f, "{v}"),
            FuzzFailure::Invalid(e) => write!(f, "invalid scenario: {e}"),
            FuzzFailure::NotSettled { healed_at, unfinished } => write!(
                f,
                "not settled {} s after healing at {} µs: {unfinished} transactions unfinished",
                SETTLE_BOUND / secs(1),
                healed_at
            ),
        }
    }
}

/// The fault schedule of `seed` for `config`: random faults, then healing at [`FAULT_PHASE`].
pub fn schedule(config: &TxnConfig, seed: u64) -> ScenarioOf<TxnNode> {
    let mut rng = SimRng::new(seed ^ 0x7478_6e5f_6675_7a7a);
    let services = config.first_client();
    let mut times: Vec<SimTime> =
        (0..rng.range_inclusive(3, 8)).map(|_| rng.range_inclusive(0, FAULT_PHASE - ms(1))).collect();
    times.sort_unstable();
    let mut down: Vec<NodeId> = Vec::new();
    let mut paused: Vec<NodeId> = Vec::new();
    let mut actions: Vec<TimedAction<TxnInput>> = Vec::new();
    for at in times {
        let node =
            if rng.chance_ppm(400_000) { MANAGER } else { rng.range_inclusive(1, u64::from(services) - 1) as NodeId };
        let action = match rng.range_inclusive(0, 6) {
            0 => Action::SetLoss { ppm: rng.range_inclusive(0, 200_000) as u32 },
            1 => Action::SetDuplication { ppm: rng.range_inclusive(0, 300_000) as u32 },
            2 => Action::SetReordering { ppm: rng.range_inclusive(0, 300_000) as u32 },
            3 => Action::SetLatency { min: ms(5), max: ms(rng.range_inclusive(10, 1500)) },
            4 if down.contains(&node) => Action::Restart { node },
            4 if !paused.contains(&node) => Action::Crash { node },
            5 if paused.contains(&node) => Action::Resume { node },
            5 if !down.contains(&node) => Action::Pause { node },
            _ => {
                let cut = rng.range_inclusive(0, u64::from(services) - 1) as NodeId;
                let rest = (0..config.nodes()).filter(|&n| n != cut).collect();
                Action::Partition { groups: vec![vec![cut], rest] }
            }
        };
        match &action {
            Action::Crash { node } => down.push(*node),
            Action::Restart { node } => down.retain(|n| n != node),
            Action::Pause { node } => paused.push(*node),
            Action::Resume { node } => paused.retain(|n| n != node),
            _ => {}
        }
        actions.push(TimedAction { at, action });
    }
    let heal = [
        Action::HealAll,
        Action::SetLoss { ppm: 0 },
        Action::SetDuplication { ppm: 0 },
        Action::SetReordering { ppm: 0 },
        Action::SetLatency { min: config.network.latency_min, max: config.network.latency_max },
    ];
    let repairs =
        down.iter().map(|&node| Action::Restart { node }).chain(paused.iter().map(|&node| Action::Resume { node }));
    actions.extend(heal.into_iter().chain(repairs).map(|action| TimedAction { at: FAULT_PHASE, action }));
    let mut scenario = ScenarioOf::<TxnNode>::new(LAB, seed, config.clone());
    scenario.actions = actions;
    scenario.liveness_from = Some(FAULT_PHASE);
    scenario.until = Some(FAULT_PHASE + SETTLE_BOUND);
    scenario
}

/// Run seed `seed` of `config` under faults; `None` if nothing was found.
pub fn fuzz_one(config: &TxnConfig, seed: u64) -> Option<FuzzFailure> {
    let scenario = schedule(config, seed);
    let mut timeline: Timeline<TxnNode, TxnChecker> = match Timeline::new(scenario, Retention::Window(0)) {
        Ok(timeline) => timeline,
        Err(e) => return Some(FuzzFailure::Invalid(e)),
    };
    timeline.set_checkpoint_every(SimTime::MAX);
    let deadline = FAULT_PHASE + SETTLE_BOUND;
    let mut t = FAULT_PHASE;
    timeline.run_until(t);
    loop {
        if let Some(v) = timeline.violation() {
            return Some(FuzzFailure::Violation(v.clone()));
        }
        if settled(timeline.world()) {
            return timeline.checker().clone().check_quiet(timeline.world()).map(FuzzFailure::Violation);
        }
        if t >= deadline {
            let log = timeline.world().node(MANAGER).and_then(|n| n.durable).map(|d| &d.log);
            let unfinished = log.map_or(0, |l| l.unfinished().count() as u64);
            return Some(FuzzFailure::NotSettled { healed_at: FAULT_PHASE, unfinished });
        }
        t += ms(100);
        timeline.run_until(t);
    }
}
