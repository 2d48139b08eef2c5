//! Distributed locks around a protected resource. Now: Redis, one instance with the classic recipe
//! switches (SET NX PX or SETNX + EXPIRE, DEL or compare-and-delete, Redisson's watchdog, fencing
//! tokens, polling or watching) or Redlock over N independent instances; a storage service holding
//! the stock; and the checker.

pub mod checker;
pub mod client;
pub mod etcd;
pub mod recipe;
pub mod redis;
pub mod storage;
pub mod zookeeper;

use serde::{Deserialize, Serialize};

use crate::raft::node::{RaftDurable, RaftTimer, RaftWrite};
use crate::raft::types::{RaftMessage, Role, Term};
use crate::sim::{ms, secs, ClusterConfig, Ctx, DurableState, MessageClass, NetworkConfig, NodeId, Process, SimTime};
use client::Client;
use etcd::{EtcdMember, EtcdReply, EtcdRequest};
use recipe::Recipe;
use redis::{AofWrite, Command, Keyspace, Persistence, RedisServer, Reply, READONLY};
use storage::{Storage, StorageResult};
use zookeeper::{ZkEventKind, ZkOp, ZkReply, ZkServer};

/// The lab name in lock scenarios.
pub const LAB: &str = "locks";
/// The lock key of a segment.
pub fn lock_key(segment: u32) -> String {
    format!("lock:stock:{segment}")
}

/// The fencing-token counter of a segment.
pub fn fence_key(segment: u32) -> String {
    format!("lock:stock:{segment}:fence")
}

/// The channel unlocking clients of a segment publish to.
pub fn lock_channel(segment: u32) -> String {
    format!("lock:stock:{segment}:released")
}

/// The storage service's node id (the Redis instances follow it, then the clients).
pub const STORAGE: NodeId = 0;
/// The first Redis instance's node id.
pub const FIRST_REDIS: NodeId = 1;

/// The lock service the clients use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    /// Redis: one instance, a master and replica, or Redlock's independent instances.
    #[default]
    Redis,
    /// A ZooKeeper server: ephemeral sequential znodes under `/locks`.
    ZooKeeper,
    /// An etcd cluster replicated by Raft: the concurrency Mutex (a key per session lease).
    Etcd,
}

/// A locks-lab cluster: the storage service, the lock servers, and the clients.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LockConfig {
    /// Number of clients.
    pub clients: u32,
    /// The lock service.
    pub service: Service,
    /// ZooKeeper: the session timeout (clients ask for Curator's 60 s; a default server grants at
    /// most 20 ticks of 2 s, so 40 s).
    pub session_timeout: SimTime,
    /// Every waiter watches the lock's parent (ZooKeeper) or the holder's key (etcd): the herd,
    /// instead of its predecessor.
    pub herd: bool,
    /// etcd: number of members (3 by default).
    pub members: u32,
    /// etcd: the session lease's TTL (`concurrency.NewSession`'s default: 60 s).
    pub lease_ttl: SimTime,
    /// Number of Redis instances: 1, or more for Redlock (5 in the Redlock description).
    pub instances: u32,
    /// One instance with an asynchronously replicated replica (the next node), promoted by hand
    /// (as Sentinel would) when the master dies.
    pub replica: bool,
    /// How long the master buffers writes before streaming them to its replica (Redis streams
    /// almost at once; the lesson widens the window so the failure can be seen).
    pub replication_delay: SimTime,
    /// Items in stock at the start.
    pub stock: i64,
    /// Segments the stock is split into, each with its own lock (1: one lock for everything).
    pub segments: u32,
    /// Items each purchase takes (from a single segment).
    pub quantity: i64,
    /// The recipe every client follows.
    pub recipe: Recipe,
    /// How Redis persists.
    pub persistence: Persistence,
    /// The network at time 0.
    pub network: NetworkConfig,
}

impl Default for LockConfig {
    fn default() -> Self {
        Self {
            clients: 4,
            service: Service::Redis,
            session_timeout: secs(40),
            herd: false,
            members: 3,
            lease_ttl: secs(60),
            instances: 1,
            replica: false,
            replication_delay: ms(200),
            stock: 100,
            segments: 1,
            quantity: 1,
            recipe: Recipe::default(),
            persistence: Persistence::None,
            network: NetworkConfig::default(),
        }
    }
}

impl LockConfig {
    /// The ZooKeeper lessons' cluster: `clients` buying 20 items, the session timeout scaled from
    /// ZooKeeper's 40 s to 1 s so that an expiry shows within a lesson.
    pub fn zookeeper_lesson(clients: u32, herd: bool, fencing: bool, think: SimTime) -> Self {
        let recipe = Recipe { fencing, think, ..Recipe::default() };
        Self {
            clients,
            service: Service::ZooKeeper,
            session_timeout: secs(1),
            herd,
            stock: 20,
            recipe,
            ..Self::default()
        }
    }

    /// The lock servers' node ids: the Redis instances (the master, then its replica, when there is
    /// one), the ZooKeeper server, or the etcd members.
    pub fn redis_nodes(&self) -> Vec<NodeId> {
        (FIRST_REDIS..self.first_client()).collect()
    }

    /// The first client's node id.
    pub fn first_client(&self) -> NodeId {
        match self.service {
            Service::Etcd => FIRST_REDIS + self.members,
            _ => FIRST_REDIS + self.instances + u32::from(self.replica),
        }
    }

    /// Whether clients use Redlock (more than one instance).
    pub fn redlock(&self) -> bool {
        self.instances > 1
    }
}

impl ClusterConfig for LockConfig {
    fn nodes(&self) -> u32 {
        self.first_client() + self.clients
    }
    fn network(&self) -> &NetworkConfig {
        &self.network
    }
    fn validate_lab(&self) -> Result<(), (String, String)> {
        if self.clients == 0 {
            return Err(("clients".into(), "at least one client".into()));
        }
        if self.stock < 0 {
            return Err(("stock".into(), "cannot be negative".into()));
        }
        if self.recipe.ttl == 0 {
            return Err(("recipe.ttl".into(), "must be positive".into()));
        }
        if self.recipe.retry < ms(1) {
            return Err((
                "recipe.retry".into(),
                "must be at least 1000 µs (1 ms; Redisson retries after a few ms)".into(),
            ));
        }
        if self.segments == 0 || self.quantity < 1 {
            return Err(("segments".into(), "at least one segment, and purchases of at least one item".into()));
        }
        if self.instances == 0 {
            return Err(("instances".into(), "at least one Redis instance".into()));
        }
        if self.service == Service::ZooKeeper && (self.instances != 1 || self.replica) {
            return Err(("service".into(), "the ZooKeeper lab has one server (instances 1, no replica)".into()));
        }
        if self.service == Service::Etcd && (self.instances != 1 || self.replica) {
            return Err(("service".into(), "etcd has members, not Redis instances (instances 1, no replica)".into()));
        }
        if self.service == Service::Etcd && !(1..=9).contains(&self.members) {
            return Err(("members".into(), "between 1 and 9 etcd members".into()));
        }
        if self.service == Service::Etcd && self.lease_ttl == 0 {
            return Err(("lease_ttl".into(), "must be positive".into()));
        }
        if self.service == Service::ZooKeeper && self.session_timeout == 0 {
            return Err(("session_timeout".into(), "must be positive".into()));
        }
        if self.redlock() && self.replica {
            return Err(("replica".into(), "Redlock uses independent instances, without replicas".into()));
        }
        if self.redlock() && self.recipe.fencing {
            return Err(("recipe.fencing".into(), "Redlock cannot provide fencing tokens (no shared counter)".into()));
        }
        if self.redlock() && self.recipe.acquire != recipe::Acquire::SetNxPx {
            return Err(("recipe.acquire".into(), "Redlock takes each instance with SET NX PX".into()));
        }
        Ok(())
    }
}

/// Messages between clients, Redis and the storage service.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum LockMessage {
    /// A command to Redis (`req` 0: no reply awaited).
    Redis { req: u64, command: Command },
    /// Redis's reply.
    RedisReply { req: u64, reply: Reply },
    /// A pub/sub message.
    Published { channel: String },
    /// Read a segment's stock, with a fencing token if the recipe has them.
    Read { req: u64, segment: u32, token: Option<u64> },
    /// Write a segment's stock (selling `sold` items), with a fencing token if the recipe has them.
    Write { req: u64, segment: u32, value: i64, sold: i64, token: Option<u64> },
    /// The storage service's answer.
    StorageReply { req: u64, result: StorageResult },
    /// The master's replication stream to its replica.
    Replicate { writes: Vec<AofWrite> },
    /// A request to ZooKeeper, in a session (none for `Connect`).
    Zk { req: u64, session: Option<zookeeper::SessionId>, op: ZkOp },
    /// ZooKeeper's reply.
    ZkReply { req: u64, reply: ZkReply },
    /// A ZooKeeper watch fired.
    ZkEvent { path: String, kind: ZkEventKind },
    /// Raft between etcd members.
    Raft(RaftMessage),
    /// A request to an etcd member, in the client's session `(client, seq)` (for its retries).
    Etcd { req: u64, client: crate::raft::types::ClientId, seq: u64, request: EtcdRequest },
    /// An etcd member's answer.
    EtcdReply { req: u64, reply: EtcdReply },
    /// Changes an etcd watch asked for (or its cancellation: the start revision was compacted).
    EtcdWatch { id: u64, events: Vec<crate::raft::mvcc::MvccEvent>, compacted: bool },
}

/// Client timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LockTimer {
    /// Try to take the lock (again).
    Retry,
    /// The critical section's thinking is over.
    Think,
    /// The watchdog renews the lease.
    Renew,
    /// Redlock: the current instance did not answer in time.
    InstanceTimeout,
    /// A client's lock request went unanswered: try the other instance (Sentinel-style discovery).
    RequestTimeout,
    /// The master streams its buffered writes to the replica.
    Flush,
    /// A ZooKeeper client pings to keep its session.
    Ping,
    /// The ZooKeeper server expires silent sessions.
    SessionTick,
    /// An etcd member's Raft timer.
    Raft(RaftTimer),
    /// An etcd member's lessor looks for expired leases.
    LeaseCheck,
    /// An etcd client keeps its session lease alive (every third of the TTL).
    KeepAlive,
    /// The storage service did not answer in time: send the request again.
    StorageTimeout,
}

/// Inputs: none yet besides restarting a client that finished.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum LockInput {
    /// A client tries to take the lock now.
    Acquire,
    /// A replica becomes the master (what Sentinel does after the master fails).
    Promote,
}

/// Trace events of the locks lab.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "ev", rename_all = "snake_case")]
pub enum LockEvent {
    /// A client got the lock.
    Acquired { token: String },
    /// A client let it go.
    Released { token: String },
    /// The storage service refused a client's stale token.
    Fenced { token: u64, highest: u64 },
    /// An etcd member's Raft role changed.
    EtcdRole { role: Role, term: Term },
}

/// What a node stores durably: Redis's append-only file, or an etcd member's Raft log and hard
/// state (empty for other roles).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct LockDisk {
    /// Redis: the append-only file.
    pub aof: Keyspace,
    /// etcd: the write-ahead log.
    pub raft: RaftDurable,
}

/// One write to a node's disk.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum LockWrite {
    /// Redis appends to its AOF.
    Aof(AofWrite),
    /// An etcd member writes its WAL.
    Raft(RaftWrite),
}

impl DurableState for LockDisk {
    type Write = LockWrite;
    fn write(&mut self, write: LockWrite) {
        match write {
            LockWrite::Aof(w) => self.aof.write(w),
            LockWrite::Raft(w) => self.raft.write(w),
        }
    }
}

/// A Redis node: the server, how it persists, and its part in replication.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedisNode {
    /// Keys and subscribers.
    pub server: RedisServer,
    /// Persistence mode.
    pub persistence: Persistence,
    /// Its replica, if it is a master with one.
    pub replica: Option<NodeId>,
    /// Whether it is a replica (writes refused with READONLY).
    pub is_replica: bool,
    /// Writes not yet streamed to the replica (lost if the master dies now).
    pub unreplicated: Vec<AofWrite>,
    /// How long writes wait before they are streamed.
    pub replication_delay: SimTime,
}

/// A node of the locks lab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockNode {
    /// The storage service.
    Storage(Storage),
    /// A Redis instance.
    Redis(Box<RedisNode>),
    /// The ZooKeeper server.
    Zk(Box<ZkServer>),
    /// An etcd member.
    Etcd(Box<EtcdMember>),
    /// A client.
    Client(Box<Client>),
}

impl LockNode {
    /// The client, if this node is one.
    pub fn client(&self) -> Option<&Client> {
        match self {
            LockNode::Client(c) => Some(c),
            _ => None,
        }
    }

    /// The storage service, if this node is it.
    pub fn storage(&self) -> Option<&Storage> {
        match self {
            LockNode::Storage(s) => Some(s),
            _ => None,
        }
    }

    /// The Redis server, if this node is one.
    pub fn redis(&self) -> Option<&RedisServer> {
        self.redis_node().map(|r| &r.server)
    }

    /// The Redis node, if this node is one.
    pub fn redis_node(&self) -> Option<&RedisNode> {
        match self {
            LockNode::Redis(r) => Some(r),
            _ => None,
        }
    }

    /// The etcd member, if this node is one.
    pub fn etcd(&self) -> Option<&EtcdMember> {
        match self {
            LockNode::Etcd(m) => Some(m),
            _ => None,
        }
    }
}

impl RedisNode {
    /// Execute a client's command: a replica refuses writes; a master persists (AOF), queues the
    /// writes for its replica, notifies subscribers and replies.
    fn execute(&mut self, from: NodeId, req: u64, command: Command, ctx: &mut Ctx<LockNode>) {
        let is_write = !matches!(command, Command::Subscribe { .. } | Command::Publish { .. });
        if self.is_replica && is_write {
            if req != 0 {
                ctx.send(from, LockMessage::RedisReply { req, reply: Reply::Error { message: READONLY.into() } });
            }
            return;
        }
        let out = self.server.execute(from, command, ctx.now());
        if self.persistence == Persistence::AofAlways {
            out.writes.iter().cloned().for_each(|w| ctx.persist(LockWrite::Aof(w)));
        }
        if self.replica.is_some() && !out.writes.is_empty() {
            if self.unreplicated.is_empty() {
                ctx.set_timer(LockTimer::Flush, self.replication_delay);
            }
            self.unreplicated.extend(out.writes);
        }
        for (subscriber, channel) in out.notify {
            ctx.send(subscriber, LockMessage::Published { channel });
        }
        if let (Some(reply), true) = (out.reply, req != 0) {
            ctx.send(from, LockMessage::RedisReply { req, reply });
        }
    }

    /// Stream the buffered writes to the replica.
    fn flush(&mut self, ctx: &mut Ctx<LockNode>) {
        if let (Some(replica), false) = (self.replica, self.unreplicated.is_empty()) {
            ctx.send(replica, LockMessage::Replicate { writes: std::mem::take(&mut self.unreplicated) });
        }
    }
}

impl Process for LockNode {
    type Config = LockConfig;
    type Message = LockMessage;
    type Timer = LockTimer;
    type Input = LockInput;
    type Durable = LockDisk;
    type Event = LockEvent;

    fn boot(id: NodeId, config: &LockConfig, disk: Option<&LockDisk>, ctx: &mut Ctx<Self>) -> Self {
        match id {
            STORAGE => LockNode::Storage(Storage::new(config.stock, config.segments, config.recipe.fencing)),
            FIRST_REDIS if config.service == Service::ZooKeeper => {
                let tick = (config.session_timeout / 10).max(ms(1));
                ctx.set_timer(LockTimer::SessionTick, tick);
                LockNode::Zk(Box::new(ZkServer::with_tick(tick)))
            }
            _ if id < config.first_client() && config.service == Service::Etcd => {
                let raft = disk.map(|d| &d.raft);
                LockNode::Etcd(Box::new(EtcdMember::boot(id - FIRST_REDIS, config.members, FIRST_REDIS, raft, ctx)))
            }
            _ if id < config.first_client() => {
                let disk = (config.persistence == Persistence::AofAlways).then_some(disk).flatten().map(|d| &d.aof);
                let is_replica = config.replica && id == FIRST_REDIS + 1;
                let replica = (config.replica && id == FIRST_REDIS).then_some(FIRST_REDIS + 1);
                LockNode::Redis(Box::new(RedisNode {
                    server: RedisServer::restore(disk),
                    persistence: config.persistence,
                    replica,
                    is_replica,
                    unreplicated: Vec::new(),
                    replication_delay: config.replication_delay,
                }))
            }
            _ => {
                let mut client = Client::new(config.recipe.clone(), config.redis_nodes(), config.redlock(), STORAGE);
                client.shop(config.segments, id % config.segments, config.quantity);
                match config.service {
                    Service::ZooKeeper => client.use_zookeeper(config.session_timeout, config.herd),
                    Service::Etcd => client.use_etcd(config.lease_ttl, config.herd, ctx),
                    Service::Redis => {}
                }
                let delay = Client::first_delay(ctx);
                ctx.set_timer(LockTimer::Retry, delay);
                LockNode::Client(Box::new(client))
            }
        }
    }

    fn on_message(&mut self, from: NodeId, message: LockMessage, ctx: &mut Ctx<Self>) {
        match (self, message) {
            (LockNode::Redis(node), LockMessage::Redis { req, command }) => node.execute(from, req, command, ctx),
            (LockNode::Redis(node), LockMessage::Replicate { writes }) if node.is_replica => {
                node.server.replicate(writes.clone());
                if node.persistence == Persistence::AofAlways {
                    writes.into_iter().for_each(|w| ctx.persist(LockWrite::Aof(w)));
                }
            }
            (LockNode::Storage(storage), LockMessage::Read { req, segment, token }) => {
                let result = storage.read(segment, token);
                ctx.send(from, LockMessage::StorageReply { req, result });
            }
            (LockNode::Storage(storage), LockMessage::Write { req, segment, value, sold, token }) => {
                let result = storage.write(from, req, segment, value, sold, token);
                ctx.send(from, LockMessage::StorageReply { req, result });
            }
            (LockNode::Client(client), LockMessage::RedisReply { req, reply }) => {
                client.on_redis_reply(req, reply, ctx)
            }
            (LockNode::Client(client), LockMessage::StorageReply { req, result }) => {
                client.on_storage_reply(req, result, ctx)
            }
            (LockNode::Client(client), LockMessage::Published { .. }) => client.on_published(ctx),
            (LockNode::Zk(server), LockMessage::Zk { req, session, op }) => {
                let (reply, fired) = server.execute(from, session, op, ctx.now());
                ctx.send(from, LockMessage::ZkReply { req, reply });
                for (client, path, kind) in fired {
                    ctx.send(client, LockMessage::ZkEvent { path, kind });
                }
            }
            (LockNode::Client(client), LockMessage::ZkReply { req, reply }) => client.on_zk_reply(req, reply, ctx),
            (LockNode::Client(client), LockMessage::ZkEvent { .. }) => client.on_zk_event(ctx),
            (LockNode::Etcd(member), LockMessage::Raft(message)) => member.on_raft(from, message, ctx),
            (LockNode::Etcd(member), LockMessage::Etcd { req, client, seq, request }) => {
                member.on_request(from, req, (client, seq), request, ctx)
            }
            (LockNode::Client(client), LockMessage::EtcdReply { req, reply }) => client.on_etcd_reply(req, reply, ctx),
            (LockNode::Client(client), LockMessage::EtcdWatch { id, events, compacted }) => {
                client.on_etcd_watch(id, &events, compacted, ctx)
            }
            _ => {}
        }
    }

    fn on_timer(&mut self, timer: LockTimer, ctx: &mut Ctx<Self>) {
        match self {
            LockNode::Client(client) => client.on_timer(timer, ctx),
            LockNode::Redis(node) => node.flush(ctx),
            LockNode::Zk(server) => {
                let (fired, expired) = server.expire(ctx.now());
                for (client, path, kind) in fired {
                    ctx.send(client, LockMessage::ZkEvent { path, kind });
                }
                for client in expired {
                    ctx.send(client, LockMessage::ZkReply { req: 0, reply: ZkReply::SessionExpired });
                }
                ctx.set_timer(LockTimer::SessionTick, server.tick);
            }
            LockNode::Etcd(member) => match timer {
                LockTimer::Raft(t) => member.on_raft_timer(t, ctx),
                LockTimer::LeaseCheck => member.check_leases(ctx),
                _ => {}
            },
            LockNode::Storage(_) => {}
        }
    }

    fn on_input(&mut self, input: LockInput, ctx: &mut Ctx<Self>) {
        match (self, input) {
            (LockNode::Client(client), LockInput::Acquire) if client.phase == client::Phase::Idle => {
                client.acquire(ctx)
            }
            (LockNode::Redis(node), LockInput::Promote) if node.is_replica => node.is_replica = false,
            _ => {}
        }
    }

    fn message_kind(message: &LockMessage) -> &'static str {
        match message {
            LockMessage::Redis { command, .. } => match command {
                Command::Set { .. } => "SET NX PX",
                Command::SetNx { .. } => "SETNX",
                Command::PExpire { .. } => "PEXPIRE",
                Command::Del { .. } => "DEL",
                Command::DelIfValue { .. } => "EVAL unlock",
                Command::PExpireIfValue { .. } => "EVAL renew",
                Command::Incr { .. } => "INCR",
                Command::Subscribe { .. } => "SUBSCRIBE",
                Command::Publish { .. } => "PUBLISH",
            },
            LockMessage::RedisReply { .. } => "reply",
            LockMessage::Published { .. } => "message",
            LockMessage::Read { .. } => "read",
            LockMessage::Write { .. } => "write",
            LockMessage::StorageReply { .. } => "result",
            LockMessage::Replicate { .. } => "replicate",
            LockMessage::Zk { op, .. } => match op {
                ZkOp::Connect { .. } => "connect",
                ZkOp::Ping => "ping",
                ZkOp::CreateEphemeralSequential { .. } => "create -e -s",
                ZkOp::Delete { .. } => "delete",
                ZkOp::GetChildren { .. } => "getChildren",
                ZkOp::Exists { .. } => "exists",
            },
            LockMessage::ZkReply { .. } => "zk reply",
            LockMessage::ZkEvent { .. } => "watch event",
            LockMessage::Raft(m) => crate::raft::node::RaftNode::message_kind(m),
            LockMessage::Etcd { request, .. } => etcd::request_kind(request),
            LockMessage::EtcdReply { .. } => "etcd reply",
            LockMessage::EtcdWatch { .. } => "watch response",
        }
    }

    fn message_class(message: &LockMessage) -> MessageClass {
        match message {
            LockMessage::RedisReply { .. }
            | LockMessage::Published { .. }
            | LockMessage::StorageReply { .. }
            | LockMessage::ZkReply { .. }
            | LockMessage::ZkEvent { .. }
            | LockMessage::EtcdReply { .. }
            | LockMessage::EtcdWatch { .. } => MessageClass::Reply,
            LockMessage::Raft(m) => crate::raft::node::RaftNode::message_class(m),
            LockMessage::Redis { .. }
            | LockMessage::Read { .. }
            | LockMessage::Write { .. }
            | LockMessage::Replicate { .. }
            | LockMessage::Zk { .. }
            | LockMessage::Etcd { .. } => MessageClass::Request,
        }
    }

    fn timer_kind(timer: &LockTimer) -> &'static str {
        match timer {
            LockTimer::Retry => "retry",
            LockTimer::Think => "think",
            LockTimer::Renew => "watchdog",
            LockTimer::InstanceTimeout => "instance timeout",
            LockTimer::RequestTimeout => "request timeout",
            LockTimer::Flush => "replication flush",
            LockTimer::Ping => "ping",
            LockTimer::SessionTick => "session tick",
            LockTimer::Raft(t) => crate::raft::node::RaftNode::timer_kind(t),
            LockTimer::LeaseCheck => "lease check",
            LockTimer::KeepAlive => "keepalive",
            LockTimer::StorageTimeout => "storage timeout",
        }
    }

    fn validate_input(config: &LockConfig, _input: &LockInput) -> Result<(), String> {
        if config.clients == 0 {
            return Err("there are no clients".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod etcd_tests;

#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
