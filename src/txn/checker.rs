//! The transactions lab's checker stands outside the protocol, as Jepsen's bank test does: it reads
//! each service's database and the history of business changes it applied, never the manager's
//! plans. After every event: Money Conserved, Stock Conserved, Applied Once. Once the run is quiet
//! ([`settled`]): All Or Nothing and Orders Match ([`TxnChecker::check_quiet`]).

use serde::Serialize;

use super::broker::{BrokerStore, MessageState};
use super::db::{Applied, Db, Gid, OrderStatus, Service, Stage};
use super::gid_map::GidMap;
use super::manager::{GlobalStatus, TxLog};
use super::{Pattern, TxnNode, BROKER, MANAGER, PRODUCER};
use crate::sim::{fill_facts, secs, Checker, NodeId, NodeStatus, SimTime, Violation, World};

/// Names of the invariants, in the order the page lists them.
pub const INVARIANTS: [&str; 5] =
    ["Money Conserved", "Stock Conserved", "Applied Once", "All Or Nothing", "Orders Match"];

/// The name of the liveness judgement: after the last fault heals, every transaction ends in time.
pub const LIVENESS: &str = "Liveness";

/// A branch as the history of its service says it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Held {
    /// Frozen by a first call (Try, XA PREPARE), not yet confirmed or cancelled.
    Frozen,
    /// Final (confirmed, committed, or a Saga forward step).
    Final,
    /// Cancelled, compensated or rolled back.
    Undone,
}

/// What the checker learned of one service from its history.
#[derive(Clone, Debug, Default)]
struct Watched {
    /// Ledger entries read so far.
    cursor: u64,
    /// Each branch's standing and amount.
    branches: GidMap<(Held, i64)>,
    /// Sum of the amounts frozen.
    frozen: i64,
    /// Sum of the amounts made final.
    out: i64,
}

/// A broken invariant before it is dated.
struct Broken {
    invariant: &'static str,
    node: NodeId,
    code: &'static str,
    facts: Vec<(&'static str, String)>,
}

fn broken(
    invariant: &'static str,
    node: NodeId,
    code: &'static str,
    facts: &[(&'static str, &dyn ToString)],
) -> Broken {
    let facts = facts.iter().map(|(n, v)| (*n, v.to_string())).collect();
    Broken { invariant, node, code, facts }
}

/// The English sentence of each violation code (the page translates the codes itself).
pub fn english(code: &str) -> &'static str {
    match code {
        "applied_twice" => "the {service} service applied {op} of transaction {gid} a second time",
        "out_of_order" => "the {service} service applied {op} of transaction {gid} after its branch was {state}",
        "negative" => "the {service} service holds {available} available and {frozen} frozen: below zero",
        "total_changed" => "{what} totals {total} but {initial} went in: {diff} created out of nothing or lost",
        "released_unfrozen" => {
            "the {service} service released {diff} that no transaction had frozen: created out of nothing"
        }
        "frozen_lost" => {
            "the {service} service holds {frozen} frozen but its transactions in progress froze {expected}"
        }
        "left_frozen" => "transaction {gid} is over but left {amount} frozen at the {service} service: frozen forever",
        "left_pending" => "transaction {gid} is over but left its order pending at the {service} service forever",
        "partial" => "transaction {gid} took effect at the {done} service but not at the {missing} service",
        "order_mismatch" => "order {gid} is {order} but the account branch is {account} and the stock branch {stock}",
        "discarded_committed" => {
            "transaction {gid} debited {amount} at bank 1 but the broker discarded its half message after {checks} check-backs: bank 2 is never credited"
        }
        "dead_letter" => {
            "message {gid} went to the dead-letter queue after {times} redeliveries: bank 1 was debited {amount}, bank 2 never credited"
        }
        "not_settled" => {
            "{unfinished} transactions still unfinished {within} s after everything was repaired at {healed} s"
        }
        _ => "an invariant broke",
    }
}

/// Time to consistency: how long after a transaction's first local commit every service agrees
/// (all final, or none final and nothing frozen), over the transactions that got there.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Consistency {
    /// Transactions that reached consistency.
    pub count: u64,
    /// Sum of their times to consistency.
    pub total: SimTime,
    /// The longest.
    pub max: SimTime,
    /// Transactions with a local commit that do not agree yet.
    pub open: u64,
}

impl Consistency {
    /// The mean time to consistency, if any transaction got there.
    pub fn mean(&self) -> Option<SimTime> {
        (self.count > 0).then(|| self.total / self.count)
    }
}

/// The kernel's checker for the transactions lab.
#[derive(Clone, Debug, Default)]
pub struct TxnChecker {
    watched: Vec<Watched>,
    /// Each transaction's first local commit, and whether it has reached consistency.
    first_commit: GidMap<(SimTime, bool)>,
    consistency: Consistency,
    /// The transactions read by the last catch-up (kept to spare an allocation per event).
    read: Vec<Gid>,
}

fn db_of(world: &World<TxnNode>, id: NodeId) -> Option<&Db> {
    world.node(id)?.durable.map(|d| &d.db)
}

fn state_name(held: Option<Held>) -> &'static str {
    match held {
        None => "never tried",
        Some(Held::Frozen) => "frozen",
        Some(Held::Final) => "final",
        Some(Held::Undone) => "undone",
    }
}

impl Watched {
    /// Read one applied change; a repeated or out-of-order one is returned as the state it met.
    fn read(&mut self, a: Applied) -> Result<(), Option<Held>> {
        let before = self.branches.get(&a.gid).map(|b| b.0);
        // Try and XA PREPARE freeze; Saga's forward step and the message patterns' local
        // transactions are final at once.
        let freezes = a.op.freezes();
        let after = match (a.op.stage(), before) {
            (Stage::First, None | Some(Held::Undone)) if freezes => Held::Frozen,
            (Stage::First, None | Some(Held::Undone)) => Held::Final,
            (Stage::Finish, Some(Held::Frozen)) => Held::Final,
            (Stage::Undo, None | Some(Held::Frozen)) if freezes => Held::Undone,
            (Stage::Undo, None | Some(Held::Final)) if !freezes => Held::Undone,
            _ => return Err(before),
        };
        self.set(a.gid, after, a.amount);
        Ok(())
    }

    fn set(&mut self, gid: Gid, held: Held, amount: i64) {
        if let Some((old, amt)) = self.branches.insert(gid, (held, amount)) {
            self.add(old, -amt);
        }
        self.add(held, amount);
    }

    fn add(&mut self, held: Held, amount: i64) {
        match held {
            Held::Frozen => self.frozen += amount,
            Held::Final => self.out += amount,
            Held::Undone => {}
        }
    }
}

impl TxnChecker {
    /// Time to consistency so far.
    pub fn consistency(&self) -> Consistency {
        self.consistency
    }

    /// Whether every service agrees on `gid`: nothing frozen, and all final or none.
    fn agrees(&self, gid: Gid) -> bool {
        let mut finals = 0;
        for w in &self.watched {
            match w.branches.get(&gid).map(|b| b.0) {
                Some(Held::Frozen) => return false,
                Some(Held::Final) => finals += 1,
                _ => {}
            }
        }
        finals == 0 || finals == self.watched.len()
    }

    /// A change of `gid` was read at `now`: date its first commit, and its consistency once reached.
    fn note(&mut self, gid: Gid, now: SimTime) {
        let (first, done) = match self.first_commit.get(&gid) {
            Some(&entry) => entry,
            None => {
                self.consistency.open += 1;
                (now, false)
            }
        };
        let agrees = !done && self.agrees(gid);
        if agrees {
            let c = &mut self.consistency;
            let took = now.saturating_sub(first);
            c.count += 1;
            c.total += took;
            c.max = c.max.max(took);
            c.open -= 1;
        }
        self.first_commit.insert(gid, (first, done || agrees));
    }

    /// Read the new history of every service; the first repeated or out-of-order change found.
    fn catch_up(&mut self, world: &World<TxnNode>) -> Option<Broken> {
        let services = world.config().services();
        self.watched.resize_with(services.len(), Watched::default);
        let mut found = None;
        let mut read = std::mem::take(&mut self.read);
        read.clear();
        for (b, (w, service)) in self.watched.iter_mut().zip(services).enumerate() {
            let node = 1 + b as NodeId;
            let Some(db) = db_of(world, node) else { continue };
            while let Some(&a) = db.ledger.get(w.cursor as usize) {
                w.cursor += 1;
                read.push(a.gid);
                if let Err(state) = w.read(a) {
                    let stage = a.op.stage();
                    let twice = state.is_some()
                        && matches!(
                            (stage, state),
                            (Stage::First, Some(Held::Frozen) | Some(Held::Final))
                                | (Stage::Finish, Some(Held::Final))
                                | (Stage::Undo, Some(Held::Undone))
                        );
                    let code = if twice { "applied_twice" } else { "out_of_order" };
                    let facts: [(&'static str, &dyn ToString); 4] = [
                        ("service", &service.name()),
                        ("op", &a.op.name()),
                        ("gid", &a.gid),
                        ("state", &state_name(state)),
                    ];
                    found = found.or(Some(broken("Applied Once", node, code, &facts)));
                }
            }
        }
        for &gid in &read {
            self.note(gid, world.now());
        }
        self.read = read;
        found
    }

    /// Money and stock: frozen columns matching the history, nothing negative, totals kept.
    fn conserved(&self, world: &World<TxnNode>) -> Option<Broken> {
        let config = world.config();
        for money in [true, false] {
            let invariant = if money { "Money Conserved" } else { "Stock Conserved" };
            let (mut total, mut initial, mut any) = (0i64, 0i64, false);
            for (b, (w, &service)) in self.watched.iter().zip(config.services()).enumerate() {
                if !service.has_holding() || service.is_money() != money {
                    continue;
                }
                let node = 1 + b as NodeId;
                let Some(db) = db_of(world, node) else { continue };
                let h = db.holding;
                let name = service.name();
                if h.frozen < w.frozen {
                    let facts: [(&'static str, &dyn ToString); 2] =
                        [("service", &name), ("diff", &(w.frozen - h.frozen))];
                    return Some(broken(invariant, node, "released_unfrozen", &facts));
                }
                if h.frozen > w.frozen {
                    let facts: [(&'static str, &dyn ToString); 3] =
                        [("service", &name), ("frozen", &h.frozen), ("expected", &w.frozen)];
                    return Some(broken(invariant, node, "frozen_lost", &facts));
                }
                if h.available < 0 || h.frozen < 0 {
                    let facts: [(&'static str, &dyn ToString); 3] =
                        [("service", &name), ("available", &h.available), ("frozen", &h.frozen)];
                    return Some(broken(invariant, node, "negative", &facts));
                }
                any = true;
                initial += config.initial(service);
                // A debit's final amount is in flight (paid out, or on its way to bank 2); a credit's
                // final amount arrived out of that flight. An incoming credit is not money yet.
                total += if service.is_credit() { h.available - w.out } else { h.available + h.frozen + w.out };
            }
            if any && total != initial {
                let what = if money {
                    "money (available + frozen + in flight)"
                } else {
                    "stock (available + reserved + sold)"
                };
                let facts: [(&'static str, &dyn ToString); 4] =
                    [("what", &what), ("total", &total), ("initial", &initial), ("diff", &(total - initial).abs())];
                return Some(broken(invariant, MANAGER, "total_changed", &facts));
            }
        }
        None
    }

    /// The quiet-state invariants, for a run that has [`settled`]: Orders Match, then All Or
    /// Nothing (which is what catches hanging). Catches up with the history first, and returns
    /// any per-event violation found on the way.
    pub fn check_quiet(&mut self, world: &World<TxnNode>) -> Option<Violation> {
        if let Some(v) = self.check(world) {
            return Some(v);
        }
        let found =
            self.messages_resolved(world).or_else(|| self.orders_match(world)).or_else(|| self.all_or_nothing(world));
        found.map(|b| dated(world, b))
    }

    /// Transactional messages: a message the broker gave up (discarded after its check-backs, or
    /// dead-lettered) whose local transaction committed is money debited and never credited.
    fn messages_resolved(&self, world: &World<TxnNode>) -> Option<Broken> {
        if world.config().pattern != Pattern::TxMessage {
            return None;
        }
        let store: &BrokerStore = &world.node(BROKER)?.durable?.broker;
        for (&gid, m) in store.messages.iter() {
            let debited = matches!(self.standing(0, gid), Some((Held::Final, _)));
            let credited = matches!(self.standing(1, gid), Some((Held::Final, _)));
            if !debited || credited {
                continue;
            }
            let node = PRODUCER;
            match m.state {
                MessageState::Discarded => {
                    let facts: [(&'static str, &dyn ToString); 3] =
                        [("gid", &gid), ("amount", &m.amount), ("checks", &m.checks)];
                    return Some(broken("All Or Nothing", node, "discarded_committed", &facts));
                }
                MessageState::DeadLetter => {
                    let facts: [(&'static str, &dyn ToString); 3] =
                        [("gid", &gid), ("amount", &m.amount), ("times", &m.reconsume_times)];
                    return Some(broken("All Or Nothing", node, "dead_letter", &facts));
                }
                _ => {}
            }
        }
        None
    }

    fn standing(&self, b: usize, gid: Gid) -> Option<(Held, i64)> {
        self.watched.get(b).and_then(|w| w.branches.get(&gid)).copied()
    }

    fn orders_match(&self, world: &World<TxnNode>) -> Option<Broken> {
        let services = world.config().services();
        let branch = |s: Service| services.iter().position(|&x| x == s);
        let (Some(order), Some(account), Some(stock)) =
            (branch(Service::Order), branch(Service::Account), branch(Service::Stock))
        else {
            return None;
        };
        let db = db_of(world, 1 + order as NodeId)?;
        for gid in self.gids() {
            let created = db.orders.get(&gid) == Some(&OrderStatus::Created);
            let paid = self.standing(account, gid).map(|s| s.0);
            let taken = self.standing(stock, gid).map(|s| s.0);
            if created != (paid == Some(Held::Final)) || created != (taken == Some(Held::Final)) {
                let status = db.orders.get(&gid).map_or("missing", |s| s.name());
                let facts: [(&'static str, &dyn ToString); 4] =
                    [("gid", &gid), ("order", &status), ("account", &state_name(paid)), ("stock", &state_name(taken))];
                return Some(broken("Orders Match", 1 + order as NodeId, "order_mismatch", &facts));
            }
        }
        None
    }

    fn all_or_nothing(&self, world: &World<TxnNode>) -> Option<Broken> {
        let services = world.config().services();
        let log: Option<&TxLog> = world.node(MANAGER).and_then(|n| n.durable).map(|d| &d.log);
        for gid in self.gids() {
            let standing: Vec<Option<(Held, i64)>> = (0..services.len()).map(|b| self.standing(b, gid)).collect();
            let frozen = |s: &Option<(Held, i64)>, some: bool| matches!(s, Some((Held::Frozen, a)) if !some || *a > 0);
            let left = standing
                .iter()
                .position(|s| frozen(s, true))
                .or_else(|| standing.iter().position(|s| frozen(s, false)));
            if let Some(b) = left {
                let amount = standing[b].map_or(0, |s| s.1);
                let code = if services[b].has_holding() { "left_frozen" } else { "left_pending" };
                let facts: [(&'static str, &dyn ToString); 3] =
                    [("gid", &gid), ("amount", &amount), ("service", &services[b].name())];
                return Some(broken("All Or Nothing", 1 + b as NodeId, code, &facts));
            }
            let succeeded = log.and_then(|l| l.txns.get(&gid)).map(|r| r.status) == Some(GlobalStatus::Succeeded);
            let done = standing.iter().position(|s| matches!(s, Some((Held::Final, _))));
            let missing = standing.iter().position(|s| !matches!(s, Some((Held::Final, _))));
            if let (Some(d), Some(m)) = (done.or(succeeded.then_some(0)), missing) {
                let facts: [(&'static str, &dyn ToString); 3] =
                    [("gid", &gid), ("done", &services[d].name()), ("missing", &services[m].name())];
                return Some(broken("All Or Nothing", 1 + m as NodeId, "partial", &facts));
            }
        }
        None
    }

    /// Every global transaction any service has a change for, in order.
    fn gids(&self) -> impl Iterator<Item = Gid> + '_ {
        let end = self.watched.iter().map(|w| w.branches.end()).max().unwrap_or(0);
        (0..end).filter(|g| self.watched.iter().any(|w| w.branches.contains_key(g)))
    }
}

fn dated(world: &World<TxnNode>, b: Broken) -> Violation {
    Violation {
        invariant: b.invariant,
        t: world.now(),
        nodes: vec![b.node],
        explanation: fill_facts(english(b.code), &b.facts),
        code: b.code,
        facts: b.facts,
        trace_seq: world.trace().total().saturating_sub(1),
    }
}

impl Checker<TxnNode> for TxnChecker {
    fn check(&mut self, world: &World<TxnNode>) -> Option<Violation> {
        let found = self.catch_up(world).or_else(|| self.conserved(world));
        found.map(|b| dated(world, b))
    }
}

/// The liveness violation of a run that had not settled `within` after everything was repaired
/// at `healed_at`.
pub fn not_settled(world: &World<TxnNode>, healed_at: SimTime, within: SimTime) -> Violation {
    let log = world.node(MANAGER).and_then(|n| n.durable).map(|d| &d.log);
    let unfinished = log.map_or(0, |l| l.unfinished().count());
    let facts: [(&'static str, &dyn ToString); 3] = [
        ("unfinished", &unfinished),
        ("within", &(within / secs(1))),
        ("healed", &format!("{}.{:03}", healed_at / secs(1), healed_at % secs(1) / 1000)),
    ];
    dated(world, broken(LIVENESS, MANAGER, "not_settled", &facts))
}

/// Whether the run is quiet: every node up, nothing in flight, no transaction in progress at the
/// manager, and no application with transactions still to start. Only then are All Or Nothing and
/// Orders Match judged.
pub fn settled(world: &World<TxnNode>) -> bool {
    if world.network().in_flight().next().is_some() {
        return false;
    }
    world.processes().all(|(id, p)| match p {
        None => false,
        Some(_) if world.status(id) != Some(NodeStatus::Up) => false,
        Some(TxnNode::Manager(m)) => !m.busy() && m.log.unfinished().next().is_none(),
        Some(TxnNode::App(a)) => a.remaining == 0,
        Some(TxnNode::Service(p)) => p.messaging.idle(!p.db.outbox_pending.is_empty()),
        Some(TxnNode::Broker(b)) => b.quiet(),
    })
}

/// The lab's counters, read from the disks (they survive crashes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TxnCounters {
    /// Global transactions begun.
    pub started: u64,
    /// Ended with every branch confirmed.
    pub confirmed: u64,
    /// Ended with every branch cancelled.
    pub cancelled: u64,
    /// Calls the manager sent again.
    pub retries: u64,
    /// Empty rollbacks caught by the protection.
    pub empty_rollbacks_caught: u64,
    /// Hangings caught by the protection.
    pub hangings_caught: u64,
    /// Repeated calls recognised and skipped.
    pub duplicates_skipped: u64,
    /// Saga: dirty reads seen.
    pub dirty_reads: u64,
    /// XA: prepares refused because a lock was held.
    pub blocked: u64,
    /// Message patterns: check-backs the broker sent.
    pub check_backs: u64,
    /// Message patterns: half messages discarded after their check-backs, or dead-lettered.
    pub discarded: u64,
    /// Message patterns: deliveries sent again (the relay's monitor, or the broker's redelivery).
    pub redelivered: u64,
}

/// The counters of a world now.
pub fn counters(world: &World<TxnNode>) -> TxnCounters {
    let mut c = TxnCounters::default();
    let config = world.config();
    if let Some(log) = world.node(MANAGER).and_then(|n| n.durable).map(|d| &d.log) {
        c.started = log.txns.len() as u64;
        c.confirmed = log.txns.values().filter(|r| r.status == GlobalStatus::Succeeded).count() as u64;
        c.cancelled = log.txns.values().filter(|r| r.status == GlobalStatus::Failed).count() as u64;
        c.retries = log.retries;
    }
    match config.pattern {
        Pattern::LocalMessage => {
            if let Some(db) = db_of(world, PRODUCER) {
                c.started = db.outbox.len() as u64;
                c.confirmed = c.started - db.outbox_pending.len() as u64;
                c.redelivered = db.counts.resent;
            }
        }
        Pattern::TxMessage => {
            if let Some(store) = world.node(BROKER).and_then(|n| n.durable).map(|d| &d.broker) {
                for m in store.messages.values() {
                    c.started += 1;
                    c.check_backs += u64::from(m.checks);
                    c.redelivered += u64::from(m.reconsume_times);
                    match m.state {
                        MessageState::Consumed => c.confirmed += 1,
                        MessageState::RolledBack => c.cancelled += 1,
                        MessageState::Discarded | MessageState::DeadLetter => c.discarded += 1,
                        _ => {}
                    }
                }
            }
        }
        _ => {}
    }
    for b in 0..world.config().services().len() {
        if let Some(db) = db_of(world, 1 + b as NodeId) {
            c.empty_rollbacks_caught += db.counts.empty_rollbacks;
            c.hangings_caught += db.counts.hangings;
            c.duplicates_skipped += db.counts.duplicates;
            c.dirty_reads += db.counts.dirty_reads;
            c.blocked += db.counts.blocked;
        }
    }
    c
}
