//! Distributed ID generators (Snowflake and its alternatives): engine, checker, index model.
//!
//! A cluster is databases, Redis nodes, a coordinator, segment servers and application servers, in
//! that order of node ids, each present only when the configured generator needs it. Application
//! servers ask for IDs at a configured rate; the generator runs where the real system runs it.

pub mod app;
pub mod bench;
pub mod checker;
pub mod coordinator;
pub mod database;
pub mod fuzz;
pub mod history;
pub mod idset;
pub mod index;
pub mod latency;
pub mod layout;
pub mod log;
pub mod order;
pub mod owed;
pub mod raft_store;
pub mod redis;
pub mod segment;
pub mod snowflake;
pub mod uuid;

#[cfg(test)]
mod measure_tests;
#[cfg(test)]
mod raft_store_tests;
#[cfg(test)]
mod tests;

use std::ops::Range;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::raft::node::{RaftDurable, RaftNode, RaftTimer, RaftWrite};
use crate::raft::types::{ClientId, RaftMessage, Role, Term};
use crate::sim::{ms, secs, ClusterConfig, Ctx, DurableState, MessageClass, NetworkConfig, NodeId, Process, SimTime};
use app::{AppServer, AppTimer};
use coordinator::{Coordinator, ZkData, ZkOp, ZkReply};
use database::{Database, DbOp, DbReply, DbTables};
use layout::Preset;
use raft_store::{CasAnswer, StoreClient, StoreMember};
use redis::{Persistence, RedisNode, RedisReply, RedisTimer};
use segment::{SegmentAnswer, SegmentServer, SegmentTimer, Store};
use snowflake::Rollback;

/// The lab name in ID scenarios.
pub const LAB: &str = "ids";

/// How often a Leaf server reports its time to the coordinator.
pub const LEAF_REPORT_EVERY: SimTime = secs(3);

/// The ID generator the application servers use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Generator {
    /// Twitter's Snowflake layout, in process.
    #[default]
    Snowflake,
    /// Sonyflake's layout, in process.
    Sonyflake,
    /// Baidu uid-generator, in process, with a fresh worker id from the database on every start.
    Baidu,
    /// Random UUIDs (version 4), in process.
    UuidV4,
    /// Time-ordered UUIDs (version 7), in process.
    UuidV7,
    /// Database auto-increment: one database, or several stepping by their count (Flickr).
    Database,
    /// Leaf segment mode: segment servers taking ranges from a database.
    Segment,
    /// Redis `INCR`.
    Redis,
    /// Leaf segment mode on a store replicated by Raft: a compare-and-set of `max_id` through the log.
    RaftSegment,
}

impl Generator {
    /// The bit layout, for the Snowflake family.
    pub fn preset(self) -> Option<Preset> {
        match self {
            Generator::Snowflake => Some(Preset::Twitter),
            Generator::Sonyflake => Some(Preset::Sonyflake),
            Generator::Baidu => Some(Preset::Baidu),
            _ => None,
        }
    }

    /// Whether its IDs are counted 1, 2, 3... (so that unused numbers are gaps).
    pub fn dense(self) -> bool {
        matches!(self, Generator::Database | Generator::Segment | Generator::Redis | Generator::RaftSegment)
    }
}

/// Where Snowflake worker ids come from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkerIds {
    /// Configured by hand: application server i has worker id i.
    #[default]
    Manual,
    /// Leaf: a persistent sequential node per address on the coordinator, cached on local disk.
    Coordinator,
}

/// The classic mistakes, each a switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdBug {
    /// Application servers 0 and 1 are configured with the same worker id.
    DuplicateWorkerId,
    /// Segment servers read `max_id`, then write `max_id + step`, in two statements.
    NonAtomicSegment,
    /// Segment servers fetch the next range only when the current one is used up.
    NoDoubleBuffer,
    /// The last database was added with the new step while the others kept the old one.
    AddedDatabaseNotRestepped,
}

/// An IDs-lab cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IdConfig {
    /// The generator.
    pub generator: Generator,
    /// Number of application servers.
    pub apps: u32,
    /// IDs each application server asks for per second.
    pub rate: u32,
    /// How often an application server asks for its batch (virtual µs).
    pub tick: SimTime,
    /// Unix time (ms) at virtual time 0 (2024-01-01: Baidu's default epoch runs out in November 2024).
    pub start_unix_ms: u64,
    /// The Snowflake family's clock-rollback policy.
    pub rollback: Rollback,
    /// Where Snowflake and Sonyflake worker ids come from.
    pub worker_ids: WorkerIds,
    /// Databases for auto-increment (1: one ID database; N: Flickr's stepping).
    pub databases: u32,
    /// Segment servers.
    pub id_servers: u32,
    /// Members of the Raft segment store (3, as an etcd cluster usually has).
    pub members: u32,
    /// IDs per segment (`leaf_alloc.step`).
    pub step: u64,
    /// How Redis persists.
    pub persistence: Persistence,
    /// RDB snapshot period (redis.conf `save 60 10000` would snapshot at most every 60 s).
    pub rdb_every: SimTime,
    /// Redis has an asynchronous replica (promoted by the `promote` input).
    pub redis_replica: bool,
    /// How long the Redis master buffers increments before streaming them to its replica.
    pub replication_delay: SimTime,
    /// How long an application (or segment server) waits for an answer.
    pub request_timeout: SimTime,
    /// Keys per page of the index model.
    pub index_page_keys: u32,
    /// Bug switches.
    pub bugs: Vec<IdBug>,
    /// The network at time 0.
    pub network: NetworkConfig,
}

impl Default for IdConfig {
    fn default() -> Self {
        Self {
            generator: Generator::Snowflake,
            apps: 3,
            rate: 1_000,
            tick: ms(1),
            start_unix_ms: 1_704_067_200_000,
            rollback: Rollback::Twitter,
            worker_ids: WorkerIds::Manual,
            databases: 1,
            id_servers: 2,
            members: 3,
            step: 1_000,
            persistence: Persistence::None,
            rdb_every: secs(60),
            redis_replica: false,
            replication_delay: ms(100),
            request_timeout: secs(1),
            index_page_keys: index::DEFAULT_PAGE_KEYS,
            bugs: Vec::new(),
            network: NetworkConfig { latency_min: ms(1), latency_max: ms(3), ..NetworkConfig::default() },
        }
    }
}

impl IdConfig {
    /// Whether bug `bug` is switched on.
    pub fn has(&self, bug: IdBug) -> bool {
        self.bugs.contains(&bug)
    }

    /// The databases' node ids (they come first).
    pub fn databases_range(&self) -> Range<NodeId> {
        let count = match self.generator {
            Generator::Database => self.databases,
            Generator::Segment | Generator::Baidu => 1,
            _ => 0,
        };
        0..count
    }

    /// The Raft segment store's members (after the databases).
    pub fn members_range(&self) -> Range<NodeId> {
        let start = self.databases_range().end;
        let count = if self.generator == Generator::RaftSegment { self.members } else { 0 };
        start..start + count
    }

    /// The Redis nodes' ids: the master, then its replica.
    pub fn redis_range(&self) -> Range<NodeId> {
        let start = self.members_range().end;
        let count = if self.generator == Generator::Redis { 1 + u32::from(self.redis_replica) } else { 0 };
        start..start + count
    }

    /// The coordinator's node id, when worker ids come from one.
    pub fn coordinator(&self) -> Option<NodeId> {
        let uses = matches!(self.generator, Generator::Snowflake | Generator::Sonyflake)
            && self.worker_ids == WorkerIds::Coordinator;
        uses.then_some(self.redis_range().end)
    }

    /// The segment servers' node ids.
    pub fn id_server_range(&self) -> Range<NodeId> {
        let start = self.redis_range().end + u32::from(self.coordinator().is_some());
        let segments = matches!(self.generator, Generator::Segment | Generator::RaftSegment);
        let count = if segments { self.id_servers } else { 0 };
        start..start + count
    }

    /// The application servers' node ids (they come last).
    pub fn app_range(&self) -> Range<NodeId> {
        let start = self.id_server_range().end;
        start..start + self.apps
    }

    /// Fresh tables of database `index`: offsets 1..N stepping by N (the added one is stepped
    /// alone with the bug on).
    fn tables(&self, index: u32) -> DbTables {
        let n = u64::from(self.databases_range().len() as u32);
        let i = u64::from(index);
        let increment = if self.has(IdBug::AddedDatabaseNotRestepped) && i + 1 < n { n - 1 } else { n };
        DbTables::new(i + 1, increment.max(1), self.step)
    }
}

impl ClusterConfig for IdConfig {
    fn nodes(&self) -> u32 {
        self.app_range().end
    }
    fn network(&self) -> &NetworkConfig {
        &self.network
    }
    fn validate_lab(&self) -> Result<(), (String, String)> {
        let range = |field: &str, value: u64, lo: u64, hi: u64| {
            if (lo..=hi).contains(&value) {
                Ok(())
            } else {
                Err((field.to_string(), format!("{value} is not between {lo} and {hi}")))
            }
        };
        range("apps", u64::from(self.apps), 1, 32)?;
        range("rate", u64::from(self.rate), 1, 10_000_000)?;
        range("tick", self.tick, 1, secs(1))?;
        range("databases", u64::from(self.databases), 1, 8)?;
        range("id_servers", u64::from(self.id_servers), 1, 8)?;
        range("members", u64::from(self.members), 1, 7)?;
        range("step", self.step, 1, 1_000_000_000)?;
        range("rdb_every", self.rdb_every, ms(1), secs(3_600))?;
        range("replication_delay", self.replication_delay, 0, secs(60))?;
        range("request_timeout", self.request_timeout, ms(1), secs(60))?;
        range("index_page_keys", u64::from(self.index_page_keys), 2, 10_000)?;
        range("start_unix_ms", self.start_unix_ms, 0, 4_102_444_800_000)?;
        if self.has(IdBug::DuplicateWorkerId) && self.apps < 2 {
            return Err(("bugs".into(), "duplicate_worker_id needs at least 2 apps".into()));
        }
        if self.has(IdBug::AddedDatabaseNotRestepped) && self.databases < 2 {
            return Err(("bugs".into(), "added_database_not_restepped needs at least 2 databases".into()));
        }
        Ok(())
    }
}

/// Messages between the roles; each role understands its own.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IdMessage {
    /// A statement to a database.
    Db { req: u64, op: DbOp },
    /// A database's answer.
    DbReply { req: u64, reply: DbReply },
    /// `INCR id` to Redis.
    Redis { req: u64 },
    /// Redis's answer.
    RedisReply { req: u64, reply: RedisReply },
    /// The Redis master streams its counter to the replica.
    Replicate { value: u64 },
    /// A request to the coordinator (`req` 0: no answer awaited).
    Zk { req: u64, op: ZkOp },
    /// The coordinator's answer.
    ZkReply { req: u64, reply: ZkReply },
    /// An application asks a segment server for an ID.
    Get { req: u64 },
    /// The segment server's answer.
    GetReply { req: u64, reply: SegmentAnswer },
    /// Raft between the segment store's members.
    Raft(RaftMessage),
    /// A segment server's compare-and-set of `max_id`, in its session `(client, seq)`.
    Cas { client: ClientId, seq: u64, expected: Option<u64>, new: u64 },
    /// A store member's answer to the compare-and-set of slot `seq`.
    CasReply { seq: u64, answer: CasAnswer },
}

/// Timers of every role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IdTimer {
    /// An application server's.
    App(AppTimer),
    /// A segment server's.
    Segment(SegmentTimer),
    /// A Redis node's.
    Redis(RedisTimer),
    /// A segment-store member's Raft timer.
    Raft(RaftTimer),
}

/// Inputs from outside.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum IdInput {
    /// A Redis replica becomes the master (what Sentinel does after the master fails).
    Promote,
    /// An application server asks for `count` IDs now.
    Request { count: u32 },
}

/// Why a generator refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// The clock is behind the last ID's time.
    ClockRollback,
    /// The clock is outside the layout's time range.
    OutOfTime,
    /// The worker id does not fit the layout.
    NoWorkerId,
}

fn as_string<S: serde::Serializer>(id: &u128, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&id.to_string())
}

/// Trace events of the IDs lab.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "ev", rename_all = "snake_case")]
pub enum IdEvent {
    /// An application server got an ID (decimal text: IDs exceed JavaScript's safe integers).
    Issued {
        #[serde(serialize_with = "as_string")]
        id: u128,
        generator: Generator,
    },
    /// A generator refused a request.
    Refused { reason: Refusal, behind_us: u64 },
    /// A generator waits (sequence used up, or Leaf waiting out a small rollback).
    Waiting { until_unix_us: u64, rollback: bool },
    /// A segment server got a range `start..end`.
    SegmentFetched { start: u64, end: u64 },
    /// A server got its worker id (from the coordinator, the database, or Leaf's local cache).
    WorkerAssigned { worker_id: u64, cached: bool },
    /// Leaf's start-up check: the clock is behind the time this address last reported.
    StartRefused { reported_ms: u64, clock_ms: u64 },
    /// Redis reloaded its counter from disk.
    Reloaded { value: u64 },
    /// A Redis replica became the master.
    Promoted,
    /// A segment-store member's Raft role changed.
    StoreRole { role: Role, term: Term },
}

/// What a node keeps on disk.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct IdDisk {
    /// A database's tables.
    pub db: Option<DbTables>,
    /// Redis's persisted counter (RDB snapshot or AOF).
    pub redis: Option<u64>,
    /// The coordinator's data tree.
    pub zk: Option<ZkData>,
    /// Leaf's worker id cached on local disk.
    pub worker_cache: Option<u64>,
    /// A segment-store member's write-ahead log.
    pub raft: Option<RaftDurable>,
}

/// One write to a node's disk.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IdWrite {
    /// A database commits its tables.
    Db(DbTables),
    /// Redis writes its counter.
    Redis(u64),
    /// The coordinator writes its tree.
    Zk(ZkData),
    /// A Leaf server caches its worker id.
    WorkerCache(u64),
    /// A segment-store member writes its write-ahead log.
    Raft(RaftWrite),
}

impl DurableState for IdDisk {
    type Write = IdWrite;
    fn write(&mut self, write: IdWrite) {
        match write {
            IdWrite::Db(t) => self.db = Some(t),
            IdWrite::Redis(v) => self.redis = Some(v),
            IdWrite::Zk(z) => self.zk = Some(z),
            IdWrite::WorkerCache(w) => self.worker_cache = Some(w),
            IdWrite::Raft(w) => self.raft.get_or_insert_with(RaftDurable::default).write(w),
        }
    }
}

/// A node of the IDs lab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdNode {
    /// A database.
    Db(Database),
    /// A member of the Raft segment store.
    Store(Box<StoreMember>),
    /// A Redis node.
    Redis(RedisNode),
    /// The worker-id coordinator.
    Coordinator(Coordinator),
    /// A segment server.
    Segment(Box<SegmentServer>),
    /// An application server.
    App(Box<AppServer>),
}

impl IdNode {
    /// What this node handed out in its latest handler call, and its counters.
    pub fn log(&self) -> &log::IssueLog {
        match self {
            IdNode::Db(n) => &n.log,
            IdNode::Store(n) => &n.log,
            IdNode::Redis(n) => &n.log,
            IdNode::Coordinator(n) => &n.log,
            IdNode::Segment(n) => &n.log,
            IdNode::App(n) => &n.log,
        }
    }

    fn log_mut(&mut self) -> &mut log::IssueLog {
        match self {
            IdNode::Db(n) => &mut n.log,
            IdNode::Store(n) => &mut n.log,
            IdNode::Redis(n) => &mut n.log,
            IdNode::Coordinator(n) => &mut n.log,
            IdNode::Segment(n) => &mut n.log,
            IdNode::App(n) => &mut n.log,
        }
    }

    /// The application server, if this node is one.
    pub fn app(&self) -> Option<&AppServer> {
        match self {
            IdNode::App(a) => Some(a),
            _ => None,
        }
    }

    /// The Redis node, if this node is one.
    pub fn redis(&self) -> Option<&RedisNode> {
        match self {
            IdNode::Redis(r) => Some(r),
            _ => None,
        }
    }

    /// The coordinator, if this node is it.
    pub fn coordinator(&self) -> Option<&Coordinator> {
        match self {
            IdNode::Coordinator(c) => Some(c),
            _ => None,
        }
    }

    /// The database, if this node is one.
    pub fn db(&self) -> Option<&Database> {
        match self {
            IdNode::Db(d) => Some(d),
            _ => None,
        }
    }

    /// The segment-store member, if this node is one.
    pub fn store(&self) -> Option<&StoreMember> {
        match self {
            IdNode::Store(m) => Some(m),
            _ => None,
        }
    }

    /// The segment server, if this node is one.
    pub fn segment(&self) -> Option<&SegmentServer> {
        match self {
            IdNode::Segment(s) => Some(s),
            _ => None,
        }
    }
}

impl Process for IdNode {
    type Config = IdConfig;
    type Message = IdMessage;
    type Timer = IdTimer;
    type Input = IdInput;
    type Durable = IdDisk;
    type Event = IdEvent;

    fn boot(id: NodeId, config: &IdConfig, disk: Option<&IdDisk>, ctx: &mut Ctx<Self>) -> Self {
        let cfg = Rc::new(config.clone());
        if config.databases_range().contains(&id) {
            IdNode::Db(Database::boot(config.tables(id), disk.and_then(|d| d.db.as_ref())))
        } else if config.members_range().contains(&id) {
            let (first, members) = (config.members_range().start, config.members);
            let raft = disk.and_then(|d| d.raft.as_ref());
            IdNode::Store(Box::new(StoreMember::boot(id - first, members, first, raft, ctx)))
        } else if config.redis_range().contains(&id) {
            let mut node = RedisNode::boot(config.persistence, config.rdb_every, disk.and_then(|d| d.redis), ctx);
            let master = config.redis_range().start;
            node.is_replica = id != master;
            node.replica = (config.redis_replica && id == master).then_some(master + 1);
            node.replication_delay = config.replication_delay;
            IdNode::Redis(node)
        } else if config.coordinator() == Some(id) {
            IdNode::Coordinator(Coordinator::boot(disk.and_then(|d| d.zk.as_ref())))
        } else if config.id_server_range().contains(&id) {
            let store = match config.generator {
                Generator::RaftSegment => Store::Raft(StoreClient::new(config.members_range(), ctx)),
                _ => Store::Database(config.databases_range().start),
            };
            IdNode::Segment(Box::new(SegmentServer::boot(cfg, store, ctx)))
        } else {
            let index = id - config.app_range().start;
            IdNode::App(Box::new(AppServer::boot(cfg, index, disk.and_then(|d| d.worker_cache), ctx)))
        }
    }

    fn on_message(&mut self, from: NodeId, message: IdMessage, ctx: &mut Ctx<Self>) {
        self.log_mut().begin();
        match (self, message) {
            (IdNode::Db(db), IdMessage::Db { req, op }) => db.execute(from, req, op, ctx),
            (IdNode::Redis(r), IdMessage::Redis { req }) => r.incr(from, req, ctx),
            (IdNode::Redis(r), IdMessage::Replicate { value }) => r.replicate(value, ctx),
            (IdNode::Coordinator(c), IdMessage::Zk { req, op }) => c.execute(from, req, op, ctx),
            (IdNode::Segment(s), IdMessage::Get { req }) => s.get(from, req, ctx),
            (IdNode::Segment(s), IdMessage::DbReply { req, reply }) => s.on_db_reply(req, reply, ctx),
            (IdNode::Segment(s), IdMessage::CasReply { seq, answer }) => s.on_cas_reply(seq, answer, ctx),
            (IdNode::Store(m), IdMessage::Raft(message)) => m.on_raft(from, message, ctx),
            (IdNode::Store(m), IdMessage::Cas { client, seq, expected, new }) => {
                m.on_cas(from, (client, seq), expected, new, ctx)
            }
            (IdNode::App(a), message) => a.on_message(message, ctx),
            _ => {}
        }
    }

    fn on_timer(&mut self, timer: IdTimer, ctx: &mut Ctx<Self>) {
        self.log_mut().begin();
        match (self, timer) {
            (IdNode::App(a), IdTimer::App(t)) => a.on_timer(t, ctx),
            (IdNode::Segment(s), IdTimer::Segment(t)) => s.on_timer(t, ctx),
            (IdNode::Redis(r), IdTimer::Redis(t)) => r.on_timer(t, ctx),
            (IdNode::Store(m), IdTimer::Raft(t)) => m.on_raft_timer(t, ctx),
            _ => {}
        }
    }

    fn on_input(&mut self, input: IdInput, ctx: &mut Ctx<Self>) {
        self.log_mut().begin();
        match (self, input) {
            (IdNode::Redis(r), IdInput::Promote) if r.is_replica => {
                r.is_replica = false;
                ctx.emit(IdEvent::Promoted);
            }
            (IdNode::App(a), IdInput::Request { count }) => a.request(u64::from(count), ctx),
            _ => {}
        }
    }

    fn message_kind(message: &IdMessage) -> &'static str {
        match message {
            IdMessage::Db { op, .. } => match op {
                DbOp::NextId => "REPLACE INTO tickets",
                DbOp::SegmentUpdate => "UPDATE leaf_alloc",
                DbOp::SegmentRead => "SELECT max_id",
                DbOp::SegmentWrite { .. } => "UPDATE max_id",
                DbOp::AssignWorker { .. } => "INSERT WORKER_NODE",
            },
            IdMessage::DbReply { .. } => "result",
            IdMessage::Redis { .. } => "INCR",
            IdMessage::RedisReply { .. } => "reply",
            IdMessage::Replicate { .. } => "replicate",
            IdMessage::Zk { op: ZkOp::Register { .. }, .. } => "create -s",
            IdMessage::Zk { op: ZkOp::Report { .. }, .. } => "setData",
            IdMessage::ZkReply { .. } => "zk reply",
            IdMessage::Get { .. } => "get id",
            IdMessage::GetReply { .. } => "id",
            IdMessage::Raft(m) => RaftNode::message_kind(m),
            IdMessage::Cas { .. } => "CAS max_id",
            IdMessage::CasReply { .. } => "cas result",
        }
    }

    fn message_class(message: &IdMessage) -> MessageClass {
        match message {
            IdMessage::Raft(m) => RaftNode::message_class(m),
            IdMessage::DbReply { .. }
            | IdMessage::CasReply { .. }
            | IdMessage::RedisReply { .. }
            | IdMessage::ZkReply { .. }
            | IdMessage::GetReply { .. } => MessageClass::Reply,
            _ => MessageClass::Request,
        }
    }

    fn timer_kind(timer: &IdTimer) -> &'static str {
        match timer {
            IdTimer::App(AppTimer::Tick) => "tick",
            IdTimer::App(AppTimer::Resume) => "resume",
            IdTimer::App(AppTimer::Register) => "register",
            IdTimer::App(AppTimer::Report) => "report",
            IdTimer::Segment(SegmentTimer::FetchTimeout) => "fetch timeout",
            IdTimer::Segment(SegmentTimer::Retry) => "retry",
            IdTimer::Raft(t) => RaftNode::timer_kind(t),
            IdTimer::Redis(RedisTimer::Persist) => "persist",
            IdTimer::Redis(RedisTimer::Replicate) => "replicate",
        }
    }

    fn validate_input(config: &IdConfig, input: &IdInput) -> Result<(), String> {
        match input {
            IdInput::Promote if !config.redis_replica || config.generator != Generator::Redis => {
                Err("promote needs the redis generator with a replica".into())
            }
            _ => Ok(()),
        }
    }
}
