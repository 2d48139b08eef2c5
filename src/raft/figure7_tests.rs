//! Figure 7: the possible follower logs when a leader comes to power, and how AppendEntries's
//! consistency check with the fast backup of nextIndex brings each one in line (section 5.3).

use super::*;
use crate::sim::{ms, Action, NetworkConfig, NodeId, Retention, TraceEvent, World};

/// Log terms from the figure: the leader of term 8, then followers (a) to (f).
const LOGS: [&[Term]; 7] = [
    &[1, 1, 1, 4, 4, 5, 5, 6, 6, 6],
    &[1, 1, 1, 4, 4, 5, 5, 6, 6],
    &[1, 1, 1, 4],
    &[1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6],
    &[1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7],
    &[1, 1, 1, 4, 4, 4, 4],
    &[1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3],
];

fn durable(terms: &[Term], id: NodeId) -> RaftDurable {
    let log = terms
        .iter()
        .enumerate()
        .map(|(i, &term)| Entry {
            term,
            command: SharedCommand::new(Command::Client {
                client: id,
                seq: i as u64 + 1,
                op: KvOp::Put { key: format!("i{}", i + 1), value: format!("t{term}") },
            }),
        })
        .collect();
    let current_term = if id == 0 { 7 } else { *terms.last().unwrap() };
    RaftDurable { current_term, voted_for: None, log, snapshot: None }
}

fn figure_7_world() -> World<RaftNode> {
    // The leader's blank entry of term 8 (section 8) is what conflicts with the extra entries of (c) and (d).
    let config = RaftConfig { nodes: 7, ..RaftConfig::default() };
    let network = NetworkConfig { latency_min: ms(5), latency_max: ms(5), ..NetworkConfig::default() };
    let mut world = World::new(7, network, config, 7, Retention::All);
    for id in 0..7 {
        world.apply(&Action::Crash { node: id }).unwrap();
        // Same-term entries in the figure are the same entries: build them from the leader's where it has one.
        let terms = LOGS[id as usize];
        let mut state = durable(terms, id);
        for (i, entry) in state.log.iter_mut().enumerate() {
            if LOGS[0].get(i) == Some(&entry.term) && LOGS[0][..i] == terms[..i] {
                *entry = durable(LOGS[0], 0).log[i].clone();
            }
        }
        world.set_durable(id, state).unwrap();
        world.apply(&Action::Restart { node: id }).unwrap();
    }
    world.apply(&Action::Input { node: 0, input: RaftInput::Timeout }).unwrap();
    world
}

fn log_terms(world: &World<RaftNode>, id: NodeId) -> Vec<Term> {
    world.node(id).unwrap().process.unwrap().log().iter().map(|e| e.term).collect()
}

#[test]
fn the_leader_of_term_8_wins_with_votes_from_a_b_e_f() {
    let mut world = figure_7_world();
    world.run_until(ms(30));
    let leader = world.node(0).unwrap().process.unwrap();
    assert_eq!((leader.role, leader.term()), (Role::Leader, 8));
}

#[test]
fn every_follower_log_is_brought_in_line_with_the_leaders() {
    let mut world = figure_7_world();
    world.run_until(ms(500));
    let mut expected = LOGS[0].to_vec();
    expected.push(8);
    assert_eq!(log_terms(&world, 0), expected);
    for id in 1..7 {
        assert_eq!(log_terms(&world, id), expected, "follower {}", (b'a' + id as u8 - 1) as char);
    }
    // (c) and (d) lost their extra entries; (f) lost everything after index 3.
    let truncations: Vec<(NodeId, LogIndex)> = world
        .trace()
        .entries()
        .filter_map(|e| match e.event {
            TraceEvent::Engine(RaftEvent::Truncate { from }) => Some((e.node.unwrap(), from)),
            _ => None,
        })
        .collect();
    for expected in [(3, 11), (4, 11), (6, 4)] {
        assert!(truncations.contains(&expected), "missing truncation {expected:?} in {truncations:?}");
    }
}

#[test]
fn fast_backup_skips_a_whole_term_per_round_trip() {
    // Follower (f) holds terms 2 and 3 where the leader has 4, 5, 6: with the conflict-term hint the
    // leader needs at most one rejection per conflicting term, not one per entry.
    let mut world = figure_7_world();
    world.run_until(ms(500));
    let rejected = count_failed_replies(&world, 6);
    // One entry at a time would take 7 rejections (indexes 10 down to 4).
    assert!((1..=3).contains(&rejected), "follower (f) rejected {rejected} AppendEntries before catching up");
}

fn count_failed_replies(world: &World<RaftNode>, follower: NodeId) -> usize {
    // Failed replies are visible as the leader re-sending from a lower prevLogIndex; count the
    // follower's replies while its log still disagreed (before its truncation event).
    let truncated_at = world
        .trace()
        .entries()
        .find(|e| e.node == Some(follower) && matches!(e.event, TraceEvent::Engine(RaftEvent::Truncate { .. })))
        .map(|e| e.seq)
        .unwrap_or(u64::MAX);
    world
        .trace()
        .entries()
        .filter(|e| e.seq < truncated_at)
        .filter(
            |e| matches!(e.event, TraceEvent::Send { from, to: 0, kind, .. } if from == follower && kind.name == "AppendEntriesReply"),
        )
        .count()
}
