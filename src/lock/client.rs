//! A client of the lock: acquire, take a fencing token, read the stock, think, write, release;
//! then rest and buy again, until the stock is gone. With several Redis instances it follows
//! Redlock: the same key and token to each instance in turn, each with a short timeout; the lock
//! is held with a majority and time left (validity = TTL - elapsed - drift); otherwise it unlocks
//! every instance and retries after a random delay.

use serde::Serialize;

use super::recipe::{Acquire, Recipe, Release, Wait};
use super::redis::{Command, Reply};
use super::storage::StorageResult;
use super::{fence_key, lock_channel, lock_key, LockEvent, LockMessage, LockNode, LockTimer};
use crate::sim::{Ctx, NodeId, SimTime};

mod etcd;
mod zk;
pub use etcd::{lock_prefix, lock_txn, EtcdSession, Step as EtcdStep};
pub use zk::ZkSession;

/// How long a client waits for the master before trying the other instance.
pub const REQUEST_TIMEOUT: SimTime = 500_000;

/// Where a client is in its cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Resting between purchases.
    Idle,
    /// Asking Redis for the lock.
    Acquiring,
    /// `SETNX` succeeded; waiting for `PEXPIRE` (the two-step recipe).
    SettingExpiry,
    /// Holding: waiting for its fencing token.
    Fencing,
    /// Holding: reading the stock.
    Reading,
    /// Holding: thinking.
    Thinking,
    /// Holding: writing the stock.
    Writing,
    /// Releasing the lock.
    Releasing,
    /// Waiting for a release notification (watch mode).
    Watching,
    /// The stock is gone.
    Done,
}

impl Phase {
    /// Whether the client believes it holds the lock (it is in its critical section).
    pub fn holds_lock(self) -> bool {
        matches!(self, Phase::Fencing | Phase::Reading | Phase::Thinking | Phase::Writing)
    }
}

/// A Redlock attempt in progress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedlockAttempt {
    /// Local time the attempt began.
    pub started: SimTime,
    /// Index of the instance being asked.
    pub current: usize,
    /// Instances that granted the lock.
    pub granted: Vec<NodeId>,
}

/// A client's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    recipe: Recipe,
    instances: Vec<NodeId>,
    redlock_mode: bool,
    /// Without Redlock: the instance believed to be the master (index into the instances).
    primary: usize,
    storage: NodeId,
    /// Where it is.
    pub phase: Phase,
    /// The token it locks with (unique per attempt).
    pub token: String,
    /// Its fencing token, when it has one.
    pub fence: Option<u64>,
    /// The stock it read.
    pub read: Option<i64>,
    /// Items bought.
    pub bought: u64,
    /// Lock grants.
    pub acquisitions: u64,
    /// `SET NX` attempts that found the lock taken.
    pub wasted: u64,
    /// Messages sent.
    pub sent: u64,
    /// Release notifications received.
    pub notified: u64,
    /// The Redlock attempt in progress.
    pub redlock: Option<RedlockAttempt>,
    /// The segment it is buying from now.
    pub segment: u32,
    /// Segments in the store.
    pub segments: u32,
    /// Items per purchase.
    pub quantity: i64,
    /// Segments tried for the current purchase (it falls over to the next when one is short).
    pub tried: u32,
    /// Purchases given up because no single segment had enough.
    pub failed: u64,
    /// With ZooKeeper: its session and znode.
    pub zk: Option<ZkSession>,
    /// With etcd: its session and key.
    pub etcd: Option<EtcdSession>,
    /// etcd and ZooKeeper: the creation revision (zxid) of its key in the lock's queue.
    pub created: Option<u64>,
    /// Redlock: the validity time of the lock held, as computed at acquisition.
    pub validity: Option<SimTime>,
    subscribed: bool,
    attempt: u64,
    req: u64,
}

impl Client {
    /// A client of the Redis `instances` (Redlock's independent instances, or a master and its
    /// replica) and `storage`.
    pub fn new(recipe: Recipe, instances: Vec<NodeId>, redlock: bool, storage: NodeId) -> Self {
        Self {
            recipe,
            instances,
            redlock_mode: redlock,
            primary: 0,
            storage,
            phase: Phase::Idle,
            token: String::new(),
            fence: None,
            read: None,
            bought: 0,
            acquisitions: 0,
            wasted: 0,
            sent: 0,
            notified: 0,
            redlock: None,
            segment: 0,
            segments: 1,
            quantity: 1,
            tried: 0,
            failed: 0,
            zk: None,
            etcd: None,
            created: None,
            validity: None,
            subscribed: false,
            attempt: 0,
            req: 0,
        }
    }

    /// Buy `quantity` items a time from a store of `segments`, starting at `segment`.
    pub fn shop(&mut self, segments: u32, segment: u32, quantity: i64) {
        self.segments = segments.max(1);
        self.segment = segment % self.segments;
        self.quantity = quantity.max(1);
    }

    fn key(&self) -> String {
        lock_key(self.segment)
    }

    fn uses_redlock(&self) -> bool {
        self.redlock_mode
    }

    /// Send `command` to instance `to`, awaiting its reply (as request `req`).
    fn redis_at(&mut self, to: NodeId, command: Command, ctx: &mut Ctx<LockNode>) {
        self.req += 1;
        self.sent += 1;
        ctx.send(to, LockMessage::Redis { req: self.req, command });
    }

    /// Send `command` to the master, awaiting its reply.
    fn redis(&mut self, command: Command, ctx: &mut Ctx<LockNode>) {
        self.redis_at(self.instances[self.primary], command, ctx);
    }

    /// Believe the next instance is the master now (after a READONLY error or a timeout).
    fn fail_over(&mut self) {
        self.primary = (self.primary + 1) % self.instances.len();
    }

    /// Send `command` to every instance without awaiting replies.
    fn redis_all(&mut self, command: Command, ctx: &mut Ctx<LockNode>) {
        for &to in &self.instances {
            self.sent += 1;
            ctx.send(to, LockMessage::Redis { req: 0, command: command.clone() });
        }
    }

    fn set_nx_px(&self) -> Command {
        Command::Set { key: self.key(), value: self.token.clone(), nx: true, px: Some(self.recipe.ttl) }
    }

    /// Start an attempt to take the lock.
    pub fn acquire(&mut self, ctx: &mut Ctx<LockNode>) {
        if self.zk.is_some() {
            return self.zk_acquire(ctx);
        }
        if self.etcd.is_some() {
            return self.etcd_acquire(ctx);
        }
        self.attempt += 1;
        self.token = format!("c{}-{}", ctx.id(), self.attempt);
        self.phase = Phase::Acquiring;
        if self.uses_redlock() {
            self.redlock = Some(RedlockAttempt { started: ctx.now(), current: 0, granted: Vec::new() });
            self.ask_instance(ctx);
            return;
        }
        let command = match self.recipe.acquire {
            Acquire::SetNxPx => self.set_nx_px(),
            Acquire::SetNxThenExpire => Command::SetNx { key: self.key(), value: self.token.clone() },
        };
        self.redis(command, ctx);
        if self.instances.len() > 1 {
            ctx.set_timer(LockTimer::RequestTimeout, REQUEST_TIMEOUT);
        }
    }

    /// Redlock: ask the current instance, with its short timeout.
    fn ask_instance(&mut self, ctx: &mut Ctx<LockNode>) {
        let Some(current) = self.redlock.as_ref().map(|a| a.current) else { return };
        let command = self.set_nx_px();
        self.redis_at(self.instances[current], command, ctx);
        ctx.set_timer(LockTimer::InstanceTimeout, self.recipe.instance_timeout);
    }

    /// Redlock: the current instance answered (`granted`) or timed out; go on or conclude.
    fn instance_done(&mut self, granted: bool, ctx: &mut Ctx<LockNode>) {
        ctx.cancel_timer(LockTimer::InstanceTimeout);
        let Some(attempt) = self.redlock.as_mut() else { return };
        if granted {
            attempt.granted.push(self.instances[attempt.current]);
        }
        attempt.current += 1;
        if attempt.current < self.instances.len() {
            self.ask_instance(ctx);
            return;
        }
        let elapsed = ctx.now().saturating_sub(attempt.started);
        let validity = self.recipe.ttl as i64 - elapsed as i64 - self.recipe.clock_drift() as i64;
        let majority = self.instances.len() / 2 + 1;
        if attempt.granted.len() >= majority && validity > 0 {
            self.validity = Some(validity as SimTime);
            self.redlock = None;
            self.granted(ctx);
        } else {
            // Unlock every instance, even those that seemed to refuse (a reply may have been lost).
            self.redlock = None;
            let unlock = Command::DelIfValue { key: self.key(), value: self.token.clone() };
            self.redis_all(unlock, ctx);
            self.wasted += 1;
            self.phase = Phase::Idle;
            let delay = ctx.random_range(self.recipe.retry / 2, self.recipe.retry);
            ctx.set_timer(LockTimer::Retry, delay);
        }
    }

    fn granted(&mut self, ctx: &mut Ctx<LockNode>) {
        self.acquisitions += 1;
        self.read = None;
        ctx.emit(LockEvent::Acquired { token: self.token.clone() });
        if self.zk.is_some() || self.etcd.is_some() {
            // Its fencing token is its znode's creation zxid, or its key's create revision.
            return self.start_reading(ctx);
        }
        self.fence = None;
        if self.recipe.watchdog {
            ctx.set_timer(LockTimer::Renew, self.recipe.renew_every());
        }
        if self.recipe.fencing {
            self.phase = Phase::Fencing;
            self.redis(Command::Incr { key: fence_key(self.segment) }, ctx);
        } else {
            self.start_reading(ctx);
        }
    }

    fn start_reading(&mut self, ctx: &mut Ctx<LockNode>) {
        self.phase = Phase::Reading;
        self.req += 1;
        self.send_to_storage(ctx);
    }

    /// Send the storage request of the current phase (request `req`: a resent write is applied
    /// once), and wait at most [`REQUEST_TIMEOUT`] for its answer before sending it again.
    fn send_to_storage(&mut self, ctx: &mut Ctx<LockNode>) {
        let (req, segment, token) = (self.req, self.segment, self.fence);
        let message = match self.phase {
            Phase::Reading => LockMessage::Read { req, segment, token },
            Phase::Writing => {
                let sold = self.quantity;
                LockMessage::Write { req, segment, value: self.read.unwrap_or(0) - sold, sold, token }
            }
            _ => return,
        };
        self.sent += 1;
        ctx.send(self.storage, message);
        ctx.set_timer(LockTimer::StorageTimeout, REQUEST_TIMEOUT);
    }

    fn denied(&mut self, ctx: &mut Ctx<LockNode>) {
        self.wasted += 1;
        match self.recipe.wait {
            Wait::Poll => {
                self.phase = Phase::Idle;
                ctx.set_timer(LockTimer::Retry, self.recipe.retry);
            }
            Wait::Watch => {
                self.phase = Phase::Watching;
                if !self.subscribed {
                    self.subscribed = true;
                    self.redis(Command::Subscribe { channel: lock_channel(self.segment) }, ctx);
                }
                // No notification comes if the holder dies: retry when its lease would be over.
                ctx.set_timer(LockTimer::Retry, self.recipe.ttl);
            }
        }
    }

    fn release(&mut self, ctx: &mut Ctx<LockNode>) {
        self.phase = Phase::Releasing;
        ctx.cancel_timer(LockTimer::Renew);
        ctx.emit(LockEvent::Released { token: self.token.clone() });
        if self.zk.is_some() {
            return self.zk_release(ctx);
        }
        if self.etcd.is_some() {
            return self.etcd_release(ctx);
        }
        let key = self.key();
        let command = match self.recipe.release {
            Release::CompareAndDelete => Command::DelIfValue { key, value: self.token.clone() },
            Release::Del => Command::Del { key },
        };
        if self.uses_redlock() {
            self.redis_all(command, ctx);
            self.validity = None;
            self.rest(ctx);
        } else {
            self.redis(command, ctx);
        }
    }

    fn rest(&mut self, ctx: &mut Ctx<LockNode>) {
        self.phase = Phase::Idle;
        ctx.set_timer(LockTimer::Retry, self.recipe.rest);
    }

    /// A reply from Redis to request `req`.
    pub fn on_redis_reply(&mut self, req: u64, reply: Reply, ctx: &mut Ctx<LockNode>) {
        if req != self.req {
            return; // an answer to an earlier request, already given up on
        }
        if self.phase == Phase::Acquiring && self.redlock.is_some() {
            self.instance_done(reply == Reply::Ok, ctx);
            return;
        }
        ctx.cancel_timer(LockTimer::RequestTimeout);
        if let (Phase::Acquiring, Reply::Error { .. }) = (self.phase, &reply) {
            self.fail_over();
            self.phase = Phase::Idle;
            ctx.set_timer(LockTimer::Retry, self.recipe.retry);
            return;
        }
        match (self.phase, reply) {
            (Phase::Acquiring, Reply::Ok | Reply::Int { value: 1 }) if self.recipe.acquire == Acquire::SetNxPx => {
                self.granted(ctx)
            }
            (Phase::Acquiring, Reply::Int { value: 1 }) => {
                self.phase = Phase::SettingExpiry;
                self.redis(Command::PExpire { key: self.key(), ms: self.recipe.ttl }, ctx);
            }
            (Phase::Acquiring, _) => self.denied(ctx),
            (Phase::SettingExpiry, _) => self.granted(ctx),
            (Phase::Fencing, Reply::Int { value }) => {
                self.fence = Some(value as u64);
                self.start_reading(ctx);
            }
            (Phase::Releasing, _) => {
                if self.recipe.wait == Wait::Watch {
                    self.redis(Command::Publish { channel: lock_channel(self.segment) }, ctx);
                }
                self.rest(ctx);
            }
            _ => {}
        }
    }

    /// A reply from the storage service to request `req`.
    pub fn on_storage_reply(&mut self, req: u64, result: StorageResult, ctx: &mut Ctx<LockNode>) {
        if req != self.req {
            return;
        }
        ctx.cancel_timer(LockTimer::StorageTimeout);
        match (self.phase, result) {
            (Phase::Reading, StorageResult::Value { stock }) if stock < self.quantity => {
                // This segment is short: release it and fall over to the next one.
                self.release(ctx);
                self.tried += 1;
                if self.tried >= self.segments {
                    if stock > 0 || self.segments > 1 {
                        self.failed += 1;
                    }
                    self.phase = Phase::Done;
                } else {
                    self.segment = (self.segment + 1) % self.segments;
                }
            }
            (Phase::Reading, StorageResult::Value { stock }) => {
                self.read = Some(stock);
                self.phase = Phase::Thinking;
                ctx.set_timer(LockTimer::Think, self.recipe.think);
            }
            (Phase::Writing, StorageResult::Written) => {
                self.bought += self.quantity as u64;
                self.tried = 0;
                self.release(ctx);
            }
            (Phase::Reading | Phase::Writing, StorageResult::Rejected { highest }) => {
                ctx.emit(LockEvent::Fenced { token: self.fence.unwrap_or(0), highest });
                self.release(ctx);
            }
            _ => {}
        }
    }

    /// A release notification.
    pub fn on_published(&mut self, ctx: &mut Ctx<LockNode>) {
        self.notified += 1;
        if self.phase == Phase::Watching {
            ctx.cancel_timer(LockTimer::Retry);
            self.acquire(ctx);
        }
    }

    /// A timer came due.
    pub fn on_timer(&mut self, timer: LockTimer, ctx: &mut Ctx<LockNode>) {
        if self.etcd.is_some() && self.etcd_timer(timer, ctx) {
            return;
        }
        match (timer, self.phase) {
            (LockTimer::Retry, Phase::Idle | Phase::Watching) => self.acquire(ctx),
            (LockTimer::Think, Phase::Thinking) => {
                self.phase = Phase::Writing;
                self.req += 1;
                self.send_to_storage(ctx);
            }
            (LockTimer::StorageTimeout, Phase::Reading | Phase::Writing) => self.send_to_storage(ctx),
            (LockTimer::Renew, phase) if phase.holds_lock() => {
                // Renewal is fire-and-forget: its reply is not awaited.
                let command =
                    Command::PExpireIfValue { key: self.key(), value: self.token.clone(), ms: self.recipe.ttl };
                self.redis_all(command, ctx);
                ctx.set_timer(LockTimer::Renew, self.recipe.renew_every());
            }
            (LockTimer::InstanceTimeout, Phase::Acquiring) => self.instance_done(false, ctx),
            (LockTimer::Ping, _) => self.zk_ping(ctx),
            (LockTimer::RequestTimeout, Phase::Acquiring) => {
                self.fail_over();
                self.acquire(ctx);
            }
            _ => {}
        }
    }

    /// Time to wait before the first attempt.
    pub fn first_delay(ctx: &mut Ctx<LockNode>) -> SimTime {
        ctx.random_range(0, 20_000)
    }
}
