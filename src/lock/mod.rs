//! Distributed locks around a protected resource. Now: Redis, one instance with the classic recipe
//! switches (SET NX PX or SETNX + EXPIRE, DEL or compare-and-delete, Redisson's watchdog, fencing
//! tokens, polling or watching) or Redlock over N independent instances; a storage service holding
//! the stock; and the checker.

pub mod checker;
pub mod client;
pub mod recipe;
pub mod redis;
pub mod storage;

use serde::{Deserialize, Serialize};

use crate::sim::{ClusterConfig, Ctx, NetworkConfig, NodeId, Process};
use client::Client;
use recipe::Recipe;
use redis::{Command, Keyspace, Persistence, RedisServer, Reply};
use storage::{Storage, StorageResult};

/// The lab name in lock scenarios.
pub const LAB: &str = "locks";
/// The lock's key.
pub const LOCK_KEY: &str = "lock:stock";
/// The fencing-token counter's key.
pub const FENCE_KEY: &str = "lock:stock:fence";
/// The channel unlocking clients publish to.
pub const LOCK_CHANNEL: &str = "lock:stock:released";

/// The storage service's node id (the Redis instances follow it, then the clients).
pub const STORAGE: NodeId = 0;
/// The first Redis instance's node id.
pub const FIRST_REDIS: NodeId = 1;

/// A locks-lab cluster: the storage service, the Redis instances, and the clients.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LockConfig {
    /// Number of clients.
    pub clients: u32,
    /// Number of Redis instances: 1, or more for Redlock (5 in the Redlock description).
    pub instances: u32,
    /// Items in stock at the start.
    pub stock: i64,
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
            instances: 1,
            stock: 100,
            recipe: Recipe::default(),
            persistence: Persistence::None,
            network: NetworkConfig::default(),
        }
    }
}

impl LockConfig {
    /// The Redis instances' node ids.
    pub fn redis_nodes(&self) -> Vec<NodeId> {
        (FIRST_REDIS..FIRST_REDIS + self.instances).collect()
    }

    /// The first client's node id.
    pub fn first_client(&self) -> NodeId {
        FIRST_REDIS + self.instances
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
        if self.recipe.ttl == 0 || self.recipe.retry == 0 {
            return Err(("recipe".into(), "ttl and retry must be positive".into()));
        }
        if self.instances == 0 {
            return Err(("instances".into(), "at least one Redis instance".into()));
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
    /// Read the stock, with a fencing token if the recipe has them.
    Read { req: u64, token: Option<u64> },
    /// Write the stock, with a fencing token if the recipe has them.
    Write { req: u64, value: i64, token: Option<u64> },
    /// The storage service's answer.
    StorageReply { req: u64, result: StorageResult },
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
}

/// Inputs: none yet besides restarting a client that finished.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum LockInput {
    /// A client tries to take the lock now.
    Acquire,
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
}

/// What a node stores durably: Redis's append-only file (empty for other roles).
pub type LockDisk = Keyspace;

/// A node of the locks lab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockNode {
    /// The storage service.
    Storage(Storage),
    /// The Redis instance.
    Redis(RedisServer, Persistence),
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

    /// The Redis server, if this node is it.
    pub fn redis(&self) -> Option<&RedisServer> {
        match self {
            LockNode::Redis(r, _) => Some(r),
            _ => None,
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
            STORAGE => LockNode::Storage(Storage::new(config.stock, config.recipe.fencing)),
            _ if id < config.first_client() => {
                let disk = (config.persistence == Persistence::AofAlways).then_some(disk).flatten();
                LockNode::Redis(RedisServer::restore(disk), config.persistence)
            }
            _ => {
                let client = Client::new(config.recipe.clone(), config.redis_nodes(), STORAGE);
                let delay = Client::first_delay(ctx);
                ctx.set_timer(LockTimer::Retry, delay);
                LockNode::Client(Box::new(client))
            }
        }
    }

    fn on_message(&mut self, from: NodeId, message: LockMessage, ctx: &mut Ctx<Self>) {
        match (self, message) {
            (LockNode::Redis(server, persistence), LockMessage::Redis { req, command }) => {
                let out = server.execute(from, command, ctx.now());
                if *persistence == Persistence::AofAlways {
                    out.writes.into_iter().for_each(|w| ctx.persist(w));
                }
                for (subscriber, channel) in out.notify {
                    ctx.send(subscriber, LockMessage::Published { channel });
                }
                if let (Some(reply), true) = (out.reply, req != 0) {
                    ctx.send(from, LockMessage::RedisReply { req, reply });
                }
            }
            (LockNode::Storage(storage), LockMessage::Read { req, token }) => {
                let result = storage.read(token);
                ctx.send(from, LockMessage::StorageReply { req, result });
            }
            (LockNode::Storage(storage), LockMessage::Write { req, value, token }) => {
                let result = storage.write(from, req, value, token);
                ctx.send(from, LockMessage::StorageReply { req, result });
            }
            (LockNode::Client(client), LockMessage::RedisReply { req, reply }) => client.on_redis_reply(req, reply, ctx),
            (LockNode::Client(client), LockMessage::StorageReply { req, result }) => {
                client.on_storage_reply(req, result, ctx)
            }
            (LockNode::Client(client), LockMessage::Published { .. }) => client.on_published(ctx),
            _ => {}
        }
    }

    fn on_timer(&mut self, timer: LockTimer, ctx: &mut Ctx<Self>) {
        if let LockNode::Client(client) = self {
            client.on_timer(timer, ctx);
        }
    }

    fn on_input(&mut self, input: LockInput, ctx: &mut Ctx<Self>) {
        match (self, input) {
            (LockNode::Client(client), LockInput::Acquire) if client.phase == client::Phase::Idle => client.acquire(ctx),
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
        }
    }

    fn timer_kind(timer: &LockTimer) -> &'static str {
        match timer {
            LockTimer::Retry => "retry",
            LockTimer::Think => "think",
            LockTimer::Renew => "watchdog",
            LockTimer::InstanceTimeout => "instance timeout",
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
mod tests;
