//! etcd's concurrency Mutex over Raft-replicated members: the queue, the herd, a lease expiring
//! during a pause, the leader killed while clients wait, and a seed sweep with random faults.

use super::client::Phase;
use super::recipe::Recipe;
use super::test_support::*;
use super::*;
use crate::sim::{ms, secs, Action, SimRng};

fn config(clients: u32, recipe: Recipe) -> LockConfig {
    LockConfig { clients, service: Service::Etcd, stock: 20, recipe, ..LockConfig::default() }
}

#[test]
fn three_members_elect_a_leader_and_the_mutex_sells_every_item_once() {
    let mut r = open(config(4, Recipe::default()), 1);
    r.run_until(secs(30));
    assert_eq!(r.violation(), None);
    assert!(leader(&r).is_some());
    let s = storage(&r);
    assert_eq!((s.stock(), s.oversold()), (0, 0), "sales {}", s.sales);
    assert!(clients(&r).iter().all(|c| c.phase == Phase::Done));
}

/// Random faults for 30 s: client crashes and restarts, etcd members crashed, restarted and cut
/// off, loss, duplication, delays and reordering; then everything is repaired.
fn sweep(config: LockConfig, seeds: std::ops::Range<u64>) -> u64 {
    let mut sold = 0;
    for seed in seeds {
        let mut r = open(config.clone(), seed);
        let members = r.world().config().redis_nodes();
        let first_client = r.world().config().first_client();
        let mut rng = SimRng::new(seed);
        let mut t = 0;
        while t < secs(30) {
            t += rng.range_inclusive(ms(50), ms(700));
            r.run_until(t);
            let client = first_client + rng.below(u64::from(config.clients)) as u32;
            let member = members[rng.below(members.len() as u64) as usize];
            let action = match rng.below(10) {
                0 => Action::Crash { node: client },
                1 => Action::Restart { node: client },
                2 => Action::Crash { node: member },
                3 => Action::Restart { node: member },
                4 => {
                    let rest: Vec<NodeId> = (0..r.world().node_count()).filter(|&n| n != member).collect();
                    Action::Partition { groups: vec![vec![member], rest] }
                }
                5 => Action::HealAll,
                6 => Action::SetLoss { ppm: rng.range_inclusive(0, 200_000) as u32 },
                7 => Action::SetDuplication { ppm: rng.range_inclusive(0, 200_000) as u32 },
                8 => Action::SetLatency { min: ms(5), max: rng.range_inclusive(ms(10), ms(300)) },
                _ => Action::SetReordering { ppm: rng.range_inclusive(0, 300_000) as u32 },
            };
            let _ = r.act(action);
        }
        let _ = r.act(Action::HealAll);
        for node in 0..r.world().node_count() {
            let _ = r.act(Action::Restart { node });
        }
        r.run_until(secs(45));
        assert_eq!(r.violation(), None, "seed {seed}");
        assert_eq!(storage(&r).oversold(), 0, "seed {seed}");
        sold += storage(&r).sales;
    }
    sold
}

#[test]
fn a_seed_sweep_with_random_faults_never_breaks_the_etcd_mutex() {
    // Sessions of 5 s (scaled from 60 s) so that a crashed client's key goes within the run.
    let sold = sweep(LockConfig { lease_ttl: secs(5), ..config(4, Recipe::default()) }, 0..40);
    assert!(sold > 40 * 4, "the runs make progress: {sold} items sold in all");
}

#[test]
fn a_seed_sweep_never_breaks_the_herd_either() {
    let config = LockConfig { herd: true, ..config(4, Recipe::default()) };
    sweep(config, 100..115);
}
