//! The scripted Raft runs the lessons load: the page's default cluster, one with a committed write,
//! one whose deposed leader holds entries only it stores.

use crate::lab::raft::RaftScenario;
use crate::raft::{current_leader, KvOp, RaftChecker, RaftConfig, RaftInput, RaftNode};
use crate::sim::{ms, Action, NodeId, Retention, SimTime, Timeline};

/// Seed of the Raft page's runs (as its setup has it).
const RAFT_SEED: u64 = 1;

/// When the written runs send their write.
pub const WRITE_AT: SimTime = ms(1_200);

/// The Raft page's default scenario with `config`.
pub fn raft(config: RaftConfig) -> RaftScenario {
    let mut scenario = crate::lab::raft::default_scenario(RAFT_SEED);
    scenario.config = config;
    scenario
}

/// The default five servers run to [`WRITE_AT`], and the leader then.
fn led_at_write() -> (Timeline<RaftNode, RaftChecker>, NodeId) {
    let mut run =
        Timeline::new(raft(RaftConfig::default()), Retention::Window(0)).expect("the default Raft scenario is valid");
    run.run_until(WRITE_AT);
    let leader = current_leader(run.world()).map_or(0, |(id, _)| id);
    (run, leader)
}

/// Client 1's request number `seq`: put `x` = `value`, sent to `node`.
fn put(node: NodeId, seq: u64, value: &str) -> Action<RaftInput> {
    let op = KvOp::Put { key: "x".into(), value: value.into() };
    Action::Input { node, input: RaftInput::Client { client: 1, seq, op } }
}

/// Five servers; the leader at [`WRITE_AT`] gets client 1's `put x=1`.
pub fn raft_write() -> RaftScenario {
    let (mut run, leader) = led_at_write();
    run.act(put(leader, 1, "1")).expect("a client request applies");
    run.scenario().clone()
}

/// Five servers; at [`WRITE_AT`] the leader is cut off and gets two puts only it stores; a second
/// later the others have a leader of a higher term, which gets a put of its own.
pub fn raft_diverged() -> RaftScenario {
    let (mut run, old) = led_at_write();
    let rest = (0..5).filter(|&n| n != old).collect();
    run.act(Action::Partition { groups: vec![vec![old], rest] }).expect("a partition applies");
    run.act(put(old, 1, "lost-1")).expect("a client request applies");
    run.act(put(old, 2, "lost-2")).expect("a client request applies");
    run.run_until(WRITE_AT + ms(1_000));
    let new = current_leader(run.world()).map_or((old + 1) % 5, |(id, _)| id);
    run.act(put(new, 3, "kept")).expect("a client request applies");
    run.scenario().clone()
}
