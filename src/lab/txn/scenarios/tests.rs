//! Each named scenario, judged from its scenario value alone by the batch run, shows its outcome;
//! replays of the scenarios show each lesson in the services' tables and the counters.

use super::*;
use crate::lab::runner::run_json;
use crate::lab::txn::{timeline, TxnTimeline};
use crate::sim::TraceEvent;
use crate::txn::checker::counters;
use crate::txn::db::{Db, Holding, Op, OrderStatus, XaState};
use crate::txn::manager::GlobalStatus;
use crate::txn::TxnEvent;
use crate::txn::{BROKER, CONSUMER, PRODUCER};

/// A replay of `named` to its `until`, with its whole trace.
fn replay(named: Named) -> TxnTimeline {
    let scenario = named.scenario();
    let end = scenario.end();
    let mut run = timeline(scenario, 100_000);
    run.run_until(end);
    run
}

fn db(run: &TxnTimeline, node: NodeId) -> &Db {
    &run.world().node(node).and_then(|n| n.durable).expect("a disk").db
}

fn status(run: &TxnTimeline, gid: u64) -> Option<GlobalStatus> {
    run.world().node(MANAGER)?.durable?.log.txns.get(&gid).map(|r| r.status)
}

fn events(run: &TxnTimeline) -> Vec<(Option<NodeId>, TxnEvent)> {
    let entries = run.world().trace().entries();
    entries
        .filter_map(|e| if let TraceEvent::Engine(ev) = &e.event { Some((e.node, ev.clone())) } else { None })
        .collect()
}

#[test]
fn every_named_scenario_shows_its_outcome_to_the_batch_run_within_a_few_seconds() {
    for named in Named::ALL {
        let scenario = named.scenario();
        let until = scenario.until.expect("every named scenario says where its lesson is shown");
        assert!(until <= secs(4), "{}", named.id());
        let report = run_json(&scenario.to_json(), None).unwrap();
        match named.outcome() {
            Outcome::Holds => assert_eq!(report.violation, None, "{}", named.id()),
            Outcome::Breaks { invariant, code } => {
                let v = report.violation.unwrap_or_else(|| panic!("{}: nothing broke", named.id()));
                assert_eq!((v.invariant, v.code), (invariant, code), "{}: {v}", named.id());
                assert!(v.t <= until, "{}", named.id());
            }
        }
    }
}

#[test]
fn ids_are_stable_kebab_case_and_descriptions_are_one_sentence() {
    for named in Named::ALL {
        let id = named.id();
        assert!(id.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{id}");
        assert_eq!(Named::from_id(id), Some(named));
        let text = named.description();
        assert!(text.ends_with('.') && text.matches(". ").count() == 0, "{id}: {text}");
    }
    let mut ids: Vec<&str> = Named::ALL.iter().map(|n| n.id()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), Named::ALL.len());
    assert_eq!(Named::from_id("paxos"), None);
}

#[test]
fn the_happy_path_confirms_and_a_failed_try_cancels_every_branch() {
    let happy = replay(Named::HappyPath);
    let n = counters(happy.world());
    assert_eq!((n.started, n.confirmed, n.cancelled), (3, 3, 0));
    assert_eq!(db(&happy, ACCOUNT).holding, Holding { available: 700, frozen: 0 });
    let failed = replay(Named::FailedTry);
    assert_eq!(status(&failed, 0), Some(GlobalStatus::Failed));
    assert_eq!(db(&failed, ORDER).orders.get(&0), Some(&OrderStatus::Cancelled));
    assert_eq!(db(&failed, STOCK).holding, Holding { available: 10, frozen: 0 });
}

#[test]
fn the_barrier_skips_the_empty_rollback() {
    let run = replay(Named::EmptyRollbackBarrier);
    assert_eq!(counters(run.world()).empty_rollbacks_caught, 1);
    assert_eq!(db(&run, ACCOUNT).holding, Holding { available: 1000, frozen: 0 });
    assert!(db(&run, ACCOUNT).barrier.contains(&(0, Op::Try)), "the Cancel inserted the Try key");
}

#[test]
fn hanging_freezes_money_forever_unless_the_barrier_or_the_fence_refuses_the_late_try() {
    let hanging = replay(Named::Hanging);
    assert_eq!(db(&hanging, ACCOUNT).holding.frozen, 100);
    assert_eq!(status(&hanging, 0), Some(GlobalStatus::Failed), "the manager thinks it is over");
    for named in [Named::HangingBarrier, Named::HangingFence] {
        let run = replay(named);
        let n = counters(run.world());
        assert_eq!((n.empty_rollbacks_caught, n.hangings_caught), (3, 3), "{}", named.id());
        assert_eq!(db(&run, ACCOUNT).holding, Holding { available: 1000, frozen: 0 }, "{}", named.id());
    }
}

#[test]
fn an_idempotent_confirm_skips_its_duplicate() {
    let run = replay(Named::DuplicateConfirmIdempotent);
    assert_eq!(counters(run.world()).duplicates_skipped, 3);
    assert_eq!(db(&run, ACCOUNT).holding, Holding { available: 900, frozen: 0 });
}

#[test]
fn the_manager_finishes_from_its_log_or_cancels_an_unlogged_decision() {
    let phase_two = replay(Named::ManagerCrashPhaseTwo);
    assert_eq!(status(&phase_two, 0), Some(GlobalStatus::Succeeded));
    assert!(events(&phase_two).iter().any(|(_, e)| *e == TxnEvent::Recovered { gids: vec![0] }));
    assert_eq!(db(&phase_two, ACCOUNT).holding.available, 900);
    let unlogged = replay(Named::ManagerCrashBeforeDecision);
    assert_eq!(status(&unlogged, 0), Some(GlobalStatus::Failed));
    assert_eq!(db(&unlogged, ACCOUNT).holding, Holding { available: 1000, frozen: 0 });
}

#[test]
fn saga_compensates_in_reverse_and_shows_its_dirty_read() {
    let run = replay(Named::SagaCompensation);
    let compensated: Vec<NodeId> = events(&run)
        .into_iter()
        .filter(|(_, e)| *e == TxnEvent::Applied { gid: 0, op: Op::Compensate })
        .filter_map(|(n, _)| n)
        .collect();
    assert_eq!(compensated, vec![ACCOUNT, ORDER]);
    let dirty = replay(Named::SagaDirtyRead);
    assert!(counters(dirty.world()).dirty_reads >= 1);
    assert!(events(&dirty).iter().any(|(_, e)| matches!(e, TxnEvent::DirtyRead { gid: 0, .. })));
}

#[test]
fn a_compensation_before_its_action_leaves_an_unpaid_order_unless_the_barrier_refuses_the_step() {
    let unprotected = replay(Named::CompensationBeforeAction);
    assert_eq!(db(&unprotected, ORDER).orders.get(&0), Some(&OrderStatus::Created));
    let barrier = replay(Named::CompensationBeforeActionBarrier);
    assert_eq!(counters(barrier.world()).hangings_caught, 1);
    assert_eq!(db(&barrier, ORDER).orders.get(&0), None);
}

#[test]
fn two_phase_commit_holds_every_lock_while_the_coordinator_is_down() {
    let mut run = timeline(Named::XaBlocked.scenario(), 0);
    run.run_until(secs(2));
    for node in [ORDER, ACCOUNT, STOCK] {
        assert_eq!(db(&run, node).lock_holder(), Some(0), "node {node} holds the lock");
    }
    run.run_until(secs(4));
    assert_eq!(db(&run, ACCOUNT).xa.get(&0), Some(&XaState::Ended));
    assert_eq!(db(&run, ACCOUNT).lock_holder(), None);
}

#[test]
fn the_transfer_moves_money_from_bank_1_to_bank_2() {
    let run = replay(Named::CrossBankTransfer);
    assert_eq!((db(&run, 1).holding.available, db(&run, 2).holding.available), (800, 1200));
}

fn balances(run: &TxnTimeline) -> (i64, i64) {
    (db(run, PRODUCER).holding.available, db(run, CONSUMER).holding.available)
}

fn broker_state(run: &TxnTimeline, gid: u64) -> Option<crate::txn::broker::MessageState> {
    run.world().node(BROKER)?.durable?.broker.messages.get(&gid).map(|m| m.state)
}

#[test]
fn the_local_message_table_debits_with_its_row_and_resends_until_acknowledged() {
    use crate::txn::db::OutboxStatus;
    let happy = replay(Named::LocalMessageHappyPath);
    assert_eq!(balances(&happy), (700, 1300));
    assert!(db(&happy, PRODUCER).outbox.values().all(|r| r.status == OutboxStatus::Acked));
    assert_eq!(happy.checker().consistency().count, 3);
    let resend = replay(Named::LocalMessageResendIdempotent);
    assert_eq!(balances(&resend), (900, 1100));
    assert!(events(&resend).iter().any(|(n, e)| *n == Some(PRODUCER) && matches!(e, TxnEvent::Resent { gid: 0, .. })));
    assert!(db(&resend, CONSUMER).counts.duplicates >= 1);
    assert_eq!(db(&resend, CONSUMER).processed.len(), 1);
    assert!(db(&replay(Named::LocalMessageResend), CONSUMER).processed.is_empty());
}

#[test]
fn transactional_messages_commit_roll_back_and_check_back_as_rocketmq_does() {
    use crate::txn::broker::MessageState;
    let happy = replay(Named::TxMessageHappyPath);
    assert_eq!(balances(&happy), (700, 1300));
    assert_eq!(counters(happy.world()).confirmed, 3);
    let rollback = replay(Named::TxMessageRollback);
    assert_eq!((broker_state(&rollback, 0), balances(&rollback)), (Some(MessageState::RolledBack), (50, 50)));
    for named in [Named::ProducerCrashAfterCommit, Named::CommitLost] {
        let run = replay(named);
        assert_eq!(broker_state(&run, 0), Some(MessageState::Consumed), "{named:?}");
        assert_eq!(balances(&run), (900, 1100), "{named:?}");
        assert!(events(&run).iter().any(|(_, e)| matches!(e, TxnEvent::CheckedBack { gid: 0, .. })), "{named:?}");
    }
    let before = replay(Named::ProducerCrashBeforeCommit);
    assert_eq!((broker_state(&before, 0), balances(&before)), (Some(MessageState::RolledBack), (1000, 1000)));
    let exhausted = replay(Named::ChecksExhausted);
    assert_eq!((broker_state(&exhausted, 0), balances(&exhausted)), (Some(MessageState::Discarded), (900, 1000)));
    assert_eq!(counters(exhausted.world()).check_backs, 3);
}

#[test]
fn a_redelivered_message_is_skipped_by_an_idempotent_consumer() {
    let run = replay(Named::ConsumerRetryIdempotent);
    assert_eq!(balances(&run), (900, 1100));
    assert!(events(&run).iter().any(|(_, e)| matches!(e, TxnEvent::Redelivered { gid: 0, times: 1 })));
    assert_eq!(db(&run, CONSUMER).counts.duplicates, 1);
}

/// The message patterns' scenarios as files (`src/lab/txn/scenarios/<id>.json`), the form the
/// command-line runner and the page's import take.
const MESSAGE_FILES: [(Named, &str); 11] = [
    (Named::LocalMessageHappyPath, include_str!("local-message-happy-path.json")),
    (Named::LocalMessageResend, include_str!("local-message-resend.json")),
    (Named::LocalMessageResendIdempotent, include_str!("local-message-resend-idempotent.json")),
    (Named::TxMessageHappyPath, include_str!("tx-message-happy-path.json")),
    (Named::TxMessageRollback, include_str!("tx-message-rollback.json")),
    (Named::ProducerCrashAfterCommit, include_str!("producer-crash-after-commit.json")),
    (Named::ProducerCrashBeforeCommit, include_str!("producer-crash-before-commit.json")),
    (Named::CommitLost, include_str!("commit-lost.json")),
    (Named::ConsumerRetry, include_str!("consumer-retry.json")),
    (Named::ConsumerRetryIdempotent, include_str!("consumer-retry-idempotent.json")),
    (Named::ChecksExhausted, include_str!("checks-exhausted.json")),
];

#[test]
fn each_message_scenario_file_is_its_named_scenario_and_shows_its_outcome_from_the_file_alone() {
    for (named, file) in MESSAGE_FILES {
        assert_eq!(file.trim_end(), named.scenario().to_json(), "{}.json is not the named scenario", named.id());
        let report = run_json(file, None).unwrap();
        match named.outcome() {
            Outcome::Holds => assert_eq!(report.violation, None, "{}", named.id()),
            Outcome::Breaks { invariant, code } => {
                let v = report.violation.unwrap_or_else(|| panic!("{}: nothing broke", named.id()));
                assert_eq!((v.invariant, v.code), (invariant, code), "{}", named.id());
            }
        }
    }
    let ids: Vec<&str> = MESSAGE_FILES.iter().map(|f| f.0.id()).collect();
    let message_patterns: Vec<&str> =
        Named::ALL.iter().filter(|n| n.scenario().config.pattern.by_message()).map(|n| n.id()).collect();
    assert_eq!(ids, message_patterns, "every message scenario has its file");
}
