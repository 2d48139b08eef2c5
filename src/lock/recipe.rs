//! A lock recipe: the switches a student chooses when building a Redis lock, with their defaults.

use serde::{Deserialize, Serialize};

use crate::sim::{ms, secs, SimTime};

/// How the lock is taken.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Acquire {
    /// `SET key token NX PX ttl`: one atomic command.
    #[default]
    SetNxPx,
    /// `SETNX key token`, then `PEXPIRE key ttl`: a crash between the two locks forever.
    SetNxThenExpire,
}

/// How the lock is released.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Release {
    /// A script that deletes the key only if it still holds the owner's token.
    #[default]
    CompareAndDelete,
    /// Plain `DEL`: after the lease expired it deletes someone else's lock.
    Del,
}

/// What a client does when the lock is taken.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Wait {
    /// Retry `SET NX` on a timer.
    #[default]
    Poll,
    /// Subscribe to the release channel and retry when notified (or when the lease would end).
    Watch,
}

/// The switches of a Redis lock recipe.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Recipe {
    /// How the lock is taken.
    pub acquire: Acquire,
    /// How it is released.
    pub release: Release,
    /// Renew the lease at a third of its length while holding (Redisson's watchdog).
    pub watchdog: bool,
    /// Take a fencing token (`INCR`) with the lock and send it with every write.
    pub fencing: bool,
    /// Poll or watch while the lock is taken.
    pub wait: Wait,
    /// The lease (`PX`): Redisson's default lock watchdog timeout is 30 s.
    pub ttl: SimTime,
    /// How long a client thinks inside its critical section, between its read and its write.
    pub think: SimTime,
    /// Time between two `SET NX` attempts when polling.
    pub retry: SimTime,
    /// Time a client rests between two purchases.
    pub rest: SimTime,
    /// Redlock: how long to wait for one instance before moving on to the next (the description
    /// suggests 5-50 ms on a LAN for a 10 s TTL; this lab's network is slower, 10-40 ms each way).
    pub instance_timeout: SimTime,
}

impl Default for Recipe {
    fn default() -> Self {
        Self {
            acquire: Acquire::SetNxPx,
            release: Release::CompareAndDelete,
            watchdog: false,
            fencing: true,
            wait: Wait::Poll,
            ttl: secs(30),
            think: ms(50),
            retry: ms(100),
            rest: ms(20),
            instance_timeout: ms(100),
        }
    }
}

impl Recipe {
    /// The watchdog's renewal period: a third of the lease (Redisson: every 10 s for 30 s).
    pub fn renew_every(&self) -> SimTime {
        (self.ttl / 3).max(1)
    }

    /// Redlock's allowance for clock drift: 1 % of the TTL plus 2 ms (the reference implementation).
    pub fn clock_drift(&self) -> SimTime {
        self.ttl / 100 + ms(2)
    }
}
