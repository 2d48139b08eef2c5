//! The TX Manager: gives each global transaction its id, writes it to its transaction log, runs the
//! first calls (Trys, Saga's forward steps, XA prepares), logs the decision, then drives Confirm or
//! Cancel (compensations, commits or rollbacks) until every branch answered, retrying with backoff.
//! After a crash it reads its log and drives every unfinished transaction to its end; one whose
//! decision was not logged is cancelled.

use serde::Serialize;

use super::db::{Gid, Op, Service};
use super::gid_map::GidMap;
use super::{AppMsg, BranchCall, ManagerTimer, Pattern, TxnConfig, TxnEvent, TxnMessage, TxnNode, TxnTimer, TxnWrite};
use crate::sim::{Ctx, NodeId, SimTime};

/// A global transaction's state in the log (the lecture's trying, then success or failure).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GlobalStatus {
    /// First calls under way; no decision logged.
    Trying,
    /// Decided to confirm (commit); phase 2 under way.
    Confirming,
    /// Decided to cancel (compensate, roll back); phase 2 under way.
    Cancelling,
    /// Every branch confirmed.
    Succeeded,
    /// Every branch cancelled.
    Failed,
}

impl GlobalStatus {
    /// Whether the transaction reached its end.
    pub fn is_final(self) -> bool {
        matches!(self, GlobalStatus::Succeeded | GlobalStatus::Failed)
    }
}

/// One global transaction in the log.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LogRecord {
    /// The application node that asked for it.
    pub client: NodeId,
    /// The application's request number.
    pub req: u64,
    /// Money moved.
    pub amount: i64,
    /// Items bought.
    pub quantity: i64,
    /// Where it stands.
    pub status: GlobalStatus,
    /// When it was begun, on the manager's clock (DTM's `create_time`).
    pub begun_at: SimTime,
    /// When it reached its end, on the manager's clock (DTM's `finish_time`).
    pub ended_at: Option<SimTime>,
}

impl LogRecord {
    /// How long it took from begin to end, on the manager's clock, once it ended.
    pub fn settle_time(&self) -> Option<SimTime> {
        self.ended_at.map(|end| end.saturating_sub(self.begun_at))
    }
}

/// The manager's durable transaction log.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct TxLog {
    /// The next global id to give.
    pub next_gid: Gid,
    /// Every global transaction.
    pub txns: GidMap<LogRecord>,
    /// Phase-2 calls and forward steps sent again.
    pub retries: u64,
}

/// One write to the log.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum LogWrite {
    /// A new global transaction.
    Begin { gid: Gid, record: LogRecord },
    /// A new state, written at `at` on the manager's clock.
    Status { gid: Gid, status: GlobalStatus, at: SimTime },
    /// A call sent again.
    Retry,
}

impl TxLog {
    /// Apply one write.
    pub fn write(&mut self, write: LogWrite) {
        match write {
            LogWrite::Begin { gid, record } => {
                self.txns.insert(gid, record);
                self.next_gid = self.next_gid.max(gid + 1);
            }
            LogWrite::Status { gid, status, at } => {
                if let Some(r) = self.txns.get_mut(&gid) {
                    r.status = status;
                    r.ended_at = status.is_final().then_some(at);
                }
            }
            LogWrite::Retry => self.retries += 1,
        }
    }

    /// Transactions not at their end.
    pub fn unfinished(&self) -> impl Iterator<Item = (Gid, &LogRecord)> {
        self.txns.iter().filter(|(_, r)| !r.status.is_final()).map(|(g, r)| (*g, r))
    }
}

/// What the manager remembers of a transaction in progress (lost in a crash). Branch sets are
/// bit masks (bit `b` for branch `b`; a workload has at most three).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Active {
    /// Branches that answered their first call.
    answered: u32,
    /// Branches whose first call succeeded.
    succeeded: u32,
    /// Serial first calls: the branch called last.
    step: u32,
    /// Phase 2: branches that have not answered.
    pending: u32,
    /// Sends so far of the current call (for backoff).
    attempt: u32,
}

/// The branches of a bit mask, in order.
fn branches_of(mask: u32) -> impl Iterator<Item = u32> {
    (0..u32::BITS).filter(move |b| mask & (1 << b) != 0)
}

/// The TX Manager.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Manager {
    /// The transaction log, as written.
    pub log: TxLog,
    pattern: Pattern,
    serial: bool,
    services: Vec<Service>,
    try_timeout: SimTime,
    retry_base: SimTime,
    retry_max: SimTime,
    active: GidMap<Active>,
}

impl Manager {
    /// Boot from the log; every unfinished transaction is driven on (a `Trying` one is cancelled).
    pub fn boot(config: &TxnConfig, log: Option<&TxLog>, ctx: &mut Ctx<TxnNode>) -> Self {
        let mut manager = Self {
            log: log.cloned().unwrap_or_default(),
            pattern: config.pattern,
            serial: config.pattern == Pattern::Saga || (config.pattern == Pattern::Tcc && !config.parallel_try),
            services: config.services().to_vec(),
            try_timeout: config.try_timeout,
            retry_base: config.retry_base,
            retry_max: config.retry_max,
            active: GidMap::new(),
        };
        let unfinished: Vec<(Gid, GlobalStatus)> = manager.log.unfinished().map(|(g, r)| (g, r.status)).collect();
        if !unfinished.is_empty() {
            ctx.emit(TxnEvent::Recovered { gids: unfinished.iter().map(|u| u.0).collect() });
        }
        let last = manager.branches() - 1;
        for (gid, status) in unfinished {
            manager.active.insert(gid, manager.fresh(last));
            match status {
                GlobalStatus::Trying => manager.decide(gid, false, ctx),
                _ => manager.start_phase2(gid, ctx),
            }
        }
        manager
    }

    fn branches(&self) -> u32 {
        self.services.len() as u32
    }

    fn fresh(&self, step: u32) -> Active {
        Active { answered: 0, succeeded: 0, step, pending: 0, attempt: 0 }
    }

    /// Every branch, as a mask.
    fn all_branches(&self) -> u32 {
        (1 << self.branches()) - 1
    }

    fn status(&self, gid: Gid) -> Option<GlobalStatus> {
        self.log.txns.get(&gid).map(|r| r.status)
    }

    /// Whether any transaction is still in progress.
    pub fn busy(&self) -> bool {
        !self.active.is_empty()
    }

    fn persist(&mut self, write: LogWrite, ctx: &mut Ctx<TxnNode>) {
        self.log.write(write.clone());
        ctx.persist(TxnWrite::Log(write));
    }

    fn backoff(&self, attempt: u32) -> SimTime {
        self.retry_base.saturating_mul(1 << attempt.min(16)).min(self.retry_max)
    }

    /// The application asks for a global transaction.
    pub fn begin(&mut self, client: NodeId, req: u64, amount: i64, quantity: i64, ctx: &mut Ctx<TxnNode>) {
        let gid = self.log.next_gid;
        let record = LogRecord {
            client,
            req,
            amount,
            quantity,
            status: GlobalStatus::Trying,
            begun_at: ctx.now(),
            ended_at: None,
        };
        self.persist(LogWrite::Begin { gid, record }, ctx);
        ctx.emit(TxnEvent::Begun { gid });
        self.active.insert(gid, self.fresh(0));
        let first = if self.serial { 0..1 } else { 0..self.branches() };
        for branch in first {
            self.send_first(gid, branch, ctx);
        }
        ctx.set_timer(TxnTimer::Manager(ManagerTimer::TryTimeout(gid)), self.try_timeout);
    }

    fn call(&self, gid: Gid, branch: u32, op: Op, ctx: &mut Ctx<TxnNode>) {
        let Some(r) = self.log.txns.get(&gid) else { return };
        let service = self.services[branch as usize];
        let amount = match service {
            Service::Order => 0,
            Service::Stock => r.quantity,
            _ => r.amount,
        };
        ctx.send(1 + branch, TxnMessage::ToService(BranchCall { gid, branch, op, amount }));
    }

    fn send_first(&self, gid: Gid, branch: u32, ctx: &mut Ctx<TxnNode>) {
        self.call(gid, branch, self.pattern.first_op(), ctx);
    }

    /// A branch answered.
    pub fn on_reply(&mut self, gid: Gid, branch: u32, op: Op, ok: bool, ctx: &mut Ctx<TxnNode>) {
        let (n, phase2) = (self.branches(), self.status(gid).and_then(|s| self.phase2_op(s)));
        let (Some(status), Some(active)) = (self.status(gid), self.active.get_mut(&gid)) else { return };
        if branch >= n {
            return;
        }
        if op == self.pattern.first_op() {
            let bit = 1u32 << branch;
            if status != GlobalStatus::Trying || active.answered & bit != 0 {
                return;
            }
            active.answered |= bit;
            if ok {
                active.succeeded |= bit;
            }
            let next = active.step + 1;
            let all = (1u32 << n) - 1;
            if !ok {
                self.decide(gid, false, ctx);
            } else if !self.serial && active.succeeded == all {
                self.decide(gid, true, ctx);
            } else if self.serial && branch == active.step && next < n {
                active.step = next;
                active.attempt = 0;
                self.send_first(gid, next, ctx);
                ctx.set_timer(TxnTimer::Manager(ManagerTimer::TryTimeout(gid)), self.try_timeout);
            } else if self.serial && branch == active.step {
                self.decide(gid, true, ctx);
            }
        } else if Some(op) == phase2 && active.pending & (1 << branch) != 0 {
            active.pending &= !(1 << branch);
            active.attempt = 0;
            if active.pending == 0 {
                let end =
                    if status == GlobalStatus::Confirming { GlobalStatus::Succeeded } else { GlobalStatus::Failed };
                self.finish(gid, end, ctx);
            } else if self.pattern == Pattern::Saga {
                self.send_phase2(gid, ctx);
                ctx.set_timer(TxnTimer::Manager(ManagerTimer::Retry(gid)), self.backoff(0));
            }
        }
    }

    fn phase2_op(&self, status: GlobalStatus) -> Option<Op> {
        match status {
            GlobalStatus::Confirming => self.pattern.finish_op(),
            GlobalStatus::Cancelling => Some(self.pattern.undo_op()),
            _ => None,
        }
    }

    /// Log the decision, answer the application, and start phase 2.
    fn decide(&mut self, gid: Gid, commit: bool, ctx: &mut Ctx<TxnNode>) {
        ctx.cancel_timer(TxnTimer::Manager(ManagerTimer::TryTimeout(gid)));
        ctx.emit(TxnEvent::Decided { gid, commit });
        if let Some(r) = self.log.txns.get(&gid) {
            ctx.send(r.client, TxnMessage::ToApp(AppMsg::Done { req: r.req, gid, committed: commit }));
        }
        if commit && self.pattern.finish_op().is_none() {
            self.finish(gid, GlobalStatus::Succeeded, ctx);
            return;
        }
        let status = if commit { GlobalStatus::Confirming } else { GlobalStatus::Cancelling };
        self.persist(LogWrite::Status { gid, status, at: ctx.now() }, ctx);
        self.start_phase2(gid, ctx);
    }

    /// Call phase 2 on every branch that was called (Saga: from the last one back).
    fn start_phase2(&mut self, gid: Gid, ctx: &mut Ctx<TxnNode>) {
        let all = self.all_branches();
        let serial = self.serial;
        let Some(active) = self.active.get_mut(&gid) else { return };
        active.pending = if serial { (1 << (active.step + 1)) - 1 } else { all };
        active.attempt = 0;
        self.send_phase2(gid, ctx);
        ctx.set_timer(TxnTimer::Manager(ManagerTimer::Retry(gid)), self.backoff(0));
    }

    fn send_phase2(&self, gid: Gid, ctx: &mut Ctx<TxnNode>) {
        let (Some(status), Some(active)) = (self.status(gid), self.active.get(&gid)) else { return };
        let Some(op) = self.phase2_op(status) else { return };
        let targets = if self.pattern == Pattern::Saga && active.pending != 0 {
            1 << (u32::BITS - 1 - active.pending.leading_zeros())
        } else {
            active.pending
        };
        for branch in branches_of(targets) {
            self.call(gid, branch, op, ctx);
        }
    }

    fn finish(&mut self, gid: Gid, status: GlobalStatus, ctx: &mut Ctx<TxnNode>) {
        self.persist(LogWrite::Status { gid, status, at: ctx.now() }, ctx);
        self.active.remove(&gid);
        ctx.cancel_timer(TxnTimer::Manager(ManagerTimer::Retry(gid)));
        ctx.emit(TxnEvent::Ended { gid, committed: status == GlobalStatus::Succeeded });
    }

    /// A first call went unanswered: TCC and XA give up and cancel; Saga sends it again.
    pub fn on_try_timeout(&mut self, gid: Gid, ctx: &mut Ctx<TxnNode>) {
        if self.status(gid) != Some(GlobalStatus::Trying) {
            return;
        }
        if self.pattern != Pattern::Saga {
            self.decide(gid, false, ctx);
            return;
        }
        let Some(active) = self.active.get_mut(&gid) else { return };
        active.attempt += 1;
        let (step, attempt) = (active.step, active.attempt);
        self.persist(LogWrite::Retry, ctx);
        ctx.emit(TxnEvent::Retried { gid, op: Op::Action });
        self.send_first(gid, step, ctx);
        ctx.set_timer(TxnTimer::Manager(ManagerTimer::TryTimeout(gid)), self.try_timeout.max(self.backoff(attempt)));
    }

    /// Phase 2 is not fully answered: send the calls again, waiting longer each time.
    pub fn on_retry(&mut self, gid: Gid, ctx: &mut Ctx<TxnNode>) {
        let Some(op) = self.status(gid).and_then(|s| self.phase2_op(s)) else { return };
        let Some(active) = self.active.get_mut(&gid) else { return };
        active.attempt += 1;
        let attempt = active.attempt;
        self.persist(LogWrite::Retry, ctx);
        ctx.emit(TxnEvent::Retried { gid, op });
        self.send_phase2(gid, ctx);
        ctx.set_timer(TxnTimer::Manager(ManagerTimer::Retry(gid)), self.backoff(attempt));
    }
}
