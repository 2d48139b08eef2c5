//! The transactions page's view model: plain data computed from a world (and the checker's
//! verdict), drawn by the page. The services with their tables, the TX Manager's log with each
//! global transaction's state, the application nodes, the counters and the invariants.
//!
//! Everything is read from the disks (a crashed service still shows what it committed) and
//! recomputed per frame in O(nodes + transactions + messages).

pub mod inspect;

use super::TxnTimeline;
use crate::lab::view::{self as shared, ClusterModel, LogLine, NodeModel, Note};
use crate::sim::{NodeId, NodeStatus, SimTime, Violation, World};
use crate::txn::broker::{MessageState, StoredMessage};
use crate::txn::checker::{counters as totals, settled, Consistency, TxnCounters, INVARIANTS, LIVENESS};
use crate::txn::db::{Counts, Db, FenceState, Gid, Holding, Op, OrderStatus, OutboxRow, Service, XaState};
use crate::txn::guard::Protection;
use crate::txn::manager::{GlobalStatus, LogRecord, TxLog};
use crate::txn::{Pattern, TxnConfig, TxnEvent, TxnNode, BROKER, MANAGER, PRODUCER};

/// A node's role in the transactions lab.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// The TX Manager: the transaction log, phase 1 and phase 2.
    Manager,
    /// A participant service (a TCC component) with its local database.
    Service(Service),
    /// An application node starting global transactions.
    Application,
    /// The RocketMQ broker (transactional messages, in the manager's place).
    Broker,
    /// The manager's place, unused by the local message table (no coordinator).
    NoCoordinator,
}

impl Role {
    /// The role of node `id` in `config`.
    pub fn of(config: &TxnConfig, id: NodeId) -> Role {
        match config.service_at(id) {
            _ if id == MANAGER && config.pattern == Pattern::TxMessage => Role::Broker,
            _ if id == MANAGER && config.pattern == Pattern::LocalMessage => Role::NoCoordinator,
            _ if id == MANAGER => Role::Manager,
            Some(service) => Role::Service(service),
            None => Role::Application,
        }
    }

    /// The vocabulary key (`data-role`, colour and translation).
    pub fn name(self) -> &'static str {
        match self {
            Role::Manager => "tx_manager",
            Role::Service(Service::Order) => "order_service",
            Role::Service(Service::Account) => "account_service",
            Role::Service(Service::Stock) => "stock_service",
            Role::Service(Service::Bank1) => "bank_1",
            Role::Service(Service::Bank2) => "bank_2",
            Role::Application => "application",
            Role::Broker => "broker",
            Role::NoCoordinator => "no_coordinator",
        }
    }
}

/// A global transaction's state as the page shows it (the lecture's flow).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TxState {
    /// Phase 1: the Trys (forward steps, XA prepares) are under way.
    Trying,
    /// Decided to confirm (commit); the Confirms are under way.
    Confirming,
    /// Decided to cancel (compensate, roll back); the Cancels are under way.
    Cancelling,
    /// Every branch answered phase 2; the log says success or failure.
    Done,
}

impl TxState {
    /// The state of a transaction whose log says `status`.
    pub fn of(status: GlobalStatus) -> TxState {
        match status {
            GlobalStatus::Trying => TxState::Trying,
            GlobalStatus::Confirming => TxState::Confirming,
            GlobalStatus::Cancelling => TxState::Cancelling,
            GlobalStatus::Succeeded | GlobalStatus::Failed => TxState::Done,
        }
    }

    /// The vocabulary key (`data-state`, colour and translation).
    pub fn name(self) -> &'static str {
        match self {
            TxState::Trying => "trying",
            TxState::Confirming => "confirming",
            TxState::Cancelling => "cancelling",
            TxState::Done => "done",
        }
    }
}

/// One global transaction in the TX Manager's log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TxRow {
    /// Its global id.
    pub gid: Gid,
    /// The application node that asked for it.
    pub client: NodeId,
    /// Money moved.
    pub amount: i64,
    /// Items bought.
    pub quantity: i64,
    /// Where it stands.
    pub state: TxState,
    /// Once done: whether every branch was confirmed (true) or cancelled (false).
    pub succeeded: Option<bool>,
    /// When it began, on the manager's clock.
    pub begun_at: SimTime,
    /// How long it took to end, once done.
    pub settle_time: Option<SimTime>,
}

impl TxRow {
    fn of(gid: Gid, r: &LogRecord) -> TxRow {
        TxRow {
            gid,
            client: r.client,
            amount: r.amount,
            quantity: r.quantity,
            state: TxState::of(r.status),
            succeeded: r.status.is_final().then_some(r.status == GlobalStatus::Succeeded),
            begun_at: r.begun_at,
            settle_time: r.settle_time(),
        }
    }
}

/// The TX Manager as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManagerView {
    /// Up, down or paused (its log is shown either way: it is on disk).
    pub status: NodeStatus,
    /// The newest [`SHOWN_LOG_ROWS`] global transactions of its log, by id.
    pub log: Vec<TxRow>,
    /// Global transactions in the whole log.
    pub total: u64,
}

/// Rows of the manager's log kept in the view (the newest).
pub const SHOWN_LOG_ROWS: usize = 12;

/// The table a branch's protection keeps, as the page draws it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GuardTable {
    /// No protection: no table.
    None,
    /// The hand-written status table: the last call applied per branch.
    StatusRows(Vec<(Gid, Op)>),
    /// DTM's sub-transaction barrier: one (gid, op) row per call that passed it.
    Barrier(Vec<(Gid, Op)>),
    /// Seata's TCC fence log: one row per branch.
    Fence(Vec<(Gid, FenceState)>),
    /// XA: the resource manager's branches (prepared ones hold the row lock).
    Xa(Vec<(Gid, XaState)>),
    /// Local message table: the sender's message rows.
    Outbox(Vec<(Gid, OutboxRow)>),
    /// Transactional messages: the producer's records of committed local transactions (what
    /// `checkLocalTransaction` reads).
    TxRecords(Vec<Gid>),
    /// The receiver's processed-message table.
    Processed(Vec<Gid>),
    /// A receiver with no processed-message table.
    NoProcessed,
}

impl GuardTable {
    /// The table of `db` under `pattern` and `protection` (XA keeps its own, whatever the protection).
    pub fn of(db: &Db, pattern: Pattern, protection: Protection) -> GuardTable {
        match (pattern, protection) {
            (Pattern::Xa, _) => GuardTable::Xa(rows(&db.xa)),
            (p, _) if p.by_message() => GuardTable::None,
            (_, Protection::None) => GuardTable::None,
            (_, Protection::TryRecord) => GuardTable::StatusRows(rows(&db.records)),
            (_, Protection::Barrier) => GuardTable::Barrier(newest(db.barrier.iter().copied())),
            (_, Protection::Fence) => GuardTable::Fence(rows(&db.fence)),
        }
    }

    /// How many rows the whole table has (the view keeps the newest [`SHOWN_ROWS`]).
    pub fn total(db: &Db, pattern: Pattern, protection: Protection) -> u64 {
        let n = match (pattern, protection) {
            (Pattern::Xa, _) => db.xa.len(),
            (p, _) if p.by_message() => 0,
            (_, Protection::None) => 0,
            (_, Protection::TryRecord) => db.records.len(),
            (_, Protection::Barrier) => db.barrier.len(),
            (_, Protection::Fence) => db.fence.len(),
        };
        n as u64
    }

    /// The table of `service`'s `db` under `config`: the message patterns' tables for the two
    /// banks under a message pattern, the protection's otherwise.
    pub fn of_service(db: &Db, config: &TxnConfig, service: Service) -> (GuardTable, u64) {
        let ids = |set: &std::collections::BTreeSet<Gid>| newest(set.iter().copied());
        match (config.pattern, service) {
            (Pattern::LocalMessage, Service::Bank1) => {
                (GuardTable::Outbox(rows(db.outbox.iter())), db.outbox.len() as u64)
            }
            (Pattern::TxMessage, Service::Bank1) => {
                (GuardTable::TxRecords(newest(db.records.keys().copied())), db.records.len() as u64)
            }
            (p, _) if p.by_message() && config.idempotent => {
                (GuardTable::Processed(ids(&db.processed)), db.processed.len() as u64)
            }
            (p, _) if p.by_message() => (GuardTable::NoProcessed, 0),
            (p, _) => (GuardTable::of(db, p, config.protection), GuardTable::total(db, p, config.protection)),
        }
    }

    /// The vocabulary key of the table's title.
    pub fn name(&self) -> &'static str {
        match self {
            GuardTable::Outbox(_) => "outbox",
            GuardTable::TxRecords(_) => "tx_records",
            GuardTable::Processed(_) => "processed",
            GuardTable::NoProcessed => "no_processed",
            GuardTable::None => "no_protection",
            GuardTable::StatusRows(_) => "status_table",
            GuardTable::Barrier(_) => "barrier_table",
            GuardTable::Fence(_) => "fence_log",
            GuardTable::Xa(_) => "xa_branches",
        }
    }
}

/// Rows of a service's table kept in the view: the newest (a long run has thousands, and a frame
/// must not copy or draw them all).
pub const SHOWN_ROWS: usize = 8;

/// The newest [`SHOWN_ROWS`] of `rows`, in order.
fn newest<T>(rows: impl DoubleEndedIterator<Item = T>) -> Vec<T> {
    let mut kept: Vec<T> = rows.rev().take(SHOWN_ROWS).collect();
    kept.reverse();
    kept
}

/// The newest [`SHOWN_ROWS`] rows of a table keyed by global id, in id order.
fn rows<'a, T: Copy + 'a, I>(table: I) -> Vec<(Gid, T)>
where
    I: IntoIterator<Item = (&'a Gid, &'a T)>,
    I::IntoIter: DoubleEndedIterator,
{
    newest(table.into_iter().map(|(g, v)| (*g, *v)))
}

/// A participant service with its local database's tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceView {
    /// Node id.
    pub node: NodeId,
    /// Which service.
    pub service: Service,
    /// Up, down or paused (its tables are on disk and shown either way).
    pub status: NodeStatus,
    /// The account or stock row (available and frozen); `None` for the order service.
    pub holding: Option<Holding>,
    /// The newest rows of the orders table (order service).
    pub orders: Vec<(Gid, OrderStatus)>,
    /// Rows of the whole orders table.
    pub orders_total: u64,
    /// The newest rows of the protection's table.
    pub table: GuardTable,
    /// Rows of the whole protection's table.
    pub table_total: u64,
    /// What its protection caught and counted.
    pub counts: Counts,
}

/// An application node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AppRow {
    /// Node id.
    pub node: NodeId,
    /// Up, down or paused.
    pub status: NodeStatus,
    /// Transactions still to start on its own.
    pub remaining: u32,
    /// Requests sent.
    pub sent: u64,
    /// Answered as succeeded.
    pub succeeded: u64,
    /// Answered as failed.
    pub failed: u64,
}

/// The broker of transactional messages as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokerView {
    /// Up, down or paused (its store is on disk and shown either way).
    pub status: NodeStatus,
    /// The newest [`SHOWN_LOG_ROWS`] messages of its store, by id.
    pub messages: Vec<(Gid, StoredMessage)>,
    /// Messages in the whole store.
    pub total: u64,
    /// Half messages waiting for their second confirmation.
    pub half: u64,
    /// RocketMQ's `transactionTimeout`, `transactionCheckInterval` and `transactionCheckMax` in force.
    pub timeout: SimTime,
    /// `transactionCheckInterval`.
    pub interval: SimTime,
    /// `transactionCheckMax`.
    pub check_max: u32,
}

/// The local message table's relay as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelayView {
    /// The producer's status.
    pub status: NodeStatus,
    /// The newest rows of the message table, with the sends of each in the producer's present
    /// life (0: not sent since it booted).
    pub rows: Vec<(Gid, OutboxRow, u32)>,
    /// Rows in the whole table.
    pub total: u64,
    /// Rows pending.
    pub pending: u64,
    /// The relay's poll interval.
    pub relay_interval: SimTime,
    /// The monitor's interval.
    pub monitor_interval: SimTime,
}

/// The counters of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// Started, confirmed, cancelled, retries, what the protections caught (from the disks).
    pub totals: TxnCounters,
    /// Transactions not yet ended.
    pub in_progress: u64,
    /// Mean time from begin to end of the ended transactions (manager's clock).
    pub settle_mean: Option<SimTime>,
    /// Longest time from begin to end.
    pub settle_max: Option<SimTime>,
    /// Time to consistency (from a transaction's first local commit until every service agrees).
    pub consistency: Consistency,
}

/// Everything the transactions page draws at one instant.
#[derive(Clone, Debug, PartialEq)]
pub struct TxnView {
    /// Virtual time now.
    pub now: SimTime,
    /// The pattern every transaction follows.
    pub pattern: Pattern,
    /// The branches' protection.
    pub protection: Protection,
    /// Nodes, links, messages in flight, recent drops.
    pub cluster: ClusterModel,
    /// The TX Manager and its log.
    pub manager: ManagerView,
    /// The broker, under transactional messages.
    pub broker: Option<BrokerView>,
    /// The relay, under the local message table.
    pub relay: Option<RelayView>,
    /// The participant services, in branch order.
    pub services: Vec<ServiceView>,
    /// The application nodes.
    pub apps: Vec<AppRow>,
    /// The counters.
    pub counters: Counters,
    /// Every invariant by name (Liveness last), with its violation if it was broken.
    pub invariants: Vec<(&'static str, Option<Violation>)>,
    /// Recent trace lines, newest last.
    pub log: Vec<LogLine>,
    /// The nodes the run's verdict names (flagged in the cluster view).
    pub flagged: Vec<NodeId>,
}

/// The run's verdict: its first violation, or, once the run is quiet (every fault healed and
/// every retry settled), what the quiet-state invariants find (All Or Nothing, Orders Match).
pub fn verdict(timeline: &TxnTimeline) -> Option<Violation> {
    match timeline.violation() {
        Some(v) => Some(v.clone()),
        None if settled(timeline.world()) => timeline.checker().clone().check_quiet(timeline.world()),
        None => None,
    }
}

/// The page's view of a run, judged by its [`verdict`], with `log_limit` trace lines; each node
/// says its role first, so that a projected cluster names the TX Manager without the legend.
pub fn view(timeline: &TxnTimeline, log_limit: usize) -> TxnView {
    let verdict = verdict(timeline);
    let mut view = view_of(timeline.world(), verdict.as_ref(), log_limit);
    for node in &mut view.cluster.nodes {
        node.lines.insert(0, Note::word(node.role));
    }
    view.counters.consistency = timeline.checker().consistency();
    view.flagged = verdict.map(|v| v.nodes).unwrap_or_default();
    view
}

/// The page's view of `world`, given the run's first violation, with `log_limit` trace lines.
pub fn view_of(world: &World<TxnNode>, violation: Option<&Violation>, log_limit: usize) -> TxnView {
    let config = world.config();
    let log = log_of(world);
    let services = services(world);
    let apps = apps(world);
    let broker = broker_view(world);
    TxnView {
        now: world.now(),
        pattern: config.pattern,
        protection: config.protection,
        cluster: ClusterModel {
            nodes: nodes_of(world, log, broker.as_ref(), &services, &apps),
            links: shared::links_of(world),
            messages: shared::messages_of(world),
            drops: shared::recent_drops(world),
        },
        manager: ManagerView {
            status: world.status(MANAGER).unwrap_or(NodeStatus::Down),
            log: log
                .map(|l| {
                    let mut rows: Vec<TxRow> =
                        l.txns.iter().rev().take(SHOWN_LOG_ROWS).map(|(g, r)| TxRow::of(*g, r)).collect();
                    rows.reverse();
                    rows
                })
                .unwrap_or_default(),
            total: log.map_or(0, |l| l.txns.len() as u64),
        },
        broker,
        relay: relay_view(world),
        counters: counters(world),
        invariants: invariants(violation),
        log: shared::log_lines(world, log_limit, describe_event),
        flagged: violation.map(|v| v.nodes.clone()).unwrap_or_default(),
        services,
        apps,
    }
}

/// The broker's store as on its disk, under transactional messages.
pub fn broker_view(world: &World<TxnNode>) -> Option<BrokerView> {
    let config = world.config();
    if config.pattern != Pattern::TxMessage {
        return None;
    }
    let n = world.node(BROKER)?;
    let empty = Default::default();
    let store = n.durable.map_or(&empty, |d| &d.broker);
    let half = store.open().filter(|(_, m)| m.state == MessageState::Half).count() as u64;
    let messages = newest(store.messages.iter().map(|(g, m)| (*g, *m)));
    Some(BrokerView {
        status: n.status,
        messages,
        total: store.messages.len() as u64,
        half,
        timeout: config.transaction_timeout,
        interval: config.transaction_check_interval,
        check_max: config.transaction_check_max,
    })
}

/// The producer's message table and relay, under the local message table.
pub fn relay_view(world: &World<TxnNode>) -> Option<RelayView> {
    let config = world.config();
    if config.pattern != Pattern::LocalMessage {
        return None;
    }
    let n = world.node(PRODUCER)?;
    let empty = Db::default();
    let db = n.durable.map_or(&empty, |d| &d.db);
    let sends = |gid: &Gid| {
        n.process.and_then(TxnNode::participant).and_then(|p| p.messaging.in_flight.get(gid)).map_or(0, |s| s.1)
    };
    let rows = newest(db.outbox.iter().map(|(g, r)| (*g, *r, sends(g))));
    Some(RelayView {
        status: n.status,
        rows,
        total: db.outbox.len() as u64,
        pending: db.outbox_pending.len() as u64,
        relay_interval: config.relay_interval,
        monitor_interval: config.monitor_interval,
    })
}

/// The manager's log as on its disk.
fn log_of(world: &World<TxnNode>) -> Option<&TxLog> {
    world.node(MANAGER)?.durable.map(|d| &d.log)
}

/// Every invariant's name, Liveness last, paired with `violation` if it is the one broken.
pub fn invariants(violation: Option<&Violation>) -> Vec<(&'static str, Option<Violation>)> {
    INVARIANTS
        .iter()
        .chain([LIVENESS].iter())
        .map(|&name| (name, violation.filter(|v| v.invariant == name).cloned()))
        .collect()
}

/// The participant services, in branch order, from their disks.
pub fn services(world: &World<TxnNode>) -> Vec<ServiceView> {
    let config = world.config();
    let mut out = Vec::with_capacity(config.services().len());
    for (b, &service) in config.services().iter().enumerate() {
        let node = 1 + b as NodeId;
        let Some(n) = world.node(node) else { continue };
        let empty = Db::default();
        let db = n.durable.map_or(&empty, |d| &d.db);
        out.push(ServiceView {
            node,
            service,
            status: n.status,
            holding: service.has_holding().then_some(db.holding),
            orders: rows(db.orders.iter()),
            orders_total: db.orders.len() as u64,
            table: GuardTable::of_service(db, config, service).0,
            table_total: GuardTable::of_service(db, config, service).1,
            counts: db.counts,
        });
    }
    out
}

/// The application nodes.
pub fn apps(world: &World<TxnNode>) -> Vec<AppRow> {
    (world.config().first_client()..world.node_count())
        .filter_map(|id| world.node(id))
        .map(|n| {
            let a = n.process.and_then(TxnNode::app);
            AppRow {
                node: n.id,
                status: n.status,
                remaining: a.map_or(0, |a| a.remaining),
                sent: a.map_or(0, |a| a.sent),
                succeeded: a.map_or(0, |a| a.succeeded),
                failed: a.map_or(0, |a| a.failed),
            }
        })
        .collect()
}

/// The run's counters: the disks' totals, transactions in progress, and the time to settle.
pub fn counters(world: &World<TxnNode>) -> Counters {
    let mut c = Counters { totals: totals(world), ..Counters::default() };
    if world.config().pattern == Pattern::TxMessage {
        c.in_progress = world.node(BROKER).and_then(|n| n.durable).map_or(0, |d| d.broker.open().count() as u64);
        return c;
    }
    if let Some(r) = relay_view(world) {
        c.in_progress = r.pending;
        return c;
    }
    let Some(log) = log_of(world) else { return c };
    c.in_progress = log.unfinished().count() as u64;
    let times: Vec<SimTime> = log.txns.values().filter_map(LogRecord::settle_time).collect();
    if !times.is_empty() {
        c.settle_mean = Some(times.iter().sum::<SimTime>() / times.len() as SimTime);
        c.settle_max = times.iter().max().copied();
    }
    c
}

/// The nodes as drawn: role, status, and a few lines each.
fn nodes_of(
    world: &World<TxnNode>,
    log: Option<&TxLog>,
    broker: Option<&BrokerView>,
    services: &[ServiceView],
    apps: &[AppRow],
) -> Vec<NodeModel> {
    let node = |id: NodeId, lines: Vec<Note>| NodeModel {
        id,
        status: world.status(id).unwrap_or(NodeStatus::Down),
        role: Role::of(world.config(), id).name(),
        term: None,
        lines,
    };
    let mut nodes = Vec::with_capacity(world.node_count() as usize);
    let open = log.map_or(0, |l| l.unfinished().count());
    let ended = log.map_or(0, |l| l.txns.len() - open);
    let first = match broker {
        Some(b) => vec![Note::new("half_messages", b.half.to_string()), Note::new("messages", b.total.to_string())],
        None if world.config().pattern == Pattern::LocalMessage => Vec::new(),
        None => vec![Note::new("in_progress", open.to_string()), Note::new("ended", ended.to_string())],
    };
    nodes.push(node(MANAGER, first));
    for s in services {
        let lines = match s.holding {
            Some(h) => vec![Note::new("available", h.available.to_string()), Note::new("frozen", h.frozen.to_string())],
            None => vec![Note::new("orders", s.orders_total.to_string())],
        };
        nodes.push(node(s.node, lines));
    }
    for a in apps {
        nodes.push(node(
            a.node,
            vec![Note::new("succeeded", a.succeeded.to_string()), Note::new("failed", a.failed.to_string())],
        ));
    }
    nodes
}

/// A transactions event's name (translated by the page) and its details for the event log.
pub fn describe_event(event: &TxnEvent) -> (&'static str, String) {
    let list = |gids: &[Gid]| gids.iter().map(|g| format!("#{g}")).collect::<Vec<_>>().join(" ");
    match event {
        TxnEvent::Begun { gid } => ("begun", format!("#{gid}")),
        TxnEvent::Decided { gid, commit } => {
            (if *commit { "decided_confirm" } else { "decided_cancel" }, format!("#{gid}"))
        }
        TxnEvent::Ended { gid, committed } => (if *committed { "succeeded" } else { "failed" }, format!("#{gid}")),
        TxnEvent::Retried { gid, op } => ("retried", format!("{} #{gid}", op.name())),
        TxnEvent::Applied { gid, op } => ("applied", format!("{} #{gid}", op.name())),
        TxnEvent::Refused { gid, op } => ("refused_call", format!("{} #{gid}", op.name())),
        TxnEvent::Skipped { gid, op } => ("skipped", format!("{} #{gid}", op.name())),
        TxnEvent::EmptyRollbackCaught { gid } => ("empty_rollback_caught", format!("#{gid}")),
        TxnEvent::HangingCaught { gid } => ("hanging_caught", format!("#{gid}")),
        TxnEvent::DirtyRead { gid, readers } => ("dirty_read", format!("#{gid} → {}", list(readers))),
        TxnEvent::Recovered { gids } => ("recovered", list(gids)),
        TxnEvent::LocalCommitted { gid } => ("local_committed", format!("#{gid}")),
        TxnEvent::LocalRolledBack { gid: Some(gid) } => ("local_rolled_back", format!("#{gid}")),
        TxnEvent::LocalRolledBack { gid: None } => ("local_rolled_back", String::new()),
        TxnEvent::Resent { gid, attempt } => ("resent", format!("#{gid} ×{attempt}")),
        TxnEvent::Acked { gid } => ("acked", format!("#{gid}")),
        TxnEvent::HalfStored { gid } => ("half_stored", format!("#{gid}")),
        TxnEvent::Confirmed { gid, state } => ("end_transaction", format!("{} #{gid}", state.name())),
        TxnEvent::CheckedBack { gid, check } => ("checked_back", format!("#{gid} ×{check}")),
        TxnEvent::Discarded { gid } => ("discarded", format!("#{gid}")),
        TxnEvent::Redelivered { gid, times } => ("redelivered", format!("#{gid} ×{times}")),
        TxnEvent::DeadLettered { gid } => ("dead_lettered", format!("#{gid}")),
        TxnEvent::Consumed { gid } => ("consumed", format!("#{gid}")),
        TxnEvent::ConsumeFailed { gid } => ("consume_failed", format!("#{gid}")),
    }
}

#[cfg(test)]
mod tests;
