//! What the lock engine's tests share: opening a checked run, and reading its storage service,
//! clients and etcd members.

use super::checker::LockChecker;
use super::client::Client;
use super::*;
use crate::raft::types::Role;
use crate::sim::{Retention, Scenario, Timeline};

/// A lock run with every invariant checked after every event.
pub type Run = Timeline<LockNode, LockChecker>;

/// A run of `config` from `seed`, keeping no trace.
pub fn open(config: LockConfig, seed: u64) -> Run {
    Timeline::new(Scenario::new(LAB, seed, config), Retention::Window(0)).unwrap()
}

/// The storage service (the stock the clients buy from).
pub fn storage(run: &Run) -> &storage::Storage {
    run.world().node(STORAGE).unwrap().process.unwrap().storage().unwrap()
}

/// Every client that is up, with its node id.
pub fn clients_by_id(run: &Run) -> Vec<(NodeId, &Client)> {
    let first = run.world().config().first_client();
    (first..run.world().node_count()).filter_map(|id| Some((id, run.world().node(id)?.process?.client()?))).collect()
}

/// Every client that is up.
pub fn clients(run: &Run) -> Vec<&Client> {
    clients_by_id(run).into_iter().map(|(_, c)| c).collect()
}

/// The first client (by node id) for which `pick` holds.
pub fn client_where(run: &Run, pick: impl Fn(&Client) -> bool) -> Option<NodeId> {
    clients_by_id(run).into_iter().find(|(_, c)| pick(c)).map(|(id, _)| id)
}

/// Every etcd member that is up, with its node id.
pub fn members(run: &Run) -> Vec<(NodeId, &etcd::EtcdMember)> {
    run.world()
        .config()
        .redis_nodes()
        .into_iter()
        .filter_map(|id| Some((id, run.world().node(id)?.process?.etcd()?)))
        .collect()
}

/// The etcd member leading the highest term, if any.
pub fn leader(run: &Run) -> Option<NodeId> {
    members(run)
        .into_iter()
        .filter(|(_, m)| m.raft.role == Role::Leader)
        .max_by_key(|(_, m)| m.raft.term())
        .map(|(id, _)| id)
}
