//! The Raft segment store: segments by compare-and-set of `max_id` through the log, no duplicate
//! whatever fails, a pause while a new leader is elected.

use super::checker::IdChecker;
use super::raft_store::FIRST_MAX_ID;
use super::{Generator, IdConfig, IdInput, IdNode, LAB};
use crate::raft::types::Role;
use crate::sim::{secs, Action, NodeId, SimTime, Timeline};

type Run = Timeline<IdNode, IdChecker>;

fn config() -> IdConfig {
    IdConfig { generator: Generator::RaftSegment, apps: 3, rate: 300, step: 100, ..IdConfig::default() }
}

fn run(config: IdConfig, actions: Vec<(SimTime, Action<IdInput>)>, until: SimTime) -> Run {
    Run::scripted(LAB, config, actions, until).expect("valid scenario")
}

/// The member leading now, if one does.
fn leader(run: &Run) -> Option<NodeId> {
    let world = run.world();
    world.config().members_range().find(|&id| {
        world.node(id).and_then(|n| n.process).and_then(IdNode::store).is_some_and(|m| m.raft.role == Role::Leader)
    })
}

#[test]
fn segments_are_taken_by_compare_and_set_through_the_raft_log() {
    let r = run(config(), vec![], secs(4));
    assert!(r.violation().is_none(), "{:?}", r.violation());
    let m = r.checker().measured();
    eprintln!("{m:?} leader {:?}", leader(&r));
    assert!(m.issued > 2_000, "{m:?}");
    let leader = leader(&r).expect("a leader within 4 s");
    let max_id = r.world().node(leader).and_then(|n| n.process).and_then(IdNode::store).map(|m| m.max_id());
    let fetched = max_id.unwrap() - FIRST_MAX_ID;
    assert_eq!(fetched % 100, 0, "whole segments of 100");
}
