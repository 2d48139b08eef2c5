//! A lesson as data: its steps, each with what it loads, when it is done, and its question.

use super::check::Check;
use super::raft_runs::{raft, raft_diverged, raft_write, WRITE_AT};
use crate::lab::raft::lessons::BugLesson;
use crate::lab::share;
use crate::raft::{Bug, RaftConfig};
use crate::sim::{ms, SimTime};

/// The section of the lecture a lesson belongs to, in the lecture's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// 前置知识: what a distributed system is, the fallacies, the unreliable network, the clock.
    Basics,
    /// 分布式理论: CAP and BASE.
    Theory,
    /// 分布式 ID.
    Ids,
    /// 分布式锁.
    Locks,
    /// 分布式事务.
    Transactions,
    /// 一致性共识算法: Raft.
    Raft,
    /// 配置中心.
    ConfigCenter,
    /// 作业: the homework and the four questions.
    Homework,
}

impl Section {
    /// Every section, in the lecture's order.
    pub const ALL: [Section; 8] = [
        Section::Basics,
        Section::Theory,
        Section::Ids,
        Section::Locks,
        Section::Transactions,
        Section::Raft,
        Section::ConfigCenter,
        Section::Homework,
    ];

    /// Its stable id (text keys, test hooks).
    pub fn id(self) -> &'static str {
        match self {
            Section::Basics => "basics",
            Section::Theory => "theory",
            Section::Ids => "ids",
            Section::Locks => "locks",
            Section::Transactions => "transactions",
            Section::Raft => "raft",
            Section::ConfigCenter => "config",
            Section::Homework => "homework",
        }
    }
}

/// The run a step loads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setup {
    /// The network lab's default run (five nodes exchanging heartbeats), at 0 s.
    Network,
    /// The Raft page's default run with this many servers, at 0 s.
    Raft(u32),
    /// The Raft page's default run, landed at 1 s: a leader is elected.
    RaftLed,
    /// Five servers; the leader gets `put x=1` at 1.2 s; landed at 1 s.
    RaftWrite,
    /// The same run landed at 1.6 s, once `x=1` is committed.
    RaftWritten,
    /// Five servers; the leader of term 1 is cut off and takes two writes only it stores, the
    /// others elect a leader of a higher term that commits another write; landed there, still cut.
    RaftDiverged,
    /// This many servers with election timeouts that are not randomized, at 0 s.
    RaftNoRandom(u32),
    /// Figure 8 of the paper replayed as drawn, at 0 s; `true`: committing old-term entries by
    /// counting replicas.
    Figure8(bool),
    /// The fuzzer's recorded run of a Raft bug toggle, a little before it breaks an invariant.
    RaftBug(Bug),
    /// The same recorded run with the toggle off, at the same time.
    RaftFixed(Bug),
    /// A named scenario of the locks lab, at 0 s.
    Locks(&'static str),
    /// A named scenario of the IDs lab, at 0 s.
    Ids(&'static str),
    /// A named scenario of the transactions lab, at 0 s.
    Txn(&'static str),
    /// A named scenario of the configuration-center lab, landed at this time.
    Config(&'static str, SimTime),
}

/// A run to load: the lab, its scenario's share code, the time to land at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepRun {
    /// The lab.
    pub lab: &'static str,
    /// The scenario, as a share code.
    pub code: String,
    /// Where the page lands.
    pub at: SimTime,
}

impl Setup {
    /// The lab this setup belongs to.
    pub fn lab(self) -> &'static str {
        match self {
            Setup::Network => crate::lab::network::LAB,
            Setup::Locks(_) => crate::lab::locks::LAB,
            Setup::Ids(_) => crate::lab::ids::LAB,
            Setup::Txn(_) => crate::lab::txn::LAB,
            Setup::Config(..) => crate::lab::config::LAB,
            _ => crate::lab::raft::LAB,
        }
    }

    /// The run: its scenario as a share code and the time to land at.
    pub fn run(self) -> StepRun {
        let (code, at) = match self {
            Setup::Network => (share::encode(&crate::lab::network::default_scenario(1)), 0),
            Setup::Raft(nodes) => (share::encode(&raft(RaftConfig { nodes, ..RaftConfig::default() })), 0),
            Setup::RaftLed => (share::encode(&raft(RaftConfig::default())), ms(1_000)),
            Setup::RaftWrite => (share::encode(&raft_write()), ms(1_000)),
            Setup::RaftWritten => (share::encode(&raft_write()), WRITE_AT + ms(400)),
            Setup::RaftDiverged => {
                let scenario = raft_diverged();
                let end = scenario.actions.last().map_or(0, |a| a.at) + ms(500);
                (share::encode(&scenario), end)
            }
            Setup::RaftNoRandom(nodes) => {
                let config = RaftConfig { nodes, bugs: vec![Bug::NoTimeoutRandomization], ..RaftConfig::default() };
                (share::encode(&raft(config)), 0)
            }
            Setup::Figure8(counting) => {
                let bugs = if counting { vec![Bug::CommitOldTermByCount] } else { Vec::new() };
                (share::encode(&super::figure8::figure_8(bugs)), 0)
            }
            Setup::RaftBug(bug) | Setup::RaftFixed(bug) => {
                let lesson = BugLesson::of(bug).expect("a step plays only a toggle that has a recorded run");
                let mut scenario = lesson.scenario();
                if matches!(self, Setup::RaftFixed(_)) {
                    scenario.config.bugs.clear();
                }
                (share::encode(&scenario), lesson.opens_at())
            }
            Setup::Locks(id) => {
                let named = crate::lab::locks::scenarios::Named::from_id(id).expect("a known locks scenario");
                (share::encode(&without_until(named.scenario())), 0)
            }
            Setup::Ids(id) => {
                let named = crate::lab::ids::scenarios::Named::from_id(id).expect("a known IDs scenario");
                (share::encode(&without_until(named.scenario())), 0)
            }
            Setup::Txn(id) => {
                let named = crate::lab::txn::scenarios::Named::from_id(id).expect("a known transactions scenario");
                (share::encode(&without_until(named.scenario())), 0)
            }
            Setup::Config(id, at) => {
                let named = crate::lab::config::scenarios::Named::from_id(id).expect("a known configuration scenario");
                (share::encode(&without_until(named.scenario())), at)
            }
        };
        StepRun { lab: self.lab(), code, at }
    }
}

fn without_until<C, I>(mut scenario: crate::sim::Scenario<C, I>) -> crate::sim::Scenario<C, I> {
    scenario.until = None;
    scenario
}

/// One step of a lesson.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// Its id, unique in the course: the key of its texts.
    pub id: &'static str,
    /// The run it loads, if it starts a new one (otherwise it goes on with the run in the page).
    pub setup: Option<Setup>,
    /// The run it loads when opened on its own (from a link, or going back to it) rather than
    /// reached from the step before, if it needs one to make sense.
    pub enter: Option<Setup>,
    /// When it is done.
    pub check: Check,
    /// How many choices its question offers (0: no question).
    pub choices: u8,
}

/// A lesson: steps over one lab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lesson {
    /// Its id (`?lesson=`), the key of its title.
    pub id: &'static str,
    /// The lecture section it belongs to.
    pub section: Section,
    /// The lab it runs on.
    pub lab: &'static str,
    /// Its steps, in order.
    pub steps: &'static [Step],
}

impl Step {
    /// The same step, loading `setup` when opened on its own.
    pub const fn entered(self, setup: Setup) -> Step {
        Step { enter: Some(setup), ..self }
    }

    /// The run to load: the step's own, or, opened on its own, the one it needs.
    pub fn loads(&self, on_its_own: bool) -> Option<Setup> {
        self.setup.or(if on_its_own { self.enter } else { None })
    }
}

impl Lesson {
    /// The step at `index`, clamped to the last one.
    pub fn step(&self, index: usize) -> &'static Step {
        &self.steps[index.min(self.steps.len() - 1)]
    }
}
