//! Leadership transfer (thesis 3.10): the target is caught up first, then told to stand at once.

use super::test_support::{cut_off, put, world};
use super::*;
use crate::sim::{ms, secs, Action, World};

fn cluster(check_quorum: bool) -> World<RaftNode> {
    world(RaftConfig { nodes: 5, check_quorum, ..RaftConfig::default() }, 6)
}

#[test]
fn leadership_moves_to_the_chosen_server_in_the_next_term_even_under_check_quorum() {
    for check_quorum in [false, true] {
        let mut world = cluster(check_quorum);
        world.run_until(secs(1));
        let (old, term) = current_leader(&world).unwrap();
        let target = (old + 2) % 5;
        world.apply(&Action::Input { node: old, input: RaftInput::TransferLeadership { to: target } }).unwrap();
        world.run_until(secs(1) + ms(200));
        assert_eq!(current_leader(&world), Some((target, term + 1)), "check_quorum {check_quorum}");
    }
}

#[test]
fn a_lagging_target_is_caught_up_before_it_stands() {
    let mut world = cluster(false);
    world.run_until(secs(1));
    let (old, _) = current_leader(&world).unwrap();
    let target = (old + 1) % 5;
    // The target misses three writes, then comes back just as the transfer starts.
    cut_off(&mut world, target);
    for seq in 1..=3 {
        world.apply(&Action::Input { node: old, input: put(1, seq, "k", &seq.to_string()) }).unwrap();
    }
    world.run_until(secs(1) + ms(100));
    world.apply(&Action::HealAll).unwrap();
    world.apply(&Action::Input { node: old, input: RaftInput::TransferLeadership { to: target } }).unwrap();
    world.run_until(secs(2));
    let (new, _) = current_leader(&world).unwrap();
    assert_eq!(new, target);
    let p = world.node(new).unwrap().process.unwrap();
    assert_eq!(p.kv.get("k").map(String::as_str), Some("3"), "the new leader has every committed write");
}

#[test]
fn requests_during_a_transfer_are_dropped_for_the_client_to_retry() {
    let mut world = cluster(false);
    world.run_until(secs(1));
    let (old, _) = current_leader(&world).unwrap();
    let target = (old + 1) % 5;
    // Cut the target off: the transfer cannot finish, and the leader refuses writes until it gives up.
    cut_off(&mut world, target);
    world.apply(&Action::Input { node: old, input: RaftInput::TransferLeadership { to: target } }).unwrap();
    world.apply(&Action::Input { node: old, input: put(1, 1, "k", "1") }).unwrap();
    let dropped = world.node(old).unwrap().process.unwrap().transferring.is_some();
    assert!(dropped, "a transfer is under way");
    world.run_until(secs(2));
    assert_eq!(world.node(old).unwrap().process.unwrap().transferring, None, "abandoned after an election timeout");
    assert_eq!(
        world.node(old).unwrap().process.unwrap().kv.get("k"),
        None,
        "the write during the transfer was dropped"
    );
    world.apply(&Action::Input { node: old, input: put(1, 2, "k", "2") }).unwrap();
    world.run_until(secs(3));
    assert_eq!(world.node(old).unwrap().process.unwrap().kv.get("k").map(String::as_str), Some("2"));
}
