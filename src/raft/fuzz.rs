//! The fuzzer: a random fault schedule chosen while the cluster runs (it can aim at the current
//! leader), clients writing throughout, every invariant checked after every event, then a calm
//! period in which liveness is required. Every fault is recorded in the scenario, so a finding
//! replays from its seed or from the recorded scenario.

use super::checker::RaftChecker;
use super::config::{Bug, RaftConfig};
use super::node::{RaftInput, RaftNode};
use super::types::KvOp;
use super::LAB;
use crate::sim::{
    ms, secs, Action, Checker, NodeId, NodeStatus, Retention, Scenario, ScenarioError, ScenarioOf, SimRng, SimTime,
    Timeline, Violation,
};

/// How long faults are injected.
pub const FAULT_PHASE: SimTime = secs(20);
/// After the faults stop and everything is repaired, a leader must exist within this long...
pub const LEADER_WITHIN: SimTime = secs(5);
/// ...and a client write sent to it must commit within this long.
pub const COMMIT_WITHIN: SimTime = secs(10);

/// What one fuzzed run found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// A safety invariant broke.
    Safety(Violation),
    /// No leader within [`LEADER_WITHIN`] of healing.
    NoLeader,
    /// The probe write did not commit within [`COMMIT_WITHIN`].
    NoCommit,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Finding::Safety(v) => {
                write!(f, "{} at t={} µs (trace #{}): {}", v.invariant, v.t, v.trace_seq, v.explanation)
            }
            Finding::NoLeader => write!(f, "liveness: no leader within {} s of healing", LEADER_WITHIN / secs(1)),
            Finding::NoCommit => {
                write!(f, "liveness: a client write did not commit within {} s", COMMIT_WITHIN / secs(1))
            }
        }
    }
}

/// The outcome of one fuzzed run: what was found, and the scenario that reproduces it.
#[derive(Clone, Debug)]
pub struct FuzzRun {
    /// The first finding, if any.
    pub finding: Option<Finding>,
    /// Seed, configuration and every fault and request, replayable with `distlab-sim run`.
    pub scenario: ScenarioOf<RaftNode>,
    /// Events handled.
    pub events: u64,
}

/// A run under the Raft checker.
type Checked = Timeline<RaftNode, RaftChecker>;

/// Play to `t`, checking after every event.
fn run_to(run: &mut Checked, t: SimTime) -> Option<Finding> {
    run.run_until(t);
    run.violation().map(|v| Finding::Safety(v.clone()))
}

/// Act now; a refused action (crash a node already down) is simply not part of the run.
fn act(run: &mut Checked, action: Action<RaftInput>) -> Option<Finding> {
    let _ = run.act(action);
    run.violation().map(|v| Finding::Safety(v.clone()))
}

/// Fuzz one seed: `nodes` servers with `bugs` switched on.
pub fn fuzz_seed(seed: u64, nodes: u32, bugs: &[Bug]) -> Result<FuzzRun, ScenarioError> {
    let config = fuzz_config(seed, nodes, bugs);
    let scenario = Scenario::new(LAB, seed, config);
    let mut run = Checked::new(scenario, Retention::Window(0))?;
    let mut chaos = Chaos::new(seed, nodes);
    let finding = drive(&mut run, &mut chaos);
    let events = run.world().events_handled();
    Ok(FuzzRun { finding, scenario: run.scenario().clone(), events })
}

/// The configuration a seed is fuzzed with: batch size, the leader's blank entry, PreVote and
/// CheckQuorum vary too.
pub fn fuzz_config(seed: u64, nodes: u32, bugs: &[Bug]) -> RaftConfig {
    let mut rng = SimRng::new(seed ^ 0xc0f1_6000_0000_0002);
    RaftConfig {
        nodes,
        bugs: bugs.to_vec(),
        max_batch: [1, 4, 64][rng.below(3) as usize],
        leader_noop: rng.chance_ppm(500_000),
        pre_vote: rng.chance_ppm(500_000),
        check_quorum: rng.chance_ppm(500_000),
        ..RaftConfig::default()
    }
}

fn drive(run: &mut Checked, chaos: &mut Chaos) -> Option<Finding> {
    let mut t = 0;
    while t < FAULT_PHASE {
        t = chaos.next_time(t).min(FAULT_PHASE);
        if let Some(f) = run_to(run, t) {
            return Some(f);
        }
        let actions = chaos.choose(run, t);
        for action in actions {
            if let Some(f) = act(run, action) {
                return Some(f);
            }
        }
    }
    for action in heal_everything(run) {
        if let Some(f) = act(run, action) {
            return Some(f);
        }
    }
    let leader_deadline = FAULT_PHASE + LEADER_WITHIN;
    if let Some(f) = run_to(run, leader_deadline) {
        return Some(f);
    }
    let Some(leader) = leader_of(run) else { return Some(Finding::NoLeader) };
    let probe = RaftInput::Client { client: 99, seq: 1, op: KvOp::Put { key: "probe".into(), value: "1".into() } };
    if let Some(f) = act(run, Action::Input { node: leader, input: probe }) {
        return Some(f);
    }
    let commit_deadline = leader_deadline + COMMIT_WITHIN;
    let mut t = leader_deadline;
    while t < commit_deadline {
        t += ms(50);
        if let Some(f) = run_to(run, t) {
            return Some(f);
        }
        if probe_applied(run) {
            return None;
        }
    }
    Some(Finding::NoCommit)
}

fn heal_everything(run: &Checked) -> Vec<Action<RaftInput>> {
    let world = run.world();
    let mut actions = vec![
        Action::HealAll,
        Action::SetLoss { ppm: 0 },
        Action::SetDuplication { ppm: 0 },
        Action::SetReordering { ppm: 0 },
        Action::SetLatency { min: ms(10), max: ms(40) },
    ];
    for node in 0..world.node_count() {
        match world.status(node) {
            Some(NodeStatus::Down) => actions.push(Action::Restart { node }),
            Some(NodeStatus::Paused) => actions.push(Action::Resume { node }),
            _ => {}
        }
    }
    actions
}

/// The fault schedule's random choices (its own generator, apart from the world's).
struct Chaos {
    rng: SimRng,
    nodes: u32,
    next_seq: Vec<u64>,
    /// Follow-up faults already decided (a bounced node's restart, a crash right after a write).
    scheduled: Vec<(SimTime, Action<RaftInput>)>,
}

impl Chaos {
    fn new(seed: u64, nodes: u32) -> Self {
        Self { rng: SimRng::new(seed ^ 0x5eed_f0e5_0000_0001), nodes, next_seq: vec![0; 3], scheduled: Vec::new() }
    }

    fn random_node(&mut self) -> NodeId {
        self.rng.below(u64::from(self.nodes)) as NodeId
    }

    /// The next decision time: a random gap, or sooner if a follow-up fault is due.
    fn next_time(&mut self, t: SimTime) -> SimTime {
        let gap = t + self.rng.range_inclusive(ms(10), ms(300));
        self.scheduled.iter().map(|(at, _)| *at).min().map_or(gap, |at| at.min(gap).max(t))
    }

    fn later(&mut self, at: SimTime, action: Action<RaftInput>) {
        self.scheduled.push((at, action));
    }

    fn choose(&mut self, run: &Checked, t: SimTime) -> Vec<Action<RaftInput>> {
        if self.scheduled.iter().any(|(at, _)| *at <= t) {
            let (due, later) = std::mem::take(&mut self.scheduled).into_iter().partition(|(at, _)| *at <= t);
            self.scheduled = later;
            return due.into_iter().map(|(_, action)| action).collect::<Vec<_>>();
        }
        let world = run.world();
        let leader = leader_of(run);
        let action = match (self.rng.below(30), leader) {
            (0..=7, _) => self.client_write(None),
            (8 | 9, Some(leader)) => {
                // Crash the leader and bring it back later.
                let back_in = self.rng.range_inclusive(ms(50), ms(1500));
                self.later(t + back_in, Action::Restart { node: leader });
                Action::Crash { node: leader }
            }
            (10 | 24..=29, Some(leader)) => {
                // A write the leader may replicate to only a few before it crashes (Figure 8's first step).
                let crash_in = self.rng.range_inclusive(ms(1), ms(30));
                self.later(t + crash_in, Action::Crash { node: leader });
                let down_for = self.rng.range_inclusive(ms(50), ms(800));
                self.later(t + crash_in + down_for, Action::Restart { node: leader });
                self.client_write(Some(leader))
            }
            (11, Some(leader)) => {
                // Cut the leader off with at most one follower.
                let buddy = self.random_node();
                let (inside, outside): (Vec<NodeId>, Vec<NodeId>) =
                    (0..self.nodes).partition(|&n| n == leader || n == buddy);
                Action::Partition { groups: vec![inside, outside] }
            }
            (12 | 13, _) => {
                // Bounce a node: down for a moment, back with only its durable state.
                let node = self.random_node();
                let back_in = self.rng.range_inclusive(ms(1), ms(200));
                self.later(t + back_in, Action::Restart { node });
                Action::Crash { node }
            }
            (14, _) => {
                // Two candidates at once, and a voter bounced in the middle of the election.
                let (a, b, voter) = (self.random_node(), self.random_node(), self.random_node());
                let bounce_at = t + self.rng.range_inclusive(ms(1), ms(30));
                self.later(bounce_at, Action::Crash { node: voter });
                let down_for = self.rng.range_inclusive(0, ms(5));
                self.later(bounce_at + down_for, Action::Restart { node: voter });
                self.later(t, Action::Input { node: b, input: RaftInput::Timeout });
                Action::Input { node: a, input: RaftInput::Timeout }
            }
            (15, _) => Action::Partition { groups: self.random_split() },
            (16, _) => Action::HealAll,
            (17, _) => Action::SetLoss { ppm: self.rng.range_inclusive(0, 300_000) as u32 },
            (18, _) => Action::SetDuplication { ppm: self.rng.range_inclusive(0, 200_000) as u32 },
            (19, _) => Action::SetReordering { ppm: self.rng.range_inclusive(0, 300_000) as u32 },
            (20, _) => {
                let max = if self.rng.chance_ppm(300_000) { ms(600) } else { ms(40) };
                Action::SetLatency { min: ms(5), max }
            }
            (21, _) => {
                let node = self.random_node();
                match world.status(node) {
                    Some(NodeStatus::Paused) => Action::Resume { node },
                    _ => Action::Pause { node },
                }
            }
            (22, Some(leader)) if self.rng.chance_ppm(500_000) => {
                Action::Input { node: leader, input: RaftInput::TransferLeadership { to: self.random_node() } }
            }
            (22, _) => Action::Input { node: self.random_node(), input: RaftInput::Timeout },
            _ => self.client_write(None),
        };
        vec![action]
    }

    /// A client request to `node`, or to a random node.
    fn client_write(&mut self, node: Option<NodeId>) -> Action<RaftInput> {
        let client = self.rng.below(self.next_seq.len() as u64) as usize;
        // Sometimes retry the previous request (same seq) at another node: it must apply once.
        if self.next_seq[client] == 0 || self.rng.chance_ppm(800_000) {
            self.next_seq[client] += 1;
        }
        let key = format!("k{}", self.rng.below(4));
        let value = format!("c{client}s{}", self.next_seq[client]);
        let op = if self.rng.chance_ppm(200_000) {
            KvOp::Cas { key, expected: None, new: value }
        } else {
            KvOp::Put { key, value }
        };
        let input = RaftInput::Client { client: client as u32, seq: self.next_seq[client], op };
        let node = node.unwrap_or_else(|| self.random_node());
        Action::Input { node, input }
    }

    fn random_split(&mut self) -> Vec<Vec<NodeId>> {
        let mut groups = vec![Vec::new(), Vec::new()];
        for node in 0..self.nodes {
            groups[self.rng.below(2) as usize].push(node);
        }
        groups
    }
}

/// The leader with the highest term, if any server is leader.
pub fn leader_of<C: Checker<RaftNode>>(timeline: &Timeline<RaftNode, C>) -> Option<NodeId> {
    super::current_leader(timeline.world()).map(|(id, _)| id)
}

fn probe_applied(timeline: &Checked) -> bool {
    timeline.world().processes().any(|(_, p)| p.is_some_and(|p| p.kv.get("probe").is_some()))
}
