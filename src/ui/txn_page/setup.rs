//! Fresh runs of the transactions page, and the pattern and protection switches that start them.

use crate::lab::txn::scenarios::Named;
use crate::lab::txn::{TxnScenario, TxnTimeline, LAB};
use crate::sim::{ms, SimTime};
use crate::sim::{Retention, ScenarioError};
use crate::txn::guard::Protection;
use crate::txn::{Pattern, RetryPolicy, TxnConfig, Workload};

/// Default speed: a tenth of real time, so a 10 ms hop lasts 100 ms on screen.
pub const DEFAULT_SPEED: f64 = 0.1;
/// Trace entries kept in memory (event log, drop marks).
pub const TRACE_WINDOW: usize = 4_000;
/// Seed of every run started from the switches.
const SEED: u64 = 1;

/// The patterns offered.
pub const PATTERNS: [Pattern; 5] =
    [Pattern::Tcc, Pattern::Saga, Pattern::Xa, Pattern::LocalMessage, Pattern::TxMessage];
/// The protections offered.
pub const PROTECTIONS: [Protection; 4] =
    [Protection::None, Protection::TryRecord, Protection::Barrier, Protection::Fence];
/// The local message table's relay intervals offered.
pub const RELAY_INTERVALS: [SimTime; 4] = [ms(50), ms(100), ms(500), ms(1000)];
/// The monitor's retry policies offered.
pub const RETRY_POLICIES: [RetryPolicy; 2] = [RetryPolicy::Fixed, RetryPolicy::Backoff];
/// The workloads offered.
pub const WORKLOADS: [Workload; 2] = [Workload::Payment, Workload::Transfer];

/// A fresh run of `scenario`, at time 0.
pub fn open(scenario: TxnScenario) -> Result<TxnTimeline, ScenarioError> {
    TxnTimeline::new(scenario, Retention::Window(TRACE_WINDOW))
}

/// A fresh run of `config` with the page's seed.
pub fn fresh(config: TxnConfig) -> Result<TxnTimeline, ScenarioError> {
    open(TxnScenario::new(LAB, SEED, config))
}

/// The default run: five payments under TCC with the barrier.
pub fn default_run() -> TxnTimeline {
    fresh(TxnConfig::default()).expect("the default configuration is valid")
}

/// The run of a named scenario.
pub fn named_run(named: Named) -> TxnTimeline {
    open(named.scenario()).expect("the named scenarios are valid")
}

/// One switch of the switches panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Switch {
    /// TCC, Saga or XA.
    Pattern(Pattern),
    /// The branches' protection.
    Protection(Protection),
    /// Trys at once (on) or one after another.
    ParallelTry,
    /// The payment or the transfer.
    Workload(Workload),
    /// The message patterns' receiver keeps a processed-message table (idempotent) or not.
    Idempotent,
    /// The local message table's relay polls at this interval.
    RelayInterval(SimTime),
    /// The local message table's monitor waits by this policy.
    RetryPolicy(RetryPolicy),
}

/// Whether `switch` is on in `config`.
pub fn is_on(config: &TxnConfig, switch: Switch) -> bool {
    match switch {
        Switch::Pattern(p) => config.pattern == p,
        Switch::Protection(p) => config.protection == p,
        Switch::ParallelTry => config.parallel_try,
        Switch::Workload(w) => config.workload == w,
        Switch::Idempotent => config.idempotent,
        Switch::RelayInterval(t) => config.relay_interval == t,
        Switch::RetryPolicy(p) => config.retry_policy == p,
    }
}

/// Whether `switch` means anything under `config`'s pattern (XA keeps its own locks; only TCC
/// has Trys; the message patterns move the transfer and guard their receiver by idempotency).
pub fn applies(config: &TxnConfig, switch: Switch) -> bool {
    let by_message = config.pattern.by_message();
    match switch {
        Switch::Protection(_) => config.pattern != Pattern::Xa && !by_message,
        Switch::ParallelTry => config.pattern == Pattern::Tcc,
        Switch::Workload(_) => !by_message,
        Switch::Idempotent => by_message,
        Switch::RelayInterval(_) | Switch::RetryPolicy(_) => config.pattern == Pattern::LocalMessage,
        Switch::Pattern(_) => true,
    }
}

/// `config` with `switch` flipped (or set).
pub fn switched(mut config: TxnConfig, switch: Switch) -> TxnConfig {
    match switch {
        Switch::Pattern(p) => {
            config.pattern = p;
            if p.by_message() {
                config.workload = Workload::Transfer;
            }
        }
        Switch::Protection(p) => config.protection = p,
        Switch::ParallelTry => config.parallel_try = !config.parallel_try,
        Switch::Workload(w) => config.workload = w,
        Switch::Idempotent => config.idempotent = !config.idempotent,
        Switch::RelayInterval(t) => config.relay_interval = t,
        Switch::RetryPolicy(p) => config.retry_policy = p,
    }
    config
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_switch_under_every_pattern_gives_a_valid_run() {
        for workload in WORKLOADS {
            for pattern in PATTERNS {
                let base =
                    switched(switched(TxnConfig::default(), Switch::Workload(workload)), Switch::Pattern(pattern));
                assert!(is_on(&base, Switch::Pattern(pattern)));
                let others = [Switch::ParallelTry, Switch::Idempotent, Switch::RetryPolicy(RetryPolicy::Fixed)];
                for switch in PROTECTIONS.map(Switch::Protection).into_iter().chain(others) {
                    let config = switched(base.clone(), switch);
                    assert!(fresh(config).is_ok(), "{workload:?} {pattern:?} {switch:?}");
                }
            }
        }
        assert!(!switched(TxnConfig::default(), Switch::ParallelTry).parallel_try);
        assert!(named_run(Named::HappyPath).scenario().until.is_some());
    }
}
