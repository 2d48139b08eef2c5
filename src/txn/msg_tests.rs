//! The message patterns' behaviours, each pinned by a short run on the transfer (bank 1 pays bank
//! 2, a fixed 10 ms network): the local message table's relay, monitor and idempotent receiver;
//! RocketMQ's half message, second confirmation, check-back, discard and consumer retry; time to
//! consistency; and seed sweeps with random faults.

use super::broker::{LocalTransactionState, MessageState};
use super::checker::counters;
use super::db::OutboxStatus;
use super::fuzz::{fuzz_config, fuzz_one, FuzzFailure};
use super::guard::Protection;
use super::tests::{db, quiet, run, Run};
use super::{Pattern, TxnConfig, TxnEvent, TxnInput, Workload, BROKER, CONSUMER, PRODUCER};
use crate::sim::{ms, secs, Action, ClusterConfig, NetworkConfig, NodeId, SimTime, TraceEvent};

/// The transfer's application node.
const APP: NodeId = 3;

/// The transfer under `pattern`, a 10 ms network, RocketMQ's times scaled (first check after
/// 1 s, scans every 500 ms, 3 checks; redelivery after 200 ms), no transactions of its own.
fn config(pattern: Pattern) -> TxnConfig {
    TxnConfig {
        pattern,
        workload: Workload::Transfer,
        transactions: 0,
        send_timeout: ms(300),
        transaction_timeout: secs(1),
        transaction_check_interval: ms(500),
        transaction_check_max: 3,
        consume_timeout: secs(1),
        reconsume_delay: ms(200),
        network: NetworkConfig { latency_min: ms(10), latency_max: ms(10), ..NetworkConfig::default() },
        ..TxnConfig::default()
    }
}

fn pay(at: SimTime) -> (SimTime, Action<TxnInput>) {
    (at, Action::Input { node: APP, input: TxnInput::Pay { amount: 100, quantity: 1 } })
}

fn message(run: &Run, gid: u64) -> MessageState {
    run.world().node(BROKER).and_then(|n| n.durable).and_then(|d| d.broker.messages.get(&gid)).expect("stored").state
}

fn events(run: &Run) -> Vec<TxnEvent> {
    let entries = run.world().trace().entries();
    entries.filter_map(|e| if let TraceEvent::Engine(ev) = &e.event { Some(ev.clone()) } else { None }).collect()
}

fn code(run: &Run) -> Option<(&'static str, &'static str)> {
    run.violation().map(|v| (v.invariant, v.code))
}

/// Both banks' balances.
fn balances(run: &Run) -> (i64, i64) {
    (db(run, PRODUCER).holding.available, db(run, CONSUMER).holding.available)
}

#[test]
fn local_message_table_debits_with_its_row_and_the_relay_delivers_once() {
    let run = run(config(Pattern::LocalMessage), vec![pay(0), pay(ms(50)), pay(ms(100))], secs(2));
    assert_eq!(run.violation(), None);
    assert_eq!(quiet(&run), None);
    assert_eq!(balances(&run), (700, 1300));
    let outbox = &db(&run, PRODUCER).outbox;
    assert_eq!(outbox.len(), 3);
    assert!(outbox.values().all(|r| r.status == OutboxStatus::Acked && r.amount == 100));
    assert_eq!(db(&run, CONSUMER).processed.len(), 3);
    let c = run.checker().consistency();
    assert_eq!((c.count, c.open), (3, 0));
    // Committed at 10 ms, picked up by the relay's next 100 ms poll, credited 10 ms later.
    assert!(c.max <= ms(110) && c.mean().unwrap() >= ms(10), "{c:?}");
}

#[test]
fn local_message_table_refuses_a_transfer_without_the_money_and_writes_no_row() {
    let c = TxnConfig { balance: 50, ..config(Pattern::LocalMessage) };
    let run = run(c, vec![pay(0)], secs(1));
    assert_eq!(quiet(&run), None);
    assert_eq!(balances(&run), (50, 50));
    assert!(db(&run, PRODUCER).outbox.is_empty());
}

/// The acknowledgements from bank 2 are lost for 600 ms: the request timed out rather than
/// failed, and the monitor sends it again.
fn lost_acks(idempotent: bool) -> Run {
    let c = TxnConfig { idempotent, ..config(Pattern::LocalMessage) };
    let actions = vec![
        pay(0),
        (0, Action::LinkDown { from: CONSUMER, to: PRODUCER }),
        (ms(600), Action::LinkUp { from: CONSUMER, to: PRODUCER }),
    ];
    run(c, actions, secs(3))
}

#[test]
fn a_timed_out_row_sent_again_is_credited_twice_without_a_processed_table() {
    let run = lost_acks(false);
    assert_eq!(code(&run), Some(("Applied Once", "applied_twice")));
    assert!(events(&run).iter().any(|e| matches!(e, TxnEvent::Resent { gid: 0, .. })));
}

#[test]
fn the_processed_table_makes_the_resent_row_harmless() {
    let run = lost_acks(true);
    assert_eq!(run.violation(), None);
    assert_eq!(quiet(&run), None);
    assert_eq!(balances(&run), (900, 1100));
    assert!(db(&run, CONSUMER).counts.duplicates >= 1);
    assert!(counters(run.world()).redelivered >= 1);
    assert_eq!(db(&run, PRODUCER).outbox.get(&0).map(|r| r.status), Some(OutboxStatus::Acked));
}

#[test]
fn the_monitor_waits_by_its_retry_policy() {
    use super::RetryPolicy;
    assert_eq!(RetryPolicy::Fixed.wait(5, ms(200), ms(3200)), ms(200));
    assert_eq!(RetryPolicy::Backoff.wait(0, ms(200), ms(3200)), ms(200));
    assert_eq!(RetryPolicy::Backoff.wait(2, ms(200), ms(3200)), ms(800));
    assert_eq!(RetryPolicy::Backoff.wait(9, ms(200), ms(3200)), ms(3200));
}

#[test]
fn transactional_message_happy_path_half_commit_deliver_consume() {
    let run = run(config(Pattern::TxMessage), vec![pay(0), pay(ms(50))], secs(1));
    assert_eq!(quiet(&run), None);
    assert_eq!(balances(&run), (800, 1200));
    assert_eq!((message(&run, 0), message(&run, 1)), (MessageState::Consumed, MessageState::Consumed));
    let ev = events(&run);
    let order: Vec<&str> = ev
        .iter()
        .filter_map(|e| match e {
            TxnEvent::HalfStored { gid: 0 } => Some("half"),
            TxnEvent::LocalCommitted { gid: 0 } => Some("local"),
            TxnEvent::Confirmed { gid: 0, state: LocalTransactionState::CommitMessage } => Some("commit"),
            TxnEvent::Consumed { gid: 0 } => Some("consumed"),
            _ => None,
        })
        .collect();
    assert_eq!(order, ["half", "local", "commit", "consumed"]);
    // Half at 20 ms, local commit at 30 ms, Commit at 40 ms, consumed at 50 ms.
    assert_eq!(run.checker().consistency().max, ms(20));
}

#[test]
fn transactional_message_rollback_never_delivers() {
    let c = TxnConfig { balance: 50, ..config(Pattern::TxMessage) };
    let run = run(c, vec![pay(0)], secs(1));
    assert_eq!(quiet(&run), None);
    assert_eq!(message(&run, 0), MessageState::RolledBack);
    assert_eq!(balances(&run), (50, 50));
}

#[test]
fn producer_crash_after_local_commit_is_committed_by_the_check_back() {
    // SEND_OK reaches the producer at 30 ms, it commits and sends Commit, which its cut link
    // loses; it dies at 35 ms and returns at 500 ms. The check at 1.5 s finds its record.
    let actions = vec![
        pay(0),
        (ms(25), Action::LinkDown { from: PRODUCER, to: BROKER }),
        (ms(35), Action::Crash { node: PRODUCER }),
        (ms(100), Action::LinkUp { from: PRODUCER, to: BROKER }),
        (ms(500), Action::Restart { node: PRODUCER }),
    ];
    let run = run(config(Pattern::TxMessage), actions, secs(3));
    assert_eq!(quiet(&run), None);
    assert_eq!(message(&run, 0), MessageState::Consumed);
    assert_eq!(balances(&run), (900, 1100));
    assert!(events(&run).iter().any(|e| matches!(e, TxnEvent::CheckedBack { gid: 0, check: 1 })));
    assert!(run.checker().consistency().max >= secs(1));
}

#[test]
fn producer_crash_before_local_commit_is_rolled_back_by_the_check_back() {
    let actions =
        vec![pay(0), (ms(25), Action::Crash { node: PRODUCER }), (ms(500), Action::Restart { node: PRODUCER })];
    let run = run(config(Pattern::TxMessage), actions, secs(3));
    assert_eq!(quiet(&run), None);
    assert_eq!(message(&run, 0), MessageState::RolledBack);
    assert_eq!(balances(&run), (1000, 1000));
}

#[test]
fn a_check_back_during_the_send_is_answered_unknow() {
    // SEND_OK is lost: while the producer still waits for it (3 s) it answers the checks UNKNOW;
    // once its send timed out, the next check rolls back.
    let c = TxnConfig {
        send_timeout: secs(3),
        transaction_timeout: ms(400),
        transaction_check_max: 15,
        ..config(Pattern::TxMessage)
    };
    let actions = vec![
        pay(0),
        (ms(15), Action::LinkDown { from: BROKER, to: PRODUCER }),
        (ms(600), Action::LinkUp { from: BROKER, to: PRODUCER }),
    ];
    let run = run(c, actions, secs(6));
    assert!(events(&run).iter().any(|e| matches!(e, TxnEvent::Confirmed { state: LocalTransactionState::Unknow, .. })));
    assert_eq!(quiet(&run), None);
    assert_eq!(message(&run, 0), MessageState::RolledBack);
    assert_eq!(balances(&run), (1000, 1000));
}

#[test]
fn checks_exhausted_discard_a_committed_transfer() {
    // Commit is lost and the producer is cut off from the broker until its three checks are spent.
    let actions = vec![
        pay(0),
        (ms(25), Action::LinkDown { from: PRODUCER, to: BROKER }),
        (ms(35), Action::LinkDown { from: BROKER, to: PRODUCER }),
        (ms(3200), Action::LinkUp { from: PRODUCER, to: BROKER }),
        (ms(3200), Action::LinkUp { from: BROKER, to: PRODUCER }),
    ];
    let run = run(config(Pattern::TxMessage), actions, secs(4));
    assert_eq!(message(&run, 0), MessageState::Discarded);
    assert_eq!(balances(&run), (900, 1000));
    let v = quiet(&run).expect("the discard is caught");
    assert_eq!((v.invariant, v.code), ("All Or Nothing", "discarded_committed"));
    assert_eq!(counters(run.world()).check_backs, 3);
}

/// The consumer's listener throws once after crediting: RECONSUME_LATER, redelivered at 200 ms.
fn failed_consume(idempotent: bool) -> Run {
    let c = TxnConfig { idempotent, ..config(Pattern::TxMessage) };
    let actions = vec![pay(0), (0, Action::Input { node: CONSUMER, input: TxnInput::FailConsume { times: 1 } })];
    run(c, actions, secs(1))
}

#[test]
fn a_failed_consume_is_redelivered_and_credited_twice_without_idempotency() {
    let run = failed_consume(false);
    assert_eq!(code(&run), Some(("Applied Once", "applied_twice")));
}

#[test]
fn an_idempotent_consumer_skips_the_redelivery() {
    let run = failed_consume(true);
    assert_eq!(quiet(&run), None);
    assert_eq!(message(&run, 0), MessageState::Consumed);
    assert_eq!(balances(&run), (900, 1100));
    assert!(events(&run).iter().any(|e| matches!(e, TxnEvent::Redelivered { gid: 0, times: 1 })));
    assert_eq!(db(&run, CONSUMER).counts.duplicates, 1);
}

#[test]
fn a_consumer_failing_past_max_reconsume_times_is_dead_lettered_after_retries_at_growing_delays() {
    // Deliveries at 50 ms, then 200 ms, 600 ms and 1.2 s later (10 s, 30 s, 1 min scaled): the
    // listener applied the first (idempotent), so the dead letter loses nothing.
    let c = TxnConfig { max_reconsume_times: 2, ..config(Pattern::TxMessage) };
    let actions = vec![pay(0), (0, Action::Input { node: CONSUMER, input: TxnInput::FailConsume { times: 5 } })];
    let run = run(c, actions, secs(3));
    assert_eq!(message(&run, 0), MessageState::DeadLetter);
    assert!(events(&run).contains(&TxnEvent::Redelivered { gid: 0, times: 2 }));
    assert_eq!(quiet(&run), None);
    assert_eq!(balances(&run), (900, 1100));
}

#[test]
fn the_broker_keeps_its_store_across_a_crash_and_delivers_again() {
    // The broker dies right after Commit (40 ms), before the delivery's answer; back, it delivers
    // the committed message again.
    let actions = vec![pay(0), (ms(45), Action::Crash { node: BROKER }), (ms(300), Action::Restart { node: BROKER })];
    let run = run(config(Pattern::TxMessage), actions, secs(2));
    assert_eq!(quiet(&run), None);
    assert_eq!(message(&run, 0), MessageState::Consumed);
    assert_eq!(balances(&run), (900, 1100));
}

#[test]
fn the_message_patterns_move_the_transfer_only() {
    let bad = TxnConfig { pattern: Pattern::TxMessage, ..TxnConfig::default() };
    assert_eq!(bad.validate_lab().unwrap_err().0, "workload");
    let c: TxnConfig = serde_json::from_str(r#"{"pattern": "local_message", "workload": "transfer"}"#).unwrap();
    assert_eq!(c.pattern, Pattern::LocalMessage);
}

#[test]
fn fuzz_finds_nothing_in_the_message_patterns_with_an_idempotent_receiver() {
    for pattern in [Pattern::LocalMessage, Pattern::TxMessage] {
        let config = fuzz_config(pattern, Protection::Barrier, true);
        for seed in 0..40 {
            if let Some(found) = fuzz_one(&config, seed) {
                panic!("{pattern:?} seed {seed}: {found}");
            }
        }
    }
}

#[test]
fn fuzz_finds_the_double_credit_without_idempotency() {
    for pattern in [Pattern::LocalMessage, Pattern::TxMessage] {
        let config = TxnConfig { idempotent: false, ..fuzz_config(pattern, Protection::Barrier, true) };
        let found = (0..100).find_map(|seed| fuzz_one(&config, seed)).expect("a double credit");
        assert!(matches!(&found, FuzzFailure::Violation(v) if v.code == "applied_twice"), "{pattern:?}: {found}");
    }
}

#[test]
fn a_repeated_send_ok_after_a_repeated_begin_debits_once_per_half_message() {
    // Found by `distlab-sim fuzz --lab txn` (seed 5675): the application's Begin is delivered
    // twice, far apart, so the request waits again when the first half message's SEND_OK comes a
    // second time; that SEND_OK must not debit its message again.
    let config = fuzz_config(Pattern::TxMessage, Protection::Barrier, true);
    assert_eq!(fuzz_one(&config, 5675), None);
}
