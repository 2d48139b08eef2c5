//! Named scenarios: one per lesson of the transactions lab, each a plain scenario (configuration
//! and timed actions) that shows its point within a few seconds of virtual time. The network is a
//! fixed 10 ms a hop, so that a fault lands at a known moment of the flow: the Begin reaches the TX
//! Manager at 10 ms, the Trys reach the services at 20 ms, their answers the manager at 30 ms, the
//! Confirms the services at 40 ms. Under transactional messages: the Begin reaches bank 1 (the
//! producer) at 10 ms, the half message the broker at 20 ms, SEND_OK bank 1 at 30 ms (its local
//! transaction commits), the Commit the broker at 40 ms, the message bank 2 at 50 ms.

use super::{TxnScenario, LAB};
use crate::sim::{ms, secs, Action, NetworkConfig, NodeId, SimTime, TimedAction};
use crate::txn::guard::Protection;
use crate::txn::{Pattern, TxnConfig, TxnInput, Workload, BROKER, CONSUMER, MANAGER, PRODUCER};

/// The payment's order service.
pub const ORDER: NodeId = 1;
/// The payment's account service.
pub const ACCOUNT: NodeId = 2;
/// The payment's stock service.
pub const STOCK: NodeId = 3;
/// The payment's first application node.
pub const APP: NodeId = 4;

/// A named scenario of the transactions lab.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Named {
    /// Three payments, every Try succeeds, every branch is confirmed.
    HappyPath,
    /// The account has too little money: its Try fails and every branch is cancelled.
    FailedTry,
    /// A Try is lost; the Cancel of a branch that never froze releases money (no protection).
    EmptyRollback,
    /// The same with DTM's barrier: the Cancel finds no Try key and does nothing.
    EmptyRollbackBarrier,
    /// The Trys arrive after their Cancels and freeze money forever (a status row only).
    Hanging,
    /// The same with DTM's barrier: the late Trys are refused.
    HangingBarrier,
    /// The same with Seata's fence: the suspended rows refuse the late Trys.
    HangingFence,
    /// Every Confirm is delivered twice and applied twice (no idempotency).
    DuplicateConfirm,
    /// The same with the barrier: the second copy is recognised and skipped.
    DuplicateConfirmIdempotent,
    /// The manager dies mid-phase-2 and, back, finishes the Confirms from its log.
    ManagerCrashPhaseTwo,
    /// The manager dies before logging its decision and, back, cancels.
    ManagerCrashBeforeDecision,
    /// Saga: the stock step fails; the account and order steps are compensated in reverse.
    SagaCompensation,
    /// Saga: a second payment reads a balance that a later compensation restores.
    SagaDirtyRead,
    /// Saga: a compensation runs before its delayed forward step, which then creates an order
    /// nobody paid for (a status row only).
    CompensationBeforeAction,
    /// The same with the barrier: the late forward step is refused.
    CompensationBeforeActionBarrier,
    /// 2PC: the coordinator dies after the prepares; the participants hold their locks until it
    /// returns.
    XaBlocked,
    /// The cross-bank transfer: A at bank 1 pays B at bank 2, under TCC.
    CrossBankTransfer,
    /// Local message table: the debit and its message row in one local transaction; the relay
    /// delivers, the receiver acknowledges.
    LocalMessageHappyPath,
    /// Local message table: acknowledgements are lost, the monitor sends the row again, and a
    /// receiver without a processed table credits twice.
    LocalMessageResend,
    /// The same with the processed-message table: the second copy is skipped.
    LocalMessageResendIdempotent,
    /// Transactional messages: half message, local transaction, Commit, delivery, consumption.
    TxMessageHappyPath,
    /// Transactional messages: the local transaction fails, ROLLBACK_MESSAGE, nothing delivered.
    TxMessageRollback,
    /// The producer dies after its local commit, before its Commit reaches the broker: the
    /// check-back finds the record and commits.
    ProducerCrashAfterCommit,
    /// The producer dies before its local transaction: the check-back finds nothing and rolls back.
    ProducerCrashBeforeCommit,
    /// The Commit is lost in the network: the check-back commits.
    CommitLost,
    /// The consumer's listener fails after crediting; the redelivery credits again (not idempotent).
    ConsumerRetry,
    /// The same with an idempotent consumer: the redelivery is skipped.
    ConsumerRetryIdempotent,
    /// The producer is cut off until `transactionCheckMax` check-backs are spent: the broker
    /// discards a message whose debit committed.
    ChecksExhausted,
}

/// What the batch run (`distlab-sim run`) says of a named scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Every invariant holds, the quiet-state ones included.
    Holds,
    /// An invariant breaks, with this violation code.
    Breaks {
        /// The invariant's name.
        invariant: &'static str,
        /// The violation's code.
        code: &'static str,
    },
}

impl Named {
    /// Every named scenario, in the order the page lists them.
    pub const ALL: [Named; 28] = [
        Named::HappyPath,
        Named::FailedTry,
        Named::EmptyRollback,
        Named::EmptyRollbackBarrier,
        Named::Hanging,
        Named::HangingBarrier,
        Named::HangingFence,
        Named::DuplicateConfirm,
        Named::DuplicateConfirmIdempotent,
        Named::ManagerCrashPhaseTwo,
        Named::ManagerCrashBeforeDecision,
        Named::SagaCompensation,
        Named::SagaDirtyRead,
        Named::CompensationBeforeAction,
        Named::CompensationBeforeActionBarrier,
        Named::XaBlocked,
        Named::CrossBankTransfer,
        Named::LocalMessageHappyPath,
        Named::LocalMessageResend,
        Named::LocalMessageResendIdempotent,
        Named::TxMessageHappyPath,
        Named::TxMessageRollback,
        Named::ProducerCrashAfterCommit,
        Named::ProducerCrashBeforeCommit,
        Named::CommitLost,
        Named::ConsumerRetry,
        Named::ConsumerRetryIdempotent,
        Named::ChecksExhausted,
    ];

    /// The stable id (select values, share links, test hooks).
    pub fn id(self) -> &'static str {
        match self {
            Named::HappyPath => "happy-path",
            Named::FailedTry => "failed-try",
            Named::EmptyRollback => "empty-rollback",
            Named::EmptyRollbackBarrier => "empty-rollback-barrier",
            Named::Hanging => "hanging",
            Named::HangingBarrier => "hanging-barrier",
            Named::HangingFence => "hanging-fence",
            Named::DuplicateConfirm => "duplicate-confirm",
            Named::DuplicateConfirmIdempotent => "duplicate-confirm-idempotent",
            Named::ManagerCrashPhaseTwo => "manager-crash-phase-two",
            Named::ManagerCrashBeforeDecision => "manager-crash-before-decision",
            Named::SagaCompensation => "saga-compensation",
            Named::SagaDirtyRead => "saga-dirty-read",
            Named::CompensationBeforeAction => "compensation-before-action",
            Named::CompensationBeforeActionBarrier => "compensation-before-action-barrier",
            Named::XaBlocked => "xa-blocked",
            Named::CrossBankTransfer => "cross-bank-transfer",
            Named::LocalMessageHappyPath => "local-message-happy-path",
            Named::LocalMessageResend => "local-message-resend",
            Named::LocalMessageResendIdempotent => "local-message-resend-idempotent",
            Named::TxMessageHappyPath => "tx-message-happy-path",
            Named::TxMessageRollback => "tx-message-rollback",
            Named::ProducerCrashAfterCommit => "producer-crash-after-commit",
            Named::ProducerCrashBeforeCommit => "producer-crash-before-commit",
            Named::CommitLost => "commit-lost",
            Named::ConsumerRetry => "consumer-retry",
            Named::ConsumerRetryIdempotent => "consumer-retry-idempotent",
            Named::ChecksExhausted => "checks-exhausted",
        }
    }

    /// The scenario named `id`, if there is one.
    pub fn from_id(id: &str) -> Option<Named> {
        Named::ALL.into_iter().find(|n| n.id() == id)
    }

    /// What the scenario teaches, in one English sentence (the page translates it by its id).
    pub fn description(self) -> &'static str {
        match self {
            Named::HappyPath => {
                "The TX Manager logs each payment, calls Try on the order, account and stock services, and once all three froze their resource, calls Confirm on all three."
            }
            Named::FailedTry => {
                "One Try fails (the account has too little money), so the TX Manager calls Cancel on every branch and the frozen stock and pending order are released."
            }
            Named::EmptyRollback => {
                "A lost Try times out and the Cancel reaches a branch that never froze anything: without protection it releases money that was never frozen (empty rollback)."
            }
            Named::EmptyRollbackBarrier => {
                "With DTM's sub-transaction barrier the Cancel first inserts the Try key, finds that the Try never ran, and does nothing."
            }
            Named::Hanging => {
                "Trys delayed past their timeout arrive after their Cancels; a status row alone stops the empty rollback but lets the late Try freeze money no one will ever release (hanging)."
            }
            Named::HangingBarrier => {
                "With the barrier, the Cancel left a Try key behind, so the late Try is refused and nothing stays frozen."
            }
            Named::HangingFence => {
                "With Seata's TCC fence, the Cancel marks the branch suspended, so the late Try is refused and nothing stays frozen."
            }
            Named::DuplicateConfirm => {
                "The network delivers every Confirm twice; a branch that is not idempotent applies it twice."
            }
            Named::DuplicateConfirmIdempotent => {
                "With the barrier, the second Confirm finds its key already inserted and is answered without effect: Confirm and Cancel must be idempotent."
            }
            Named::ManagerCrashPhaseTwo => {
                "The TX Manager dies after logging its decision and sending the Confirms; back from its transaction log, it sends them again and the branches skip the repeats."
            }
            Named::ManagerCrashBeforeDecision => {
                "The TX Manager dies after every Try succeeded but before logging a decision; back, it finds the transaction still trying and cancels it."
            }
            Named::SagaCompensation => {
                "Saga runs its forward steps in order and each is final at once; when the stock step fails, the account and order steps are compensated in reverse order."
            }
            Named::SagaDirtyRead => {
                "Saga has no isolation: a second payment sees the balance debited by a step that is later compensated, and fails for money it would have had (a dirty read)."
            }
            Named::CompensationBeforeAction => {
                "A forward step delayed past a manager crash arrives after its compensation; with a status row only, it creates an order nobody paid for."
            }
            Named::CompensationBeforeActionBarrier => {
                "With the barrier, the compensation left the forward step's key behind, so the late step is refused."
            }
            Named::XaBlocked => {
                "In two-phase commit, prepared participants hold their locks; the coordinator dies after the prepares and every row stays locked until it returns: why business-level patterns exist."
            }
            Named::CrossBankTransfer => {
                "A transfer of 100 from A at bank 1 to B at bank 2 under TCC: money is frozen at bank 1 and incoming at bank 2 until the Confirms make it final."
            }
            Named::LocalMessageHappyPath => {
                "Bank 1 debits A and writes a message row in one local transaction; its relay, polling every 100 ms, sends the row, bank 2 credits B and acknowledges, and the row is marked done: nothing frozen, consistent a poll later."
            }
            Named::LocalMessageResend => {
                "Bank 2's acknowledgements are lost, so the request looks timed out rather than done; the monitor sends the row again and a receiver without a processed-message table credits B twice."
            }
            Named::LocalMessageResendIdempotent => {
                "With the processed-message table, written in the same local transaction as the credit, bank 2 recognises the resent row, skips it and acknowledges: the receiver must be idempotent."
            }
            Named::TxMessageHappyPath => {
                "Bank 1 sends a half message that the broker stores but does not deliver, debits A in its local transaction, and sends COMMIT_MESSAGE; only then does the broker deliver the message and bank 2 credit B."
            }
            Named::TxMessageRollback => {
                "A has too little money, so the local transaction fails and bank 1 answers ROLLBACK_MESSAGE: the broker discards the half message and bank 2 never hears of it."
            }
            Named::ProducerCrashAfterCommit => {
                "Bank 1 commits its local transaction but dies before its COMMIT_MESSAGE reaches the broker; after transactionTimeout (scaled to 1 s) the broker checks back, the restarted producer finds its record and commits."
            }
            Named::ProducerCrashBeforeCommit => {
                "Bank 1 dies after the half message is stored but before its local transaction; the check-back finds no record and no send in progress, so the answer is ROLLBACK_MESSAGE and nothing is delivered."
            }
            Named::CommitLost => {
                "The network loses bank 1's COMMIT_MESSAGE; the half message stays undeliverable until the broker's check-back asks and the producer answers COMMIT_MESSAGE from its record."
            }
            Named::ConsumerRetry => {
                "Bank 2's listener fails after its credit committed, answering RECONSUME_LATER; the broker delivers the message again and a consumer that is not idempotent credits B twice."
            }
            Named::ConsumerRetryIdempotent => {
                "With an idempotent consumer the redelivered message finds its id in the processed table and is skipped: at-least-once delivery needs an idempotent consumer."
            }
            Named::ChecksExhausted => {
                "Bank 1 commits but is cut off from the broker until transactionCheckMax (scaled to 3) check-backs go unanswered; the broker discards the half message and A's debit never reaches B."
            }
        }
    }

    /// What the batch run finds.
    pub fn outcome(self) -> Outcome {
        let breaks = |invariant, code| Outcome::Breaks { invariant, code };
        match self {
            Named::EmptyRollback => breaks("Money Conserved", "released_unfrozen"),
            Named::Hanging => breaks("All Or Nothing", "left_frozen"),
            Named::DuplicateConfirm => breaks("Applied Once", "applied_twice"),
            Named::CompensationBeforeAction => breaks("Orders Match", "order_mismatch"),
            Named::LocalMessageResend | Named::ConsumerRetry => breaks("Applied Once", "applied_twice"),
            Named::ChecksExhausted => breaks("All Or Nothing", "discarded_committed"),
            _ => Outcome::Holds,
        }
    }

    /// The scenario: configuration and timed actions (its `until` is where the lesson is shown).
    pub fn scenario(self) -> TxnScenario {
        let tcc = |protection| TxnConfig { protection, ..base() };
        let saga = |protection| TxnConfig { pattern: Pattern::Saga, protection, ..base() };
        match self {
            Named::HappyPath => {
                scenario(TxnConfig { transactions: 3, interval: ms(200), ..base() }, Vec::new(), secs(2))
            }
            Named::FailedTry => scenario(TxnConfig { balance: 50, ..base() }, vec![pay(0, APP)], secs(2)),
            Named::EmptyRollback => lost_try(tcc(Protection::None)),
            Named::EmptyRollbackBarrier => lost_try(tcc(Protection::Barrier)),
            Named::Hanging => late_try(tcc(Protection::TryRecord)),
            Named::HangingBarrier => late_try(tcc(Protection::Barrier)),
            Named::HangingFence => late_try(tcc(Protection::Fence)),
            Named::DuplicateConfirm => duplicated_confirm(tcc(Protection::None)),
            Named::DuplicateConfirmIdempotent => duplicated_confirm(tcc(Protection::Barrier)),
            Named::ManagerCrashPhaseTwo => manager_crash(base(), ms(35), secs(1), secs(2)),
            Named::ManagerCrashBeforeDecision => manager_crash(base(), ms(25), secs(1), secs(2)),
            Named::SagaCompensation => {
                scenario(TxnConfig { stock: 0, ..saga(Protection::Barrier) }, vec![pay(0, APP)], secs(2))
            }
            Named::SagaDirtyRead => {
                let config = TxnConfig { clients: 2, balance: 100, stock: 0, ..saga(Protection::Barrier) };
                scenario(config, vec![pay(0, APP), pay(ms(30), APP + 1)], secs(2))
            }
            Named::CompensationBeforeAction => compensation_before_action(saga(Protection::TryRecord)),
            Named::CompensationBeforeActionBarrier => compensation_before_action(saga(Protection::Barrier)),
            Named::XaBlocked => manager_crash(TxnConfig { pattern: Pattern::Xa, ..base() }, ms(25), secs(3), secs(4)),
            Named::CrossBankTransfer => {
                let config = TxnConfig { workload: Workload::Transfer, transactions: 2, interval: ms(200), ..base() };
                scenario(config, Vec::new(), secs(2))
            }
            Named::LocalMessageHappyPath => {
                let config = TxnConfig { transactions: 3, interval: ms(200), ..messages(Pattern::LocalMessage) };
                scenario(config, Vec::new(), secs(2))
            }
            Named::LocalMessageResend => lost_acks(false),
            Named::LocalMessageResendIdempotent => lost_acks(true),
            Named::TxMessageHappyPath => {
                let config = TxnConfig { transactions: 3, interval: ms(200), ..messages(Pattern::TxMessage) };
                scenario(config, Vec::new(), secs(2))
            }
            Named::TxMessageRollback => {
                scenario(TxnConfig { balance: 50, ..messages(Pattern::TxMessage) }, vec![pay(0, TRANSFER_APP)], secs(2))
            }
            Named::ProducerCrashAfterCommit => {
                let actions = vec![
                    pay(0, TRANSFER_APP),
                    (ms(25), Action::LinkDown { from: PRODUCER, to: BROKER }),
                    (ms(35), Action::Crash { node: PRODUCER }),
                    (ms(100), Action::LinkUp { from: PRODUCER, to: BROKER }),
                    (ms(500), Action::Restart { node: PRODUCER }),
                ];
                scenario(messages(Pattern::TxMessage), actions, secs(3))
            }
            Named::ProducerCrashBeforeCommit => {
                let actions = vec![
                    pay(0, TRANSFER_APP),
                    (ms(25), Action::Crash { node: PRODUCER }),
                    (ms(500), Action::Restart { node: PRODUCER }),
                ];
                scenario(messages(Pattern::TxMessage), actions, secs(3))
            }
            Named::CommitLost => {
                let actions = vec![
                    pay(0, TRANSFER_APP),
                    (ms(25), Action::LinkDown { from: PRODUCER, to: BROKER }),
                    (ms(35), Action::LinkUp { from: PRODUCER, to: BROKER }),
                ];
                scenario(messages(Pattern::TxMessage), actions, secs(3))
            }
            Named::ConsumerRetry => failed_consume(false),
            Named::ConsumerRetryIdempotent => failed_consume(true),
            Named::ChecksExhausted => {
                let actions = vec![
                    pay(0, TRANSFER_APP),
                    (ms(25), Action::LinkDown { from: PRODUCER, to: BROKER }),
                    (ms(35), Action::LinkDown { from: BROKER, to: PRODUCER }),
                    (ms(3200), Action::LinkUp { from: PRODUCER, to: BROKER }),
                    (ms(3200), Action::LinkUp { from: BROKER, to: PRODUCER }),
                ];
                scenario(messages(Pattern::TxMessage), actions, secs(4))
            }
        }
    }
}

/// The transfer's application node.
pub const TRANSFER_APP: NodeId = 3;

/// The transfer under a message pattern, a fixed 10 ms network, RocketMQ's times scaled for the
/// lesson (said on the page): the first check-back after 1 s instead of 6 s, scans every 500 ms
/// instead of 60 s, 3 checks instead of 15, a consumer retry after 200 ms instead of 10 s.
pub fn messages(pattern: Pattern) -> TxnConfig {
    TxnConfig {
        pattern,
        workload: Workload::Transfer,
        send_timeout: ms(300),
        transaction_timeout: secs(1),
        transaction_check_interval: ms(500),
        transaction_check_max: 3,
        consume_timeout: secs(1),
        reconsume_delay: ms(200),
        ..base()
    }
}

/// Bank 2's acknowledgements are lost for 600 ms: the monitor sends the row again.
fn lost_acks(idempotent: bool) -> TxnScenario {
    let actions = vec![
        pay(0, TRANSFER_APP),
        (0, Action::LinkDown { from: CONSUMER, to: PRODUCER }),
        (ms(600), Action::LinkUp { from: CONSUMER, to: PRODUCER }),
    ];
    scenario(TxnConfig { idempotent, ..messages(Pattern::LocalMessage) }, actions, secs(2))
}

/// Bank 2's listener fails once after crediting: RECONSUME_LATER, redelivered 200 ms later.
fn failed_consume(idempotent: bool) -> TxnScenario {
    let actions =
        vec![pay(0, TRANSFER_APP), (0, Action::Input { node: CONSUMER, input: TxnInput::FailConsume { times: 1 } })];
    scenario(TxnConfig { idempotent, ..messages(Pattern::TxMessage) }, actions, secs(1))
}

/// The course's payment under TCC with the barrier, a fixed 10 ms network, no transactions of its
/// own (the scenario's actions start them).
fn base() -> TxnConfig {
    TxnConfig {
        transactions: 0,
        network: NetworkConfig { latency_min: ms(10), latency_max: ms(10), ..NetworkConfig::default() },
        ..TxnConfig::default()
    }
}

/// A scenario of `config` with `actions`, shown by `until`.
fn scenario(config: TxnConfig, actions: Vec<(SimTime, Action<TxnInput>)>, until: SimTime) -> TxnScenario {
    let mut scenario = TxnScenario::new(LAB, 1, config);
    scenario.actions = actions.into_iter().map(|(at, action)| TimedAction { at, action }).collect();
    scenario.until = Some(until);
    scenario
}

/// Application node `node` pays 100 for one item at `at`.
fn pay(at: SimTime, node: NodeId) -> (SimTime, Action<TxnInput>) {
    (at, Action::Input { node, input: TxnInput::Pay { amount: 100, quantity: 1 } })
}

/// The account's Try is lost (its link is down for 100 ms); the manager times out and cancels.
fn lost_try(config: TxnConfig) -> TxnScenario {
    let actions = vec![
        pay(0, APP),
        (0, Action::LinkDown { from: MANAGER, to: ACCOUNT }),
        (ms(100), Action::LinkUp { from: MANAGER, to: ACCOUNT }),
    ];
    scenario(config, actions, secs(2))
}

/// The Trys, sent at 10 ms, take 2 s (past the 500 ms timeout); the Cancels overtake them.
fn late_try(config: TxnConfig) -> TxnScenario {
    let actions = vec![
        pay(0, APP),
        (ms(5), Action::SetLatency { min: secs(2), max: secs(2) }),
        (ms(15), Action::SetLatency { min: ms(10), max: ms(10) }),
        (ms(15), Action::SetReordering { ppm: 1_000_000 }),
    ];
    scenario(config, actions, secs(3))
}

/// Every message sent from 25 ms to 35 ms is delivered twice: the Confirms, sent at 30 ms.
fn duplicated_confirm(config: TxnConfig) -> TxnScenario {
    let actions = vec![
        pay(0, APP),
        (ms(25), Action::SetDuplication { ppm: 1_000_000 }),
        (ms(35), Action::SetDuplication { ppm: 0 }),
    ];
    scenario(config, actions, secs(2))
}

/// The manager dies at `crash` and restarts at `restart`.
fn manager_crash(config: TxnConfig, crash: SimTime, restart: SimTime, until: SimTime) -> TxnScenario {
    let actions =
        vec![pay(0, APP), (crash, Action::Crash { node: MANAGER }), (restart, Action::Restart { node: MANAGER })];
    scenario(config, actions, until)
}

/// The order's forward step takes 2 s; the manager dies and, back from its log, compensates every
/// branch before that step arrives.
fn compensation_before_action(config: TxnConfig) -> TxnScenario {
    let actions = vec![
        pay(0, APP),
        (ms(5), Action::SetLatency { min: secs(2), max: secs(2) }),
        (ms(15), Action::Crash { node: MANAGER }),
        (ms(15), Action::SetLatency { min: ms(10), max: ms(10) }),
        (ms(15), Action::SetReordering { ppm: 1_000_000 }),
        (ms(100), Action::Restart { node: MANAGER }),
    ];
    scenario(config, actions, secs(3))
}

#[cfg(test)]
mod tests;
