//! A Redis node serving `INCR id`: persistence none, RDB snapshots every N seconds, AOF with
//! `appendfsync everysec` or `always`; an asynchronous replica that can be promoted.

use serde::{Deserialize, Serialize};

use super::log::IssueLog;
use super::{IdEvent, IdMessage, IdNode, IdTimer, IdWrite};
use crate::sim::{secs, Ctx, NodeId, SimTime};

/// How Redis persists the counter (redis.conf `save`, `appendonly`, `appendfsync`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Persistence {
    /// Nothing survives a restart.
    #[default]
    None,
    /// An RDB snapshot every `rdb_every`: increments since the last one are lost.
    Rdb,
    /// AOF fsynced once a second: up to a second of increments is lost.
    AofEverysec,
    /// AOF fsynced before every reply: nothing is lost.
    AofAlways,
}

/// Redis timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RedisTimer {
    /// Write the counter to disk (RDB snapshot or AOF fsync).
    Persist,
    /// Stream buffered increments to the replica.
    Replicate,
}

/// Redis's answer to `INCR`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RedisReply {
    /// The incremented value.
    Value(u64),
    /// `-READONLY You can't write against a read only replica.`
    ReadOnly,
}

/// A Redis node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedisNode {
    /// The counter.
    pub value: u64,
    /// How it persists.
    pub persistence: Persistence,
    /// Its replica, if it is a master with one.
    pub replica: Option<NodeId>,
    /// Whether it is a replica (refuses writes).
    pub is_replica: bool,
    /// Whether increments wait to be streamed to the replica.
    pub unreplicated: bool,
    /// How long increments wait before being streamed.
    pub replication_delay: SimTime,
    /// RDB snapshot period.
    pub rdb_every: SimTime,
    /// IDs handed out.
    pub log: IssueLog,
}

impl RedisNode {
    /// Boot: reload what was persisted (nothing without persistence) and arm the persistence timer.
    pub fn boot(persistence: Persistence, rdb_every: SimTime, disk: Option<u64>, ctx: &mut Ctx<IdNode>) -> Self {
        let value = if persistence == Persistence::None { 0 } else { disk.unwrap_or(0) };
        if value > 0 {
            ctx.emit(IdEvent::Reloaded { value });
        }
        if let Some(every) = Self::persist_every(persistence, rdb_every) {
            ctx.set_timer(IdTimer::Redis(RedisTimer::Persist), every);
        }
        Self {
            value,
            persistence,
            replica: None,
            is_replica: false,
            unreplicated: false,
            replication_delay: 0,
            rdb_every,
            log: IssueLog::default(),
        }
    }

    fn persist_every(persistence: Persistence, rdb_every: SimTime) -> Option<SimTime> {
        match persistence {
            Persistence::Rdb => Some(rdb_every),
            Persistence::AofEverysec => Some(secs(1)),
            Persistence::None | Persistence::AofAlways => None,
        }
    }

    /// `INCR id`.
    pub fn incr(&mut self, from: NodeId, req: u64, ctx: &mut Ctx<IdNode>) {
        if self.is_replica {
            ctx.send(from, IdMessage::RedisReply { req, reply: RedisReply::ReadOnly });
            return;
        }
        self.value += 1;
        self.log.generated(u128::from(self.value), true);
        if self.persistence == Persistence::AofAlways {
            ctx.persist(IdWrite::Redis(self.value));
        }
        if self.replica.is_some() && !self.unreplicated {
            self.unreplicated = true;
            ctx.set_timer(IdTimer::Redis(RedisTimer::Replicate), self.replication_delay);
        }
        ctx.send(from, IdMessage::RedisReply { req, reply: RedisReply::Value(self.value) });
    }

    /// A replica applies the master's stream.
    pub fn replicate(&mut self, value: u64, ctx: &mut Ctx<IdNode>) {
        if self.is_replica {
            self.value = value;
            if self.persistence == Persistence::AofAlways {
                ctx.persist(IdWrite::Redis(value));
            }
        }
    }

    /// A timer came due.
    pub fn on_timer(&mut self, timer: RedisTimer, ctx: &mut Ctx<IdNode>) {
        match timer {
            RedisTimer::Persist => {
                ctx.persist(IdWrite::Redis(self.value));
                if let Some(every) = Self::persist_every(self.persistence, self.rdb_every) {
                    ctx.set_timer(IdTimer::Redis(RedisTimer::Persist), every);
                }
            }
            RedisTimer::Replicate => {
                self.unreplicated = false;
                if let Some(replica) = self.replica {
                    ctx.send(replica, IdMessage::Replicate { value: self.value });
                }
            }
        }
    }
}
