//! The replicated state machine: a key-value map with per-client sessions for duplicate detection.

use std::collections::BTreeMap;

use serde::Serialize;

use super::mvcc::{LeaseId, Mvcc, MvccError, TxnResponse};
use super::types::{ClientId, KvOp};
use crate::sim::SimTime;

/// The outcome of applying one operation.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum KvResult {
    /// Put or delete done.
    Ok,
    /// The value read (`None`: absent).
    Value { value: Option<String> },
    /// Compare-and-set outcome, with the value found.
    Cas { swapped: bool, found: Option<String> },
    /// etcd: a lease granted.
    Lease { id: LeaseId, ttl: SimTime },
    /// etcd: a transaction's outcome, with the store's revision after it (the response header's).
    Txn { succeeded: bool, responses: Vec<TxnResponse>, revision: u64 },
    /// etcd: the request failed.
    EtcdError { error: MvccError },
}

/// The key-value store every server applies committed entries to, in log order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct KvStore {
    data: BTreeMap<String, String>,
    /// etcd's multi-version key space (used by the lock lab's etcd members; apart from `data`).
    pub mvcc: Mvcc,
    /// Per client: the last sequence number applied and its result (section 8).
    sessions: BTreeMap<ClientId, (u64, KvResult)>,
}

impl KvStore {
    /// Apply `op` for `(client, seq)` once: a retried request gets the first result again.
    pub fn apply(&mut self, client: ClientId, seq: u64, op: &KvOp) -> KvResult {
        if let Some(result) = self.cached(client, seq) {
            return result;
        }
        let result = match op {
            KvOp::Put { key, value } => {
                self.data.insert(key.clone(), value.clone());
                KvResult::Ok
            }
            KvOp::Get { key } => KvResult::Value { value: self.data.get(key).cloned() },
            KvOp::Delete { key } => {
                self.data.remove(key);
                KvResult::Ok
            }
            KvOp::Cas { key, expected, new } => {
                let found = self.data.get(key).cloned();
                let swapped = found == *expected;
                if swapped {
                    self.data.insert(key.clone(), new.clone());
                }
                KvResult::Cas { swapped, found }
            }
            KvOp::LeaseGrant { id, ttl } => match self.mvcc.lease_grant(*id, *ttl) {
                Ok(()) => KvResult::Lease { id: *id, ttl: *ttl },
                Err(error) => KvResult::EtcdError { error },
            },
            KvOp::LeaseRevoke { id } => match self.mvcc.lease_revoke(*id) {
                Ok(()) => KvResult::Ok,
                Err(error) => KvResult::EtcdError { error },
            },
            KvOp::Txn { txn } => match self.mvcc.txn(txn) {
                Ok((succeeded, responses)) => KvResult::Txn { succeeded, responses, revision: self.mvcc.revision },
                Err(error) => KvResult::EtcdError { error },
            },
        };
        self.sessions.insert(client, (seq, result.clone()));
        result
    }

    /// The result of `(client, seq)` if it was already applied (or superseded).
    pub fn cached(&self, client: ClientId, seq: u64) -> Option<KvResult> {
        match self.sessions.get(&client) {
            Some((last, result)) if *last == seq => Some(result.clone()),
            Some((last, _)) if *last > seq => Some(KvResult::Ok),
            _ => None,
        }
    }

    /// Every key and value, in key order.
    pub fn entries(&self) -> impl Iterator<Item = (&String, &String)> {
        self.data.iter()
    }

    /// One value.
    pub fn get(&self, key: &str) -> Option<&String> {
        self.data.get(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(k: &str, v: &str) -> KvOp {
        KvOp::Put { key: k.into(), value: v.into() }
    }

    #[test]
    fn a_retried_request_is_applied_once_section_8() {
        let mut kv = KvStore::default();
        assert_eq!(kv.apply(1, 1, &put("x", "1")), KvResult::Ok);
        kv.apply(2, 1, &put("x", "2"));
        // Client 1 retries seq 1 after client 2's write: it must not overwrite x again.
        kv.apply(1, 1, &put("x", "1"));
        assert_eq!(kv.get("x").map(String::as_str), Some("2"));
    }

    #[test]
    fn compare_and_set_swaps_only_on_match() {
        let mut kv = KvStore::default();
        let cas = |expected: Option<&str>, new: &str| KvOp::Cas {
            key: "k".into(),
            expected: expected.map(Into::into),
            new: new.into(),
        };
        assert_eq!(kv.apply(1, 1, &cas(None, "a")), KvResult::Cas { swapped: true, found: None });
        assert_eq!(kv.apply(1, 2, &cas(None, "b")), KvResult::Cas { swapped: false, found: Some("a".into()) });
        assert_eq!(kv.apply(1, 3, &cas(Some("a"), "c")), KvResult::Cas { swapped: true, found: Some("a".into()) });
        assert_eq!(kv.get("k").map(String::as_str), Some("c"));
    }

    #[test]
    fn get_and_delete() {
        let mut kv = KvStore::default();
        kv.apply(1, 1, &put("x", "1"));
        assert_eq!(kv.apply(1, 2, &KvOp::Get { key: "x".into() }), KvResult::Value { value: Some("1".into()) });
        kv.apply(1, 3, &KvOp::Delete { key: "x".into() });
        assert_eq!(kv.apply(1, 4, &KvOp::Get { key: "x".into() }), KvResult::Value { value: None });
    }
}
