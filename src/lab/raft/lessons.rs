//! One lesson per Raft bug toggle: a recorded run (the fuzzer's smallest failing seed, or a short
//! script where the damage is a stall or a stale read rather than a broken invariant), opened a
//! little before the failure so that the page plays into it slowly enough to narrate.

use crate::lab::lesson;
use crate::raft::fuzz::fuzz_seed;
use crate::raft::{Bug, KvOp, RaftChecker, RaftConfig, RaftInput, RaftNode, ReadMode, Role, LAB};
use crate::sim::{ms, secs, Action, NodeId, Retention, SimTime, TimedAction, Timeline};

use super::RaftScenario;

pub use crate::lab::lesson::{LEAD, LESSON_SPEED};

/// Where a lesson's run comes from.
#[derive(Clone, Copy, Debug)]
pub enum Recording {
    /// The fuzzer's seed on this many servers (`raft_fuzz::each_bug_toggle_is_caught` prints the smallest).
    Fuzzed {
        /// Servers in the cluster.
        nodes: u32,
        /// The seed.
        seed: u64,
    },
    /// A short script: faults and requests at fixed virtual times.
    Scripted(fn() -> RaftScenario),
}

/// What the page shows broken when the failure comes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Damage {
    /// This invariant breaks (the invariant panel turns red).
    Invariant(&'static str),
    /// No new leader is elected: every leader then led already when the lesson opened (role lanes).
    NoNewLeader,
    /// A read answers stale data: the client history is not linearizable (the client tab).
    StaleRead,
}

/// A bug toggle's lesson: its recorded run, and what breaks when.
#[derive(Clone, Copy, Debug)]
pub struct BugLesson {
    /// The toggle.
    pub bug: Bug,
    /// The run.
    pub recording: Recording,
    /// What the page shows broken.
    pub damage: Damage,
    /// When it breaks (the violation, the stale answer, the election that should have succeeded),
    /// in virtual microseconds.
    pub breaks_at: SimTime,
}

const fn fuzzed(bug: Bug, nodes: u32, seed: u64, invariant: &'static str, breaks_at: SimTime) -> BugLesson {
    BugLesson { bug, recording: Recording::Fuzzed { nodes, seed }, damage: Damage::Invariant(invariant), breaks_at }
}

/// Every toggle's lesson.
pub const LESSONS: [BugLesson; 8] = [
    fuzzed(Bug::CommitOldTermByCount, 3, 167, "Leader Completeness", 13_165_296),
    fuzzed(Bug::ForgetVoteOnRestart, 3, 73, "Election Safety", 1_325_488),
    // Section 5.2: five servers start together with equal timeouts; every round splits the vote.
    BugLesson {
        bug: Bug::NoTimeoutRandomization,
        recording: Recording::Scripted(split_votes),
        damage: Damage::NoNewLeader,
        breaks_at: ms(1_500),
    },
    fuzzed(Bug::VoteWithoutLogCheck, 5, 2, "Leader Completeness", 17_387_003),
    fuzzed(Bug::SkipConsistencyCheck, 5, 0, "State Machine Safety", 1_756_906),
    fuzzed(Bug::ConfigChangeBeforeTermCommit, 5, 76, "Leader Completeness", 1_708_090),
    BugLesson {
        bug: Bug::ReadIndexWithoutHeartbeat,
        recording: Recording::Scripted(stale_read_index),
        damage: Damage::StaleRead,
        breaks_at: STALE_READ_AT,
    },
    BugLesson {
        bug: Bug::PreCandidateKeepsLeader,
        recording: Recording::Scripted(pre_candidates_refuse),
        damage: Damage::NoNewLeader,
        breaks_at: ms(5_450),
    },
];

fn at(t: SimTime, action: Action<RaftInput>) -> TimedAction<RaftInput> {
    TimedAction { at: t, action }
}

fn scenario(seed: u64, config: RaftConfig, actions: Vec<TimedAction<RaftInput>>) -> RaftScenario {
    let mut scenario = RaftScenario::new(LAB, seed, config);
    scenario.actions = actions;
    scenario
}

/// Five servers with the bug and nothing else (seed 1).
fn split_votes() -> RaftScenario {
    let config = RaftConfig { nodes: 5, bugs: vec![Bug::NoTimeoutRandomization], ..RaftConfig::default() };
    scenario(1, config, Vec::new())
}

/// When the cut-off old leader answers a ReadIndex read.
const STALE_READ_AT: SimTime = ms(2_200);

/// Thesis 6.4 step 2 skipped. Seed 5: server 4 leads term 1 and commits x=1; at 1.3 s it is cut off
/// alone; server 1 wins term 2 and commits x=2; at 2.2 s a client asks the old leader for x by
/// ReadIndex, and it answers 1 without the heartbeat round that would have shown it is deposed.
fn stale_read_index() -> RaftScenario {
    let put = |client, value: &str| RaftInput::Client {
        client,
        seq: 1,
        op: KvOp::Put { key: "x".into(), value: value.into() },
    };
    let read = RaftInput::Read { client: 3, seq: 1, key: "x".into(), mode: ReadMode::ReadIndex };
    let config = RaftConfig { nodes: 5, bugs: vec![Bug::ReadIndexWithoutHeartbeat], ..RaftConfig::default() };
    scenario(
        5,
        config,
        vec![
            at(ms(1_000), Action::Input { node: 4, input: put(1, "1") }),
            at(ms(1_300), Action::Partition { groups: vec![vec![4], vec![0, 1, 2, 3]] }),
            at(ms(1_800), Action::Input { node: 1, input: put(2, "2") }),
            at(STALE_READ_AT, Action::Input { node: 4, input: read }),
        ],
    )
}

/// etcd-io/etcd#8334 with etcd's timing (heartbeat 100 ms, election timeouts 1 to 2 s), PreVote
/// and CheckQuorum, seed 4: server 0 leads. At 4 s server 2 is cut off and at 5.1 s times out (a
/// pre-candidate that still knows its leader); at 5.2 s the leader is cut off instead, and server 1
/// times out. Server 2 refuses it: nobody is elected until 6.5 s (without the bug, server 1 wins at once).
fn pre_candidates_refuse() -> RaftScenario {
    let config = RaftConfig {
        nodes: 3,
        election_timeout_min: secs(1),
        election_timeout_max: secs(2),
        heartbeat_interval: ms(100),
        pre_vote: true,
        check_quorum: true,
        bugs: vec![Bug::PreCandidateKeepsLeader],
        ..RaftConfig::default()
    };
    scenario(
        4,
        config,
        vec![
            at(secs(4), Action::Partition { groups: vec![vec![2], vec![0, 1]] }),
            at(ms(5_100), Action::Input { node: 2, input: RaftInput::Timeout }),
            at(ms(5_200), Action::Partition { groups: vec![vec![0], vec![1, 2]] }),
            at(ms(5_200), Action::Input { node: 1, input: RaftInput::Timeout }),
        ],
    )
}

/// The leaders of `world` and their terms.
pub fn leaders(world: &crate::sim::World<RaftNode>) -> Vec<(NodeId, u64)> {
    world.processes().filter_map(|(id, p)| p.filter(|p| p.role == Role::Leader).map(|p| (id, p.term()))).collect()
}

impl BugLesson {
    /// The lesson of a toggle, if it has one.
    pub fn of(bug: Bug) -> Option<BugLesson> {
        LESSONS.into_iter().find(|l| l.bug == bug)
    }

    /// The recorded run: configuration, faults and requests (a fuzzed one up to its violation).
    pub fn scenario(&self) -> RaftScenario {
        match self.recording {
            Recording::Fuzzed { nodes, seed } => {
                let mut scenario =
                    fuzz_seed(seed, nodes, &[self.bug]).expect("a fuzzed configuration is valid").scenario;
                scenario.until = None;
                scenario.liveness_from = None;
                scenario
            }
            Recording::Scripted(script) => script(),
        }
    }

    /// The recorded run's seed (without replaying the fuzzer).
    pub fn seed(&self) -> u64 {
        match self.recording {
            Recording::Fuzzed { seed, .. } => seed,
            Recording::Scripted(script) => script().seed,
        }
    }

    /// Where the page opens it: [`LEAD`] before the failure.
    pub fn opens_at(&self) -> SimTime {
        lesson::opens_at(self.breaks_at)
    }

    /// The panel tab that shows the damage best.
    pub fn tab(&self) -> &'static str {
        match (self.damage, self.bug) {
            (Damage::StaleRead, _) => "client",
            (Damage::NoNewLeader, _) => "lanes",
            (_, Bug::ConfigChangeBeforeTermCommit) => "membership",
            _ => "logs",
        }
    }

    /// The lesson as a page run at 0 s (to be replayed to [`BugLesson::opens_at`]).
    pub fn timeline(&self, retention: Retention) -> Timeline<RaftNode, RaftChecker> {
        Timeline::new(self.scenario(), retention).expect("a recorded scenario replays")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raft::history::{History, Judgement, WithHistory};

    type Judged = Timeline<RaftNode, WithHistory<RaftChecker>>;

    /// Whether the lesson's damage shows in `scenario` by its time (a stale read, judged from the
    /// whole history).
    fn damaged(lesson: &BugLesson, scenario: RaftScenario) -> bool {
        let mut run = Judged::new(scenario, Retention::All).unwrap();
        run.run_until(lesson.opens_at());
        let before = leaders(run.world());
        let clean = run.violation().is_none();
        assert!(clean, "{:?}: clean when it opens", lesson.bug);
        let stale = |run: &Judged| matches!(History::of(run).judge(|_| true), Judgement::Broken { .. });
        if lesson.damage == Damage::StaleRead {
            assert!(!stale(&run), "{:?}: every read fresh when it opens", lesson.bug);
        }
        run.run_until(lesson.breaks_at + ms(1));
        match lesson.damage {
            Damage::Invariant(name) => run.violation().is_some_and(|v| (v.invariant, v.t) == (name, lesson.breaks_at)),
            Damage::NoNewLeader => leaders(run.world()).iter().all(|l| before.contains(l)),
            Damage::StaleRead => stale(&run),
        }
    }

    #[test]
    fn every_lesson_opens_clean_and_plays_into_its_damage() {
        for lesson in LESSONS {
            assert!(damaged(&lesson, lesson.scenario()), "{:?}: nothing broke", lesson.bug);
        }
    }

    #[test]
    fn without_its_toggle_the_same_run_shows_no_damage_by_then() {
        for lesson in LESSONS {
            let mut scenario = lesson.scenario();
            scenario.config.bugs.clear();
            assert!(!damaged(&lesson, scenario), "{:?}: the toggle is the cause", lesson.bug);
        }
    }

    #[test]
    fn every_toggle_has_a_lesson() {
        assert!(Bug::ALL.into_iter().all(|bug| BugLesson::of(bug).is_some()));
    }
}
