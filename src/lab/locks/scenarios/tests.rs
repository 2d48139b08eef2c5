//! Each named scenario, replayed from its scenario value alone, shows its lesson to the checker.

use super::*;
use crate::lock::storage::Storage;
use crate::lock::STORAGE;

fn replay(named: Named, until: SimTime) -> LockTimeline {
    let mut run = open(named.scenario());
    run.seek(until);
    run
}

fn storage(run: &LockTimeline) -> &Storage {
    run.world().node(STORAGE).and_then(|n| n.process).and_then(LockNode::storage).unwrap()
}

fn clients(run: &LockTimeline) -> Vec<&crate::lock::client::Client> {
    let first = run.world().config().first_client();
    (first..run.world().node_count()).filter_map(|id| run.world().node(id)?.process?.client()).collect()
}

fn total(run: &LockTimeline, field: impl Fn(&crate::lock::client::Client) -> u64) -> u64 {
    clients(run).iter().map(|c| field(c)).sum()
}

/// When a scenario's violation must show: two seconds, or five for etcd (its cluster first elects
/// a leader, with etcd's 1 to 2 s election timeout, and a lease is at least 1.5 s).
fn shown_by(named: Named) -> SimTime {
    if named.id().starts_with("etcd") {
        secs(5)
    } else {
        secs(2)
    }
}

#[test]
fn every_named_scenario_shows_its_outcome_within_a_few_seconds_of_virtual_time() {
    for named in Named::ALL {
        let scenario = named.scenario();
        let end = scenario.end();
        let run = replay(named, LESSON_SPAN.max(end + secs(3)));
        match named.outcome() {
            Outcome::TwoHolders => {
                let v = run.violation().unwrap_or_else(|| panic!("{}: no violation", named.id()));
                assert_eq!(v.invariant, "Mutual Exclusion", "{}", named.id());
                assert!(v.t <= shown_by(named), "{}: shown only at {} µs", named.id(), v.t);
            }
            Outcome::Safe => assert_eq!(run.violation(), None, "{}", named.id()),
        }
        assert_eq!(Named::from_id(named.id()), Some(named));
    }
}

#[test]
fn a_short_lease_without_fencing_sells_an_item_twice_and_with_fencing_refuses_the_stale_write() {
    let unfenced = replay(Named::LeaseTooShort, secs(20));
    assert!(storage(&unfenced).oversold() > 0);
    let fenced = replay(Named::LeaseTooShortFenced, secs(30));
    assert_eq!(storage(&fenced).oversold(), 0);
    assert!(storage(&fenced).rejected > 0);
}

#[test]
fn a_gc_pause_defeats_the_watchdog_but_fencing_refuses_the_late_write() {
    let run = replay(Named::GcPause, secs(15));
    assert_eq!(run.violation().map(|v| v.invariant), Some("Mutual Exclusion"));
    assert_eq!(storage(&run).oversold(), 0);
    assert!(storage(&run).rejected > 0);
}

#[test]
fn setnx_then_a_crash_before_pexpire_locks_forever() {
    let mut run = replay(Named::SetNxCrash, 0);
    run.seek(run.scenario().end() + secs(1));
    let before = total(&run, |c| c.acquisitions);
    run.seek(run.now() + secs(30));
    assert_eq!(total(&run, |c| c.acquisitions), before, "nobody gets the lock again");
    assert!(storage(&run).stock() > 0);
}

#[test]
fn watching_wastes_fewer_requests_than_polling() {
    let polling = replay(Named::Polling, secs(20));
    let watching = replay(Named::Watching, secs(20));
    assert!(total(&watching, |c| c.wasted) * 2 < total(&polling, |c| c.wasted));
}

#[test]
fn four_segments_sell_faster_than_one_lock() {
    let one = replay(Named::OneLock, secs(5));
    let four = replay(Named::Segmented, secs(5));
    assert!(storage(&four).sales > storage(&one).sales * 2, "{} vs {}", storage(&four).sales, storage(&one).sales);
}

#[test]
fn fragmentation_fails_a_purchase_the_total_would_cover() {
    let run = replay(Named::Fragmentation, secs(30));
    assert_eq!(storage(&run).stock(), 4);
    assert!(total(&run, |c| c.failed) > 0);
}

#[test]
fn the_herd_notifies_more_waiters_per_release_than_predecessor_watches() {
    let per_release = |named| {
        let run = replay(named, secs(20));
        let zk = match run.world().node(FIRST_REDIS).and_then(|n| n.process) {
            Some(LockNode::Zk(server)) => server.notifications,
            _ => panic!("no ZooKeeper server"),
        };
        zk as f64 / total(&run, |c| c.acquisitions) as f64
    };
    let (one, herd) = (per_release(Named::ZkPredecessor), per_release(Named::ZkHerd));
    assert!(one <= 1.0 && herd > 2.0 * one, "{one:.2} vs {herd:.2}");
}

#[test]
fn a_crashed_zookeeper_holder_loses_its_znode_and_another_client_buys() {
    let mut run = replay(Named::ZkSessionExpiry, 0);
    run.seek(run.scenario().end());
    let before = total(&run, |c| c.bought);
    run.seek(run.now() + secs(4));
    assert!(total(&run, |c| c.bought) > before);
    assert_eq!(run.violation(), None);
}

mod etcd {
    use super::*;
    use crate::lock::client::lock_prefix;

    fn leader_keys(run: &LockTimeline) -> Vec<crate::raft::mvcc::KeyValue> {
        let leader = etcd_leader(run).expect("a leader");
        let member = run.world().node(leader).and_then(|n| n.process).and_then(LockNode::etcd).unwrap();
        let prefix = lock_prefix(0);
        member.raft.kv.mvcc.range(&prefix, true, crate::raft::mvcc::CreateOrder::Ascend, 0, 0)
    }

    #[test]
    fn the_queue_forms_in_create_revision_order_and_each_waiter_watches_the_key_just_before_its_own() {
        let mut run = replay(Named::EtcdQueue, 0);
        let mut seen = 0;
        while run.now() < secs(6) {
            run.step();
            let keys = leader_keys_if_any(&run);
            if keys.len() < 3 {
                continue;
            }
            seen += 1;
            for (i, kv) in keys.iter().enumerate().skip(1) {
                let owner =
                    clients(&run).into_iter().find(|c| c.etcd.as_ref().and_then(|e| e.key.as_ref()) == Some(&kv.key));
                let Some(waits_on) = owner.and_then(|c| c.etcd.as_ref()?.waits_on.clone()) else { continue };
                assert_eq!(waits_on, keys[i - 1].key, "a waiter watches its predecessor, nobody else");
            }
        }
        assert!(seen > 0, "a queue of three formed");
        run.seek(secs(20));
        assert_eq!(run.violation(), None);
    }

    fn leader_keys_if_any(run: &LockTimeline) -> Vec<crate::raft::mvcc::KeyValue> {
        if etcd_leader(run).is_some() {
            leader_keys(run)
        } else {
            Vec::new()
        }
    }

    #[test]
    fn a_release_wakes_one_waiter_with_predecessor_watches_and_every_waiter_in_the_herd() {
        let per_release = |named| {
            let run = replay(named, secs(20));
            assert_eq!(run.violation(), None, "{named:?}");
            total(&run, |c| c.notified) as f64 / total(&run, |c| c.acquisitions) as f64
        };
        let (one, herd) = (per_release(Named::EtcdQueue), per_release(Named::EtcdHerd));
        assert!(one <= 1.0 && herd > 2.0 * one, "{one:.2} vs {herd:.2}");
    }

    #[test]
    fn a_holder_paused_past_its_lease_overlaps_and_only_fencing_saves_the_stock() {
        let unfenced = replay(Named::EtcdLeasePause, secs(15));
        assert_eq!(unfenced.violation().map(|v| v.invariant), Some("Mutual Exclusion"));
        assert!(storage(&unfenced).oversold() > 0);
        let fenced = replay(Named::EtcdLeasePauseFenced, secs(15));
        assert_eq!(fenced.violation().map(|v| v.invariant), Some("Mutual Exclusion"));
        assert_eq!(storage(&fenced).oversold(), 0);
        assert!(storage(&fenced).rejected > 0, "the paused holder's late write carries a lower create revision");
    }

    #[test]
    fn the_lock_survives_the_leaders_death_one_holder_at_a_time() {
        let mut run = replay(Named::EtcdLeaderKill, 0);
        let killed_at = run.scenario().actions[0].at;
        run.seek(killed_at - 1);
        let dead = etcd_leader(&run).expect("the leader before its death");
        run.seek(killed_at + 1);
        let before = total(&run, |c| c.bought);
        run.seek(killed_at + secs(10));
        assert_eq!(run.violation(), None);
        let leader = etcd_leader(&run).expect("a new leader");
        assert_ne!(leader, dead);
        assert!(total(&run, |c| c.bought) >= before + 3, "the queue goes on after the failover");
    }
}
