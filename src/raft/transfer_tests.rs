//! Leadership transfer (thesis 3.10): the target is caught up first, then told to stand at once.

use super::*;
use crate::sim::{ms, secs, Action, NetworkConfig, NodeId, Retention, World};

fn cluster(check_quorum: bool) -> World<RaftNode> {
    let config = RaftConfig { nodes: 5, check_quorum, ..RaftConfig::default() };
    World::new(5, NetworkConfig::default(), config, 6, Retention::Window(0))
}

/// Cut `node` off from the other four.
fn cut_off(world: &mut World<RaftNode>, node: NodeId) {
    let rest: Vec<NodeId> = (0..5).filter(|&n| n != node).collect();
    world.apply(&Action::Partition { groups: vec![vec![node], rest] }).unwrap();
}

fn put(seq: u64) -> RaftInput {
    RaftInput::Client { client: 1, seq, op: KvOp::Put { key: "k".into(), value: seq.to_string() } }
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
        world.apply(&Action::Input { node: old, input: put(seq) }).unwrap();
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
    world.apply(&Action::Input { node: old, input: put(1) }).unwrap();
    let dropped = world.node(old).unwrap().process.unwrap().transferring.is_some();
    assert!(dropped, "a transfer is under way");
    world.run_until(secs(2));
    assert_eq!(world.node(old).unwrap().process.unwrap().transferring, None, "abandoned after an election timeout");
    assert_eq!(
        world.node(old).unwrap().process.unwrap().kv.get("k"),
        None,
        "the write during the transfer was dropped"
    );
    world.apply(&Action::Input { node: old, input: put(2) }).unwrap();
    world.run_until(secs(3));
    assert_eq!(world.node(old).unwrap().process.unwrap().kv.get("k").map(String::as_str), Some("2"));
}
