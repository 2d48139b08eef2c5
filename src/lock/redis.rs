//! A Redis server, as far as lock recipes use it: strings with expiry on the server's own clock,
//! `SET NX PX`, `SETNX`, `PEXPIRE`, `DEL`, `INCR`, the compare-and-delete and renew-if-owner Lua
//! scripts of Redisson and the Redlock reference, and pub/sub for release notifications.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::sim::{DurableState, NodeId, SimTime};

/// How a Redis instance persists (redis.conf `appendonly` / `appendfsync`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Persistence {
    /// Nothing survives a restart (the Redlock failure: a restarted instance forgets the lock).
    #[default]
    None,
    /// AOF with `appendfsync always`: every write is on disk before the reply.
    AofAlways,
}

/// A command, as the lock recipes send them.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "cmd", rename_all = "snake_case")]
pub enum Command {
    /// `SET key value [NX] [PX ms]`.
    Set { key: String, value: String, nx: bool, px: Option<SimTime> },
    /// `SETNX key value` (no expiry: the old two-step recipe).
    SetNx { key: String, value: String },
    /// `PEXPIRE key ms`.
    PExpire { key: String, ms: SimTime },
    /// `DEL key`.
    Del { key: String },
    /// `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`.
    DelIfValue { key: String, value: String },
    /// `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`.
    PExpireIfValue { key: String, value: String, ms: SimTime },
    /// `INCR key` (a fencing-token counter).
    Incr { key: String },
    /// `SUBSCRIBE channel`.
    Subscribe { channel: String },
    /// `PUBLISH channel message` (sent by an unlocking client, as Redisson does).
    Publish { channel: String },
}

/// A reply.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
pub enum Reply {
    /// `+OK`.
    Ok,
    /// `(nil)`: not set.
    Nil,
    /// An integer.
    Int { value: i64 },
    /// An error (`-READONLY ...` from a replica).
    Error { message: String },
}

/// The error a replica answers to a write.
pub const READONLY: &str = "READONLY You can't write against a read only replica.";

/// One stored string.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Stored {
    /// The value.
    pub value: String,
    /// When it expires, on this server's clock (absolute, as AOF writes `PEXPIREAT`).
    pub expires_at: Option<SimTime>,
}

/// What the server holds (and, with AOF, what its disk holds).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Keyspace {
    /// Keys and values.
    pub keys: BTreeMap<String, Stored>,
}

/// One write to the append-only file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AofWrite {
    /// A key set (with its absolute expiry).
    Set { key: String, stored: Stored },
    /// A key removed.
    Del { key: String },
}

impl DurableState for Keyspace {
    type Write = AofWrite;
    fn write(&mut self, write: AofWrite) {
        match write {
            AofWrite::Set { key, stored } => {
                self.keys.insert(key, stored);
            }
            AofWrite::Del { key } => {
                self.keys.remove(&key);
            }
        }
    }
}

/// A Redis server's memory: its keyspace and its subscribers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RedisServer {
    /// Keys and values.
    pub keyspace: Keyspace,
    /// Channel subscribers, in subscription order.
    pub subscribers: BTreeMap<String, Vec<NodeId>>,
}

/// What executing a command did, besides its reply.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The reply to the caller.
    pub reply: Option<Reply>,
    /// Writes to persist (with AOF).
    pub writes: Vec<AofWrite>,
    /// Subscribers to notify, with the channel.
    pub notify: Vec<(NodeId, String)>,
}

impl RedisServer {
    /// A server restarted from its disk (empty without persistence).
    pub fn restore(disk: Option<&Keyspace>) -> Self {
        Self { keyspace: disk.cloned().unwrap_or_default(), subscribers: BTreeMap::new() }
    }

    /// The live value of `key` at local time `now` (an expired key reads as absent, as in Redis).
    pub fn get(&self, key: &str, now: SimTime) -> Option<&Stored> {
        self.keyspace.keys.get(key).filter(|s| s.expires_at.is_none_or(|at| at > now))
    }

    /// Remaining time to live of `key` at `now`, if it is set with an expiry.
    pub fn pttl(&self, key: &str, now: SimTime) -> Option<SimTime> {
        self.get(key, now).and_then(|s| s.expires_at).map(|at| at - now)
    }

    /// Apply writes streamed from the master (a replica's side of replication).
    pub fn replicate(&mut self, writes: Vec<AofWrite>) {
        writes.into_iter().for_each(|w| self.keyspace.write(w));
    }

    /// Execute `command` from `from` at local time `now`.
    pub fn execute(&mut self, from: NodeId, command: Command, now: SimTime) -> Outcome {
        let mut out = Outcome::default();
        let reply = match command {
            Command::Set { key, value, nx, px } => {
                if nx && self.get(&key, now).is_some() {
                    Reply::Nil
                } else {
                    self.put(key, value, px.map(|ms| now + ms), &mut out);
                    Reply::Ok
                }
            }
            Command::SetNx { key, value } => {
                if self.get(&key, now).is_some() {
                    Reply::Int { value: 0 }
                } else {
                    self.put(key, value, None, &mut out);
                    Reply::Int { value: 1 }
                }
            }
            Command::PExpire { key, ms } => self.pexpire(key, ms, now, &mut out),
            Command::Del { key } => self.del(key, now, &mut out),
            Command::DelIfValue { key, value } => match self.get(&key, now) {
                Some(s) if s.value == value => self.del(key, now, &mut out),
                _ => Reply::Int { value: 0 },
            },
            Command::PExpireIfValue { key, value, ms } => match self.get(&key, now) {
                Some(s) if s.value == value => self.pexpire(key, ms, now, &mut out),
                _ => Reply::Int { value: 0 },
            },
            Command::Incr { key } => {
                let next = self.get(&key, now).and_then(|s| s.value.parse::<i64>().ok()).unwrap_or(0) + 1;
                self.put(key, next.to_string(), None, &mut out);
                Reply::Int { value: next }
            }
            Command::Subscribe { channel } => {
                let list = self.subscribers.entry(channel).or_default();
                if !list.contains(&from) {
                    list.push(from);
                }
                Reply::Int { value: list.len() as i64 }
            }
            Command::Publish { channel } => {
                let listeners = self.subscribers.get(&channel).cloned().unwrap_or_default();
                out.notify.extend(listeners.iter().map(|&n| (n, channel.clone())));
                Reply::Int { value: listeners.len() as i64 }
            }
        };
        out.reply = Some(reply);
        out
    }

    fn put(&mut self, key: String, value: String, expires_at: Option<SimTime>, out: &mut Outcome) {
        let stored = Stored { value, expires_at };
        self.keyspace.keys.insert(key.clone(), stored.clone());
        out.writes.push(AofWrite::Set { key, stored });
    }

    fn pexpire(&mut self, key: String, ms: SimTime, now: SimTime, out: &mut Outcome) -> Reply {
        match self.get(&key, now).cloned() {
            Some(mut stored) => {
                stored.expires_at = Some(now + ms);
                self.keyspace.keys.insert(key.clone(), stored.clone());
                out.writes.push(AofWrite::Set { key, stored });
                Reply::Int { value: 1 }
            }
            None => Reply::Int { value: 0 },
        }
    }

    fn del(&mut self, key: String, now: SimTime, out: &mut Outcome) -> Reply {
        let existed = self.get(&key, now).is_some();
        if self.keyspace.keys.remove(&key).is_some() {
            out.writes.push(AofWrite::Del { key });
        }
        Reply::Int { value: i64::from(existed) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set_nx_px(key: &str, value: &str, px: SimTime) -> Command {
        Command::Set { key: key.into(), value: value.into(), nx: true, px: Some(px) }
    }

    #[test]
    fn set_nx_px_grants_once_until_the_key_expires() {
        let mut r = RedisServer::default();
        assert_eq!(r.execute(1, set_nx_px("lock", "a", 100), 0).reply, Some(Reply::Ok));
        assert_eq!(r.execute(2, set_nx_px("lock", "b", 100), 50).reply, Some(Reply::Nil));
        assert_eq!(r.execute(2, set_nx_px("lock", "b", 100), 100).reply, Some(Reply::Ok), "expired at 100");
        assert_eq!(r.get("lock", 120).map(|s| s.value.as_str()), Some("b"));
    }

    #[test]
    fn compare_and_delete_leaves_someone_elses_lock_alone() {
        let mut r = RedisServer::default();
        r.execute(1, set_nx_px("lock", "b", 100), 0);
        let wrong = Command::DelIfValue { key: "lock".into(), value: "a".into() };
        assert_eq!(r.execute(1, wrong, 10).reply, Some(Reply::Int { value: 0 }));
        assert!(r.get("lock", 10).is_some());
        let plain = Command::Del { key: "lock".into() };
        assert_eq!(r.execute(1, plain, 10).reply, Some(Reply::Int { value: 1 }), "plain DEL deletes anyone's lock");
    }

    #[test]
    fn renew_if_owner_extends_only_the_owners_lease() {
        let mut r = RedisServer::default();
        r.execute(1, set_nx_px("lock", "a", 100), 0);
        let renew = |v: &str| Command::PExpireIfValue { key: "lock".into(), value: v.into(), ms: 100 };
        assert_eq!(r.execute(2, renew("b"), 50).reply, Some(Reply::Int { value: 0 }));
        assert_eq!(r.execute(1, renew("a"), 50).reply, Some(Reply::Int { value: 1 }));
        assert_eq!(r.pttl("lock", 60), Some(90));
    }

    #[test]
    fn a_restart_without_persistence_forgets_and_with_aof_remembers() {
        let mut r = RedisServer::default();
        let mut disk = Keyspace::default();
        let out = r.execute(1, set_nx_px("lock", "a", 100), 0);
        out.writes.into_iter().for_each(|w| disk.write(w));
        assert!(RedisServer::restore(None).get("lock", 10).is_none());
        assert!(RedisServer::restore(Some(&disk)).get("lock", 10).is_some());
        assert!(RedisServer::restore(Some(&disk)).get("lock", 100).is_none(), "the expiry is absolute");
    }

    #[test]
    fn incr_counts_and_publish_reaches_subscribers() {
        let mut r = RedisServer::default();
        assert_eq!(r.execute(1, Command::Incr { key: "fence".into() }, 0).reply, Some(Reply::Int { value: 1 }));
        assert_eq!(r.execute(1, Command::Incr { key: "fence".into() }, 0).reply, Some(Reply::Int { value: 2 }));
        r.execute(3, Command::Subscribe { channel: "c".into() }, 0);
        r.execute(4, Command::Subscribe { channel: "c".into() }, 0);
        let out = r.execute(2, Command::Publish { channel: "c".into() }, 0);
        assert_eq!(out.notify, vec![(3, "c".to_string()), (4, "c".to_string())]);
    }
}
