//! The fuzzer: a random fault schedule chosen while the cluster runs (it can aim at the current
//! leader), clients writing throughout, every invariant checked after every event, then a calm
//! period in which liveness is required. Every fault is recorded in the scenario, so a finding
//! replays from its seed or from the recorded scenario.

use super::checker::{RaftChecker, Violation};
use super::config::{Bug, RaftConfig};
use super::node::{RaftInput, RaftNode};
use super::types::{KvOp, Role};
use crate::sim::{
    ms, secs, Action, NodeId, NodeStatus, Retention, Scenario, ScenarioError, ScenarioOf, SimRng, SimTime, Timeline,
};

/// The lab name of Raft scenarios.
pub const LAB: &str = "raft";

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
            Finding::Safety(v) => write!(f, "{} at t={} µs (trace #{}): {}", v.invariant, v.t, v.trace_seq, v.explanation),
            Finding::NoLeader => write!(f, "liveness: no leader within {} s of healing", LEADER_WITHIN / secs(1)),
            Finding::NoCommit => write!(f, "liveness: a client write did not commit within {} s", COMMIT_WITHIN / secs(1)),
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

/// A run under the checker: a timeline plus the checker's memory.
struct Checked {
    timeline: Timeline<RaftNode>,
    checker: RaftChecker,
}

impl Checked {
    /// Play to `t`, checking after every event.
    fn run_to(&mut self, t: SimTime) -> Option<Finding> {
        while self.timeline.next_time().is_some_and(|next| next <= t) {
            self.timeline.step();
            if let Some(v) = self.checker.check(self.timeline.world()) {
                return Some(Finding::Safety(v));
            }
        }
        self.timeline.run_until(t);
        None
    }

    fn act(&mut self, action: Action<RaftInput>) -> Option<Finding> {
        // A refused action (crash a node already down) is simply not part of the run.
        if self.timeline.act(action).is_ok() {
            if let Some(v) = self.checker.check(self.timeline.world()) {
                return Some(Finding::Safety(v));
            }
        }
        None
    }

    fn leader(&self) -> Option<NodeId> {
        leader_of(&self.timeline)
    }
}

/// Fuzz one seed: `nodes` servers with `bugs` switched on.
pub fn fuzz_seed(seed: u64, nodes: u32, bugs: &[Bug]) -> Result<FuzzRun, ScenarioError> {
    let config = fuzz_config(seed, nodes, bugs);
    let scenario = Scenario::new(LAB, seed, config);
    let mut run = Checked { timeline: Timeline::new(scenario, Retention::Window(0))?, checker: RaftChecker::new() };
    let mut chaos = Chaos::new(seed, nodes);
    let finding = drive(&mut run, &mut chaos);
    let events = run.timeline.world().events_handled();
    Ok(FuzzRun { finding, scenario: run.timeline.scenario().clone(), events })
}

/// The configuration a seed is fuzzed with: batch size and the leader's blank entry vary too.
pub fn fuzz_config(seed: u64, nodes: u32, bugs: &[Bug]) -> RaftConfig {
    let mut rng = SimRng::new(seed ^ 0xc0f1_6000_0000_0002);
    RaftConfig {
        nodes,
        bugs: bugs.to_vec(),
        max_batch: [1, 4, 64][rng.below(3) as usize],
        leader_noop: rng.chance_ppm(500_000),
        ..RaftConfig::default()
    }
}

fn drive(run: &mut Checked, chaos: &mut Chaos) -> Option<Finding> {
    let mut t = 0;
    while t < FAULT_PHASE {
        t = chaos.next_time(t).min(FAULT_PHASE);
        if let Some(f) = run.run_to(t) {
            return Some(f);
        }
        let actions = chaos.choose(run, t);
        for action in actions {
            if let Some(f) = run.act(action) {
                return Some(f);
            }
        }
    }
    for action in heal_everything(run) {
        if let Some(f) = run.act(action) {
            return Some(f);
        }
    }
    let leader_deadline = FAULT_PHASE + LEADER_WITHIN;
    if let Some(f) = run.run_to(leader_deadline) {
        return Some(f);
    }
    let Some(leader) = run.leader() else { return Some(Finding::NoLeader) };
    let probe = RaftInput::Client { client: 99, seq: 1, op: KvOp::Put { key: "probe".into(), value: "1".into() } };
    if let Some(f) = run.act(Action::Input { node: leader, input: probe }) {
        return Some(f);
    }
    let commit_deadline = leader_deadline + COMMIT_WITHIN;
    let mut t = leader_deadline;
    while t < commit_deadline {
        t += ms(50);
        if let Some(f) = run.run_to(t) {
            return Some(f);
        }
        if probe_applied(&run.timeline) {
            return None;
        }
    }
    Some(Finding::NoCommit)
}

fn heal_everything(run: &Checked) -> Vec<Action<RaftInput>> {
    let world = run.timeline.world();
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
    restarts: Vec<(SimTime, NodeId)>,
}

impl Chaos {
    fn new(seed: u64, nodes: u32) -> Self {
        Self { rng: SimRng::new(seed ^ 0x5eed_f0e5_0000_0001), nodes, next_seq: vec![0; 3], restarts: Vec::new() }
    }

    fn random_node(&mut self) -> NodeId {
        self.rng.below(u64::from(self.nodes)) as NodeId
    }

    /// The next decision time: a random gap, or sooner if a bounced node is due back.
    fn next_time(&mut self, t: SimTime) -> SimTime {
        let gap = t + self.rng.range_inclusive(ms(10), ms(300));
        self.restarts.iter().map(|&(at, _)| at).min().map_or(gap, |at| at.min(gap).max(t))
    }

    fn choose(&mut self, run: &Checked, t: SimTime) -> Vec<Action<RaftInput>> {
        let due: Vec<NodeId> = self.restarts.iter().filter(|&&(at, _)| at <= t).map(|&(_, n)| n).collect();
        if !due.is_empty() {
            self.restarts.retain(|&(at, _)| at > t);
            return due.into_iter().map(|node| Action::Restart { node }).collect();
        }
        let world = run.timeline.world();
        let action = match self.rng.below(20) {
            0..=7 => self.client_write(),
            8 | 9 => match run.leader() {
                // Crash the leader, sometimes right after it accepted a write (Figure 8's first step).
                Some(leader) => {
                    let back_in = self.rng.range_inclusive(ms(50), ms(1500));
                    self.restarts.push((t + back_in, leader));
                    Action::Crash { node: leader }
                }
                None => self.client_write(),
            },
            10 | 11 => {
                // Bounce a node: down for a moment, back with only its durable state.
                let node = self.random_node();
                let back_in = self.rng.range_inclusive(ms(1), ms(200));
                self.restarts.push((t + back_in, node));
                Action::Crash { node }
            }
            12 => Action::Partition { groups: self.random_split() },
            13 => Action::HealAll,
            14 => Action::SetLoss { ppm: self.rng.range_inclusive(0, 300_000) as u32 },
            15 => Action::SetDuplication { ppm: self.rng.range_inclusive(0, 200_000) as u32 },
            16 => Action::SetReordering { ppm: self.rng.range_inclusive(0, 300_000) as u32 },
            17 => {
                let max = if self.rng.chance_ppm(300_000) { ms(600) } else { ms(40) };
                Action::SetLatency { min: ms(5), max }
            }
            18 => {
                let node = self.random_node();
                match world.status(node) {
                    Some(NodeStatus::Paused) => Action::Resume { node },
                    _ => Action::Pause { node },
                }
            }
            _ => Action::Input { node: self.random_node(), input: RaftInput::Timeout },
        };
        vec![action]
    }

    fn client_write(&mut self) -> Action<RaftInput> {
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
        Action::Input { node: self.random_node(), input }
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
pub fn leader_of(timeline: &Timeline<RaftNode>) -> Option<NodeId> {
    timeline
        .world()
        .processes()
        .filter_map(|(id, p)| p.filter(|p| p.role == Role::Leader).map(|p| (id, p.term())))
        .max_by_key(|&(_, term)| term)
        .map(|(id, _)| id)
}

fn probe_applied(timeline: &Timeline<RaftNode>) -> bool {
    timeline.world().processes().any(|(_, p)| p.is_some_and(|p| p.kv.get("probe").is_some()))
}
