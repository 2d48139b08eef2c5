//! The fuzzer: a random fault schedule chosen while the cluster runs (it can aim at the current
//! leader), clients writing throughout, every invariant checked after every event, then a calm
//! period in which liveness is required. Every fault is recorded in the scenario, so a finding
//! replays from its seed or from the recorded scenario.
//!
//! Half the seeds (chosen by the seed) are "extended": they start with spare nodes outside the
//! configuration, snapshot every few entries, and their schedules add membership changes (add and
//! remove servers, add and promote learners, through joint consensus or single-server changes) and
//! snapshots on request. Extended runs have PreVote and CheckQuorum on, since without them a
//! removed server disrupts the cluster forever (thesis 4.2.3; `membership_tests` shows it) and the
//! liveness check would flag that known problem. The other half run exactly as before.

use super::checker::RaftChecker;
use super::config::{Bug, RaftConfig};
use super::history::{History, Judgement, WithHistory};
use super::membership::ChangeMode;
use super::node::{RaftInput, RaftNode};
use super::read::ReadMode;
use super::types::{KvOp, Role};
use super::LAB;
use crate::sim::{
    fill_facts, ms, secs, Action, Checker, NodeId, NodeStatus, Retention, Scenario, ScenarioError, ScenarioOf, SimRng,
    SimTime, Timeline, Violation,
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
    /// After the repair, no leader within [`LEADER_WITHIN`], or the probe write not committed
    /// within [`COMMIT_WITHIN`] (invariant [`LIVENESS`]).
    Liveness(Violation),
    /// The clients' history is not linearizable (log operations, ReadIndex reads, and lease
    /// reads when the run kept clock drift within the bound); names the operation that breaks it.
    NotLinearizable(Violation),
}

impl Finding {
    /// The violation found, whatever its kind: what `distlab-sim run` reports for the recording.
    pub fn violation(&self) -> &Violation {
        match self {
            Finding::Safety(v) | Finding::Liveness(v) | Finding::NotLinearizable(v) => v,
        }
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.violation())
    }
}

/// The invariant a liveness finding names.
pub const LIVENESS: &str = "Liveness";

/// The outcome of one fuzzed run: what was found, and the scenario that reproduces it.
#[derive(Clone, Debug)]
pub struct FuzzRun {
    /// The first finding, if any.
    pub finding: Option<Finding>,
    /// Seed, configuration, every fault and request, where the run ended (`until`) and when its
    /// liveness phase began (`liveness_from`): `distlab-sim run` replays it to the same verdict
    /// and fingerprint.
    pub scenario: ScenarioOf<RaftNode>,
    /// Events handled.
    pub events: u64,
    /// The fingerprint of the run's trace where it ended.
    pub fingerprint: u64,
    /// The clients' history (every read kind included).
    pub history: History,
    /// The linearizability judgement of the history restricted to the linearizable kinds.
    pub judgement: Judgement,
    /// Whether lease reads were judged (the run kept clock drift within the lease's bound).
    pub lease_checked: bool,
}

/// A Raft run under its checker, recording the clients' answers: a fuzzed run, or its replay.
pub type CheckedRun = Timeline<RaftNode, WithHistory<RaftChecker>>;

/// Trace entries kept between two checks (far more than one event produces): the history reads
/// the clients' answers from this window.
const TRACE_WINDOW: usize = 1024;

/// The run's first safety violation, if any.
fn safety(run: &CheckedRun) -> Option<Finding> {
    run.violation().map(|v| Finding::Safety(v.clone()))
}

/// Play to `t`, checking after every event.
fn run_to(run: &mut CheckedRun, t: SimTime) -> Option<Finding> {
    run.run_until(t);
    safety(run)
}

/// Act now; a refused action (crash a node already down) is simply not part of the run.
fn act(run: &mut CheckedRun, action: Action<RaftInput>) -> Option<Finding> {
    let _ = run.act(action);
    safety(run)
}

/// Fuzz one seed: `nodes` servers with `bugs` switched on.
pub fn fuzz_seed(seed: u64, nodes: u32, bugs: &[Bug]) -> Result<FuzzRun, ScenarioError> {
    let config = fuzz_config(seed, nodes, bugs);
    let extended = config.voters.is_some();
    let scenario = Scenario::new(LAB, seed, config);
    let mut run = CheckedRun::new(scenario, Retention::Window(TRACE_WINDOW))?;
    run.set_checkpoint_every(SimTime::MAX);
    let mut chaos = Chaos::new(seed, nodes, extended);
    let mut finding = drive(&mut run, &mut chaos);
    let events = run.world().events_handled();
    let history = History::of(&run);
    let judgement = history.judge_as_configured(&run.scenario().config);
    if let (None, Judgement::Broken { violation, .. }) = (&finding, &judgement) {
        finding = Some(Finding::NotLinearizable(violation.clone()));
    }
    let mut scenario = run.scenario().clone();
    scenario.until = Some(run.now());
    scenario.liveness_from = (run.now() >= FAULT_PHASE).then_some(FAULT_PHASE);
    let fingerprint = run.world().fingerprint();
    Ok(FuzzRun { finding, scenario, events, fingerprint, history, judgement, lease_checked: !chaos.clock_faults })
}

/// The configuration a seed is fuzzed with: batch size, the leader's blank entry, PreVote and
/// CheckQuorum vary too; an extended seed (half of them, and every seed with the single-server
/// change bug on, which forces single-server changes) also has spares, a change mode and snapshots.
pub fn fuzz_config(seed: u64, nodes: u32, bugs: &[Bug]) -> RaftConfig {
    let mut rng = SimRng::new(seed ^ 0xc0f1_6000_0000_0002);
    let mut config = RaftConfig {
        nodes,
        bugs: bugs.to_vec(),
        max_batch: [1, 4, 64][rng.below(3) as usize],
        leader_noop: rng.chance_ppm(500_000),
        pre_vote: rng.chance_ppm(500_000),
        check_quorum: rng.chance_ppm(500_000),
        ..RaftConfig::default()
    };
    let single_server_bug = config.has(Bug::ConfigChangeBeforeTermCommit);
    if rng.chance_ppm(500_000) || single_server_bug {
        let spares = match nodes.saturating_sub(1).min(3) {
            0 => 0,
            most => rng.below(u64::from(most)) as u32,
        };
        config.voters = Some((0..nodes - spares).collect());
        config.pre_vote = true;
        config.check_quorum = true;
        let single = single_server_bug || rng.chance_ppm(500_000);
        config.membership_change = if single { ChangeMode::SingleServer } else { ChangeMode::Joint };
        config.snapshot_every = [0, 3, 8, 30][rng.below(4) as usize];
    }
    config.unjudged_reads = vec![ReadMode::Local];
    if has_clock_faults(seed) {
        config.unjudged_reads.push(ReadMode::Lease);
    }
    config
}

/// Whether a seed's schedule has clock faults that break the lease's assumption (a quarter of
/// the seeds have none: their lease reads are judged).
pub fn has_clock_faults(seed: u64) -> bool {
    SimRng::new(seed ^ EXTRA_SEED).chance_ppm(CLOCK_FAULTS_PPM)
}

/// Mixed into the seed of the generator for reads and clock faults.
const EXTRA_SEED: u64 = 0x5eed_f0e5_0000_0003;

/// The share of seeds whose clock faults break the lease's assumption, parts per million.
const CLOCK_FAULTS_PPM: u32 = 750_000;

fn drive(run: &mut CheckedRun, chaos: &mut Chaos) -> Option<Finding> {
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
    judge_liveness(run, FAULT_PHASE, Probe::Send, &mut |run, t| {
        run.run_until(t);
    })
}

/// Where the liveness phase's probe write comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Probe {
    /// The fuzzer sends it to the leader it finds.
    Send,
    /// A replay finds it in the recorded script, at the same instant.
    Scripted,
}

/// The probe write of the liveness phase.
fn probe_write() -> RaftInput {
    RaftInput::Client { client: 99, seq: 1, op: KvOp::Put { key: "probe".into(), value: "1".into() } }
}

/// The liveness phase after everything was repaired at `healed_at`: a leader must exist
/// [`LEADER_WITHIN`] later, and the probe write sent to it then must be applied within
/// [`COMMIT_WITHIN`] (polled every 50 ms, where the run stops); safety is checked throughout.
/// `play` advances the run to a time (the runner also writes the trace as it goes). The fuzzer
/// and `distlab-sim run` both judge through here, so a recording replays to the same verdict.
pub fn judge_liveness(
    run: &mut CheckedRun,
    healed_at: SimTime,
    probe: Probe,
    play: &mut dyn FnMut(&mut CheckedRun, SimTime),
) -> Option<Finding> {
    let leader_deadline = healed_at + LEADER_WITHIN;
    play(run, leader_deadline);
    if let Some(f) = safety(run) {
        return Some(f);
    }
    let Some(leader) = leader_of(run) else {
        return Some(stalled(run, "no_leader_after_healing", healed_at, LEADER_WITHIN));
    };
    if probe == Probe::Send {
        if let Some(f) = act(run, Action::Input { node: leader, input: probe_write() }) {
            return Some(f);
        }
    }
    let commit_deadline = leader_deadline + COMMIT_WITHIN;
    let mut t = leader_deadline;
    while t < commit_deadline {
        t += ms(50);
        play(run, t);
        if let Some(f) = safety(run) {
            return Some(f);
        }
        if probe_applied(run) {
            return None;
        }
    }
    Some(stalled(run, "write_not_committed_after_healing", healed_at, COMMIT_WITHIN))
}

/// The English sentence of each liveness code.
pub fn liveness_english(code: &str) -> &'static str {
    match code {
        "no_leader_after_healing" => "no leader within {within} s of the repair at {healed} s",
        _ => "a client write to the leader did not commit within {within} s (everything repaired at {healed} s)",
    }
}

/// A liveness finding: `code` did not happen within `within` of the repair at `healed_at`.
fn stalled(run: &CheckedRun, code: &'static str, healed_at: SimTime, within: SimTime) -> Finding {
    let facts = vec![("within", (within / secs(1)).to_string()), ("healed", (healed_at / secs(1)).to_string())];
    Finding::Liveness(Violation {
        invariant: LIVENESS,
        t: run.now(),
        nodes: Vec::new(),
        explanation: fill_facts(liveness_english(code), &facts),
        code,
        facts,
        trace_seq: run.world().trace().total().saturating_sub(1),
    })
}

fn heal_everything(run: &CheckedRun) -> Vec<Action<RaftInput>> {
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
        if world.node(node).is_some_and(|n| n.clock.drift_ppm != 0) {
            actions.push(Action::ClockDrift { node, ppm: 0 });
        }
    }
    actions
}

/// The fault schedule's random choices (its own generator, apart from the world's).
struct Chaos {
    rng: SimRng,
    /// The reads' and clocks' choices, apart, so that the fault schedule draws as it did before them.
    extra: SimRng,
    nodes: u32,
    /// Membership changes and snapshots are part of the schedule.
    extended: bool,
    /// The leader at the previous decision.
    last_leader: Option<NodeId>,
    next_seq: Vec<u64>,
    /// The last write of each client, resent as is when it retries.
    last_write: Vec<Option<KvOp>>,
    /// The next request number of each reader.
    next_read: Vec<u64>,
    /// The largest clock drift rate lease reads assume.
    drift_bound: u32,
    /// This run's clock faults may break the lease's assumption (jumps, drift beyond the bound,
    /// election timers forced to run out early): its lease reads are not judged.
    clock_faults: bool,
    /// Follow-up faults already decided (a bounced node's restart, a crash right after a write).
    scheduled: Vec<(SimTime, Action<RaftInput>)>,
}

impl Chaos {
    fn new(seed: u64, nodes: u32, extended: bool) -> Self {
        let mut extra = SimRng::new(seed ^ EXTRA_SEED);
        let clock_faults = extra.chance_ppm(CLOCK_FAULTS_PPM);
        Self {
            rng: SimRng::new(seed ^ 0x5eed_f0e5_0000_0001),
            extra,
            nodes,
            extended,
            last_leader: None,
            next_seq: vec![0; 3],
            last_write: vec![None; 3],
            next_read: vec![0; 3],
            drift_bound: RaftConfig::default().max_clock_drift_ppm,
            clock_faults,
            scheduled: Vec::new(),
        }
    }

    /// The raft-dev 2015 pattern: the leader adds a spare that only the spare hears about; the
    /// others elect a new leader, one of its voters is cut off from it, the new leader is asked to
    /// remove the old one, and the voter cut off joins the old leader and the spare.
    fn add_behind_a_partition(&mut self, run: &CheckedRun, leader: NodeId, t: SimTime) -> Option<Action<RaftInput>> {
        let config = run.world().node(leader).and_then(|n| n.process).map(|p| p.membership.clone())?;
        let spare = (0..self.nodes).find(|&n| !config.is_member(n))?;
        let others: Vec<NodeId> = (0..self.nodes).filter(|&n| n != leader && n != spare).collect();
        let cut = others[self.rng.below(others.len() as u64) as usize];
        let rest: Vec<NodeId> = others.iter().copied().filter(|&n| n != cut).collect();
        self.later(t, Action::Input { node: leader, input: RaftInput::AddServer { node: spare } });
        let split_at = t + self.rng.range_inclusive(ms(250), ms(500));
        let groups = vec![vec![leader, spare], rest.clone(), vec![cut]];
        self.later(split_at, Action::Partition { groups });
        for &node in &rest {
            // Whoever leads the others is asked to remove the old leader (the rest refuse).
            self.later(split_at + ms(1), Action::Input { node, input: RaftInput::RemoveServer { node: leader } });
        }
        let join_at = split_at + self.rng.range_inclusive(ms(100), ms(400));
        self.later(join_at, Action::Partition { groups: vec![vec![leader, spare, cut], rest] });
        Some(Action::Partition { groups: vec![vec![leader, spare], others] })
    }

    /// A membership change sensible for the leader's configuration (to a random server one time
    /// in eight, which refuses it), or a snapshot on request.
    fn membership_action(&mut self, run: &CheckedRun, leader: Option<NodeId>, t: SimTime) -> Action<RaftInput> {
        let node = self.random_node();
        let Some(leader) = leader.filter(|_| self.rng.chance_ppm(875_000)) else {
            let input = if self.rng.chance_ppm(500_000) { RaftInput::Snapshot } else { RaftInput::AddServer { node } };
            return Action::Input { node: self.random_node(), input };
        };
        let Some(config) = run.world().node(leader).and_then(|n| n.process).map(|p| p.membership.clone()) else {
            return Action::Input { node: leader, input: RaftInput::Snapshot };
        };
        let input = if self.rng.chance_ppm(150_000) {
            RaftInput::Snapshot
        } else if config.is_learner(node) {
            if self.rng.chance_ppm(750_000) {
                RaftInput::PromoteLearner { node }
            } else {
                RaftInput::RemoveServer { node }
            }
        } else if config.is_voter(node) && config.voters.len() > 2 {
            RaftInput::RemoveServer { node }
        } else if self.rng.chance_ppm(500_000) {
            RaftInput::AddLearner { node }
        } else {
            RaftInput::AddServer { node }
        };
        if input != RaftInput::Snapshot && self.rng.chance_ppm(300_000) {
            let crash_in = self.rng.range_inclusive(ms(1), ms(30));
            self.later(t + crash_in, Action::Crash { node: leader });
            let down_for = self.rng.range_inclusive(ms(50), ms(800));
            self.later(t + crash_in + down_for, Action::Restart { node: leader });
        }
        Action::Input { node: leader, input }
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

    fn choose(&mut self, run: &CheckedRun, t: SimTime) -> Vec<Action<RaftInput>> {
        if self.scheduled.iter().any(|(at, _)| *at <= t) {
            let (due, later) = std::mem::take(&mut self.scheduled).into_iter().partition(|(at, _)| *at <= t);
            self.scheduled = later;
            return due.into_iter().map(|(_, action)| action).collect::<Vec<_>>();
        }
        let world = run.world();
        let leader = leader_of(run);
        let roll = self.rng.below(30);
        if self.extended {
            // A new leader is asked for a change at once (before it commits anything of its term),
            // and a change is sometimes followed by the leader's crash (it reaches only a few).
            let previous = std::mem::replace(&mut self.last_leader, leader);
            if let (Some(new), Some(old)) = (leader, previous) {
                if new != old && self.rng.chance_ppm(500_000) {
                    // The raft-dev 2015 pattern: the new leader removes the old one at once.
                    return vec![Action::Input { node: new, input: RaftInput::RemoveServer { node: old } }];
                }
            }
            if let (23, Some(leader)) = (roll, leader) {
                if let Some(action) = self.add_behind_a_partition(run, leader, t) {
                    return vec![action];
                }
            }
            if matches!(roll, 0 | 1) {
                return vec![self.membership_action(run, leader, t)];
            }
        }
        let action = match (roll, leader) {
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
            (14, _) if self.clock_faults => {
                // Two candidates at once (election timers that ran out early: a clock fault), and a voter bounced in the middle of the election.
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
            (22, _) if self.clock_faults => Action::Input { node: self.random_node(), input: RaftInput::Timeout },
            (22, _) => self.clock_drift(),
            _ => self.client_write(None),
        };
        let mut actions = vec![action];
        if self.extra.chance_ppm(600_000) {
            actions.push(self.client_read(run, leader));
        }
        if self.extra.chance_ppm(30_000) {
            actions.push(self.clock_drift());
        }
        actions
    }

    /// A clock fault: drift within the lease's bound, or, in runs with clock faults, sometimes a
    /// jump or a drift beyond it.
    fn clock_drift(&mut self) -> Action<RaftInput> {
        let node = self.extra.below(u64::from(self.nodes)) as NodeId;
        let bound = i64::from(self.drift_bound);
        if self.clock_faults && self.extra.chance_ppm(500_000) {
            let delta = self.extra.range_inclusive(0, 2 * secs(1)) as i64 - secs(1) as i64;
            return Action::ClockJump { node, delta };
        }
        let limit = if self.clock_faults { 3 * bound } else { bound };
        let ppm = self.extra.range_inclusive(0, 2 * limit as u64) as i64 - limit;
        Action::ClockDrift { node, ppm: ppm as i32 }
    }

    /// A read of a random key in a random mode: to the leader, to any server that believes it
    /// leads (a client with a stale idea of the leader), or to a random server.
    fn client_read(&mut self, run: &CheckedRun, leader: Option<NodeId>) -> Action<RaftInput> {
        let reader = self.extra.below(self.next_read.len() as u64) as usize;
        self.next_read[reader] += 1;
        let key = format!("k{}", self.extra.below(4));
        let mode = ReadMode::ALL[self.extra.below(3) as usize];
        let leaders: Vec<NodeId> = run
            .world()
            .processes()
            .filter(|(_, p)| p.is_some_and(|p| p.role == Role::Leader))
            .map(|(id, _)| id)
            .collect();
        let node = match (self.extra.below(3), leader) {
            (0, Some(leader)) => leader,
            (1, _) if !leaders.is_empty() => leaders[self.extra.below(leaders.len() as u64) as usize],
            _ => self.extra.below(u64::from(self.nodes)) as NodeId,
        };
        let input = RaftInput::Read { client: 10 + reader as u32, seq: self.next_read[reader], key, mode };
        Action::Input { node, input }
    }

    /// A client request to `node`, or to a random node.
    fn client_write(&mut self, node: Option<NodeId>) -> Action<RaftInput> {
        let client = self.rng.below(self.next_seq.len() as u64) as usize;
        // Sometimes retry the previous request (same seq, same operation) at another node: it must apply once.
        let retry = self.next_seq[client] > 0 && !self.rng.chance_ppm(800_000);
        if !retry {
            self.next_seq[client] += 1;
        }
        // Drawn even for a retry, so that the schedule draws as it did when a retry was a new operation.
        let key = format!("k{}", self.rng.below(4));
        let value = format!("c{client}s{}", self.next_seq[client]);
        let fresh = if self.rng.chance_ppm(200_000) {
            KvOp::Cas { key, expected: None, new: value }
        } else {
            KvOp::Put { key, value }
        };
        let op = match &self.last_write[client] {
            Some(op) if retry => op.clone(),
            _ => fresh,
        };
        self.last_write[client] = Some(op.clone());
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

fn probe_applied(timeline: &CheckedRun) -> bool {
    timeline.world().processes().any(|(_, p)| p.is_some_and(|p| p.kv.get("probe").is_some()))
}
