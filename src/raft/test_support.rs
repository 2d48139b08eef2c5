//! What the Raft engine's tests share: a client put, a cluster, finding the leader, cutting a
//! server off, and a checked run with its whole trace.

use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::sim::{Action, NetworkConfig, NodeId, Retention, Scenario, SimTime, Timeline, TraceEvent, World};

/// A client's put of `key` = `value`, its `seq`-th request.
pub fn put(client: ClientId, seq: u64, key: &str, value: &str) -> RaftInput {
    RaftInput::Client { client, seq, op: KvOp::Put { key: key.into(), value: value.into() } }
}

/// A world of `config` on the default network from `seed`, keeping no trace.
pub fn world(config: RaftConfig, seed: u64) -> World<RaftNode> {
    World::new(config.nodes, NetworkConfig::default(), config, seed, Retention::Window(0))
}

/// Every server that believes it leads, with its term.
pub fn leaders(world: &World<RaftNode>) -> Vec<(NodeId, Term)> {
    world.processes().filter_map(|(id, p)| p.filter(|p| p.role == Role::Leader).map(|p| (id, p.term()))).collect()
}

/// Server `id`'s current term (it must be up).
pub fn term_of(world: &World<RaftNode>, id: NodeId) -> Term {
    world.node(id).and_then(|n| n.process).expect("node is up").term()
}

/// Cut `node` off from every other server.
pub fn cut_off(world: &mut World<RaftNode>, node: NodeId) {
    let rest = (0..world.node_count()).filter(|&n| n != node).collect();
    world.apply(&Action::Partition { groups: vec![vec![node], rest] }).unwrap();
}

/// A run with every invariant checked after every event, and the whole trace kept.
pub struct Lab {
    pub run: Timeline<RaftNode, RaftChecker>,
}

impl Lab {
    /// A run of `config` from `seed`.
    pub fn new(config: RaftConfig, seed: u64) -> Self {
        let run = Timeline::new(Scenario::new(LAB, seed, config), Retention::All).expect("valid scenario");
        Self { run }
    }

    /// Five servers; `voters` start as members, the others are spares. PreVote and CheckQuorum
    /// are on, as in production, so that a removed server stays quiet (the disruption test shows
    /// what happens without them).
    pub fn five(voters: &[NodeId], mode: ChangeMode) -> Self {
        let config = RaftConfig {
            voters: Some(voters.to_vec()),
            membership_change: mode,
            pre_vote: true,
            check_quorum: true,
            ..RaftConfig::default()
        };
        Self::new(config, 7)
    }

    /// Apply `action` now; panics if it is refused.
    pub fn act(&mut self, action: Action<RaftInput>) {
        self.run.act(action.clone()).unwrap_or_else(|e| panic!("{action:?}: {e:?}"));
    }

    /// Hand `input` to `node` now.
    pub fn input(&mut self, node: NodeId, input: RaftInput) {
        self.act(Action::Input { node, input });
    }

    /// Run for `duration` of virtual time.
    pub fn run_for(&mut self, duration: SimTime) {
        let end = self.run.now() + duration;
        self.run.run_until(end);
    }

    /// Server `id`, which must be up.
    pub fn node(&self, id: NodeId) -> &RaftNode {
        self.run.world().node(id).and_then(|n| n.process).expect("node is up")
    }

    /// The leader of the highest term (there must be one).
    pub fn leader(&self) -> (NodeId, Term) {
        current_leader(self.run.world()).expect("a leader")
    }

    /// Cut `alone` off from every other server.
    pub fn isolate(&mut self, alone: NodeId) {
        let rest = (0..self.run.world().node_count()).filter(|&n| n != alone).collect();
        self.act(Action::Partition { groups: vec![vec![alone], rest] });
    }

    /// Client 1 writes `k<seq>` = `seq` at `node`.
    pub fn put(&mut self, node: NodeId, seq: u64) {
        let op = KvOp::Put { key: format!("k{seq}"), value: seq.to_string() };
        self.input(node, RaftInput::Client { client: 1, seq, op });
    }

    /// Engine events of the whole run, with the node they happened at.
    pub fn events(&self) -> impl Iterator<Item = (NodeId, &RaftEvent)> {
        self.run.world().trace().entries().filter_map(|e| match &e.event {
            TraceEvent::Engine(ev) => Some((e.node?, ev)),
            _ => None,
        })
    }

    /// Every server that was leader in each term, from the trace.
    pub fn leaders_by_term(&self) -> BTreeMap<Term, BTreeSet<NodeId>> {
        let mut leaders: BTreeMap<Term, BTreeSet<NodeId>> = BTreeMap::new();
        for (node, ev) in self.events() {
            if let RaftEvent::Role { role: Role::Leader, term } = ev {
                leaders.entry(*term).or_default().insert(node);
            }
        }
        leaders
    }

    /// No invariant broke and no term had two leaders.
    pub fn assert_safe(&self) {
        assert_eq!(self.run.violation(), None);
        assert!(self.leaders_by_term().values().all(|l| l.len() == 1), "{:?}", self.leaders_by_term());
    }
}
