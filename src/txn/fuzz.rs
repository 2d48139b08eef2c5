//! One fuzz run of the transactions lab: a seed draws random faults (loss, duplication,
//! reordering, long delays, crashes of the manager and of services, partitions, pauses) for
//! [`FAULT_PHASE`], then everything is healed, and the run must settle within [`SETTLE_BOUND`]:
//! the first violation, or the failure to settle ([`LIVENESS`]), is the run's finding.
//!
//! [`LIVENESS`]: super::checker::LIVENESS

use super::checker::{not_settled, settled, TxnChecker};
use super::guard::Protection;
use super::{Pattern, TxnConfig, TxnInput, TxnNode, Workload, LAB, MANAGER};
use crate::sim::{
    ms, secs, Action, ClusterConfig, NodeId, Retention, ScenarioError, ScenarioOf, SimRng, SimTime, TimedAction,
    Timeline, Violation,
};

/// How long faults are drawn for.
pub const FAULT_PHASE: SimTime = secs(5);

/// How long after healing every transaction must have ended.
pub const SETTLE_BOUND: SimTime = secs(30);

/// A run of the transactions lab under its checker.
pub type TxnRun = Timeline<TxnNode, TxnChecker>;

/// How often, after healing, the judge looks whether the run has settled.
pub const SETTLE_POLL: SimTime = ms(100);

/// What a fuzz run found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FuzzFailure {
    /// An invariant broke (after some event, or in the quiet state), or the run did not settle
    /// within [`SETTLE_BOUND`] after healing (invariant
    /// [`LIVENESS`](super::checker::LIVENESS)).
    Violation(Violation),
    /// The configuration (or the schedule drawn for it) was refused.
    Invalid(ScenarioError),
}

/// A stable one-line account of a finding, for the command line and test messages.
impl std::fmt::Display for FuzzFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FuzzFailure::Violation(v) => write!(f, "{v}"),
            FuzzFailure::Invalid(e) => write!(f, "invalid scenario: {e}"),
        }
    }
}

/// The fuzz workload: two applications, more payments than the money and the stock cover. The
/// message patterns move the transfer, with RocketMQ's check-back and retry times scaled down so
/// that a run settles within [`SETTLE_BOUND`] (check after 1 s, scans every 1 s, 15 checks; an
/// unanswered delivery again after 2 s, RECONSUME_LATER after 0.5 s and on).
pub fn fuzz_config(pattern: Pattern, protection: Protection, parallel_try: bool) -> TxnConfig {
    if pattern.by_message() {
        return TxnConfig {
            pattern,
            workload: Workload::Transfer,
            clients: 2,
            transactions: 5,
            interval: ms(800),
            balance: 500,
            send_timeout: ms(500),
            transaction_timeout: secs(1),
            transaction_check_interval: secs(1),
            consume_timeout: secs(2),
            reconsume_delay: ms(500),
            ..TxnConfig::default()
        };
    }
    TxnConfig {
        pattern,
        protection,
        parallel_try,
        clients: 2,
        transactions: 5,
        interval: ms(800),
        balance: 500,
        stock: 6,
        ..TxnConfig::default()
    }
}

/// Judge a run from its start, playing it with `play`: with `liveness_from` set, play to that
/// time, then [`judge_settling`]; without, play to the scenario's end, then judge the quiet-state
/// invariants if the run has settled. The first violation, if any. The fuzzer and the batch run
/// (`distlab-sim run`) both judge this way, so a recording replays to its verdict.
pub fn judge(run: &mut TxnRun, play: &mut dyn FnMut(&mut TxnRun, SimTime)) -> Option<Violation> {
    match run.scenario().liveness_from {
        Some(healed_at) => {
            play(run, healed_at);
            judge_settling(run, healed_at, play)
        }
        None => {
            let end = run.scenario().end();
            play(run, end);
            match run.violation() {
                Some(v) => Some(v.clone()),
                None if settled(run.world()) => run.checker().clone().check_quiet(run.world()),
                None => None,
            }
        }
    }
}

/// From `healed_at` (already played to) on, every [`SETTLE_POLL`]: a violation ends the run; so
/// does the quiet state, where [`TxnChecker::check_quiet`] judges; and [`SETTLE_BOUND`] after
/// healing, a run not yet settled breaks [`LIVENESS`](super::checker::LIVENESS).
pub fn judge_settling(
    run: &mut TxnRun,
    healed_at: SimTime,
    play: &mut dyn FnMut(&mut TxnRun, SimTime),
) -> Option<Violation> {
    let deadline = healed_at + SETTLE_BOUND;
    let mut t = healed_at;
    loop {
        if let Some(v) = run.violation() {
            return Some(v.clone());
        }
        if settled(run.world()) {
            return run.checker().clone().check_quiet(run.world());
        }
        if t >= deadline {
            return Some(not_settled(run.world(), healed_at, SETTLE_BOUND));
        }
        t += SETTLE_POLL;
        play(run, t);
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
    let mut run = match TxnRun::new(schedule(config, seed), Retention::Window(0)) {
        Ok(run) => run,
        Err(e) => return Some(FuzzFailure::Invalid(e)),
    };
    run.set_checkpoint_every(SimTime::MAX);
    judge(&mut run, &mut |run, t| {
        run.run_until(t);
    })
    .map(FuzzFailure::Violation)
}
