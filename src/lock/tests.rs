//! The Redis lock recipes, each missing step shown failing, the complete recipe shown safe.

use super::checker::LockChecker;
use super::client::Phase;
use super::recipe::{Acquire, Recipe, Release, Wait};
use super::test_support::*;
use super::*;
use crate::sim::{ms, secs, Action, Retention, Scenario, SimRng, SimTime, Timeline, Violation};

fn run(recipe: Recipe, clients: u32, seed: u64) -> Run {
    open(LockConfig { clients, stock: 20, recipe, ..LockConfig::default() }, seed)
}

fn violation_of(run: &mut Run, until: SimTime) -> Option<Violation> {
    run.run_until(until);
    run.violation().cloned()
}

/// A lease shorter than the critical section (scaled down from Redisson's 30 s, for the lesson).
fn short_lease() -> Recipe {
    Recipe { ttl: ms(300), think: ms(1000), fencing: false, ..Recipe::default() }
}

#[test]
fn the_complete_recipe_sells_every_item_once() {
    let mut r = run(Recipe::default(), 4, 1);
    assert_eq!(violation_of(&mut r, secs(30)), None);
    let s = storage(&r);
    assert_eq!((s.stock(), s.sales, s.oversold()), (0, 20, 0));
    assert!(clients(&r).iter().all(|c| c.phase == Phase::Done));
    assert_eq!(clients(&r).iter().map(|c| c.bought).sum::<u64>(), 20);
}

#[test]
fn a_critical_section_longer_than_the_lease_overlaps_and_oversells() {
    let mut r = run(short_lease(), 3, 2);
    let v = violation_of(&mut r, secs(10)).expect("two holders");
    assert_eq!(v.invariant, "Mutual Exclusion");
    r.run_until(secs(20));
    assert!(storage(&r).oversold() > 0, "without fencing, the overlap sells an item twice");
}

#[test]
fn fencing_tokens_turn_the_overlap_into_a_rejected_write() {
    let mut r = run(Recipe { fencing: true, ..short_lease() }, 3, 2);
    assert_eq!(violation_of(&mut r, secs(10)).map(|v| v.invariant), Some("Mutual Exclusion"));
    r.run_until(secs(30));
    let s = storage(&r);
    assert_eq!(s.oversold(), 0, "stale writes are refused");
    assert!(s.rejected > 0);
}

#[test]
fn the_watchdog_keeps_a_long_critical_section_safe() {
    let mut r = run(Recipe { watchdog: true, ..short_lease() }, 3, 2);
    assert_eq!(violation_of(&mut r, secs(30)), None);
    assert_eq!(storage(&r).oversold(), 0);
}

#[test]
fn a_gc_pause_longer_than_the_lease_defeats_the_watchdog_but_not_fencing() {
    let recipe = Recipe { watchdog: true, fencing: true, ..short_lease() };
    let mut r = run(recipe, 3, 4);
    // Step until some client is thinking inside its critical section, then freeze it.
    while !clients(&r).iter().any(|c| c.phase == Phase::Thinking) {
        r.step();
    }
    let holder = client_where(&r, |c| c.phase == Phase::Thinking).unwrap();
    r.act(Action::Pause { node: holder }).unwrap();
    let resume_at = r.now() + ms(1500);
    r.run_until(resume_at);
    r.act(Action::Resume { node: holder }).unwrap();
    r.run_until(resume_at + secs(10));
    assert_eq!(r.violation().map(|v| v.invariant), Some("Mutual Exclusion"), "the paused holder overlaps");
    assert_eq!(storage(&r).oversold(), 0, "its late write carries an old token and is refused");
    assert!(storage(&r).rejected > 0);
}

#[test]
fn plain_del_releases_someone_elses_lock() {
    // The lease ends during A's critical section; B takes the lock; A's DEL removes B's lock; C enters.
    let recipe = Recipe { release: Release::Del, ttl: ms(100), think: ms(150), fencing: false, ..Recipe::default() };
    let mut r = run(recipe, 3, 5);
    assert_eq!(violation_of(&mut r, secs(10)).map(|v| v.invariant), Some("Mutual Exclusion"));
}

#[test]
fn setnx_then_expire_locks_forever_when_the_client_dies_in_between() {
    let recipe = Recipe { acquire: Acquire::SetNxThenExpire, ..Recipe::default() };
    let mut r = run(recipe, 3, 6);
    while !clients(&r).iter().any(|c| c.phase == Phase::SettingExpiry) {
        r.step();
    }
    let victim = client_where(&r, |c| c.phase == Phase::SettingExpiry).unwrap();
    // The PEXPIRE is still in flight: drop it, and the client dies before it can retry.
    let pexpire = r.world().network().in_flight().find(|m| m.from == victim).map(|m| m.id).unwrap();
    r.act(Action::DropMessage { id: pexpire }).unwrap();
    r.act(Action::Crash { node: victim }).unwrap();
    let acquisitions =
        |r: &Run| clients_by_id(r).iter().filter(|(id, _)| *id != victim).map(|(_, c)| c.acquisitions).sum::<u64>();
    let acquired_before = acquisitions(&r);
    r.run_until(r.now() + secs(60));
    let acquired_after = acquisitions(&r);
    assert_eq!(acquired_after, acquired_before, "nobody gets the lock again: it has no expiry");
    let redis = r.world().node(FIRST_REDIS).unwrap().process.unwrap().redis().unwrap();
    assert_eq!(redis.pttl(&lock_key(0), r.now()), None, "the key lives on without a TTL");
    assert!(redis.get(&lock_key(0), r.now()).is_some());
}

#[test]
fn watching_wastes_fewer_requests_than_polling() {
    let polling = run(Recipe { retry: ms(20), ..Recipe::default() }, 5, 7);
    let watching = run(Recipe { wait: Wait::Watch, ..Recipe::default() }, 5, 7);
    let mut results = Vec::new();
    for mut r in [polling, watching] {
        assert_eq!(violation_of(&mut r, secs(60)), None);
        assert_eq!(storage(&r).stock(), 0);
        let wasted: u64 = clients(&r).iter().map(|c| c.wasted).sum();
        let sent: u64 = clients(&r).iter().map(|c| c.sent).sum();
        let acquisitions: u64 = clients(&r).iter().map(|c| c.acquisitions).sum();
        results.push((wasted, sent as f64 / acquisitions as f64));
    }
    let ((poll_wasted, poll_per), (watch_wasted, watch_per)) = (results[0], results[1]);
    assert!(watch_wasted * 2 < poll_wasted, "watching wasted {watch_wasted}, polling {poll_wasted}");
    assert!(watch_per < poll_per, "messages per acquisition: watching {watch_per:.1}, polling {poll_per:.1}");
}

/// Random client crashes and restarts, loss, duplication, delays and reordering for 30 s.
fn sweep(config: LockConfig, seeds: std::ops::Range<u64>) {
    for seed in seeds {
        let clients = config.clients;
        let mut r: Run = Timeline::new(Scenario::new(LAB, seed, config.clone()), Retention::Window(0)).unwrap();
        let mut rng = SimRng::new(seed);
        let mut t = 0;
        while t < secs(30) {
            t += rng.range_inclusive(ms(50), ms(500));
            r.run_until(t);
            let client = r.world().config().first_client() + rng.below(u64::from(clients)) as u32;
            let action = match rng.below(6) {
                0 => Action::Crash { node: client },
                1 => Action::Restart { node: client },
                2 => Action::SetLoss { ppm: rng.range_inclusive(0, 200_000) as u32 },
                3 => Action::SetDuplication { ppm: rng.range_inclusive(0, 200_000) as u32 },
                4 => Action::SetLatency { min: ms(5), max: rng.range_inclusive(ms(10), ms(300)) },
                _ => Action::SetReordering { ppm: rng.range_inclusive(0, 300_000) as u32 },
            };
            let _ = r.act(action);
        }
        r.run_until(secs(40));
        assert_eq!(r.violation(), None, "seed {seed}");
        assert_eq!(storage(&r).oversold(), 0, "seed {seed}");
    }
}

#[test]
fn a_seed_sweep_with_random_faults_never_breaks_the_complete_recipe() {
    sweep(LockConfig { clients: 4, stock: 20, ..LockConfig::default() }, 0..40);
}

#[test]
fn a_seed_sweep_with_random_faults_never_breaks_redlock_with_client_faults_only() {
    let recipe = Recipe { fencing: false, ..Recipe::default() };
    sweep(LockConfig { clients: 3, instances: 5, stock: 20, recipe, ..LockConfig::default() }, 0..20);
}

mod redlock {
    use super::*;

    fn redlock_run(recipe: Recipe, persistence: redis::Persistence, seed: u64) -> Run {
        let config = LockConfig { clients: 2, instances: 5, stock: 20, recipe, persistence, ..LockConfig::default() };
        Timeline::new(Scenario::new(LAB, seed, config), Retention::Window(0)).unwrap()
    }

    fn no_fencing() -> Recipe {
        Recipe { fencing: false, ..Recipe::default() }
    }

    #[test]
    fn five_instances_sell_every_item_once() {
        let mut r = redlock_run(no_fencing(), redis::Persistence::None, 1);
        assert_eq!(violation_of(&mut r, secs(60)), None);
        assert_eq!((storage(&r).stock(), storage(&r).oversold()), (0, 0));
    }

    /// Client 6 reaches only instances 1, 2, 3; client 7 only 3, 4, 5. Whichever gets instance 3
    /// first holds the lock with its majority and thinks for 5 s; then something happens to 3.
    fn split_majorities(persistence: redis::Persistence) -> Run {
        let recipe = Recipe { ttl: secs(10), think: secs(5), ..no_fencing() };
        let mut r = redlock_run(recipe, persistence, 3);
        for (client, cut) in [(6, [4, 5]), (7, [1, 2])] {
            for instance in cut {
                r.act(Action::LinkDown { from: client, to: instance }).unwrap();
                r.act(Action::LinkDown { from: instance, to: client }).unwrap();
            }
        }
        while !clients(&r).iter().any(|c| c.phase.holds_lock()) {
            r.step();
        }
        r.seek(r.now() + secs(1));
        assert_eq!(clients(&r).iter().filter(|c| c.phase.holds_lock()).count(), 1, "one holder before the fault");
        r
    }

    #[test]
    fn an_instance_restarting_without_persistence_gives_two_holders() {
        let mut r = split_majorities(redis::Persistence::None);
        r.act(Action::Crash { node: 3 }).unwrap();
        r.act(Action::Restart { node: 3 }).unwrap();
        let v = {
            let until = r.now() + secs(2);
            violation_of(&mut r, until)
        }
        .expect("B takes 3, 4, 5 while A still holds");
        assert_eq!(v.invariant, "Mutual Exclusion");
    }

    #[test]
    fn with_aof_always_the_restarted_instance_remembers_the_lock() {
        let mut r = split_majorities(redis::Persistence::AofAlways);
        r.act(Action::Crash { node: 3 }).unwrap();
        r.act(Action::Restart { node: 3 }).unwrap();
        assert_eq!(
            {
                let until = r.now() + secs(2);
                violation_of(&mut r, until)
            },
            None
        );
    }

    #[test]
    fn a_restart_delayed_past_the_ttl_is_safe() {
        let mut r = split_majorities(redis::Persistence::None);
        r.act(Action::Crash { node: 3 }).unwrap();
        // Down for longer than the lease: A's critical section (5 s) is over before 3 returns.
        r.run_until(r.now() + secs(11));
        r.act(Action::Restart { node: 3 }).unwrap();
        assert_eq!(
            {
                let until = r.now() + secs(20);
                violation_of(&mut r, until)
            },
            None
        );
    }

    #[test]
    fn a_clock_jump_on_one_instance_gives_two_holders() {
        let mut r = split_majorities(redis::Persistence::None);
        r.act(Action::ClockJump { node: 3, delta: secs(20) as i64 }).unwrap();
        let v = {
            let until = r.now() + secs(2);
            violation_of(&mut r, until)
        }
        .expect("A's key expired early on instance 3");
        assert_eq!(v.invariant, "Mutual Exclusion");
    }

    #[test]
    fn a_pause_after_acquisition_overlaps_and_redlock_has_no_fencing_to_stop_it() {
        let recipe = Recipe { ttl: ms(500), think: ms(100), ..no_fencing() };
        let mut r = redlock_run(recipe, redis::Persistence::None, 4);
        while !clients(&r).iter().any(|c| c.phase == Phase::Thinking) {
            r.step();
        }
        let holder = client_where(&r, |c| c.phase == Phase::Thinking).unwrap();
        r.act(Action::Pause { node: holder }).unwrap();
        r.seek(r.now() + secs(2));
        r.act(Action::Resume { node: holder }).unwrap();
        r.seek(r.now() + secs(5));
        assert_eq!(r.violation().map(|v| v.invariant), Some("Mutual Exclusion"));
        assert!(storage(&r).oversold() > 0, "the paused holder's late write sells an item twice");
    }

    #[test]
    fn redlock_with_fencing_is_refused_with_the_field_named() {
        let config = LockConfig { instances: 5, ..LockConfig::default() };
        let err =
            Timeline::<LockNode, LockChecker>::new(Scenario::new(LAB, 1, config), Retention::Window(0)).unwrap_err();
        assert_eq!(err.field, "config.recipe.fencing");
    }
}

mod master_replica {
    use super::*;

    /// Two clients, a master (node 1) with an asynchronous replica (node 2); a client holds the
    /// lock for 2 s; then the master dies, `after` the grant, and the replica is promoted.
    fn failover_after(after: SimTime) -> Run {
        let recipe = Recipe { think: secs(2), ttl: secs(10), fencing: false, ..Recipe::default() };
        let config = LockConfig { clients: 2, replica: true, stock: 20, recipe, ..LockConfig::default() };
        let mut r: Run = Timeline::new(Scenario::new(LAB, 9, config), Retention::Window(0)).unwrap();
        while !clients(&r).iter().any(|c| c.phase.holds_lock()) {
            r.step();
        }
        r.seek(r.now() + after);
        r.act(Action::Crash { node: FIRST_REDIS }).unwrap();
        r.act(Action::Input { node: FIRST_REDIS + 1, input: LockInput::Promote }).unwrap();
        r
    }

    #[test]
    fn the_master_dies_before_replicating_the_lock_and_a_second_client_acquires_it() {
        let mut r = failover_after(0);
        let until = r.now() + secs(2);
        let v = violation_of(&mut r, until).expect("the promoted replica never saw the lock");
        assert_eq!(v.invariant, "Mutual Exclusion");
    }

    #[test]
    fn once_the_lock_is_replicated_the_promoted_replica_refuses_it() {
        let mut r = failover_after(ms(500));
        let until = r.now() + secs(1);
        assert_eq!(violation_of(&mut r, until), None);
        let replica = r.world().node(FIRST_REDIS + 1).unwrap().process.unwrap().redis().unwrap();
        assert!(replica.get(&lock_key(0), r.now()).is_some());
    }
}

mod segmented {
    use super::*;

    fn segmented_run(segments: u32, clients: u32, stock: i64, quantity: i64) -> Run {
        let config = LockConfig { clients, segments, stock, quantity, ..LockConfig::default() };
        Timeline::new(Scenario::new(LAB, 11, config), Retention::Window(0)).unwrap()
    }

    /// Virtual time at which the last item is sold.
    fn sold_out_at(mut r: Run) -> SimTime {
        while storage(&r).stock() > 0 {
            assert!(r.now() < secs(120), "never sold out");
            r.step();
        }
        assert_eq!(r.violation(), None);
        assert_eq!(storage(&r).oversold(), 0);
        r.now()
    }

    #[test]
    fn four_segments_sell_out_much_faster_than_one_lock_under_contention() {
        let one = sold_out_at(segmented_run(1, 8, 80, 1));
        let four = sold_out_at(segmented_run(4, 8, 80, 1));
        assert!(four * 2 < one, "one lock: {one} µs, four segments: {four} µs");
    }

    #[test]
    fn fragmentation_fails_a_purchase_the_total_stock_would_cover() {
        // 10 items in segments of 3, 3, 2, 2; purchases of 3: after two sales, 4 items are left,
        // but no segment holds 3.
        let mut r = segmented_run(4, 2, 10, 3);
        r.run_until(secs(30));
        assert_eq!(r.violation(), None);
        assert_eq!(storage(&r).stock(), 4);
        assert!(clients(&r).iter().all(|c| c.phase == Phase::Done));
        assert!(clients(&r).iter().map(|c| c.failed).sum::<u64>() > 0, "a purchase failed with 4 items in stock");
    }

    #[test]
    fn segments_with_random_faults_never_oversell() {
        sweep(LockConfig { clients: 6, segments: 3, stock: 30, ..LockConfig::default() }, 0..15);
    }
}

mod zookeeper_recipe {
    use super::*;

    fn zk_run(clients: u32, herd: bool, fencing: bool, think: SimTime, seed: u64) -> Run {
        open(LockConfig::zookeeper_lesson(clients, herd, fencing, think), seed)
    }

    fn zk(run: &Run) -> &zookeeper::ZkServer {
        match run.world().node(FIRST_REDIS).unwrap().process.unwrap() {
            LockNode::Zk(server) => server,
            other => panic!("not the ZooKeeper server: {other:?}"),
        }
    }

    #[test]
    fn sequential_znodes_sell_every_item_once() {
        let mut r = zk_run(4, false, true, ms(50), 1);
        assert_eq!(violation_of(&mut r, secs(60)), None);
        assert_eq!((storage(&r).stock(), storage(&r).oversold()), (0, 0));
        assert!(zk(&r).children("/locks").is_empty(), "every znode deleted at the end");
    }

    #[test]
    fn watching_the_predecessor_wakes_one_waiter_per_release_the_herd_wakes_them_all() {
        let mut per_release = Vec::new();
        for herd in [false, true] {
            let mut r = zk_run(6, herd, true, ms(50), 2);
            assert_eq!(violation_of(&mut r, secs(60)), None, "herd {herd}");
            assert_eq!(storage(&r).stock(), 0);
            let releases: u64 = clients(&r).iter().map(|c| c.acquisitions).sum();
            per_release.push(zk(&r).notifications as f64 / releases as f64);
        }
        let (one, herd) = (per_release[0], per_release[1]);
        assert!(one <= 1.0, "each release notifies at most its successor: {one:.2}");
        assert!(herd > 2.0 * one, "the herd: {herd:.2} notifications per release against {one:.2}");
    }

    #[test]
    fn a_crashed_holders_znode_goes_with_its_session() {
        let mut r = zk_run(3, false, true, secs(2), 3);
        while !clients(&r).iter().any(|c| c.phase.holds_lock()) {
            r.step();
        }
        let holder = client_where(&r, |c| c.phase.holds_lock()).unwrap();
        let before: u64 = clients(&r).iter().map(|c| c.acquisitions).sum();
        r.act(Action::Crash { node: holder }).unwrap();
        r.seek(r.now() + secs(3));
        let others: u64 = clients_by_id(&r).iter().filter(|(id, _)| *id != holder).map(|(_, c)| c.acquisitions).sum();
        assert!(others >= before, "after the session timeout another client got the lock");
        assert_eq!(r.violation(), None);
    }

    #[test]
    fn a_pause_longer_than_the_session_timeout_gives_two_holders_and_the_zxid_fences_it() {
        for fencing in [false, true] {
            let mut r = zk_run(3, false, fencing, ms(300), 4);
            while !clients(&r).iter().any(|c| c.phase == Phase::Thinking) {
                r.step();
            }
            let holder = client_where(&r, |c| c.phase == Phase::Thinking).unwrap();
            r.act(Action::Pause { node: holder }).unwrap();
            r.seek(r.now() + secs(3));
            r.act(Action::Resume { node: holder }).unwrap();
            r.seek(r.now() + secs(3));
            assert_eq!(r.violation().map(|v| v.invariant), Some("Mutual Exclusion"), "fencing {fencing}");
            if fencing {
                assert_eq!(storage(&r).oversold(), 0, "the stale holder's write carries an older zxid");
                assert!(storage(&r).rejected > 0);
            } else {
                assert!(storage(&r).oversold() > 0, "without a token the stale write sells an item twice");
            }
        }
    }

    #[test]
    fn a_zookeeper_sweep_with_client_faults_never_breaks_the_recipe() {
        // Sessions of 10 s: the sweep's lost pings and 300 ms delays never silence a client that
        // long (with 1 s, they do, and a holder's session expiring under it is the pause lesson).
        let config = LockConfig {
            clients: 4,
            service: Service::ZooKeeper,
            session_timeout: secs(10),
            stock: 20,
            ..LockConfig::default()
        };
        sweep(config, 0..15);
    }
}
