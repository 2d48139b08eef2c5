//! Figure 8 of the Raft paper (section 5.4.2) as a scenario, replayed as drawn: S1..S5 are nodes
//! 0..4, one entry per message, no blank entry at the start of a term (the figure has none).

use crate::lab::raft::RaftScenario;
use crate::raft::{Bug, KvOp, RaftChecker, RaftConfig, RaftInput, RaftNode, Role};
use crate::sim::{ms, Action, NetworkConfig, NodeId, Retention, SimTime, Timeline};

/// The seed the figure is recorded with (any seed gives the same figure: every election is forced).
const SEED: u64 = 8;

/// Where the figure ends: S5 leads term 4 and its entry of term 2 has replaced index 1 everywhere.
pub const FIGURE_END: SimTime = ms(400);

struct Drawing(Timeline<RaftNode, RaftChecker>);

impl Drawing {
    fn act(&mut self, action: Action<RaftInput>) {
        self.0.act(action).expect("every step of the figure applies");
    }

    fn run_for(&mut self, span: SimTime) {
        let end = self.0.now() + span;
        self.0.run_until(end);
    }

    fn partition(&mut self, groups: &[&[NodeId]]) {
        self.act(Action::Partition { groups: groups.iter().map(|g| g.to_vec()).collect() });
    }

    fn put(&mut self, node: NodeId, client: u32, value: &str) {
        let op = KvOp::Put { key: "x".into(), value: value.into() };
        self.act(Action::Input { node, input: RaftInput::Client { client, seq: 1, op } });
    }

    /// Make `id` time out until it leads (a first try can lose to voters already in a higher term).
    fn elect(&mut self, id: NodeId) {
        for _ in 0..3 {
            self.act(Action::Input { node: id, input: RaftInput::Timeout });
            self.run_for(ms(20));
            let leads = self.0.world().node(id).and_then(|n| n.process).is_some_and(|p| p.role == Role::Leader);
            if leads {
                return;
            }
        }
        panic!("node {id} should have won an election");
    }
}

/// Figure 8 as timed actions, with the bug toggles `bugs`; played to [`FIGURE_END`] it ends after (d).
pub fn figure_8(bugs: Vec<Bug>) -> RaftScenario {
    let network = NetworkConfig { latency_min: ms(5), latency_max: ms(5), ..NetworkConfig::default() };
    let config = RaftConfig { nodes: 5, leader_noop: false, max_batch: 1, bugs, network, ..RaftConfig::default() };
    let mut scenario = crate::lab::raft::default_scenario(SEED);
    scenario.config = config;
    let mut s = Drawing(Timeline::new(scenario, Retention::Window(0)).expect("the figure's configuration is valid"));
    // (a) S1 leads term 1 and replicates index 1 only to S2.
    s.elect(0);
    s.partition(&[&[0, 1], &[2, 3, 4]]);
    s.put(0, 1, "from-term-1");
    s.run_for(ms(20));
    // (b) S1 crashes; S5 wins term 2 with S3 and S4 and accepts a different entry at index 1, alone.
    s.act(Action::Crash { node: 0 });
    s.partition(&[&[1], &[2, 3, 4]]);
    s.elect(4);
    s.partition(&[&[1], &[2, 3], &[4]]);
    s.put(4, 2, "from-term-2");
    s.run_for(ms(5));
    // (c) S5 crashes; S1 restarts, wins term 3 and replicates its term-1 entry to S3: a majority holds it.
    s.act(Action::Crash { node: 4 });
    s.act(Action::Restart { node: 0 });
    s.partition(&[&[0, 1, 2, 3]]);
    s.elect(0);
    s.run_for(ms(100));
    // (d) S1 crashes; S5 restarts and wins term 4 with S2, S3, S4: its term-2 entry overwrites index 1.
    s.act(Action::Crash { node: 0 });
    s.act(Action::Restart { node: 4 });
    s.partition(&[&[1, 2, 3, 4]]);
    s.elect(4);
    let mut scenario = s.0.scenario().clone();
    scenario.until = None;
    scenario
}
