//! One scenario per Raft bug toggle that breaks an invariant: the fuzzer's smallest failing seed
//! for it, recorded (faults and client requests as timed actions), opened a little before the
//! violation so that the page plays into it slowly enough to narrate.

use crate::raft::fuzz::fuzz_seed;
use crate::raft::{Bug, RaftChecker, RaftNode};
use crate::sim::{ms, Retention, SimTime, Timeline};

use super::RaftScenario;

/// How long before the violation a lesson opens.
pub const LEAD: SimTime = ms(1_500);

/// Virtual seconds per wall second a lesson plays at (1.5 s of run in six wall seconds).
pub const LESSON_SPEED: f64 = 0.25;

/// A bug toggle's lesson: the fuzzer's seed and cluster size that break it, and what breaks when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BugLesson {
    /// The toggle.
    pub bug: Bug,
    /// Servers in the cluster.
    pub nodes: u32,
    /// The fuzzer's seed (`raft_fuzz::each_bug_toggle_is_caught` prints the smallest).
    pub seed: u64,
    /// The invariant the page shows broken.
    pub invariant: &'static str,
    /// When it breaks, in virtual microseconds.
    pub breaks_at: SimTime,
}

/// Every toggle whose damage the invariant panel shows (a stalled election and a stale read show
/// elsewhere: in the role lanes and the history panel).
pub const LESSONS: [BugLesson; 5] = [
    BugLesson {
        bug: Bug::CommitOldTermByCount,
        nodes: 3,
        seed: 167,
        invariant: "Leader Completeness",
        breaks_at: 13_165_296,
    },
    BugLesson { bug: Bug::ForgetVoteOnRestart, nodes: 3, seed: 73, invariant: "Election Safety", breaks_at: 1_325_488 },
    BugLesson {
        bug: Bug::VoteWithoutLogCheck,
        nodes: 5,
        seed: 2,
        invariant: "Leader Completeness",
        breaks_at: 17_387_003,
    },
    BugLesson {
        bug: Bug::SkipConsistencyCheck,
        nodes: 5,
        seed: 0,
        invariant: "State Machine Safety",
        breaks_at: 1_756_906,
    },
    BugLesson {
        bug: Bug::ConfigChangeBeforeTermCommit,
        nodes: 5,
        seed: 76,
        invariant: "Leader Completeness",
        breaks_at: 1_708_090,
    },
];

impl BugLesson {
    /// The lesson of a toggle, if it has one.
    pub fn of(bug: Bug) -> Option<BugLesson> {
        LESSONS.into_iter().find(|l| l.bug == bug)
    }

    /// The recorded run: configuration, faults and requests, ending at the violation.
    pub fn scenario(&self) -> RaftScenario {
        let mut scenario =
            fuzz_seed(self.seed, self.nodes, &[self.bug]).expect("a fuzzed configuration is valid").scenario;
        scenario.until = None;
        scenario.liveness_from = None;
        scenario
    }

    /// Where the page opens it: [`LEAD`] before the violation.
    pub fn opens_at(&self) -> SimTime {
        self.breaks_at.saturating_sub(LEAD)
    }

    /// The lesson as a page run at 0 s (to be replayed to [`BugLesson::opens_at`]).
    pub fn timeline(&self, retention: Retention) -> Timeline<RaftNode, RaftChecker> {
        Timeline::new(self.scenario(), retention).expect("a recorded scenario replays")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lesson_opens_clean_and_plays_into_its_violation() {
        for lesson in LESSONS {
            let mut run = lesson.timeline(Retention::Window(0));
            run.seek(lesson.opens_at());
            assert_eq!(run.violation(), None, "{:?}: clean when it opens", lesson.bug);
            run.run_until(lesson.breaks_at + ms(1));
            let v = run.violation().unwrap_or_else(|| panic!("{:?}: nothing broke", lesson.bug));
            assert_eq!((v.invariant, v.t), (lesson.invariant, lesson.breaks_at), "{:?}", lesson.bug);
        }
    }

    #[test]
    fn without_its_toggle_the_same_run_breaks_nothing_by_then() {
        for lesson in LESSONS {
            let mut scenario = lesson.scenario();
            scenario.config.bugs.clear();
            let mut run = Timeline::<RaftNode, RaftChecker>::new(scenario, Retention::Window(0)).unwrap();
            run.run_until(lesson.breaks_at + ms(1));
            assert_eq!(run.violation(), None, "{:?}: the toggle is the cause", lesson.bug);
        }
    }
}
