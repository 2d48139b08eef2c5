//! etcd's multi-version key space, the state machine the lock lab's etcd members replicate with
//! this Raft engine: one global revision raised by every write transaction; per key its
//! `create_revision`, `mod_revision`, `version` and lease; leases granted and revoked through the
//! log (revoking one deletes its keys); transactions `If(compares) Then(ops) Else(ops)`; and the
//! recent history of changes, which a member's watchers read from a start revision on.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::sim::SimTime;

/// A lease id (etcd's int64 `LeaseID`; 0 means "no lease").
pub type LeaseId = u64;

/// How many changes the history keeps (etcd compacts its history; watchers older than this are
/// told their start revision was compacted).
pub const HISTORY: usize = 256;

/// One comparison of a transaction's guard.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "target", rename_all = "snake_case", deny_unknown_fields)]
pub enum Compare {
    /// The key's create revision equals `equals` (0: the key does not exist).
    CreateRevision { key: String, equals: u64 },
}

/// Which end of the create-revision order a range starts from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreateOrder {
    /// Key order.
    #[default]
    None,
    /// Lowest create revision first (`WithFirstCreate`).
    Ascend,
    /// Highest create revision first (`WithLastCreate`).
    Descend,
}

/// One operation of a transaction branch.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum TxnOp {
    /// Put `key` = `value`, attached to `lease` (0: none).
    Put { key: String, value: String, lease: LeaseId },
    /// Read `key` (every key starting with it if `prefix`), sorted by create revision if asked,
    /// only keys created at or before `max_create_revision` (0: any), at most `limit` (0: all).
    Range { key: String, prefix: bool, order: CreateOrder, limit: u32, max_create_revision: u64 },
    /// Delete `key`.
    DeleteRange { key: String },
}

impl TxnOp {
    /// A read of one key.
    pub fn get(key: &str) -> Self {
        TxnOp::Range { key: key.into(), prefix: false, order: CreateOrder::None, limit: 0, max_create_revision: 0 }
    }
}

/// A transaction: if every compare holds, `success`, else `failure`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Txn {
    /// The guard.
    pub compare: Vec<Compare>,
    /// Done when the guard holds.
    pub success: Vec<TxnOp>,
    /// Done when it does not.
    pub failure: Vec<TxnOp>,
}

/// A key as stored (etcd's `mvccpb.KeyValue`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct KeyValue {
    /// The key.
    pub key: String,
    /// Its value.
    pub value: String,
    /// Revision of its creation (since it last did not exist).
    pub create_revision: u64,
    /// Revision of its last change.
    pub mod_revision: u64,
    /// Changes since its creation (1 at creation).
    pub version: u64,
    /// Its lease (0: none).
    pub lease: LeaseId,
}

/// The answer to one operation of a transaction.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum TxnResponse {
    /// A put was done.
    Put,
    /// The keys read.
    Range { kvs: Vec<KeyValue> },
    /// How many keys a delete removed.
    DeleteRange { deleted: u64 },
}

/// Whether a change put or deleted its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// Created or changed.
    Put,
    /// Deleted.
    Delete,
}

/// One change of the key space (etcd's `mvccpb.Event`): the key as it became, or as it was when
/// deleted (with `mod_revision` the deleting revision).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct MvccEvent {
    /// Put or delete.
    pub kind: EventKind,
    /// The key's state after a put; before a delete, with the delete's revision.
    pub kv: KeyValue,
}

/// A granted lease: its TTL and the keys attached to it. (When it expires is the leader's
/// lessor's business, in memory, not replicated.)
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Lease {
    /// Its time to live.
    pub ttl: SimTime,
    /// Keys deleted with it.
    pub keys: BTreeSet<String>,
}

/// Why an etcd request failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MvccError {
    /// `etcdserver: requested lease not found`.
    LeaseNotFound,
    /// `etcdserver: lease already exists`.
    LeaseExists,
}

/// The key space.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Mvcc {
    /// The current revision (1 before any write, as in etcd).
    pub revision: u64,
    /// Live keys.
    pub keys: BTreeMap<String, KeyValue>,
    /// Granted leases.
    pub leases: BTreeMap<LeaseId, Lease>,
    /// Recent changes, oldest first.
    pub history: Vec<MvccEvent>,
    /// Changes up to this revision are no longer in the history.
    pub compacted: u64,
}

impl Default for Mvcc {
    fn default() -> Self {
        Self { revision: 1, keys: BTreeMap::new(), leases: BTreeMap::new(), history: Vec::new(), compacted: 0 }
    }
}

impl Mvcc {
    /// Grant lease `id` with `ttl`.
    pub fn lease_grant(&mut self, id: LeaseId, ttl: SimTime) -> Result<(), MvccError> {
        if id == 0 || self.leases.contains_key(&id) {
            return Err(MvccError::LeaseExists);
        }
        self.leases.insert(id, Lease { ttl, keys: BTreeSet::new() });
        Ok(())
    }

    /// Revoke lease `id`: its keys are deleted, all in one revision.
    pub fn lease_revoke(&mut self, id: LeaseId) -> Result<(), MvccError> {
        let lease = self.leases.remove(&id).ok_or(MvccError::LeaseNotFound)?;
        if !lease.keys.is_empty() {
            let revision = self.revision + 1;
            for key in &lease.keys {
                self.delete_at(key, revision);
            }
            self.revision = revision;
        }
        Ok(())
    }

    /// Apply a transaction; whether its guard held, the answers, and the revision after it.
    pub fn txn(&mut self, txn: &Txn) -> Result<(bool, Vec<TxnResponse>), MvccError> {
        let succeeded = txn.compare.iter().all(|c| self.holds(c));
        let ops = if succeeded { &txn.success } else { &txn.failure };
        // A put on a lease that does not exist fails the whole transaction, before any change.
        let missing_lease = ops
            .iter()
            .any(|op| matches!(op, TxnOp::Put { lease, .. } if *lease != 0 && !self.leases.contains_key(lease)));
        if missing_lease {
            return Err(MvccError::LeaseNotFound);
        }
        let revision = self.revision + 1;
        let mut wrote = false;
        let responses = ops
            .iter()
            .map(|op| match op {
                TxnOp::Put { key, value, lease } => {
                    self.put_at(key, value, *lease, revision);
                    wrote = true;
                    TxnResponse::Put
                }
                TxnOp::Range { key, prefix, order, limit, max_create_revision } => {
                    TxnResponse::Range { kvs: self.range(key, *prefix, *order, *limit, *max_create_revision) }
                }
                TxnOp::DeleteRange { key } => {
                    let deleted = self.delete_at(key, revision);
                    wrote |= deleted;
                    TxnResponse::DeleteRange { deleted: u64::from(deleted) }
                }
            })
            .collect();
        if wrote {
            self.revision = revision;
        }
        Ok((succeeded, responses))
    }

    fn holds(&self, compare: &Compare) -> bool {
        match compare {
            Compare::CreateRevision { key, equals } => self.keys.get(key).map_or(0, |kv| kv.create_revision) == *equals,
        }
    }

    /// The keys a range reads.
    pub fn range(&self, key: &str, prefix: bool, order: CreateOrder, limit: u32, max_create: u64) -> Vec<KeyValue> {
        let mut kvs: Vec<KeyValue> = if prefix {
            self.keys.range(key.to_string()..).take_while(|(k, _)| k.starts_with(key)).map(|(_, v)| v.clone()).collect()
        } else {
            self.keys.get(key).cloned().into_iter().collect()
        };
        kvs.retain(|kv| max_create == 0 || kv.create_revision <= max_create);
        match order {
            CreateOrder::None => {}
            CreateOrder::Ascend => kvs.sort_by_key(|kv| kv.create_revision),
            CreateOrder::Descend => kvs.sort_by_key(|kv| std::cmp::Reverse(kv.create_revision)),
        }
        if limit > 0 {
            kvs.truncate(limit as usize);
        }
        kvs
    }

    fn put_at(&mut self, key: &str, value: &str, lease: LeaseId, revision: u64) {
        let (create_revision, version, old_lease) = match self.keys.get(key) {
            Some(kv) => (kv.create_revision, kv.version + 1, kv.lease),
            None => (revision, 1, 0),
        };
        if old_lease != lease {
            if let Some(l) = self.leases.get_mut(&old_lease) {
                l.keys.remove(key);
            }
        }
        if let Some(l) = self.leases.get_mut(&lease) {
            l.keys.insert(key.to_string());
        }
        let kv =
            KeyValue { key: key.into(), value: value.into(), create_revision, mod_revision: revision, version, lease };
        self.keys.insert(key.to_string(), kv.clone());
        self.record(MvccEvent { kind: EventKind::Put, kv });
    }

    fn delete_at(&mut self, key: &str, revision: u64) -> bool {
        let Some(mut kv) = self.keys.remove(key) else { return false };
        if let Some(l) = self.leases.get_mut(&kv.lease) {
            l.keys.remove(key);
        }
        kv.mod_revision = revision;
        self.record(MvccEvent { kind: EventKind::Delete, kv });
        true
    }

    fn record(&mut self, event: MvccEvent) {
        self.history.push(event);
        if self.history.len() > HISTORY {
            let dropped = self.history.remove(0);
            self.compacted = dropped.kv.mod_revision;
        }
    }

    /// The changes at `from` and later revisions, or `None` if some of them were compacted.
    pub fn events_since(&self, from: u64) -> Option<&[MvccEvent]> {
        if from <= self.compacted {
            return None;
        }
        let start = self.history.partition_point(|e| e.kv.mod_revision < from);
        Some(&self.history[start..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The concurrency Mutex's transaction for `key` under `prefix` with `lease`.
    fn lock_txn(prefix: &str, key: &str, lease: LeaseId) -> Txn {
        let owner = TxnOp::Range {
            key: prefix.into(),
            prefix: true,
            order: CreateOrder::Ascend,
            limit: 1,
            max_create_revision: 0,
        };
        Txn {
            compare: vec![Compare::CreateRevision { key: key.into(), equals: 0 }],
            success: vec![TxnOp::Put { key: key.into(), value: String::new(), lease }, owner.clone()],
            failure: vec![TxnOp::get(key), owner],
        }
    }

    fn owner(responses: &[TxnResponse]) -> String {
        match &responses[1] {
            TxnResponse::Range { kvs } => kvs[0].key.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_write_transaction_raises_the_revision_and_keys_keep_their_create_revision() {
        let mut m = Mvcc::default();
        m.lease_grant(7, 1000).unwrap();
        let (ok, _) = m.txn(&lock_txn("/l/", "/l/7", 7)).unwrap();
        assert!(ok);
        assert_eq!(m.revision, 2);
        let (ok, responses) = m.txn(&lock_txn("/l/", "/l/7", 7)).unwrap();
        assert!(!ok, "the key exists: the else branch reads it");
        assert_eq!(m.revision, 2, "a read-only branch does not raise the revision");
        assert_eq!(owner(&responses), "/l/7");
        let put =
            Txn { success: vec![TxnOp::Put { key: "/l/7".into(), value: "x".into(), lease: 7 }], ..Txn::default() };
        m.txn(&put).unwrap();
        let kv = &m.keys["/l/7"];
        assert_eq!((kv.create_revision, kv.mod_revision, kv.version), (2, 3, 2));
    }

    #[test]
    fn the_lowest_create_revision_owns_the_prefix_whatever_the_key_order() {
        let mut m = Mvcc::default();
        for lease in [9, 3] {
            m.lease_grant(lease, 1000).unwrap();
        }
        m.txn(&lock_txn("/l/", "/l/9", 9)).unwrap();
        let (_, responses) = m.txn(&lock_txn("/l/", "/l/3", 3)).unwrap();
        assert_eq!(owner(&responses), "/l/9", "created first, though it sorts last");
        let below = m.range("/l/", true, CreateOrder::Descend, 1, m.keys["/l/3"].create_revision - 1);
        assert_eq!(below[0].key, "/l/9", "the predecessor: the last created before /l/3");
    }

    #[test]
    fn revoking_a_lease_deletes_its_keys_in_one_revision_and_the_history_shows_it() {
        let mut m = Mvcc::default();
        m.lease_grant(5, 1000).unwrap();
        m.txn(&lock_txn("/l/", "/l/5", 5)).unwrap();
        let before = m.revision;
        m.lease_revoke(5).unwrap();
        assert!(m.keys.is_empty());
        assert_eq!(m.revision, before + 1);
        let events = m.events_since(before + 1).unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!((events[0].kind, events[0].kv.mod_revision), (EventKind::Delete, before + 1));
        assert_eq!(m.txn(&lock_txn("/l/", "/l/5", 5)), Err(MvccError::LeaseNotFound));
        assert_eq!(m.revision, before + 1, "a failed transaction changes nothing");
    }

    #[test]
    fn a_compacted_start_revision_is_refused() {
        let mut m = Mvcc::default();
        for i in 0..(HISTORY as u64 + 10) {
            let put = Txn {
                success: vec![TxnOp::Put { key: format!("k{i}"), value: String::new(), lease: 0 }],
                ..Txn::default()
            };
            m.txn(&put).unwrap();
        }
        assert!(m.events_since(2).is_none());
        assert_eq!(m.events_since(m.revision).map(|e| e.len()), Some(1));
    }
}
