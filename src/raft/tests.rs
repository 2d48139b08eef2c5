//! Behaviour of the Raft engine on small clusters (sections 5.2 to 5.4 and 8).

use super::test_support::{leaders, put, world};
use super::*;
use crate::sim::{secs, Action, NetworkConfig, Retention, World};

fn cluster(nodes: u32, seed: u64) -> World<RaftNode> {
    world(RaftConfig { nodes, ..RaftConfig::default() }, seed)
}

#[test]
fn a_leader_is_elected_within_a_second_section_5_2() {
    for seed in 0..40 {
        let mut world = cluster(5, seed);
        world.run_until(secs(1));
        assert_eq!(leaders(&world).len(), 1, "seed {seed}: {:?}", leaders(&world));
    }
}

#[test]
fn a_put_commits_and_every_server_applies_it_section_5_3() {
    let mut world = cluster(5, 3);
    world.run_until(secs(1));
    let (leader, _) = leaders(&world)[0];
    world.apply(&Action::Input { node: leader, input: put(1, 1, "x", "1") }).unwrap();
    world.run_until(secs(2));
    for (id, p) in world.processes() {
        let p = p.unwrap();
        assert_eq!(p.kv.get("x").map(String::as_str), Some("1"), "node {id}");
        assert_eq!(p.commit_index, p.last_index(), "node {id}");
    }
}

#[test]
fn killing_the_leader_elects_another_in_a_higher_term_section_5_2() {
    let mut world = cluster(5, 11);
    world.run_until(secs(1));
    let (old, old_term) = leaders(&world)[0];
    world.apply(&Action::Crash { node: old }).unwrap();
    world.run_until(secs(2));
    let now = leaders(&world);
    assert_eq!(now.len(), 1);
    assert_ne!(now[0].0, old);
    assert!(now[0].1 > old_term);
}

#[test]
fn a_request_to_a_follower_is_redirected_to_the_leader() {
    let config = RaftConfig { nodes: 3, ..RaftConfig::default() };
    let mut world = World::<RaftNode>::new(3, NetworkConfig::default(), config, 5, Retention::All);
    world.run_until(secs(1));
    let (leader, _) = leaders(&world)[0];
    let follower = (0..3).find(|&n| n != leader).unwrap();
    world.apply(&Action::Input { node: follower, input: put(1, 1, "x", "1") }).unwrap();
    let replies: Vec<_> = world
        .trace()
        .entries()
        .filter_map(|e| match &e.event {
            crate::sim::TraceEvent::Engine(RaftEvent::ClientReply { reply, .. }) => Some(reply.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(replies, vec![ClientOutcome::Redirect { leader }]);
}

#[test]
fn a_partitioned_old_leader_rolls_back_its_uncommitted_entries_section_5_3() {
    let mut world = cluster(5, 21);
    world.run_until(secs(1));
    let (old, _) = leaders(&world)[0];
    let others: Vec<u32> = (0..5).filter(|&n| n != old).collect();
    world.apply(&Action::Partition { groups: vec![vec![old], others.clone()] }).unwrap();
    world.apply(&Action::Input { node: old, input: put(1, 1, "lost", "yes") }).unwrap();
    world.run_until(secs(2));
    let new_leader = leaders(&world).into_iter().find(|(id, _)| *id != old).expect("majority side elects").0;
    world.apply(&Action::Input { node: new_leader, input: put(2, 1, "kept", "yes") }).unwrap();
    world.run_until(secs(3));
    world.apply(&Action::HealAll).unwrap();
    world.run_until(secs(4));
    for (id, p) in world.processes() {
        let p = p.unwrap();
        assert_eq!(p.kv.get("lost"), None, "node {id} applied an entry that never committed");
        assert_eq!(p.kv.get("kept").map(String::as_str), Some("yes"), "node {id}");
    }
    assert_eq!(leaders(&world).len(), 1);
}

#[test]
fn without_randomized_timeouts_votes_split_forever_section_5_2() {
    let config = RaftConfig { nodes: 5, bugs: vec![Bug::NoTimeoutRandomization], ..RaftConfig::default() };
    let mut world = World::new(5, NetworkConfig::default(), config, 1, Retention::Window(0));
    world.run_until(secs(5));
    assert!(leaders(&world).is_empty(), "a leader emerged: {:?}", leaders(&world));
    let max_term = world.processes().filter_map(|(_, p)| p.map(|p| p.term())).max().unwrap();
    assert!(max_term >= 10, "elections kept failing: term {max_term}");
}

#[test]
fn randomized_timeouts_resolve_split_votes_section_5_2() {
    // Same start as above, with randomization: some candidate wins within a few rounds.
    let mut world = cluster(5, 1);
    world.run_until(secs(5));
    assert_eq!(leaders(&world).len(), 1);
}
