//! The configurations a server holds: per key (namespace and data id), its releases (Apollo's
//! publish, rollback and gray release), each change with a version one higher than the last.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::sim::{NodeId, SimTime};

/// How many past releases of a key are kept (for rollback and for the checker's history).
pub const HISTORY: usize = 32;

/// The full name of a configuration: `namespace/data_id` (Nacos's tenant and data id, Apollo's
/// namespace and key).
pub fn key_of(namespace: &str, data_id: &str) -> String {
    format!("{namespace}/{data_id}")
}

/// The checksum of what a client holds for a key (Nacos compares the content's MD5 in long polling).
pub fn checksum(version: u64, value: Option<&str>) -> u64 {
    crate::sim::stable_hash(&(version, value))
}

/// Which client write a change came from: the client's node and its write counter (unique).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct WriteId {
    /// The client node.
    pub client: NodeId,
    /// The client's write counter, from 1.
    pub seq: u64,
}

/// A change to one key, as a client asks for it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Op {
    /// Publish a new release for every client (Apollo "publish"; also ends a gray release).
    Publish { key: String, value: String },
    /// Go back to the release before the current one (Apollo "rollback").
    Rollback { key: String },
    /// Release `value` only to the client instances `clients` (Apollo "gray release").
    Gray { key: String, value: String, clients: Vec<NodeId> },
}

impl Op {
    /// The key it changes.
    pub fn key(&self) -> &str {
        match self {
            Op::Publish { key, .. } | Op::Rollback { key } | Op::Gray { key, .. } => key,
        }
    }

    /// A short name for traces ("publish", "rollback", "gray").
    pub fn name(&self) -> &'static str {
        match self {
            Op::Publish { .. } => "publish",
            Op::Rollback { .. } => "rollback",
            Op::Gray { .. } => "gray",
        }
    }
}

/// What orders two copies of a key: version first, then the accepting server's clock reading
/// (last writer wins), then that server's id. In CP mode only the version ever differs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Revision {
    /// The key's version: one more than the version it replaced.
    pub version: u64,
    /// The accepting server's clock when it accepted the change (may be skewed).
    pub clock: SimTime,
    /// The accepting server.
    pub server: NodeId,
}

/// One release of a key: what it set, at which version, from which write.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Release {
    /// Its version.
    pub version: u64,
    /// The value every client (outside a gray set) sees.
    pub value: String,
    /// The gray release on top of it, if any: its value and the client instances that see it.
    pub gray: Option<(String, Vec<NodeId>)>,
    /// The write that made it.
    pub write: WriteId,
    /// What made it.
    pub kind: ReleaseKind,
}

/// What kind of change made a release.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReleaseKind {
    /// A full publish.
    Publish,
    /// A gray release on top of the main one.
    Gray,
    /// A rollback to an earlier publish.
    Rollback,
}

/// A key's current state and its recent history.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Entry {
    /// The order of this copy against others.
    pub revision: Revision,
    /// Releases, oldest first; the last is current. Rollbacks append too (a new version).
    pub history: Vec<Release>,
    /// How many main releases back the current one is (0: the latest publish).
    pub rolled_back: u32,
}

impl Entry {
    /// The current release.
    pub fn current(&self) -> &Release {
        self.history.last().expect("an entry has a release")
    }

    /// What `client` sees: the gray value if it is in the gray set, else the main value.
    pub fn value_for(&self, client: NodeId) -> &str {
        let release = self.current();
        match &release.gray {
            Some((value, clients)) if clients.contains(&client) => value,
            _ => &release.value,
        }
    }

    /// Whether the write `write` made version `version` of this key (kept in the history).
    pub fn holds(&self, version: u64, write: WriteId) -> Option<bool> {
        let oldest = self.history.first().map_or(0, |r| r.version);
        if version < oldest {
            return None;
        }
        Some(self.history.iter().any(|r| r.version == version && r.write == write))
    }
}

/// Why a change was not applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rejection {
    /// Rollback with no earlier release to go back to.
    NothingToRollBack,
}

/// A server's configurations, by key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Store {
    entries: BTreeMap<String, Entry>,
    /// Per client, the last write applied and its outcome (a retried write is not applied twice).
    sessions: BTreeMap<NodeId, (u64, Result<u64, Rejection>)>,
}

impl Store {
    /// The entry of `key`, if any.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }

    /// Every key and entry, in key order.
    pub fn entries(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.entries.iter()
    }

    /// Each key's revision, in key order (what the anti-entropy checksums compare).
    pub fn revisions(&self) -> impl Iterator<Item = (&String, Revision)> {
        self.entries.iter().map(|(k, e)| (k, e.revision))
    }

    /// The version of `key` (0: absent).
    pub fn version(&self, key: &str) -> u64 {
        self.entries.get(key).map_or(0, |e| e.revision.version)
    }

    /// Apply `op` from `write`, accepted by `server` with its clock at `clock`: the new version,
    /// or why not. A write already applied gets its first outcome again.
    pub fn apply(&mut self, op: &Op, write: WriteId, server: NodeId, clock: SimTime) -> Result<u64, Rejection> {
        if let Some(&(seq, outcome)) = self.sessions.get(&write.client) {
            if seq >= write.seq {
                return outcome;
            }
        }
        let outcome = self.change(op, write, server, clock);
        self.sessions.insert(write.client, (write.seq, outcome));
        outcome
    }

    fn change(&mut self, op: &Op, write: WriteId, server: NodeId, clock: SimTime) -> Result<u64, Rejection> {
        let entry = self.entries.get(op.key());
        let version = entry.map_or(0, |e| e.revision.version) + 1;
        let (value, gray, rolled_back) = match op {
            Op::Publish { value, .. } => (value.clone(), None, 0),
            Op::Gray { value, clients, .. } => {
                let main = entry.map(|e| e.current().value.clone()).unwrap_or_default();
                (main, Some((value.clone(), clients.clone())), entry.map_or(0, |e| e.rolled_back))
            }
            Op::Rollback { .. } => {
                let entry = entry.ok_or(Rejection::NothingToRollBack)?;
                let back = entry.rolled_back + 1;
                let previous = Self::main_release_back(entry, back).ok_or(Rejection::NothingToRollBack)?;
                (previous, None, back)
            }
        };
        let revision = Revision { version, clock, server };
        let kind = match op {
            Op::Publish { .. } => ReleaseKind::Publish,
            Op::Gray { .. } => ReleaseKind::Gray,
            Op::Rollback { .. } => ReleaseKind::Rollback,
        };
        let release = Release { version, value, gray, write, kind };
        let entry = self.entries.entry(op.key().to_string()).or_insert_with(|| Entry {
            revision,
            history: Vec::new(),
            rolled_back: 0,
        });
        entry.revision = revision;
        entry.rolled_back = rolled_back;
        entry.history.push(release);
        if entry.history.len() > HISTORY {
            entry.history.remove(0);
        }
        Ok(version)
    }

    /// The value of the publish `back` publishes before the latest kept one (Apollo rolls back
    /// past abandoned releases one by one).
    fn main_release_back(entry: &Entry, back: u32) -> Option<String> {
        let publishes: Vec<&Release> = entry.history.iter().filter(|r| r.kind == ReleaseKind::Publish).collect();
        let index = publishes.len().checked_sub(1 + back as usize)?;
        Some(publishes[index].value.clone())
    }

    /// Take `entry` for `key` if it orders after the copy held (anti-entropy and replication);
    /// whether it was taken.
    pub fn merge(&mut self, key: &str, entry: Entry) -> bool {
        match self.entries.get(key) {
            Some(mine) if mine.revision >= entry.revision => false,
            _ => {
                self.entries.insert(key.to_string(), entry);
                true
            }
        }
    }
}

impl Store {
    /// The outcome of `write` if it is the last write of its client applied here.
    pub fn outcome(&self, write: WriteId) -> Option<Result<u64, Rejection>> {
        self.sessions.get(&write.client).filter(|(seq, _)| *seq == write.seq).map(|(_, o)| *o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(version: u64, clock: SimTime, server: NodeId, value: &str) -> Entry {
        let write = WriteId { client: 9, seq: version };
        let release = Release { version, value: value.into(), gray: None, write, kind: ReleaseKind::Publish };
        Entry { revision: Revision { version, clock, server }, history: vec![release], rolled_back: 0 }
    }

    #[test]
    fn distro_merge_orders_by_version_then_clock_then_server() {
        // (held, incoming, taken)
        let cases = [
            (entry(1, 500, 0, "held"), entry(2, 100, 0, "in"), true),
            (entry(2, 100, 0, "held"), entry(1, 900, 0, "in"), false),
            (entry(1, 100, 0, "held"), entry(1, 200, 0, "in"), true),
            (entry(1, 200, 0, "held"), entry(1, 100, 2, "in"), false),
            (entry(1, 100, 0, "held"), entry(1, 100, 1, "in"), true),
            (entry(1, 100, 1, "held"), entry(1, 100, 1, "in"), false),
        ];
        for (i, (held, incoming, taken)) in cases.into_iter().enumerate() {
            let mut store = Store::default();
            store.merge("k", held);
            assert_eq!(store.merge("k", incoming), taken, "case {i}");
        }
    }

    #[test]
    fn apollo_rollback_steps_back_one_publish_at_a_time_and_a_new_publish_resets() {
        let mut store = Store::default();
        let mut seq = 0;
        let mut apply = |store: &mut Store, op: Op| {
            seq += 1;
            store.apply(&op, WriteId { client: 1, seq }, 0, 0)
        };
        let publish = |v: &str| Op::Publish { key: "k".into(), value: v.into() };
        let rollback = || Op::Rollback { key: "k".into() };
        assert_eq!(apply(&mut store, rollback()), Err(Rejection::NothingToRollBack));
        for v in ["a", "b", "c"] {
            apply(&mut store, publish(v)).unwrap();
        }
        let gray = Op::Gray { key: "k".into(), value: "g".into(), clients: vec![7] };
        assert_eq!(apply(&mut store, gray), Ok(4));
        let entry = store.get("k").unwrap();
        assert_eq!((entry.value_for(7), entry.value_for(8)), ("g", "c"));
        assert_eq!(apply(&mut store, rollback()), Ok(5));
        assert_eq!(store.get("k").unwrap().value_for(7), "b", "a rollback ends the gray release");
        assert_eq!(apply(&mut store, rollback()), Ok(6));
        assert_eq!(store.get("k").unwrap().value_for(8), "a");
        assert_eq!(apply(&mut store, rollback()), Err(Rejection::NothingToRollBack));
        apply(&mut store, publish("d")).unwrap();
        apply(&mut store, rollback()).unwrap();
        assert_eq!(
            store.get("k").unwrap().value_for(8),
            "c",
            "after a new publish, rollback goes to the latest kept one"
        );
    }

    #[test]
    fn a_retried_write_is_applied_once() {
        let mut store = Store::default();
        let op = Op::Publish { key: "k".into(), value: "v".into() };
        let write = WriteId { client: 3, seq: 1 };
        assert_eq!(store.apply(&op, write, 0, 0), Ok(1));
        assert_eq!(store.apply(&op, write, 0, 0), Ok(1));
        assert_eq!(store.version("k"), 1);
    }
}
