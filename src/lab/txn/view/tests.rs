//! The view model on real runs of the named scenarios: roles, tables, the log's states, counters.

use super::inspect::node_rows;
use super::*;
use crate::lab::txn::scenarios::{Named, ACCOUNT, APP};
use crate::lab::txn::timeline;
use crate::sim::{ms, secs, Action};

fn at(named: Named, t: SimTime) -> TxnView {
    let mut run = timeline(named.scenario(), 1000);
    run.seek(t);
    view(&run, 50)
}

#[test]
fn the_payment_draws_the_manager_three_services_and_the_application() {
    let v = at(Named::HappyPath, secs(2));
    let roles: Vec<&str> = v.cluster.nodes.iter().map(|n| n.role).collect();
    assert_eq!(roles, ["tx_manager", "order_service", "account_service", "stock_service", "application"]);
    assert_eq!(
        v.services.iter().map(|s| s.service).collect::<Vec<_>>(),
        [Service::Order, Service::Account, Service::Stock]
    );
    assert_eq!(v.services[0].holding, None);
    assert_eq!(
        v.services[0].orders,
        vec![(0, OrderStatus::Created), (1, OrderStatus::Created), (2, OrderStatus::Created)]
    );
    assert_eq!(v.services[1].holding, Some(Holding { available: 700, frozen: 0 }));
    assert!(matches!(&v.services[1].table, GuardTable::Barrier(rows) if rows.contains(&(2, Op::Confirm))));
    assert!(v.manager.log.iter().all(|r| r.state == TxState::Done && r.succeeded == Some(true)));
    let c = v.counters;
    assert_eq!((c.totals.started, c.totals.confirmed, c.in_progress), (3, 3, 0));
    // Begin at the manager at 10 ms, Confirms answered at 50 ms: 40 ms on the manager's clock.
    assert_eq!((c.settle_mean, c.settle_max), (Some(ms(40)), Some(ms(40))));
    assert_eq!(v.apps[0].succeeded, 3);
    assert_eq!(v.invariants.len(), 6);
    assert_eq!(v.invariants.last().map(|i| i.0), Some("Liveness"));
    assert!(v.invariants.iter().all(|(_, v)| v.is_none()));
    assert!(v.log.iter().any(|l| l.event == "succeeded"));
}

#[test]
fn the_log_shows_trying_then_confirming_then_done() {
    let state = |t| at(Named::ManagerCrashPhaseTwo, t).manager.log.first().map(|r| r.state);
    assert_eq!(state(ms(15)), Some(TxState::Trying));
    assert_eq!(state(ms(32)), Some(TxState::Confirming));
    assert_eq!(state(ms(500)), Some(TxState::Confirming), "the manager is down mid-phase-2");
    assert_eq!(state(secs(2)), Some(TxState::Done));
    let cancelling = at(Named::FailedTry, ms(32)).manager.log[0];
    assert_eq!((cancelling.state.name(), cancelling.succeeded), ("cancelling", None));
    let down = at(Named::ManagerCrashPhaseTwo, ms(500));
    assert_eq!(down.manager.status, NodeStatus::Down);
    assert_eq!(down.counters.in_progress, 1);
}

#[test]
fn the_tables_show_the_fence_the_status_rows_the_xa_locks_and_what_was_caught() {
    let fence = at(Named::HangingFence, secs(3));
    assert!(matches!(&fence.services[1].table, GuardTable::Fence(rows) if rows == &[(0, FenceState::Suspended)]));
    assert_eq!((fence.counters.totals.empty_rollbacks_caught, fence.counters.totals.hangings_caught), (3, 3));
    let hanging = at(Named::Hanging, secs(3));
    assert_eq!(hanging.services[1].holding, Some(Holding { available: 900, frozen: 100 }));
    assert!(matches!(&hanging.services[1].table, GuardTable::StatusRows(rows) if rows == &[(0, Op::Try)]));
    let xa = at(Named::XaBlocked, secs(2));
    assert!(xa.services.iter().all(|s| s.table == GuardTable::Xa(vec![(0, XaState::Prepared)])));
    let unprotected = at(Named::DuplicateConfirm, secs(1));
    assert_eq!(unprotected.services[1].table, GuardTable::None);
    assert_eq!(unprotected.invariants[2].1.as_ref().map(|v| v.code), Some("applied_twice"));
}

#[test]
fn the_transfer_draws_two_banks_and_inspectors_list_every_table() {
    let v = at(Named::CrossBankTransfer, secs(2));
    let roles: Vec<&str> = v.cluster.nodes.iter().map(|n| n.role).collect();
    assert_eq!(roles, ["tx_manager", "bank_1", "bank_2", "application"]);
    let mut run = timeline(Named::EmptyRollbackBarrier.scenario(), 100);
    run.seek(secs(1));
    run.act(Action::Crash { node: ACCOUNT }).unwrap();
    let rows = node_rows(run.world(), ACCOUNT);
    let words: Vec<&str> = rows.iter().map(|n| n.word).collect();
    assert_eq!(&words[..4], ["state", "life", "local_clock", "role"]);
    assert!(rows.iter().any(|n| n.word == "barrier_table" && n.value == "#0 Try"), "{rows:?}");
    assert!(node_rows(run.world(), MANAGER).iter().any(|n| n.word == "done"));
    assert!(node_rows(run.world(), APP).iter().any(|n| n.word == "sent" && n.value == "1"));
    assert!(node_rows(run.world(), 99).is_empty());
    let down = view(&run, 0);
    assert_eq!(down.services[1].status, NodeStatus::Down);
    assert_eq!(down.services[1].holding, Some(Holding { available: 1000, frozen: 0 }), "read from its disk");
}
