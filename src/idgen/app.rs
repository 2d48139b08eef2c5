//! An application server: it asks for IDs at a configured rate and gets them from a generator in
//! its own process (Snowflake and its layouts, UUIDs: no round trip) or from a server behind the
//! network (a database, Redis, a segment server: one round trip per ID).

use std::collections::BTreeMap;
use std::rc::Rc;

use super::coordinator::{ZkOp, ZkReply};
use super::database::{DbOp, DbReply};
use super::layout::Preset;
use super::owed::Owed;
use super::redis::RedisReply;
use super::segment::SegmentAnswer;
use super::snowflake::{Next, Snowflake};
use super::uuid::{v4, V7Generator};
use super::{Generator, IdBug, IdConfig, IdEvent, IdMessage, IdNode, IdTimer, IdWrite, Refusal, WorkerIds};
use crate::sim::{Ctx, NodeId, SimTime, MICROS_PER_SEC};

/// Application-server timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AppTimer {
    /// Time to ask for the next batch of IDs.
    Tick,
    /// A generator wait (sequence used up, Leaf's rollback wait) is over.
    Resume,
    /// The worker-id request went unanswered: ask again (or use Leaf's cached id).
    Register,
    /// Leaf: report this server's time to the coordinator (every 3 s).
    Report,
}

/// Where an application server stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Waiting for a worker id (from the coordinator or the database).
    Starting,
    /// Issuing IDs.
    Running,
    /// Refused to start (Leaf's start-up clock check, or no worker id left).
    Refused,
}

/// An application server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppServer {
    /// Which application server (0 for the first).
    pub index: u32,
    /// Where it stands.
    pub phase: Phase,
    /// The in-process Snowflake generator, once it has a worker id.
    pub snowflake: Option<Snowflake>,
    /// The servers asked for IDs (remote generators), in round-robin order.
    pub servers: Vec<NodeId>,
    /// Which of `servers` is asked next.
    pub target: usize,
    /// Requests in flight: request number to the local time the ID was asked for.
    pub pending: BTreeMap<u64, SimTime>,
    /// IDs asked for and not yet generated (in-process generators) or asked for.
    pub owed: Owed,
    /// The generator asked to wait: a `Resume` timer is armed.
    pub waiting: bool,
    /// Leaf's worker id cached on local disk.
    pub cached_worker: Option<u64>,
    /// The UUID version 7 generator's state.
    pub v7: V7Generator,
    carry: u64,
    next_req: u64,
    cfg: Rc<IdConfig>,
    /// IDs got and counters.
    pub log: super::log::IssueLog,
}

impl AppServer {
    /// Boot application server `index` (node `id`).
    pub fn boot(cfg: Rc<IdConfig>, index: u32, cached_worker: Option<u64>, ctx: &mut Ctx<IdNode>) -> Self {
        let servers = match cfg.generator {
            Generator::Database => cfg.databases_range().collect(),
            Generator::Redis => cfg.redis_range().collect(),
            Generator::Segment | Generator::RaftSegment => cfg.id_server_range().collect(),
            _ => Vec::new(),
        };
        let mut app = Self {
            index,
            phase: Phase::Running,
            snowflake: None,
            servers,
            target: 0,
            pending: BTreeMap::new(),
            owed: Owed::default(),
            waiting: false,
            cached_worker,
            v7: V7Generator::default(),
            carry: 0,
            next_req: 0,
            cfg,
            log: super::log::IssueLog::default(),
        };
        if app.cfg.generator != Generator::Redis {
            app.target = index as usize % app.servers.len().max(1);
        }
        match (app.cfg.generator.preset(), app.cfg.generator, app.cfg.worker_ids) {
            (Some(_), Generator::Baidu, _) | (Some(_), _, WorkerIds::Coordinator) => {
                app.phase = Phase::Starting;
                app.register(ctx);
            }
            (Some(_), _, WorkerIds::Manual) => {
                let duplicate = app.cfg.has(IdBug::DuplicateWorkerId) && index == 1;
                app.start(if duplicate { 0 } else { u64::from(index) }, ctx);
            }
            _ => {}
        }
        let first = ctx.random_range(1, app.cfg.tick);
        ctx.set_timer(IdTimer::App(AppTimer::Tick), first);
        app
    }

    fn unix_us(&self, ctx: &Ctx<IdNode>) -> u64 {
        self.cfg.start_unix_ms * 1_000 + ctx.now()
    }

    fn preset(&self) -> Preset {
        self.cfg.generator.preset().unwrap_or_default()
    }

    /// Ask for a worker id: Leaf's coordinator, or uid-generator's `WORKER_NODE` table.
    fn register(&mut self, ctx: &mut Ctx<IdNode>) {
        self.next_req += 1;
        self.log.counters.round_trips += 1;
        let me = ctx.id();
        let message = match self.cfg.generator {
            Generator::Baidu => IdMessage::Db { req: self.next_req, op: DbOp::AssignWorker { host: me } },
            _ => IdMessage::Zk { req: self.next_req, op: ZkOp::Register { address: me } },
        };
        let to = match self.cfg.generator {
            Generator::Baidu => self.cfg.databases_range().start,
            _ => self.cfg.coordinator().unwrap_or_default(),
        };
        ctx.send(to, message);
        ctx.set_timer(IdTimer::App(AppTimer::Register), self.cfg.request_timeout);
    }

    /// Start issuing with machine id `worker`.
    fn start(&mut self, worker: u64, ctx: &mut Ctx<IdNode>) {
        let layout = self.preset().layout();
        if worker >= layout.node_count() {
            self.refuse();
            ctx.emit(IdEvent::Refused { reason: Refusal::NoWorkerId, behind_us: 0 });
            return;
        }
        self.snowflake = Some(Snowflake::new(layout, worker, self.cfg.rollback));
        self.phase = Phase::Running;
        ctx.cancel_timer(IdTimer::App(AppTimer::Register));
        if self.cfg.worker_ids == WorkerIds::Coordinator && self.cfg.generator != Generator::Baidu {
            ctx.set_timer(IdTimer::App(AppTimer::Report), super::LEAF_REPORT_EVERY);
        }
        self.issue(ctx);
    }

    /// Ask for `count` IDs now.
    /// While starting (waiting for a worker id) requests wait, as a service does until its
    /// generator is initialised; a server that refused to start fails them.
    pub fn request(&mut self, count: u64, ctx: &mut Ctx<IdNode>) {
        match self.phase {
            Phase::Refused => self.log.counters.failed += count,
            Phase::Starting => self.owed.add(ctx.now(), count),
            Phase::Running => {
                self.owed.add(ctx.now(), count);
                self.issue(ctx);
            }
        }
    }

    /// Refuse to start: what was waiting fails.
    fn refuse(&mut self) {
        self.phase = Phase::Refused;
        self.log.counters.failed += self.owed.clear();
    }

    /// Generate (or ask for) every owed ID the generator allows now.
    fn issue(&mut self, ctx: &mut Ctx<IdNode>) {
        let generator = self.cfg.generator;
        match generator {
            Generator::UuidV4 | Generator::UuidV7 => {
                while let Some(waited) = self.owed.take(ctx.now()) {
                    let (a, b) = (ctx.random_range(0, u64::MAX), ctx.random_range(0, u64::MAX));
                    let v7 = generator == Generator::UuidV7;
                    let id = if v7 { self.v7.next(self.unix_us(ctx) / 1_000, a, b) } else { v4(a, b) };
                    self.log.used(id, v7, waited);
                    ctx.emit(IdEvent::Issued { id, generator });
                }
            }
            Generator::Database | Generator::Redis | Generator::Segment | Generator::RaftSegment => {
                while let Some(waited) = self.owed.take(ctx.now()) {
                    self.send_request(ctx.now() - waited, ctx);
                }
            }
            Generator::Snowflake | Generator::Sonyflake | Generator::Baidu => self.issue_snowflake(ctx),
        }
    }

    fn issue_snowflake(&mut self, ctx: &mut Ctx<IdNode>) {
        let generator = self.cfg.generator;
        let unix = self.unix_us(ctx);
        let Some(sf) = self.snowflake.as_mut() else { return };
        while self.owed.total() > 0 && !self.waiting {
            match sf.next(unix) {
                Next::Id(id) => {
                    let waited = self.owed.take(ctx.now()).unwrap_or(0);
                    self.log.used(u128::from(id), true, waited);
                    ctx.emit(IdEvent::Issued { id: u128::from(id), generator });
                }
                Next::WaitUntil(until) => {
                    self.waiting = true;
                    let rollback = sf.last.is_some_and(|last| unix < sf.layout.unit_start_us(last));
                    ctx.emit(IdEvent::Waiting { until_unix_us: until, rollback });
                    ctx.set_timer(IdTimer::App(AppTimer::Resume), until.saturating_sub(unix).max(1));
                }
                Next::Refused(behind_us) => {
                    self.log.counters.failed += self.owed.clear();
                    ctx.emit(IdEvent::Refused { reason: Refusal::ClockRollback, behind_us });
                }
                Next::OutOfTime => {
                    self.log.counters.failed += self.owed.clear();
                    ctx.emit(IdEvent::Refused { reason: Refusal::OutOfTime, behind_us: 0 });
                }
            }
        }
    }

    /// Ask the next server for one ID, asked for at `asked` on this server's clock.
    fn send_request(&mut self, asked: SimTime, ctx: &mut Ctx<IdNode>) {
        let Some(&to) = self.servers.get(self.target) else { return };
        self.next_req += 1;
        let req = self.next_req;
        self.pending.insert(req, asked);
        self.log.counters.round_trips += 1;
        let message = match self.cfg.generator {
            Generator::Database => IdMessage::Db { req, op: DbOp::NextId },
            Generator::Redis => IdMessage::Redis { req },
            _ => IdMessage::Get { req },
        };
        ctx.send(to, message);
        if self.cfg.generator != Generator::Redis {
            self.target = (self.target + 1) % self.servers.len();
        }
    }

    /// Redis clients try the other instance after an error or a timeout (Sentinel-style discovery).
    fn switch_redis(&mut self) {
        if self.cfg.generator == Generator::Redis && !self.servers.is_empty() {
            self.target = (self.target + 1) % self.servers.len();
        }
    }

    /// A timer came due.
    pub fn on_timer(&mut self, timer: AppTimer, ctx: &mut Ctx<IdNode>) {
        match timer {
            AppTimer::Tick => {
                ctx.set_timer(IdTimer::App(AppTimer::Tick), self.cfg.tick);
                self.expire(ctx);
                self.carry += u64::from(self.cfg.rate) * self.cfg.tick;
                let count = self.carry / MICROS_PER_SEC;
                self.carry %= MICROS_PER_SEC;
                self.request(count, ctx);
            }
            AppTimer::Resume => {
                self.waiting = false;
                self.issue(ctx);
            }
            AppTimer::Register if self.phase == Phase::Starting => match self.cached_worker {
                Some(worker) if self.cfg.generator != Generator::Baidu => {
                    ctx.emit(IdEvent::WorkerAssigned { worker_id: worker, cached: true });
                    self.start(worker, ctx);
                }
                _ => self.register(ctx),
            },
            AppTimer::Report if self.phase == Phase::Running => {
                let unix_ms = self.unix_us(ctx) / 1_000;
                if let Some(coordinator) = self.cfg.coordinator() {
                    ctx.send(coordinator, IdMessage::Zk { req: 0, op: ZkOp::Report { address: ctx.id(), unix_ms } });
                }
                ctx.set_timer(IdTimer::App(AppTimer::Report), super::LEAF_REPORT_EVERY);
            }
            AppTimer::Register | AppTimer::Report => {}
        }
    }

    /// Requests unanswered for longer than the timeout fail.
    fn expire(&mut self, ctx: &mut Ctx<IdNode>) {
        let Some(deadline) = ctx.now().checked_sub(self.cfg.request_timeout) else { return };
        let before = self.pending.len();
        self.pending.retain(|_, &mut sent| sent > deadline);
        let expired = (before - self.pending.len()) as u64;
        if expired > 0 {
            self.log.counters.failed += expired;
            self.switch_redis();
        }
    }

    /// An answer with an ID (or a failure) from a remote generator.
    fn answered(&mut self, req: u64, id: Option<u64>, ctx: &mut Ctx<IdNode>) {
        let Some(asked) = self.pending.remove(&req) else { return };
        match id {
            Some(id) => {
                self.log.used(u128::from(id), false, ctx.now().saturating_sub(asked));
                ctx.emit(IdEvent::Issued { id: u128::from(id), generator: self.cfg.generator });
            }
            None => {
                self.log.counters.failed += 1;
                self.switch_redis();
            }
        }
    }

    /// A message arrived.
    pub fn on_message(&mut self, message: IdMessage, ctx: &mut Ctx<IdNode>) {
        match message {
            IdMessage::DbReply { req, reply: DbReply::Id(id) } => self.answered(req, Some(id), ctx),
            IdMessage::RedisReply { req, reply: RedisReply::Value(v) } => self.answered(req, Some(v), ctx),
            IdMessage::RedisReply { req, reply: RedisReply::ReadOnly } => self.answered(req, None, ctx),
            IdMessage::GetReply { req, reply: SegmentAnswer::Id(id) } => self.answered(req, Some(id), ctx),
            IdMessage::GetReply { req, reply: SegmentAnswer::Unavailable } => self.answered(req, None, ctx),
            IdMessage::DbReply { req, reply: DbReply::Worker(worker) }
                if self.phase == Phase::Starting && req == self.next_req =>
            {
                ctx.emit(IdEvent::WorkerAssigned { worker_id: worker, cached: false });
                self.start(worker, ctx);
            }
            IdMessage::ZkReply { req, reply: ZkReply::Registered { worker_id, last_unix_ms } }
                if self.phase == Phase::Starting && req == self.next_req =>
            {
                let clock_ms = self.unix_us(ctx) / 1_000;
                if let Some(reported_ms) = last_unix_ms.filter(|&reported| reported > clock_ms) {
                    self.refuse();
                    ctx.cancel_timer(IdTimer::App(AppTimer::Register));
                    ctx.emit(IdEvent::StartRefused { reported_ms, clock_ms });
                    return;
                }
                ctx.persist(IdWrite::WorkerCache(worker_id));
                self.cached_worker = Some(worker_id);
                ctx.emit(IdEvent::WorkerAssigned { worker_id, cached: false });
                self.start(worker_id, ctx);
            }
            _ => {}
        }
    }
}
