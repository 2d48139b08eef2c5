//! The paper's situations rebuilt step by step (Figure 8, section 5.4.2).

use super::test_support::put;
use super::*;
use crate::sim::{ms, Action, NetworkConfig, NodeId, Retention, Violation, World};

struct Script {
    world: World<RaftNode>,
    checker: RaftChecker,
    violation: Option<Violation>,
}

impl Script {
    fn new(bugs: Vec<Bug>) -> Self {
        // Figure 8 is drawn without the leader's blank entry and with one entry per message.
        let config = RaftConfig { nodes: 5, leader_noop: false, max_batch: 1, bugs, ..RaftConfig::default() };
        let network = NetworkConfig { latency_min: ms(5), latency_max: ms(5), ..NetworkConfig::default() };
        let world = World::new(5, network, config, 8, Retention::Window(0));
        Self { world, checker: RaftChecker::new(), violation: None }
    }

    fn act(&mut self, action: Action<RaftInput>) {
        self.world.apply(&action).unwrap_or_else(|e| panic!("{action:?}: {e}"));
        self.check();
    }

    fn run_for(&mut self, duration: u64) {
        let end = self.world.now() + duration;
        while self.world.step_until(end) {
            self.check();
        }
        self.world.run_until(end);
    }

    fn check(&mut self) {
        if self.violation.is_none() {
            self.violation = self.checker.check(&self.world);
        }
    }

    fn node(&self, id: NodeId) -> &RaftNode {
        self.world.node(id).and_then(|n| n.process).expect("node is up")
    }

    fn terms(&self, id: NodeId) -> Vec<Term> {
        self.node(id).log().iter().map(|e| e.term).collect()
    }

    /// Make `id` time out until it wins (a first try can lose to voters already in a higher term).
    fn elect(&mut self, id: NodeId) {
        for _ in 0..3 {
            self.act(Action::Input { node: id, input: RaftInput::Timeout });
            self.run_for(ms(20));
            if self.node(id).role == Role::Leader {
                return;
            }
        }
        panic!("node {id} should have won an election");
    }
}

/// Figure 8 with S1..S5 as nodes 0..4. Returns the script after step (d)/(e).
fn figure_8(bugs: Vec<Bug>) -> Script {
    let mut s = Script::new(bugs);
    // (a) S1 leads term 1 and replicates index 1 only to S2.
    s.elect(0);
    s.act(Action::Partition { groups: vec![vec![0, 1], vec![2, 3, 4]] });
    s.act(Action::Input { node: 0, input: put(1, 1, "x", "from-term-1") });
    s.run_for(ms(20));
    assert_eq!(s.terms(1), vec![1]);
    // (b) S1 crashes; S5 wins term 2 with S3 and S4 and accepts a different entry at index 1, alone.
    s.act(Action::Crash { node: 0 });
    s.act(Action::Partition { groups: vec![vec![1], vec![2, 3, 4]] });
    s.elect(4);
    s.act(Action::Partition { groups: vec![vec![1], vec![2, 3], vec![4]] });
    s.act(Action::Input { node: 4, input: put(2, 1, "x", "from-term-2") });
    s.run_for(ms(5));
    assert_eq!(s.terms(4), vec![2]);
    // (c) S5 crashes; S1 restarts, wins term 3 and replicates its term-1 entry to S3: a majority holds it.
    s.act(Action::Crash { node: 4 });
    s.act(Action::Restart { node: 0 });
    s.act(Action::Partition { groups: vec![vec![0, 1, 2, 3]] });
    s.elect(0);
    s.run_for(ms(100));
    assert_eq!(s.terms(2), vec![1], "S3 holds the term-1 entry");
    // (d) S1 crashes; S5 restarts and wins term 4 with S2, S3, S4: its term-2 entry overwrites index 1.
    s.act(Action::Crash { node: 0 });
    s.act(Action::Restart { node: 4 });
    s.act(Action::Partition { groups: vec![vec![1, 2, 3, 4]] });
    s.elect(4);
    s.run_for(ms(100));
    s
}

#[test]
fn figure_8_with_the_term_rule_an_old_entry_is_never_committed_by_counting() {
    let s = figure_8(vec![]);
    assert_eq!(s.violation, None);
    for id in 1..5 {
        assert_eq!(s.terms(id), vec![2], "node {id} converged on S5's entry");
    }
}

#[test]
fn figure_8_committing_an_old_term_entry_by_counting_loses_a_committed_entry() {
    let s = figure_8(vec![Bug::CommitOldTermByCount]);
    let v = s.violation.expect("the checker must catch the overwritten committed entry");
    assert!(["State Machine Safety", "Leader Completeness"].contains(&v.invariant), "unexpected violation: {v:?}");
}
