//! The transactions lab's behaviours, each pinned by a short run: TCC's flow and its recovery from
//! the log, the three classic failures with and without protection, Saga, and XA's blocking.

use super::checker::{counters, settled, TxnChecker};
use super::db::{Db, Op, OrderStatus, XaState};
use super::fuzz::{fuzz_config, fuzz_one};
use super::guard::Protection;
use super::manager::GlobalStatus;
use super::{Pattern, TxnConfig, TxnEvent, TxnInput, TxnNode, LAB, MANAGER};
use crate::sim::{
    ms, secs, Action, ClusterConfig, NetworkConfig, NodeId, Retention, Scenario, SimTime, TimedAction, Timeline,
    TraceEvent, Violation,
};

/// A checked transactions run.
pub(super) type Run = Timeline<TxnNode, TxnChecker>;

/// Nodes of the payment.
const ORDER: NodeId = 1;
const ACCOUNT: NodeId = 2;
const STOCK: NodeId = 3;
const APP: NodeId = 4;

/// A payment cluster with a 10 ms network and no transactions of its own.
fn config() -> TxnConfig {
    TxnConfig {
        transactions: 0,
        network: NetworkConfig { latency_min: ms(10), latency_max: ms(10), ..NetworkConfig::default() },
        ..TxnConfig::default()
    }
}

fn pay(at: SimTime, node: NodeId) -> (SimTime, Action<TxnInput>) {
    (at, Action::Input { node, input: TxnInput::Pay { amount: 100, quantity: 1 } })
}

/// Play `actions` on `config` until `until`, stopping at a first violation.
pub(super) fn run(config: TxnConfig, actions: Vec<(SimTime, Action<TxnInput>)>, until: SimTime) -> Run {
    let mut scenario = Scenario::new(LAB, 1, config);
    scenario.actions = actions.into_iter().map(|(at, action)| TimedAction { at, action }).collect();
    let mut run: Run = Timeline::new(scenario, Retention::All).expect("valid scenario");
    run.run_until(until);
    run
}

/// The quiet-state judgement of a run that must have settled.
pub(super) fn quiet(run: &Run) -> Option<Violation> {
    assert!(settled(run.world()), "the run has not settled");
    run.checker().clone().check_quiet(run.world())
}

/// A service's database, from its disk.
pub(super) fn db(run: &Run, node: NodeId) -> &Db {
    &run.world().node(node).and_then(|n| n.durable).expect("a disk").db
}

fn status(run: &Run, gid: u64) -> Option<GlobalStatus> {
    run.world().node(MANAGER).and_then(|n| n.durable).and_then(|d| d.log.txns.get(&gid)).map(|r| r.status)
}

fn events(run: &Run) -> Vec<(Option<NodeId>, TxnEvent)> {
    run.world()
        .trace()
        .entries()
        .filter_map(|e| match &e.event {
            TraceEvent::Engine(ev) => Some((e.node, ev.clone())),
            _ => None,
        })
        .collect()
}

fn code(run: &Run) -> Option<(&'static str, &'static str)> {
    run.violation().map(|v| (v.invariant, v.code))
}

#[test]
fn happy_path_confirms_every_branch() {
    let c = TxnConfig { transactions: 3, interval: ms(200), ..config() };
    let run = run(c, vec![], secs(2));
    assert_eq!(run.violation(), None);
    assert_eq!(quiet(&run), None);
    let n = counters(run.world());
    assert_eq!((n.started, n.confirmed, n.cancelled), (3, 3, 0));
    assert_eq!((db(&run, ACCOUNT).holding.available, db(&run, ACCOUNT).holding.frozen), (700, 0));
    assert_eq!(db(&run, STOCK).holding.available, 7);
    assert!(db(&run, ORDER).orders.values().all(|s| *s == OrderStatus::Created));
}

#[test]
fn failed_try_is_cancelled_on_every_branch() {
    let run = run(TxnConfig { balance: 50, ..config() }, vec![pay(0, APP)], secs(2));
    assert_eq!(run.violation(), None);
    assert_eq!(quiet(&run), None);
    assert_eq!(status(&run, 0), Some(GlobalStatus::Failed));
    assert_eq!(db(&run, ORDER).orders.get(&0), Some(&OrderStatus::Cancelled));
    assert_eq!(db(&run, STOCK).holding.available, 10);
    // The account's Try failed, so its Cancel is an empty rollback, caught by the barrier.
    assert_eq!(counters(run.world()).empty_rollbacks_caught, 1);
}

/// The Try to the account is lost (its link is down), the manager times out and cancels.
fn lost_try(protection: Protection) -> Run {
    let actions = vec![
        pay(0, APP),
        (0, Action::LinkDown { from: MANAGER, to: ACCOUNT }),
        (ms(100), Action::LinkUp { from: MANAGER, to: ACCOUNT }),
    ];
    run(TxnConfig { protection, ..config() }, actions, secs(2))
}

#[test]
fn empty_rollback_without_barrier_creates_money() {
    let run = lost_try(Protection::None);
    assert_eq!(code(&run), Some(("Money Conserved", "released_unfrozen")));
}

#[test]
fn empty_rollback_with_barrier_or_fence_is_skipped() {
    for protection in [Protection::Barrier, Protection::Fence, Protection::TryRecord] {
        let run = lost_try(protection);
        assert_eq!(run.violation(), None, "{protection:?}");
        assert_eq!(quiet(&run), None, "{protection:?}");
        assert_eq!(db(&run, ACCOUNT).holding.available, 1000);
    }
}

/// Every Try is delayed 2 s, past the 500 ms timeout; the Cancels overtake them.
fn late_try(protection: Protection) -> Run {
    let actions = vec![
        pay(0, APP),
        (ms(5), Action::SetLatency { min: secs(2), max: secs(2) }),
        (ms(15), Action::SetLatency { min: ms(10), max: ms(10) }),
        (ms(15), Action::SetReordering { ppm: 1_000_000 }),
    ];
    run(TxnConfig { protection, ..config() }, actions, secs(3))
}

#[test]
fn hanging_without_barrier_leaves_money_frozen_forever() {
    let run = late_try(Protection::TryRecord);
    assert_eq!(run.violation(), None);
    assert_eq!(db(&run, ACCOUNT).holding.frozen, 100);
    let v = quiet(&run).expect("hanging");
    assert_eq!((v.invariant, v.code), ("All Or Nothing", "left_frozen"));
    assert_eq!(v.nodes, vec![ACCOUNT]);
}

#[test]
fn hanging_with_barrier_or_fence_is_refused() {
    for protection in [Protection::Barrier, Protection::Fence] {
        let run = late_try(protection);
        assert_eq!(run.violation(), None, "{protection:?}");
        assert_eq!(quiet(&run), None, "{protection:?}");
        let n = counters(run.world());
        assert_eq!((n.empty_rollbacks_caught, n.hangings_caught), (3, 3), "{protection:?}");
        assert_eq!(db(&run, ACCOUNT).holding.frozen, 0);
    }
}

/// Exactly one Try (the account's) is held 2 s in flight, past the 500 ms timeout: the fault
/// control of the page, recorded as a `DelayMessage` action.
fn one_late_try(protection: Protection) -> Run {
    let mut run = run(TxnConfig { protection, ..config() }, vec![pay(0, APP)], ms(15));
    let try_call = run.world().network().in_flight().find(|m| m.to == ACCOUNT).map(|m| m.id).expect("a Try");
    run.act(Action::DelayMessage { id: try_call, by: secs(2) }).expect("in flight");
    run.run_until(secs(3));
    run
}

#[test]
fn one_delayed_try_hangs_behind_a_status_row_and_is_refused_by_the_barrier_and_the_fence() {
    let hanging = one_late_try(Protection::TryRecord);
    assert_eq!(status(&hanging, 0), Some(GlobalStatus::Failed), "the manager timed out and cancelled");
    assert_eq!(db(&hanging, ACCOUNT).holding.frozen, 100, "the late Try froze money after its Cancel");
    assert_eq!(db(&hanging, STOCK).holding.frozen, 0, "the other branches were cancelled normally");
    let v = quiet(&hanging).expect("hanging");
    assert_eq!((v.invariant, v.code, v.nodes.clone()), ("All Or Nothing", "left_frozen", vec![ACCOUNT]));
    for protection in [Protection::Barrier, Protection::Fence] {
        let run = one_late_try(protection);
        assert_eq!((run.violation(), quiet(&run)), (None, None), "{protection:?}");
        let n = counters(run.world());
        assert_eq!((n.empty_rollbacks_caught, n.hangings_caught), (1, 1), "{protection:?}");
        assert_eq!(db(&run, ACCOUNT).holding.frozen, 0);
    }
}

#[test]
fn hanging_without_any_protection_first_shows_the_empty_rollback() {
    let run = late_try(Protection::None);
    assert_eq!(code(&run), Some(("Money Conserved", "released_unfrozen")));
}

/// Every message from 25 ms on is delivered twice: the Confirms among them.
fn duplicated_confirm(protection: Protection) -> Run {
    let actions = vec![pay(0, APP), (ms(25), Action::SetDuplication { ppm: 1_000_000 })];
    run(TxnConfig { protection, ..config() }, actions, secs(2))
}

#[test]
fn duplicated_confirm_without_idempotency_is_applied_twice() {
    let run = duplicated_confirm(Protection::None);
    assert_eq!(code(&run), Some(("Applied Once", "applied_twice")));
    assert!(run.violation().unwrap().facts.contains(&("op", "Confirm".to_string())));
}

#[test]
fn duplicated_confirm_with_barrier_is_applied_once() {
    for protection in [Protection::Barrier, Protection::Fence, Protection::TryRecord] {
        let run = duplicated_confirm(protection);
        assert_eq!(run.violation(), None, "{protection:?}");
        assert_eq!(quiet(&run), None, "{protection:?}");
        assert_eq!(db(&run, ACCOUNT).holding.available, 900);
    }
    assert!(counters(duplicated_confirm(Protection::Barrier).world()).duplicates_skipped >= 3);
}

#[test]
fn manager_crash_mid_phase_two_finishes_from_its_log() {
    // Confirms sent at 30 ms and applied at 40 ms; their answers find the manager down.
    let actions =
        vec![pay(0, APP), (ms(35), Action::Crash { node: MANAGER }), (secs(1), Action::Restart { node: MANAGER })];
    let run = run(config(), actions, secs(2));
    assert_eq!(run.violation(), None);
    assert_eq!(quiet(&run), None);
    assert_eq!(status(&run, 0), Some(GlobalStatus::Succeeded));
    assert_eq!(db(&run, ACCOUNT).holding.available, 900);
    assert!(events(&run).iter().any(|(_, e)| *e == TxnEvent::Recovered { gids: vec![0] }));
    assert_eq!(counters(run.world()).duplicates_skipped, 3);
}

#[test]
fn manager_that_did_not_log_its_decision_cancels() {
    // Every Try succeeded at 20 ms; the manager dies at 25 ms, before their answers.
    let actions =
        vec![pay(0, APP), (ms(25), Action::Crash { node: MANAGER }), (secs(1), Action::Restart { node: MANAGER })];
    let run = run(config(), actions, secs(2));
    assert_eq!(run.violation(), None);
    assert_eq!(quiet(&run), None);
    assert_eq!(status(&run, 0), Some(GlobalStatus::Failed));
    assert_eq!(db(&run, ACCOUNT).holding, super::db::Holding { available: 1000, frozen: 0 });
    assert_eq!(db(&run, ORDER).orders.get(&0), Some(&OrderStatus::Cancelled));
}

#[test]
fn saga_compensates_in_reverse_when_a_step_fails() {
    let c = TxnConfig { pattern: Pattern::Saga, stock: 0, ..config() };
    let run = run(c, vec![pay(0, APP)], secs(2));
    assert_eq!(run.violation(), None);
    assert_eq!(quiet(&run), None);
    assert_eq!(status(&run, 0), Some(GlobalStatus::Failed));
    assert_eq!(db(&run, ACCOUNT).holding.available, 1000);
    let compensated: Vec<NodeId> = events(&run)
        .into_iter()
        .filter(|(_, e)| *e == TxnEvent::Applied { gid: 0, op: Op::Compensate })
        .filter_map(|(n, _)| n)
        .collect();
    assert_eq!(compensated, vec![ACCOUNT, ORDER]);
    // The stock step failed: its compensation found no forward step, and the barrier skipped it.
    assert_eq!(counters(run.world()).empty_rollbacks_caught, 1);
}

#[test]
fn saga_dirty_read_is_counted() {
    // Transaction 0 debits the whole balance, then fails at the stock and compensates; transaction
    // 1 reads the debited balance meanwhile and fails for lack of money it would have had.
    let c = TxnConfig { pattern: Pattern::Saga, clients: 2, balance: 100, stock: 0, ..config() };
    let run = run(c, vec![pay(0, APP), pay(ms(30), APP + 1)], secs(2));
    assert_eq!(run.violation(), None);
    assert_eq!(quiet(&run), None);
    assert!(counters(run.world()).dirty_reads >= 1);
    assert!(events(&run).iter().any(|(_, e)| matches!(e, TxnEvent::DirtyRead { gid: 0, .. })));
}

#[test]
fn saga_forward_step_is_retried_until_answered() {
    // The account's forward step is lost; after the timeout the manager sends it again.
    let c = TxnConfig { pattern: Pattern::Saga, ..config() };
    let actions = vec![
        pay(0, APP),
        (0, Action::LinkDown { from: MANAGER, to: ACCOUNT }),
        (ms(100), Action::LinkUp { from: MANAGER, to: ACCOUNT }),
    ];
    let run = run(c, actions, secs(2));
    assert_eq!(run.violation(), None);
    assert_eq!(quiet(&run), None);
    assert_eq!(status(&run, 0), Some(GlobalStatus::Succeeded));
    assert!(counters(run.world()).retries >= 1);
    assert_eq!(db(&run, ACCOUNT).holding.available, 900);
}

/// The order's forward step is delayed 2 s; the manager dies and, back from its log, compensates
/// every branch before that step arrives.
fn compensation_before_action(protection: Protection) -> Run {
    let c = TxnConfig { pattern: Pattern::Saga, protection, ..config() };
    let actions = vec![
        pay(0, APP),
        (ms(5), Action::SetLatency { min: secs(2), max: secs(2) }),
        (ms(15), Action::Crash { node: MANAGER }),
        (ms(15), Action::SetLatency { min: ms(10), max: ms(10) }),
        (ms(15), Action::SetReordering { ppm: 1_000_000 }),
        (ms(100), Action::Restart { node: MANAGER }),
    ];
    run(c, actions, secs(3))
}

#[test]
fn saga_compensation_before_its_action_is_refused_by_the_barrier() {
    for protection in [Protection::Barrier, Protection::Fence] {
        let run = compensation_before_action(protection);
        assert_eq!(run.violation(), None, "{protection:?}");
        assert_eq!(quiet(&run), None, "{protection:?}");
        assert_eq!(counters(run.world()).hangings_caught, 1, "{protection:?}");
        assert_eq!(db(&run, ORDER).orders.get(&0), None);
    }
}

#[test]
fn saga_compensation_before_its_action_without_barrier_breaks_orders() {
    // The hand-written check skips the empty compensations, then the late step creates an order
    // nobody paid for.
    let run = compensation_before_action(Protection::TryRecord);
    assert_eq!(run.violation(), None);
    assert_eq!(quiet(&run).map(|v| v.code), Some("order_mismatch"));
    // With no check at all, the first empty compensation (the stock's, in reverse order) puts back
    // an item that was never taken.
    let run = compensation_before_action(Protection::None);
    assert_eq!(code(&run), Some(("Stock Conserved", "total_changed")));
}

#[test]
fn two_phase_commit_prepare_holds_locks_against_other_transactions() {
    // Transaction 0 prepares at 20 ms and commits at 40 ms; transaction 1's prepares arrive at
    // 25 ms, find the rows locked, and it rolls back.
    let c = TxnConfig { pattern: Pattern::Xa, clients: 2, ..config() };
    let run = run(c, vec![pay(0, APP), pay(ms(5), APP + 1)], secs(2));
    assert_eq!(run.violation(), None);
    assert_eq!(quiet(&run), None);
    assert_eq!((status(&run, 0), status(&run, 1)), (Some(GlobalStatus::Succeeded), Some(GlobalStatus::Failed)));
    assert_eq!(counters(run.world()).blocked, 3);
}

#[test]
fn two_phase_commit_blocks_while_the_coordinator_is_down() {
    // Prepared at 20 ms; the coordinator dies at 25 ms before their answers, and returns at 3 s.
    let c = TxnConfig { pattern: Pattern::Xa, ..config() };
    let crash = vec![pay(0, APP), (ms(25), Action::Crash { node: MANAGER })];
    let blocked = run(c.clone(), crash.clone(), secs(2));
    for node in [ORDER, ACCOUNT, STOCK] {
        assert_eq!(db(&blocked, node).lock_holder(), Some(0), "node {node} holds the lock");
    }
    assert_eq!(db(&blocked, ACCOUNT).holding.frozen, 100);
    let mut actions = crash;
    actions.push((secs(3), Action::Restart { node: MANAGER }));
    let run = run(c, actions, secs(4));
    assert_eq!(run.violation(), None);
    assert_eq!(quiet(&run), None);
    assert_eq!(db(&run, ACCOUNT).xa.get(&0), Some(&XaState::Ended));
    assert_eq!(db(&run, ACCOUNT).lock_holder(), None);
    assert_eq!(status(&run, 0), Some(GlobalStatus::Failed));
}

#[test]
fn transfer_moves_money_between_banks() {
    use super::Workload;
    let c = TxnConfig { workload: Workload::Transfer, transactions: 2, interval: ms(200), ..config() };
    let run = run(c, vec![], secs(2));
    assert_eq!(run.violation(), None);
    assert_eq!(quiet(&run), None);
    assert_eq!((db(&run, 1).holding.available, db(&run, 2).holding.available), (800, 1200));
}

#[test]
fn config_errors_name_their_field() {
    let bad = TxnConfig { clients: 0, ..TxnConfig::default() };
    assert_eq!(bad.validate_lab().unwrap_err().0, "clients");
    let bad = TxnConfig { retry_max: 1, ..TxnConfig::default() };
    assert_eq!(bad.validate_lab().unwrap_err().0, "retry_max");
    assert!(serde_json::from_str::<TxnConfig>(r#"{"barrier": true}"#).is_err());
    let c: TxnConfig = serde_json::from_str(r#"{"pattern": "saga", "protection": "fence"}"#).unwrap();
    assert_eq!((c.pattern, c.protection), (Pattern::Saga, Protection::Fence));
}

#[test]
fn fuzz_finds_nothing_in_protected_configurations() {
    let protected = [
        fuzz_config(Pattern::Tcc, Protection::Barrier, true),
        fuzz_config(Pattern::Tcc, Protection::Fence, false),
        fuzz_config(Pattern::Saga, Protection::Barrier, true),
        fuzz_config(Pattern::Xa, Protection::None, true),
    ];
    for config in &protected {
        for seed in 0..50 {
            if let Some(found) = fuzz_one(config, seed) {
                panic!("{:?}/{:?} seed {seed}: {found}", config.pattern, config.protection);
            }
        }
    }
}

#[test]
fn fuzz_finds_each_unprotected_configuration() {
    let unprotected = [
        fuzz_config(Pattern::Tcc, Protection::None, true),
        fuzz_config(Pattern::Tcc, Protection::TryRecord, true),
        fuzz_config(Pattern::Saga, Protection::None, true),
    ];
    for config in &unprotected {
        let found = (0..100).find_map(|seed| fuzz_one(config, seed));
        assert!(found.is_some(), "{:?}/{:?}: nothing found", config.pattern, config.protection);
    }
}
