//! etcd's concurrency Mutex over Raft-replicated members: the queue, the herd, a lease expiring
//! during a pause, the leader killed while clients wait, and a seed sweep with random faults.

use super::checker::LockChecker;
use super::client::{Client, Phase};
use super::recipe::Recipe;
use super::*;
use crate::raft::types::Role;
use crate::sim::{ms, secs, Action, Retention, Scenario, SimRng, SimTime, Timeline};

type Run = Timeline<LockNode, LockChecker>;

fn config(clients: u32, recipe: Recipe) -> LockConfig {
    LockConfig { clients, service: Service::Etcd, stock: 20, recipe, ..LockConfig::default() }
}

fn open(config: LockConfig, seed: u64) -> Run {
    Timeline::new(Scenario::new(LAB, seed, config), Retention::Window(0)).unwrap()
}

fn storage(run: &Run) -> &storage::Storage {
    run.world().node(STORAGE).unwrap().process.unwrap().storage().unwrap()
}

fn clients(run: &Run) -> Vec<(NodeId, &Client)> {
    let first = run.world().config().first_client();
    (first..run.world().node_count()).filter_map(|id| Some((id, run.world().node(id)?.process?.client()?))).collect()
}

fn members(run: &Run) -> Vec<(NodeId, &etcd::EtcdMember)> {
    run.world()
        .config()
        .redis_nodes()
        .into_iter()
        .filter_map(|id| Some((id, run.world().node(id)?.process?.etcd()?)))
        .collect()
}

fn leader(run: &Run) -> Option<NodeId> {
    members(run)
        .into_iter()
        .filter(|(_, m)| m.raft.role == Role::Leader)
        .max_by_key(|(_, m)| m.raft.term())
        .map(|(id, _)| id)
}

#[test]
fn three_members_elect_a_leader_and_the_mutex_sells_every_item_once() {
    let mut r = open(config(4, Recipe::default()), 1);
    r.run_until(secs(30));
    assert_eq!(r.violation(), None);
    assert!(leader(&r).is_some());
    let s = storage(&r);
    assert_eq!((s.stock(), s.oversold()), (0, 0), "sales {}", s.sales);
    assert!(clients(&r).iter().all(|(_, c)| c.phase == Phase::Done));
}
