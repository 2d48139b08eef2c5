//! Membership change (paper section 6, thesis chapter 4): joint consensus, single-server changes
//! and their bug, learners, and the disruption removed servers cause; each with its switch off and on.

use std::collections::{BTreeMap, BTreeSet};

use super::test_support::Lab;
use super::*;
use crate::sim::{ms, secs, Action, NetworkConfig, NodeId};

fn voters(lab: &Lab, node: NodeId) -> (Vec<NodeId>, bool) {
    let m = &lab.node(node).membership;
    (m.voters.clone(), m.is_joint())
}

#[test]
fn joint_consensus_and_single_server_changes_add_and_remove_voters_with_one_leader_per_term_section_6() {
    for mode in [ChangeMode::Joint, ChangeMode::SingleServer] {
        let mut lab = Lab::five(&[0, 1, 2], mode);
        lab.run_for(secs(1));
        let (leader, _) = lab.leader();
        lab.input(leader, RaftInput::AddServer { node: 3 });
        lab.run_for(ms(500));
        lab.input(leader, RaftInput::AddServer { node: 4 });
        lab.run_for(ms(500));
        let removed = (leader + 1) % 3;
        lab.input(leader, RaftInput::RemoveServer { node: removed });
        lab.run_for(ms(500));
        lab.put(leader, 1);
        lab.run_for(ms(500));
        let expected: Vec<NodeId> = (0..5).filter(|&n| n != removed).collect();
        for n in expected.iter().copied() {
            assert_eq!(voters(&lab, n), (expected.clone(), false), "{mode:?}: node {n}'s configuration");
            assert_eq!(lab.node(n).kv.get("k1").map(String::as_str), Some("1"), "{mode:?}: node {n} applied");
        }
        // Joint consensus goes through C_old,new; single-server changes never do.
        let joint_entries = lab
            .events()
            .filter(|(n, e)| *n == leader && matches!(e, RaftEvent::Config { config, .. } if config.is_joint()));
        assert_eq!(joint_entries.count(), if mode == ChangeMode::Joint { 3 } else { 0 }, "{mode:?}");
        assert_eq!(lab.leader().0, leader, "{mode:?}: the leader stayed");
        lab.assert_safe();
    }
}

#[test]
fn a_leader_removing_itself_steps_down_once_c_new_commits_section_6() {
    for mode in [ChangeMode::Joint, ChangeMode::SingleServer] {
        let mut lab = Lab::five(&[0, 1, 2, 3, 4], mode);
        lab.run_for(secs(1));
        let (old, term) = lab.leader();
        lab.input(old, RaftInput::RemoveServer { node: old });
        lab.run_for(ms(5)); // less than a message's latency
        let p = lab.node(old);
        assert!(!p.membership.voters.contains(&old), "{mode:?}: the change takes effect when appended");
        assert!(p.role == Role::Leader && p.commit_index < p.config_index, "{mode:?}: it leads until it commits");
        lab.run_for(secs(1));
        let (new, new_term) = lab.leader();
        assert!(new != old && new_term > term, "{mode:?}: another leader in a later term");
        let gone = lab.node(old);
        assert_eq!((gone.role, gone.membership.is_voter(old)), (Role::Follower, false), "{mode:?}");
        assert!(gone.commit_index >= gone.config_index, "{mode:?}: it stepped down after C_new committed");
        // It knows it was removed, so it never campaigns: its term stays behind.
        let its_term = gone.term();
        lab.run_for(secs(2));
        assert_eq!(lab.node(old).term(), its_term, "{mode:?}");
        assert_eq!(lab.leader(), (new, new_term), "{mode:?}");
        lab.assert_safe();
    }
}

/// The bug Ongaro reported on raft-dev (2015), with S1..S5 as nodes 0..4: C0 = {0,1,2,3}. Leader 0
/// (term 1) adds 4 (C1) but only 4 gets it. Leader 1 (term 2) removes 0 (C2 = {1,2,3}) before
/// committing anything in its term, and only 2 gets it. Then {1,2} is a majority of C2 and
/// {0,3,4} one of C1: two leaders in term 3. Returns who led each term, and the checker's finding.
fn single_server_bug_run(bug: bool) -> (BTreeMap<Term, BTreeSet<NodeId>>, Option<crate::sim::Violation>) {
    let network = NetworkConfig { latency_min: ms(5), latency_max: ms(5), ..NetworkConfig::default() };
    let config = RaftConfig {
        voters: Some(vec![0, 1, 2, 3]),
        membership_change: ChangeMode::SingleServer,
        bugs: if bug { vec![Bug::ConfigChangeBeforeTermCommit] } else { Vec::new() },
        network,
        ..RaftConfig::default()
    };
    let mut lab = Lab::new(config, 1);
    let partition = |groups: &[&[NodeId]]| Action::Partition { groups: groups.iter().map(|g| g.to_vec()).collect() };
    lab.input(0, RaftInput::Timeout);
    lab.run_for(ms(100));
    assert_eq!(lab.leader(), (0, 1));
    lab.act(partition(&[&[0, 4], &[1, 2, 3]]));
    lab.input(0, RaftInput::AddServer { node: 4 }); // its blank entry of term 1 is committed: allowed
    lab.run_for(ms(50));
    lab.input(1, RaftInput::Timeout);
    lab.run_for(ms(12)); // 1 wins term 2 with the votes of 2 and 3 at t = 160 ms...
    lab.act(partition(&[&[0, 4], &[1, 2], &[3]])); // ...and 3 never gets its blank entry
    lab.input(1, RaftInput::RemoveServer { node: 0 });
    lab.run_for(ms(38));
    lab.act(partition(&[&[0, 3, 4], &[1, 2]]));
    lab.input(2, RaftInput::Timeout); // 2 stands in term 3; 1 votes for it
    lab.run_for(ms(60)); // 0 hears of term 2 from 3 and steps down
    lab.input(0, RaftInput::Timeout); // 0 stands in term 3; 3 and 4 vote for it
    lab.run_for(ms(100));
    (lab.leaders_by_term(), lab.run.violation().cloned())
}

#[test]
fn single_server_changes_before_a_commit_in_the_term_elect_two_leaders_in_one_term_thesis_4_1() {
    let (leaders, violation) = single_server_bug_run(true);
    assert_eq!(leaders.get(&3), Some(&BTreeSet::from([0, 2])), "two leaders in term 3: {leaders:?}");
    let violation = violation.expect("the checker catches it");
    assert_eq!((violation.invariant, violation.code), ("Election Safety", "two_leaders"), "{violation:?}");

    let (leaders, violation) = single_server_bug_run(false);
    assert_eq!(violation, None);
    assert_eq!(leaders.get(&3), Some(&BTreeSet::from([0])), "with the rule, only 0 leads term 3: {leaders:?}");
}

#[test]
fn a_learner_does_not_count_toward_quorums_while_a_voter_does() {
    // Voters 0,1,2; 3 and 4 join as learners (off) or as voters (on); then two voters crash.
    for as_voters in [false, true] {
        let mut lab = Lab::five(&[0, 1, 2], ChangeMode::Joint);
        lab.run_for(secs(1));
        let (leader, _) = lab.leader();
        for node in [3, 4] {
            let input = if as_voters { RaftInput::AddServer { node } } else { RaftInput::AddLearner { node } };
            lab.input(leader, input);
            lab.run_for(ms(300));
        }
        lab.put(leader, 1);
        lab.run_for(ms(300));
        assert_eq!(lab.node(3).kv.get("k1").map(String::as_str), Some("1"), "the log reaches node 3");
        let learner_term = lab.node(3).term();
        for voter in (0..3).filter(|&n| n != leader).take(1).chain([leader]) {
            lab.act(Action::Crash { node: voter });
        }
        lab.run_for(secs(3));
        let led = current_leader(lab.run.world());
        if as_voters {
            assert!(led.is_some_and(|(id, _)| id != leader), "3 of 5 voters elect a leader");
        } else {
            assert_eq!(led, None, "one voter and two learners are no quorum");
            assert_eq!(lab.node(3).term(), learner_term, "a learner never campaigns");
            assert_eq!(lab.node(4).role, Role::Follower);
        }
        assert_eq!(lab.run.violation(), None);
    }
}

#[test]
fn a_learner_is_promoted_only_once_it_has_caught_up() {
    let mut lab = Lab::five(&[0, 1, 2], ChangeMode::Joint);
    lab.run_for(secs(1));
    let (leader, _) = lab.leader();
    lab.input(leader, RaftInput::AddLearner { node: 3 });
    lab.run_for(ms(300));
    assert!(lab.node(leader).membership.is_learner(3));
    lab.isolate(3);
    for seq in 1..=5 {
        lab.put(leader, seq);
    }
    lab.run_for(ms(200));
    lab.input(leader, RaftInput::PromoteLearner { node: 3 });
    lab.run_for(secs(1));
    assert!(lab.node(leader).membership.is_learner(3), "behind: still a learner");
    lab.act(Action::HealAll);
    lab.run_for(secs(1));
    assert_eq!(voters(&lab, leader), (vec![0, 1, 2, 3], false), "caught up: promoted");
    assert_eq!(voters(&lab, 3), (vec![0, 1, 2, 3], false), "and it knows");
    assert_eq!(lab.node(3).kv.get("k5").map(String::as_str), Some("5"));
    lab.assert_safe();
}

#[test]
fn a_spare_waits_to_be_added_and_bad_changes_are_refused() {
    let mut lab = Lab::five(&[0, 1, 2], ChangeMode::Joint);
    lab.run_for(secs(2));
    for spare in [3, 4] {
        let p = lab.node(spare);
        assert_eq!((p.term(), &p.membership), (0, &Membership::default()), "spare {spare} stays quiet");
    }
    let (leader, _) = lab.leader();
    let follower = (leader + 1) % 3;
    lab.input(follower, RaftInput::AddServer { node: 3 });
    lab.input(leader, RaftInput::PromoteLearner { node: 4 });
    lab.input(leader, RaftInput::AddServer { node: 3 });
    lab.input(leader, RaftInput::AddServer { node: 4 }); // the first change is still under way
    let refusals: Vec<&'static str> = lab
        .events()
        .filter_map(|(_, e)| match e {
            RaftEvent::ConfigRefused { reason, .. } => Some(*reason),
            _ => None,
        })
        .collect();
    assert_eq!(refusals, ["not_leader", "not_learner", "change_in_progress"]);
    let bad = Action::Input { node: leader, input: RaftInput::AddServer { node: 9 } };
    assert!(lab.run.act(bad).is_err(), "a node out of range is refused");
}

/// Remove a follower; report the leader and its term before, the leader 3 s later (if one leads
/// at that moment), and the removed server's term then.
fn remove_a_follower(
    pre_vote: bool,
    check_quorum: bool,
    mode: ChangeMode,
) -> ((NodeId, Term), Option<(NodeId, Term)>, Term) {
    let config = RaftConfig { pre_vote, check_quorum, membership_change: mode, ..RaftConfig::default() };
    let mut lab = Lab::new(config, 3);
    lab.run_for(secs(1));
    let before = lab.leader();
    let removed = (before.0 + 1) % 5;
    lab.input(before.0, RaftInput::RemoveServer { node: removed });
    lab.run_for(secs(3));
    assert_eq!(lab.run.violation(), None);
    (before, current_leader(lab.run.world()), lab.node(removed).term())
}

#[test]
fn a_removed_server_disrupts_the_cluster_unless_pre_vote_and_check_quorum_thesis_4_2_3() {
    for mode in [ChangeMode::Joint, ChangeMode::SingleServer] {
        let (before, after, removed_term) = remove_a_follower(false, false, mode);
        assert!(removed_term > before.1 + 3, "{mode:?}: its term keeps rising: {removed_term}");
        assert!(after.is_none_or(|a| a.1 > before.1 + 3), "{mode:?}: it keeps deposing leaders: {after:?}");

        let (before, after, removed_term) = remove_a_follower(true, true, mode);
        assert_eq!(removed_term, before.1, "{mode:?}: its pre-votes fail, its term stays");
        assert_eq!(after, Some(before), "{mode:?}: the same leader in the same term");
    }
}
