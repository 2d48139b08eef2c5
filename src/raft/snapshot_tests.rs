//! Log compaction (paper section 7): snapshots every N entries, InstallSnapshot (Figure 13) for a
//! follower too far behind, restart from a snapshot; each with snapshots off and on.

use super::test_support::Lab;
use super::*;
use crate::sim::{ms, secs, Action, NodeId};

fn cluster(snapshot_every: u64) -> Lab {
    Lab::new(RaftConfig { snapshot_every, ..RaftConfig::default() }, 5)
}

fn writes(lab: &mut Lab, leader: NodeId, seqs: std::ops::RangeInclusive<u64>) {
    for seq in seqs {
        lab.put(leader, seq);
        lab.run_for(ms(20));
    }
}

fn count(lab: &Lab, node: NodeId, pick: impl Fn(&RaftEvent) -> bool) -> usize {
    lab.events().filter(|(n, e)| *n == node && pick(e)).count()
}

#[test]
fn every_n_applied_entries_a_server_snapshots_and_compacts_its_log_section_7() {
    for every in [0, 5] {
        let mut lab = cluster(every);
        lab.run_for(secs(1));
        let (leader, _) = lab.leader();
        writes(&mut lab, leader, 1..=12);
        lab.run_for(ms(300));
        for n in 0..5 {
            let p = lab.node(n);
            // 13 entries: the blank one, then 12 writes; snapshots once 5 more have been applied.
            assert_eq!(p.last_index(), 13, "every {every}: node {n}");
            assert_eq!(p.kv.get("k12").map(String::as_str), Some("12"));
            let snapshots = count(&lab, n, |e| matches!(e, RaftEvent::Snapshot { .. }));
            if every == 0 {
                assert_eq!((p.snapshot_index(), snapshots, p.log().len()), (0, 0, 13));
            } else {
                assert!((10..=13).contains(&p.snapshot_index()), "node {n}: {}", p.snapshot_index());
                assert_eq!(snapshots, 2, "node {n}");
                assert_eq!(p.log().len() as LogIndex, 13 - p.snapshot_index(), "the log keeps what follows");
            }
            assert_eq!(p.term_at(p.snapshot_index()), Some(p.snapshot_term()));
        }
        lab.assert_safe();
    }
}

#[test]
fn a_snapshot_on_request_covers_every_applied_entry() {
    let mut lab = cluster(0);
    lab.run_for(secs(1));
    let (leader, _) = lab.leader();
    writes(&mut lab, leader, 1..=3);
    lab.run_for(ms(200));
    lab.input(leader, RaftInput::Snapshot);
    let p = lab.node(leader);
    assert_eq!((p.snapshot_index(), p.log().len()), (p.last_applied, 0));
    assert_eq!(p.snapshot().map(|s| s.state.get("k3").cloned()), Some(Some("3".into())));
}

#[test]
fn a_follower_too_far_behind_is_caught_up_by_install_snapshot_figure_13() {
    for every in [0, 4] {
        let mut lab = cluster(every);
        lab.run_for(secs(1));
        let (leader, _) = lab.leader();
        let slow = (leader + 1) % 5;
        lab.isolate(slow);
        writes(&mut lab, leader, 1..=10);
        lab.act(Action::HealAll);
        lab.run_for(secs(1));
        let p = lab.node(slow);
        assert_eq!(p.kv.get("k10").map(String::as_str), Some("10"), "every {every}: caught up");
        assert_eq!(p.last_index(), lab.node(leader).last_index());
        let installs = count(&lab, slow, |e| matches!(e, RaftEvent::InstallSnapshot { .. }));
        assert_eq!(installs > 0, every > 0, "every {every}: InstallSnapshot only when the leader compacted");
        let sent =
            lab.run.world().trace().entries().any(
                |e| matches!(e.event, crate::sim::TraceEvent::Send { kind, to, .. } if to == slow && kind.name == "InstallSnapshot"),
            );
        assert_eq!(sent, every > 0);
        lab.assert_safe();
    }
}

#[test]
fn a_restarted_server_recovers_its_state_machine_from_its_snapshot() {
    for every in [0, 4] {
        let mut lab = cluster(every);
        lab.run_for(secs(1));
        let (leader, _) = lab.leader();
        writes(&mut lab, leader, 1..=9);
        lab.run_for(ms(200));
        let node = (leader + 2) % 5;
        lab.act(Action::Crash { node });
        lab.act(Action::Restart { node });
        lab.isolate(node); // nobody can tell it what is committed
        lab.run_for(ms(100));
        let p = lab.node(node);
        if every == 0 {
            assert_eq!((p.commit_index, p.kv.get("k1")), (0, None), "without a snapshot it starts empty");
        } else {
            let at = p.snapshot_index();
            assert!(at >= 8, "snapshots after 4 and 8 applied entries: {at}");
            assert_eq!((p.commit_index, p.last_applied), (at, at), "committed and applied up to its snapshot");
            assert_eq!(p.kv.get("k7").map(String::as_str), Some("7"), "entry 8 (k7) is in the state machine");
            assert_eq!(p.last_index(), 10, "the log after the snapshot survived too");
        }
        lab.act(Action::HealAll);
        lab.run_for(secs(1));
        assert_eq!(lab.node(node).kv.get("k9").map(String::as_str), Some("9"));
        lab.assert_safe();
    }
}

#[test]
fn a_server_added_after_compaction_gets_the_configuration_with_the_snapshot() {
    let config = RaftConfig { voters: Some(vec![0, 1, 2]), snapshot_every: 3, ..RaftConfig::default() };
    let mut lab = Lab::new(config, 9);
    lab.run_for(secs(1));
    let (leader, _) = lab.leader();
    lab.input(leader, RaftInput::AddLearner { node: 4 });
    lab.run_for(ms(200));
    lab.isolate(4);
    writes(&mut lab, leader, 1..=6);
    lab.input(leader, RaftInput::AddServer { node: 3 });
    lab.run_for(ms(500));
    lab.act(Action::HealAll);
    lab.run_for(secs(1));
    for n in [3, 4] {
        let p = lab.node(n);
        assert_eq!(p.membership, lab.node(leader).membership, "node {n}");
        assert_eq!(p.kv.get("k6").map(String::as_str), Some("6"), "node {n}");
        assert!(count(&lab, n, |e| matches!(e, RaftEvent::InstallSnapshot { .. })) > 0, "node {n}");
    }
    assert_eq!(lab.node(3).membership.voters, vec![0, 1, 2, 3]);
    assert_eq!(lab.node(3).membership.learners, vec![4]);
    lab.assert_safe();
}

/// The fuzz finding of seed 99990 (3 nodes): a resumed server, the only voter of its
/// configuration, elected itself, committed, applied and snapshotted in the events due at the
/// instant of the fuzzer's next action. `Timeline::act` handled those events on a copy without the
/// checker, which then saw a snapshot at an index it had never seen committed and reported State
/// Machine Safety. Nothing was unsafe: the checker had been skipped. Here the same happens in one
/// instant on links without delay (a forced timeout, the election, the commit of the blank entry and
/// the snapshot taken before the next reply), then a second action at that instant: every one of
/// those events is checked, nothing is reported, and the recording replays to the same trace.
#[test]
fn events_due_at_the_instant_of_an_action_are_checked_so_an_election_and_snapshot_there_is_no_false_alarm() {
    let network = crate::sim::NetworkConfig { latency_min: 0, latency_max: 0, ..Default::default() };
    let config = RaftConfig { nodes: 3, network, snapshot_every: 1, ..RaftConfig::default() };
    let scenario = crate::sim::Scenario::new(LAB, 5, config);
    let mut run = crate::sim::Timeline::<RaftNode, RaftChecker>::new(scenario, crate::sim::Retention::All).unwrap();
    run.run_until(ms(10));
    run.act(Action::Input { node: 1, input: RaftInput::Timeout }).unwrap();
    let pending = run.world().next_event_time();
    assert_eq!(pending, Some(ms(10)), "the election's messages are due at this very instant");
    run.act(Action::ClockDrift { node: 1, ppm: 0 }).unwrap();
    let p = run.world().node(1).and_then(|n| n.process).expect("node 1 runs");
    assert_eq!((p.role, p.snapshot_index()), (Role::Leader, 1), "leader, its blank entry committed and snapshotted");
    assert_eq!(run.violation(), None);
    run.run_until(ms(500));
    assert_eq!(run.violation(), None);
    let mut replay =
        crate::sim::Timeline::<RaftNode, RaftChecker>::new(run.scenario().clone(), crate::sim::Retention::All).unwrap();
    replay.run_until(ms(500));
    assert_eq!(replay.world().fingerprint(), run.world().fingerprint(), "the recording replays event for event");
}
