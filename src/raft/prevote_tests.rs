//! PreVote and CheckQuorum (thesis 9.6): the disruptions they prevent, each with the switch off and on.

use super::test_support::{term_of, world};
use super::*;
use crate::sim::{secs, Action, NetworkConfig, NodeId, Retention, World};

fn cluster(pre_vote: bool, check_quorum: bool) -> World<RaftNode> {
    world(RaftConfig { nodes: 5, pre_vote, check_quorum, ..RaftConfig::default() }, 4)
}

/// Cut one follower off for 3 s, then heal; returns (leader before, its term), the follower's
/// term just before healing, and the leader after.
fn partitioned_follower_returns(world: &mut World<RaftNode>) -> ((NodeId, Term), Term, (NodeId, Term)) {
    world.run_until(secs(1));
    let before = current_leader(world).expect("a leader");
    let follower = (0..5).find(|&n| n != before.0).unwrap();
    let rest: Vec<NodeId> = (0..5).filter(|&n| n != follower).collect();
    world.apply(&Action::Partition { groups: vec![vec![follower], rest] }).unwrap();
    world.run_until(secs(4));
    let isolated_term = term_of(world, follower);
    world.apply(&Action::HealAll).unwrap();
    world.run_until(secs(6));
    (before, isolated_term, current_leader(world).expect("a leader after healing"))
}

#[test]
fn without_pre_vote_a_returning_follower_with_a_higher_term_deposes_the_leader() {
    let mut world = cluster(false, false);
    let (before, isolated_term, after) = partitioned_follower_returns(&mut world);
    assert!(isolated_term > before.1 + 3, "its term kept rising alone: {isolated_term}");
    assert!(after.1 > isolated_term.max(before.1), "the cluster moved to a term above the returning follower's");
}

#[test]
fn with_pre_vote_and_check_quorum_the_returning_follower_changes_nothing() {
    let mut world = cluster(true, true);
    let (before, isolated_term, after) = partitioned_follower_returns(&mut world);
    assert_eq!(isolated_term, before.1, "pre-votes failed, so its term never rose");
    assert_eq!(after, before, "the same leader in the same term");
}

#[test]
fn with_check_quorum_a_leader_cut_off_from_the_majority_steps_down() {
    for (check_quorum, steps_down) in [(false, false), (true, true)] {
        let mut world = cluster(false, check_quorum);
        world.run_until(secs(1));
        let (old, _) = current_leader(&world).unwrap();
        let rest: Vec<NodeId> = (0..5).filter(|&n| n != old).collect();
        world.apply(&Action::Partition { groups: vec![vec![old], rest] }).unwrap();
        world.run_until(secs(2));
        let still_leader = world.node(old).unwrap().process.unwrap().role == Role::Leader;
        assert_eq!(!still_leader, steps_down, "check_quorum {check_quorum}");
    }
}

#[test]
fn a_pre_candidate_wins_pre_votes_then_a_real_election() {
    let mut world = cluster(true, false);
    world.run_until(secs(1));
    let (id, term) = current_leader(&world).expect("PreVote still elects a leader");
    assert_eq!(term, 1, "the pre-vote round raised no term: node {id} won term 1");
}

/// etcd-io/etcd#8334 (TestPreVoteWithCheckQuorum), election timeouts of 1 to 2 s: follower B is
/// cut off and times out (a pre-candidate that still knows its leader); then the leader is cut off,
/// B rejoins A, and A times out. Whether A is elected in that round (within 200 ms, before any
/// election timer could run out again).
fn elected_after_the_leader_is_cut_off(bugs: Vec<Bug>) -> bool {
    let slow = RaftConfig {
        nodes: 3,
        election_timeout_min: secs(1),
        election_timeout_max: secs(2),
        heartbeat_interval: crate::sim::ms(100),
        pre_vote: true,
        check_quorum: true,
        bugs,
        ..RaftConfig::default()
    };
    let ms = crate::sim::ms;
    let mut world = World::new(3, NetworkConfig::default(), slow, 4, Retention::Window(0));
    world.run_until(secs(4));
    let (leader, _) = current_leader(&world).expect("a leader");
    let [a, b] = [0, 1, 2].into_iter().filter(|&n| n != leader).collect::<Vec<_>>()[..] else { unreachable!() };
    world.apply(&Action::Partition { groups: vec![vec![b], vec![leader, a]] }).unwrap();
    world.run_until(secs(5) + ms(100));
    world.apply(&Action::Input { node: b, input: RaftInput::Timeout }).unwrap();
    world.run_until(secs(5) + ms(200));
    world.apply(&Action::Partition { groups: vec![vec![leader], vec![a, b]] }).unwrap();
    world.apply(&Action::Input { node: a, input: RaftInput::Timeout }).unwrap();
    world.run_until(secs(5) + ms(400));
    current_leader(&world).is_some_and(|(l, _)| l == a)
}

#[test]
fn a_pre_candidate_that_keeps_its_leader_refuses_the_other_and_the_round_fails_etcd_8334() {
    assert!(elected_after_the_leader_is_cut_off(vec![]), "B forgot its leader, so it grants A's pre-vote and vote");
    assert!(
        !elected_after_the_leader_is_cut_off(vec![Bug::PreCandidateKeepsLeader]),
        "B still believes in its leader and its lease restarted with its timer: it refuses A, no leader"
    );
}
