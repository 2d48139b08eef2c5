//! The comparison view's numbers: the same workload (the transfer, from two application nodes)
//! under the same faults, run under TCC, Saga, the local message table and transactional
//! messages, each once with its protection (DTM's barrier; an idempotent receiver) and once
//! without. For each: messages per transfer, time to consistency, the resources it held at the
//! peak (money frozen; rows, half messages or transactions waiting), and what it lost (the first
//! violation, or nothing).

use super::scenarios::messages;
use crate::sim::{ms, Action, NetworkConfig, Retention, ScenarioOf, SimTime, TimedAction};
use crate::txn::checker::Consistency;
use crate::txn::fuzz::{judge, TxnRun, SETTLE_BOUND};
use crate::txn::guard::Protection;
use crate::txn::{Pattern, TxnConfig, TxnNode, Workload, LAB, PRODUCER};

/// The patterns compared, in the order the view lists them.
pub const COMPARED: [Pattern; 4] = [Pattern::Tcc, Pattern::Saga, Pattern::LocalMessage, Pattern::TxMessage];

/// When the faults are healed (bank 1 back, duplication off).
pub const HEALED_AT: SimTime = ms(2200);

/// The seed of every run of the comparison (the duplication falls on the same messages' turns).
const SEED: u64 = 1;

/// How often the peaks are sampled.
const SAMPLE: SimTime = ms(10);

/// One pattern's row of the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Compared {
    /// The pattern.
    pub pattern: Pattern,
    /// Transfers begun (a global transaction, a message row, a half message) with the protection on.
    pub started: u64,
    /// Of those, transfers that reached bank 2 (confirmed, acknowledged, consumed).
    pub completed: u64,
    /// Messages sent per transfer begun, in tenths (the application's request and answer included).
    pub messages_x10: u64,
    /// Time to consistency with the protection on.
    pub consistency: Consistency,
    /// The most money frozen at once, over every service.
    pub peak_frozen: i64,
    /// The most transfers waiting at once: the manager's unfinished transactions, the message
    /// table's pending rows, or the broker's open messages.
    pub peak_waiting: u64,
    /// What broke with the protection on: (invariant, code), or `None`.
    pub protected: Option<(&'static str, &'static str)>,
    /// What broke without it.
    pub unprotected: Option<(&'static str, &'static str)>,
}

/// The workload of the comparison under `pattern`, with or without its protection.
pub fn config(pattern: Pattern, protected: bool) -> TxnConfig {
    let base = if pattern.by_message() {
        messages(pattern)
    } else {
        TxnConfig {
            pattern,
            workload: Workload::Transfer,
            network: NetworkConfig { latency_min: ms(10), latency_max: ms(10), ..NetworkConfig::default() },
            ..TxnConfig::default()
        }
    };
    TxnConfig {
        clients: 2,
        transactions: 3,
        interval: ms(300),
        protection: if protected { Protection::Barrier } else { Protection::None },
        idempotent: protected,
        ..base
    }
}

/// The comparison's scenario: bank 1 crashes from 400 ms to 1.9 s, and 20 % of the messages sent
/// from 200 ms to 2.2 s are delivered twice; then every transaction must settle.
pub fn scenario(pattern: Pattern, protected: bool) -> ScenarioOf<TxnNode> {
    let mut scenario = ScenarioOf::<TxnNode>::new(LAB, SEED, config(pattern, protected));
    let actions = [
        (ms(200), Action::SetDuplication { ppm: 200_000 }),
        (ms(400), Action::Crash { node: PRODUCER }),
        (ms(1900), Action::Restart { node: PRODUCER }),
        (HEALED_AT, Action::SetDuplication { ppm: 0 }),
    ];
    scenario.actions = actions.into_iter().map(|(at, action)| TimedAction { at, action }).collect();
    scenario.liveness_from = Some(HEALED_AT);
    scenario.until = Some(HEALED_AT + SETTLE_BOUND);
    scenario
}

/// What one run measured.
struct Measured {
    started: u64,
    completed: u64,
    messages_x10: u64,
    consistency: Consistency,
    peak_frozen: i64,
    peak_waiting: u64,
    verdict: Option<(&'static str, &'static str)>,
}

fn waiting(run: &TxnRun) -> u64 {
    let world = run.world();
    let mut n = 0;
    for (_, p) in world.processes() {
        n += match p {
            Some(TxnNode::Manager(m)) => m.log.unfinished().count() as u64,
            Some(TxnNode::Broker(b)) => b.store.open().count() as u64,
            Some(TxnNode::Service(s)) => s.db.outbox_pending.len() as u64,
            _ => 0,
        };
    }
    n
}

fn frozen(run: &TxnRun) -> i64 {
    let world = run.world();
    (1..world.config().first_client())
        .filter_map(|id| world.node(id)?.durable)
        .map(|d| d.db.holding.frozen.max(0))
        .sum()
}

fn measure(pattern: Pattern, protected: bool) -> Measured {
    let mut run = TxnRun::new(scenario(pattern, protected), Retention::Window(0)).expect("a valid comparison");
    run.set_checkpoint_every(SimTime::MAX);
    let (mut peak_frozen, mut peak_waiting) = (0i64, 0u64);
    let verdict = judge(&mut run, &mut |run, t| {
        while run.world().now() < t {
            let next = (run.world().now() + SAMPLE).min(t);
            run.run_until(next);
            peak_frozen = peak_frozen.max(frozen(run));
            peak_waiting = peak_waiting.max(waiting(run));
        }
    });
    let totals = crate::txn::checker::counters(run.world());
    Measured {
        started: totals.started,
        completed: totals.confirmed,
        messages_x10: run.world().stats().sent * 10 / totals.started.max(1),
        consistency: run.checker().consistency(),
        peak_frozen,
        peak_waiting,
        verdict: verdict.map(|v| (v.invariant, v.code)),
    }
}

/// Every compared pattern's row (eight runs of a few seconds of virtual time each).
pub fn compare() -> Vec<Compared> {
    COMPARED
        .iter()
        .map(|&pattern| {
            let on = measure(pattern, true);
            let off = measure(pattern, false);
            Compared {
                pattern,
                started: on.started,
                completed: on.completed,
                messages_x10: on.messages_x10,
                consistency: on.consistency,
                peak_frozen: on.peak_frozen,
                peak_waiting: on.peak_waiting,
                protected: on.verdict,
                unprotected: off.verdict,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_protected_patterns_lose_nothing_and_the_unprotected_ones_lose_something() {
        let rows = compare();
        assert_eq!(rows.len(), 4);
        for r in &rows {
            assert_eq!(r.protected, None, "{:?}", r.pattern);
            assert!(r.unprotected.is_some(), "{:?}", r.pattern);
            assert!(r.consistency.count > 0 && r.consistency.open == 0, "{:?}: {:?}", r.pattern, r.consistency);
            assert!(r.messages_x10 >= 40, "{:?}: {}", r.pattern, r.messages_x10);
        }
        let row = |p: Pattern| rows.iter().find(|r| r.pattern == p).copied().expect("compared");
        // TCC freezes money; Saga and the message patterns never do.
        assert!(row(Pattern::Tcc).peak_frozen > 0);
        for p in [Pattern::Saga, Pattern::LocalMessage, Pattern::TxMessage] {
            assert_eq!(row(p).peak_frozen, 0, "{p:?}");
        }
        // Nothing frozen, but rows and half messages wait for their delivery.
        assert!(row(Pattern::LocalMessage).peak_waiting > 0 && row(Pattern::TxMessage).peak_waiting > 0);
        for r in &rows {
            println!("{r:?}");
        }
    }

    #[test]
    fn the_comparison_is_deterministic() {
        assert_eq!(compare(), compare());
    }
}
