//! A participant's local database: its one holding (an account or a stock row), the orders table,
//! the protections' tables (DTM's barrier, Seata's fence, a hand-written status row), XA's prepared
//! records, and a ledger of every business change applied. Every change is part of a local
//! transaction: a list of [`Change`]s applied and persisted together, or not at all.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::gid_map::GidMap;

/// A global transaction's id, given by the TX Manager.
pub type Gid = u64;

/// One call a branch answers: TCC's three, Saga's two, XA's three.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// TCC phase 1: reserve the resource (freeze).
    Try,
    /// TCC phase 2: make the reservation final.
    Confirm,
    /// TCC phase 2: release the reservation.
    Cancel,
    /// Saga: the forward step, final at once.
    Action,
    /// Saga: undo a forward step.
    Compensate,
    /// XA: do the change and hold its lock.
    Prepare,
    /// XA: make the prepared change final.
    Commit,
    /// XA: undo the prepared change.
    Rollback,
    /// Local message table and transactional messages: the producer's local transaction (debit A
    /// together with its message row, or the record `checkLocalTransaction` reads), final at once.
    Debit,
    /// The consumer's local transaction on a delivered message (credit B), final at once.
    Credit,
}

/// Where an op stands in its pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The first call (Try, Action, Prepare).
    First,
    /// The call that makes the change final (Confirm, Commit).
    Finish,
    /// The call that undoes (Cancel, Compensate, Rollback).
    Undo,
}

impl Op {
    /// The op's stage.
    pub fn stage(self) -> Stage {
        match self {
            Op::Try | Op::Action | Op::Prepare | Op::Debit | Op::Credit => Stage::First,
            Op::Confirm | Op::Commit => Stage::Finish,
            Op::Cancel | Op::Compensate | Op::Rollback => Stage::Undo,
        }
    }

    /// The first call this op follows (the key an undo inserts in the barrier).
    pub fn first(self) -> Op {
        match self {
            Op::Try | Op::Confirm | Op::Cancel => Op::Try,
            Op::Action | Op::Compensate => Op::Action,
            Op::Prepare | Op::Commit | Op::Rollback => Op::Prepare,
            Op::Debit => Op::Debit,
            Op::Credit => Op::Credit,
        }
    }

    /// Whether the first call only reserves (Try, XA PREPARE) rather than being final at once.
    pub fn freezes(self) -> bool {
        matches!(self.first(), Op::Try | Op::Prepare)
    }

    /// The name used in traces and drawings.
    pub fn name(self) -> &'static str {
        match self {
            Op::Try => "Try",
            Op::Confirm => "Confirm",
            Op::Cancel => "Cancel",
            Op::Action => "Action",
            Op::Compensate => "Compensate",
            Op::Prepare => "XA PREPARE",
            Op::Commit => "XA COMMIT",
            Op::Rollback => "XA ROLLBACK",
            Op::Debit => "Debit",
            Op::Credit => "Credit",
        }
    }
}

/// A participant service of the workload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    /// The order service: pending, then created (or cancelled).
    Order,
    /// The account service: the buyer's money, available, frozen, debited.
    Account,
    /// The stock service: items available and reserved.
    Stock,
    /// Bank 1 of the transfer: account A is debited.
    Bank1,
    /// Bank 2 of the transfer: account B is credited.
    Bank2,
}

impl Service {
    /// The service's name in the page and in sentences.
    pub fn name(self) -> &'static str {
        match self {
            Service::Order => "order",
            Service::Account => "account",
            Service::Stock => "stock",
            Service::Bank1 => "bank 1",
            Service::Bank2 => "bank 2",
        }
    }

    /// Whether its holding is money (Money Conserved) rather than items (Stock Conserved).
    pub fn is_money(self) -> bool {
        matches!(self, Service::Account | Service::Bank1 | Service::Bank2)
    }

    /// Whether its holding is credited (bank 2) rather than debited.
    pub fn is_credit(self) -> bool {
        self == Service::Bank2
    }

    /// Whether it has a holding (every service but the orders).
    pub fn has_holding(self) -> bool {
        self != Service::Order
    }
}

/// An account or stock row: what can be used, and what is frozen (reserved by a Try, held by an
/// XA prepare; for a credit, the incoming amount not yet usable).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Holding {
    /// Usable now.
    pub available: i64,
    /// Frozen by transactions in progress.
    pub frozen: i64,
}

/// An order's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Tried (TCC) or prepared (XA).
    Pending,
    /// Final.
    Created,
    /// Cancelled or compensated.
    Cancelled,
}

impl OrderStatus {
    /// The name in the page and in traces.
    pub fn name(self) -> &'static str {
        match self {
            OrderStatus::Pending => "pending",
            OrderStatus::Created => "created",
            OrderStatus::Cancelled => "cancelled",
        }
    }
}

/// A branch's row in Seata's fence log (`tcc_fence_log`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FenceState {
    /// The Try (or Action) ran.
    Tried,
    /// Confirmed.
    Committed,
    /// Cancelled after its Try.
    RolledBack,
    /// Cancelled before any Try: a later Try is refused.
    Suspended,
}

impl FenceState {
    /// The name in the page (Seata's status words).
    pub fn name(self) -> &'static str {
        match self {
            FenceState::Tried => "tried",
            FenceState::Committed => "committed",
            FenceState::RolledBack => "rolled_back",
            FenceState::Suspended => "suspended",
        }
    }
}

/// A branch's XA state at this resource manager.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum XaState {
    /// Prepared: the change is done and its lock held.
    Prepared,
    /// Committed or rolled back: the xid is finished.
    Ended,
}

impl XaState {
    /// The name in the page.
    pub fn name(self) -> &'static str {
        match self {
            XaState::Prepared => "prepared",
            XaState::Ended => "ended",
        }
    }
}

/// A business change that took effect, as the checker reads the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Applied {
    /// The global transaction.
    pub gid: Gid,
    /// The call.
    pub op: Op,
    /// The amount (money or items; 0 for orders).
    pub amount: i64,
}

/// What the protections caught and what the lab counts, per participant.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Counts {
    /// Cancels (or compensations) for branches whose first call never ran, detected and skipped.
    pub empty_rollbacks: u64,
    /// First calls arriving after their undo, refused.
    pub hangings: u64,
    /// Repeated calls recognised and not applied again.
    pub duplicates: u64,
    /// Saga: reads of a balance that a later compensation restored.
    pub dirty_reads: u64,
    /// XA: prepares refused because another transaction held the lock.
    pub blocked: u64,
    /// Local message table: message rows the monitor sent again.
    pub resent: u64,
}

/// A counter to increment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Counter {
    /// An empty rollback caught.
    EmptyRollback,
    /// A hanging caught.
    Hanging,
    /// A duplicate skipped.
    Duplicate,
    /// Dirty reads seen.
    DirtyReads(u64),
    /// A prepare blocked by a lock.
    Blocked,
    /// A message row sent again by the monitor.
    Resent,
}

/// One change of a local transaction.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Change {
    /// Add to the holding's columns.
    Holding { available: i64, frozen: i64 },
    /// Set an order's state.
    Order { gid: Gid, status: OrderStatus },
    /// Insert a row in DTM's barrier table.
    Barrier { gid: Gid, op: Op },
    /// Set the branch's row in Seata's fence log.
    Fence { gid: Gid, state: FenceState },
    /// Set the branch's row in the hand-written status table.
    Record { gid: Gid, op: Op },
    /// Set the branch's XA state.
    Xa { gid: Gid, state: XaState },
    /// Append to the ledger.
    Ledger(Applied),
    /// Insert or update a row of the local message table.
    Outbox { gid: Gid, row: OutboxRow },
    /// Insert a message id in the consumer's processed-message table.
    Processed { gid: Gid },
    /// Increment a counter.
    Count(Counter),
}

/// Where a row of the local message table stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxStatus {
    /// Written with the debit; not yet acknowledged by the receiver.
    Pending,
    /// The receiver acknowledged it: done.
    Acked,
}

impl OutboxStatus {
    /// The name in the page.
    pub fn name(self) -> &'static str {
        match self {
            OutboxStatus::Pending => "pending",
            OutboxStatus::Acked => "acked",
        }
    }
}

/// A row of the local message table (eBay's message queue in the sender's database).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct OutboxRow {
    /// The money to credit at the receiver.
    pub amount: i64,
    /// Pending or acknowledged.
    pub status: OutboxStatus,
}

/// A participant's local database.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Db {
    /// The account or stock row.
    pub holding: Holding,
    /// The orders table (order service).
    pub orders: GidMap<OrderStatus>,
    /// DTM's barrier table: (gid, op), the branch being this service.
    pub barrier: BTreeSet<(Gid, Op)>,
    /// Seata's fence log, one row per branch.
    pub fence: BTreeMap<Gid, FenceState>,
    /// The hand-written status table: the last op applied per branch.
    pub records: BTreeMap<Gid, Op>,
    /// XA branches.
    pub xa: BTreeMap<Gid, XaState>,
    /// The local message table (the sender's outbox), one row per transfer.
    pub outbox: GidMap<OutboxRow>,
    /// The outbox rows still pending, by id (an index on the status column).
    pub outbox_pending: BTreeSet<Gid>,
    /// The consumer's processed-message table: ids of messages already applied.
    pub processed: BTreeSet<Gid>,
    /// Every business change applied, in order.
    pub ledger: Vec<Applied>,
    /// What was caught and counted.
    pub counts: Counts,
}

impl Db {
    /// A fresh database holding `available`.
    pub fn new(available: i64) -> Self {
        Self { holding: Holding { available, frozen: 0 }, ..Self::default() }
    }

    /// Apply one local transaction.
    pub fn commit(&mut self, changes: &[Change]) {
        for change in changes {
            self.apply(change);
        }
    }

    fn apply(&mut self, change: &Change) {
        match *change {
            Change::Holding { available, frozen } => {
                self.holding.available += available;
                self.holding.frozen += frozen;
            }
            Change::Order { gid, status } => {
                self.orders.insert(gid, status);
            }
            Change::Barrier { gid, op } => {
                self.barrier.insert((gid, op));
            }
            Change::Fence { gid, state } => {
                self.fence.insert(gid, state);
            }
            Change::Record { gid, op } => {
                self.records.insert(gid, op);
            }
            Change::Xa { gid, state } => {
                self.xa.insert(gid, state);
            }
            Change::Outbox { gid, row } => {
                if row.status == OutboxStatus::Pending {
                    self.outbox_pending.insert(gid);
                } else {
                    self.outbox_pending.remove(&gid);
                }
                self.outbox.insert(gid, row);
            }
            Change::Processed { gid } => {
                self.processed.insert(gid);
            }
            Change::Ledger(applied) => self.ledger.push(applied),
            Change::Count(counter) => {
                let c = &mut self.counts;
                match counter {
                    Counter::EmptyRollback => c.empty_rollbacks += 1,
                    Counter::Hanging => c.hangings += 1,
                    Counter::Duplicate => c.duplicates += 1,
                    Counter::DirtyReads(n) => c.dirty_reads += n,
                    Counter::Blocked => c.blocked += 1,
                    Counter::Resent => c.resent += 1,
                }
            }
        }
    }

    /// The transaction holding the XA lock on the row, if any.
    pub fn lock_holder(&self) -> Option<Gid> {
        self.xa.iter().find(|(_, s)| **s == XaState::Prepared).map(|(g, _)| *g)
    }

    /// The business change of `op` on this service, or `None` if the business refuses it
    /// (not enough money or stock): the local transaction then rolls back.
    pub fn business(&self, service: Service, gid: Gid, op: Op, amount: i64) -> Option<Vec<Change>> {
        let holding = |available, frozen| Change::Holding { available, frozen };
        let enough = self.holding.available >= amount;
        let change = match (service, op.stage(), op) {
            (_, _, Op::Credit) => holding(amount, 0),
            (_, _, Op::Debit) if !enough => return None,
            (_, _, Op::Debit) => holding(-amount, 0),
            (Service::Order, Stage::First, Op::Action) => Change::Order { gid, status: OrderStatus::Created },
            (Service::Order, Stage::First, _) => Change::Order { gid, status: OrderStatus::Pending },
            (Service::Order, Stage::Finish, _) => Change::Order { gid, status: OrderStatus::Created },
            (Service::Order, Stage::Undo, _) => Change::Order { gid, status: OrderStatus::Cancelled },
            (s, Stage::First, Op::Action) if s.is_credit() => holding(amount, 0),
            (s, Stage::First, _) if s.is_credit() => holding(0, amount),
            (s, Stage::Finish, _) if s.is_credit() => holding(amount, -amount),
            (s, Stage::Undo, Op::Compensate) if s.is_credit() => holding(-amount, 0),
            (s, Stage::Undo, _) if s.is_credit() => holding(0, -amount),
            (_, Stage::First, _) if !enough => return None,
            (_, Stage::First, Op::Action) => holding(-amount, 0),
            (_, Stage::First, _) => holding(-amount, amount),
            (_, Stage::Finish, _) => holding(0, -amount),
            (_, Stage::Undo, Op::Compensate) => holding(amount, 0),
            (_, Stage::Undo, _) => holding(amount, -amount),
        };
        Some(vec![change, Change::Ledger(Applied { gid, op, amount })])
    }
}
