//! The transactions benchmark workload: the course's payment under TCC with DTM's barrier, eight
//! application nodes each starting a payment every millisecond of virtual time, the default network,
//! every invariant checked after every event and the quiet-state ones at the end. It reads no
//! clock: the caller times it, natively or in the browser.

use super::checker::settled;
use super::fuzz::TxnRun;
use super::{TxnConfig, LAB};
use crate::sim::{ms, Retention, Scenario, SimTime};

/// Application nodes of the workload.
pub const BENCH_CLIENTS: u32 = 8;

/// What a benchmark run did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TxnBenchResult {
    /// Global transactions begun.
    pub transactions: u64,
    /// Global transactions that reached their end.
    pub ended: u64,
    /// Events handled.
    pub events: u64,
    /// Virtual time until every transaction ended.
    pub virtual_time: SimTime,
    /// Whether an invariant broke (never, with the barrier on).
    pub violated: bool,
    /// The run's fingerprint (the same on every platform).
    pub fingerprint: u64,
}

/// Simulate and check about `transactions` global transactions (rounded down to a multiple of
/// [`BENCH_CLIENTS`], at most 10,000 per client) until every one has ended.
pub fn run_txn_bench(transactions: u32, seed: u64) -> TxnBenchResult {
    let config = TxnConfig {
        clients: BENCH_CLIENTS,
        transactions: (transactions / BENCH_CLIENTS).min(10_000),
        interval: ms(1),
        amount: 1,
        balance: 1_000_000_000_000,
        stock: 1_000_000_000,
        ..TxnConfig::default()
    };
    let mut run = TxnRun::new(Scenario::new(LAB, seed, config), Retention::Window(0)).expect("a valid workload");
    run.set_checkpoint_every(SimTime::MAX);
    let mut t = 0;
    while run.violation().is_none() && !settled(run.world()) {
        t += ms(100);
        run.run_until(t);
    }
    let violated = run.violation().is_some() || run.checker().clone().check_quiet(run.world()).is_some();
    let log = &run.world().node(super::MANAGER).and_then(|n| n.durable).expect("the manager's disk").log;
    TxnBenchResult {
        transactions: log.txns.len() as u64,
        ended: log.txns.values().filter(|r| r.status.is_final()).count() as u64,
        events: run.world().events_handled(),
        virtual_time: run.now(),
        violated,
        fingerprint: run.world().fingerprint(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_transaction_of_the_workload_ends_checked_and_the_run_is_deterministic() {
        let r = run_txn_bench(400, 1);
        assert_eq!((r.transactions, r.ended, r.violated), (400, 400, false));
        assert_eq!(r, run_txn_bench(400, 1));
        assert_ne!(r.fingerprint, run_txn_bench(400, 2).fingerprint);
    }
}
