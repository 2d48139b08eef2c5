//! Every completion test against real runs: a step is done when the student does what it asks,
//! and not when the student does something else.

use super::*;
use crate::idgen::checker::IdChecker;
use crate::idgen::IdNode;
use crate::lab::network::{Heartbeat, HeartbeatInput};
use crate::lab::share;
use crate::lock::checker::LockChecker;
use crate::lock::LockNode;
use crate::raft::{current_leader, Bug, KvOp, RaftChecker, RaftInput, RaftNode};
use crate::sim::{ms, secs, Action, Checker, NoChecker, NodeId, Process, Retention, SimTime, Timeline};
use crate::txn::fuzz::TxnRun;

/// A student at a step: the run, and the run as it was when the step began.
struct Student<P: Process, C: Checker<P>> {
    lab: &'static str,
    run: Timeline<P, C>,
    start: RunFacts,
}

impl<P: Process + 'static, C: Checker<P>> Student<P, C>
where
    P::Config: crate::sim::ClusterConfig,
{
    /// The run a step's setup loads, landed where the page lands it.
    fn open(setup: Setup) -> Self {
        let StepRun { lab, code, at } = setup.run();
        let run = share::open::<P, C>(&code, lab, Retention::Window(4_000), Some(at)).expect("a step's run opens");
        let start = observe(lab, &run);
        Self { lab, run, start }
    }

    /// The next step, going on with the same run.
    fn next(&mut self) {
        self.start = observe(self.lab, &self.run);
    }

    fn play(&mut self, span: SimTime) {
        let target = self.run.now() + span;
        self.run.run_until(target);
    }

    fn act(&mut self, action: Action<P::Input>) {
        self.run.act(action).expect("the action applies");
    }

    fn done(&self, check: Check) -> bool {
        check.done(&observe(self.lab, &self.run), &self.start, None)
    }

    fn leader(&self) -> Option<NodeId> {
        observe(self.lab, &self.run).raft.and_then(|r| r.leader).map(|(id, _)| id)
    }
}

type Raft = Student<RaftNode, RaftChecker>;
type Net = Student<Heartbeat, NoChecker>;

fn check_of(id: &str) -> Check {
    LESSONS.iter().flat_map(|l| l.steps).find(|s| s.id == id).unwrap_or_else(|| panic!("no step {id}")).check
}

fn put(client: u32, seq: u64, value: &str) -> RaftInput {
    RaftInput::Client { client, seq, op: KvOp::Put { key: "x".into(), value: value.into() } }
}

#[test]
fn every_lesson_has_steps_on_its_own_lab_and_step_ids_are_unique() {
    let mut ids: Vec<&str> = Vec::new();
    for lesson in LESSONS {
        assert!(!lesson.steps.is_empty(), "{}", lesson.id);
        assert!(crate::lab::catalog::lab(lesson.lab).is_some(), "{}: unknown lab", lesson.id);
        for step in lesson.steps {
            if let Some(setup) = step.setup {
                assert_eq!(setup.lab(), lesson.lab, "{}", step.id);
                assert!(setup.run().code.len() > 10, "{}", step.id);
            }
            if let Check::Answer(right) = step.check {
                assert!(right < step.choices, "{}: the right choice is offered", step.id);
            }
            ids.push(step.id);
        }
    }
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "step ids are unique");
}

#[test]
fn every_section_of_the_lecture_has_a_lesson() {
    for section in Section::ALL {
        assert!(LESSONS.iter().any(|l| l.section == section), "{section:?}");
    }
}

#[test]
fn a_question_is_done_only_by_its_right_choice() {
    let run = Net::open(Setup::Network);
    let facts = observe(run.lab, &run.run);
    let check = check_of("fal-q");
    assert!(check.done(&facts, &facts, Some(1)));
    assert!(!check.done(&facts, &facts, Some(0)) && !check.done(&facts, &facts, None));
}

#[test]
fn played_needs_virtual_time_to_pass_since_the_step_began() {
    let mut net = Net::open(Setup::Network);
    net.play(ms(1_900));
    assert!(!net.done(check_of("fal-watch")));
    net.play(ms(100));
    assert!(net.done(check_of("fal-watch")));
}

#[test]
fn acted_needs_an_action_of_that_kind_after_the_step_began() {
    let mut net = Net::open(Setup::Network);
    net.play(secs(1));
    net.act(Action::SetLoss { ppm: 100_000 });
    assert!(!net.done(check_of("fal-latency")), "a loss is not a latency");
    assert!(net.done(check_of("fal-loss")));
    net.next();
    assert!(!net.done(check_of("fal-loss")), "an action of an earlier step does not count");
    net.act(Action::SetLatency { min: ms(1), max: ms(400) });
    assert!(net.done(check_of("fal-latency")));
    net.act(Action::<HeartbeatInput>::LinkDown { from: 0, to: 1 });
    assert!(net.done(check_of("fal-cut")) && !net.done(check_of("fal-reorder")));
}

#[test]
fn a_violation_step_is_done_by_playing_into_it_and_not_by_the_safe_run() {
    let cases: [(&str, &str); 2] = [("lm-bug", "lm-fixed"), ("f8-drawn", "f8-rule")];
    for (bug, fixed) in cases {
        let step = |id| LESSONS.iter().flat_map(|l| l.steps).find(|s| s.id == id).unwrap();
        let (broken, safe) = (step(bug), step(fixed));
        let mut student = Raft::open(broken.setup.unwrap());
        assert!(!student.done(broken.check), "{bug}: clean when it opens");
        student.play(secs(2));
        assert!(student.done(broken.check), "{bug}");
        let mut student = Raft::open(safe.setup.unwrap());
        student.play(secs(2));
        assert!(!student.done(broken.check), "{fixed}: no violation without the toggle");
        assert!(student.done(safe.check), "{fixed}");
    }
}

#[test]
fn the_lab_scenarios_break_or_hold_as_their_steps_say() {
    fn lab_steps<P: Process + 'static, C: Checker<P>>(lab: &str, span: SimTime)
    where
        P::Config: crate::sim::ClusterConfig,
    {
        for step in LESSONS.iter().filter(|l| l.lab == lab).flat_map(|l| l.steps) {
            let Some(setup) = step.setup else { continue };
            if matches!(step.check, Check::Answer(_) | Check::Played(_)) {
                continue;
            }
            let mut student = Student::<P, C>::open(setup);
            assert!(!student.done(step.check), "{}: not done before playing", step.id);
            student.play(span);
            assert!(student.done(step.check), "{}: done after playing", step.id);
        }
    }
    lab_steps::<LockNode, LockChecker>("locks", secs(12));
    lab_steps::<IdNode, IdChecker>("ids", secs(5));
    lab_steps::<crate::txn::TxnNode, <TxnRun as TxnChecked>::C>("txn", secs(10));
    lab_steps::<crate::config_center::ConfigNode, crate::config_center::checker::ConfigChecker>("config", secs(45));
}

/// The transactions lab's checker type, read off its timeline type.
trait TxnChecked {
    type C;
}

impl<P: Process, C: Checker<P>> TxnChecked for Timeline<P, C> {
    type C = C;
}

#[test]
fn a_new_leader_is_one_of_a_higher_term_and_crashing_a_follower_is_not_killing_the_leader() {
    let mut raft = Raft::open(Setup::Raft(5));
    assert!(!raft.done(check_of("rb-elect")));
    raft.play(secs(1));
    assert!(raft.done(check_of("rb-elect")));
    raft.next();
    let leader = raft.leader().unwrap();
    let follower = (leader + 1) % 5;
    raft.act(Action::Crash { node: follower });
    raft.play(secs(1));
    assert!(!raft.done(check_of("rb-kill")), "a follower crashed, not the leader");
    assert!(!raft.done(check_of("rb-reelect")), "the same leader still leads");
    raft.act(Action::Crash { node: leader });
    assert!(raft.done(check_of("rb-kill")));
    raft.next();
    raft.play(secs(2));
    assert!(raft.done(check_of("rb-reelect")));
}

#[test]
fn a_write_to_the_leader_is_answered_and_a_write_to_a_follower_is_redirected() {
    let mut raft = Raft::open(Setup::RaftLed);
    let leader = raft.leader().expect("a leader by 1 s");
    let follower = (leader + 1) % 5;
    raft.act(Action::Input { node: leader, input: put(1, 1, "1") });
    raft.play(ms(300));
    assert!(raft.done(check_of("rb-write")));
    assert!(!raft.done(check_of("fw-send")), "the leader answers, it does not redirect");
    raft.next();
    assert!(!raft.done(check_of("rb-write")), "an answer of an earlier step does not count");
    raft.act(Action::Input { node: follower, input: put(1, 2, "2") });
    raft.play(ms(10));
    assert!(raft.done(check_of("fw-send")));
}

#[test]
fn heartbeats_are_answered_and_only_a_cut_toward_the_leader_counts() {
    let mut raft = Raft::open(Setup::RaftLed);
    raft.play(ms(100));
    assert!(raft.done(check_of("hb-watch")), "AppendEntries replies arrive with no client request");
    raft.next();
    let leader = raft.leader().unwrap();
    let follower = (leader + 1) % 5;
    raft.act(Action::LinkDown { from: leader, to: follower });
    assert!(!raft.done(check_of("hb-cut")), "the leader's direction, not the follower's");
    raft.act(Action::LinkDown { from: follower, to: leader });
    assert!(raft.done(check_of("hb-cut")));
}

#[test]
fn without_randomized_timeouts_votes_split_term_after_term_and_with_them_a_leader_wins() {
    let mut raft = Raft::open(Setup::RaftNoRandom(4));
    raft.play(secs(3));
    assert!(raft.done(check_of("sv-bug")), "{:?}", observe(raft.lab, &raft.run).raft);
    let mut raft = Raft::open(Setup::Raft(4));
    raft.play(secs(3));
    assert!(!raft.done(check_of("sv-bug")));
    assert!(raft.done(check_of("sv-fixed")));
}

#[test]
fn a_committed_entry_survives_a_minority_and_a_majority_down_stops_the_cluster() {
    let mut raft = Raft::open(Setup::RaftWrite);
    assert!(!raft.done(check_of("mj-commit")), "written at 1.2 s");
    raft.play(ms(500));
    assert!(raft.done(check_of("mj-commit")));
    raft.next();
    let leader = raft.leader().unwrap();
    let others: Vec<NodeId> = (0..5).filter(|&n| n != leader).collect();
    // Two followers down: the leader is not killed, the step waits.
    raft.act(Action::Crash { node: others[0] });
    raft.act(Action::Crash { node: others[1] });
    raft.play(secs(2));
    assert!(!raft.done(check_of("mj-minority")));
    raft.act(Action::Restart { node: others[1] });
    raft.act(Action::Crash { node: leader });
    raft.play(secs(2));
    assert!(raft.done(check_of("mj-minority")), "{:?}", observe(raft.lab, &raft.run).raft);
    raft.next();
    let check = check_of("mj-majority");
    let new_leader = raft.leader().unwrap();
    raft.act(Action::Input { node: new_leader, input: put(1, 5, "5") });
    raft.play(secs(3));
    assert!(!raft.done(check), "two down: the write commits");
    raft.next();
    let survivor = (0..5).find(|&n| n != new_leader && !observe(raft.lab, &raft.run).down.contains(&n)).unwrap();
    raft.act(Action::Crash { node: survivor });
    raft.act(Action::Input { node: new_leader, input: put(1, 6, "6") });
    raft.play(secs(3));
    assert!(raft.done(check), "three down: nothing commits");
    assert!(current_leader(raft.run.world()).is_none_or(|(id, _)| id == new_leader), "no new leader either");
}

#[test]
fn opened_on_its_own_the_minority_step_starts_with_x_committed_and_is_done_by_killing_the_leader_and_one_more() {
    let mut raft = Raft::open(Setup::RaftWritten);
    assert!(raft.done(Check::LeaderHolds("x", "1")), "committed when the step opens");
    let leader = raft.leader().unwrap();
    raft.act(Action::Crash { node: leader });
    raft.act(Action::Crash { node: (leader + 1) % 5 });
    raft.play(secs(2));
    assert!(raft.done(check_of("mj-minority")));
}

#[test]
fn the_step_runs_open_where_the_page_lands_them() {
    let run = Setup::RaftBug(Bug::SkipConsistencyCheck).run();
    assert_eq!(run.at, crate::lab::raft::lessons::BugLesson::of(Bug::SkipConsistencyCheck).unwrap().opens_at());
    assert_eq!(Setup::RaftLed.run().at, secs(1));
    assert_eq!(Setup::Locks("plain-del").lab(), "locks");
}

#[test]
fn figure_8_as_drawn_breaks_a_committed_entry_by_counting_and_holds_with_the_current_term_rule() {
    let mut drawn = Raft::open(Setup::Figure8(true));
    drawn.play(crate::lab::course::figure8::FIGURE_END);
    let v = drawn.run.violation().map(|v| v.invariant);
    eprintln!("figure 8 with counting: {v:?} at {:?}", drawn.run.violation().map(|v| v.t));
    let mut rule = Raft::open(Setup::Figure8(false));
    rule.play(crate::lab::course::figure8::FIGURE_END);
    assert_eq!(rule.run.violation(), None);
    let logs: Vec<Vec<u64>> = (1..5)
        .map(|id| rule.run.world().node(id).and_then(|n| n.process).unwrap().log().iter().map(|e| e.term).collect())
        .collect();
    assert_eq!(logs, vec![vec![2]; 4], "S2..S5 converged on S5's entry of term 2");
    assert!(v.is_some());
}

#[test]
fn healing_a_deposed_leader_truncates_its_conflicting_entries_and_nothing_else_does() {
    let check = check_of("lm-repair");
    let mut raft = Raft::open(Setup::RaftDiverged);
    raft.play(secs(2));
    assert!(!raft.done(check), "still cut off: nothing to repair");
    raft.act(Action::HealAll);
    raft.play(secs(1));
    assert!(raft.done(check), "{:?}", observe(raft.lab, &raft.run).raft);
}

/// The time at which step `broken`'s run breaks its invariant, and the time step `safe` must reach clean.
fn break_and_clean<P: Process + 'static, C: Checker<P>>(broken: &str, safe: &str) -> (SimTime, SimTime)
where
    P::Config: crate::sim::ClusterConfig,
{
    let step = |id| LESSONS.iter().flat_map(|l| l.steps).find(|s| s.id == id).unwrap();
    let mut run = Student::<P, C>::open(step(broken).setup.unwrap());
    run.play(secs(15));
    let broke = run.run.violation().unwrap_or_else(|| panic!("{broken} breaks")).t;
    let Check::CleanUntil(clean) = step(safe).check else { panic!("{safe} waits for a clean run") };
    (broke, clean)
}

#[test]
fn each_protected_run_must_play_clean_past_where_the_unprotected_one_broke() {
    let pairs = [
        break_and_clean::<IdNode, IdChecker>("ids-rollback", "ids-refused"),
        break_and_clean::<LockNode, LockChecker>("lk-ttl", "lk-watchdog"),
        break_and_clean::<LockNode, LockChecker>("lk-redlock", "lk-delayed"),
        break_and_clean::<crate::txn::TxnNode, <TxnRun as TxnChecked>::C>("tx-empty", "tx-barrier"),
        break_and_clean::<crate::txn::TxnNode, <TxnRun as TxnChecked>::C>("ms-resend", "ms-idempotent"),
        break_and_clean::<RaftNode, RaftChecker>("lm-bug", "lm-fixed"),
        break_and_clean::<RaftNode, RaftChecker>("f8-drawn", "f8-rule"),
    ];
    for (broke, clean) in pairs {
        eprintln!("broke at {broke} µs, clean until {clean} µs");
        assert!(clean > broke, "clean until {clean} µs, but the unprotected run broke at {broke} µs");
    }
}

#[test]
fn a_membership_step_is_done_by_removing_a_server_and_not_by_another_input() {
    let check = check_of("mb-remove");
    let mut raft = Raft::open(Setup::RaftLed);
    let leader = raft.leader().unwrap();
    raft.act(Action::Input { node: leader, input: RaftInput::Snapshot });
    raft.play(ms(300));
    assert!(!raft.done(check), "a snapshot is not a membership change");
    raft.act(Action::Input { node: leader, input: RaftInput::RemoveServer { node: (leader + 1) % 5 } });
    raft.play(ms(300));
    assert!(raft.done(check));
}

#[test]
#[ignore = "a measurement: cargo test --release --lib course::tests::measure -- --ignored --nocapture"]
fn measure_observing_a_long_recorded_run() {
    let raft = Raft::open(Setup::RaftBug(Bug::CommitOldTermByCount));
    let start = std::time::Instant::now();
    for _ in 0..100 {
        std::hint::black_box(observe(raft.lab, &raft.run));
    }
    eprintln!(
        "{} actions, {} trace entries kept: {:?} per observation",
        raft.run.scenario().actions.len(),
        raft.run.world().trace().entries().len(),
        start.elapsed() / 100
    );
}

#[test]
fn the_rollback_step_is_done_by_a_publish_then_a_rollback_and_not_by_a_gray_release() {
    use crate::config_center::checker::ConfigChecker;
    use crate::config_center::{ConfigInput, ConfigNode};
    let step = LESSONS.iter().flat_map(|l| l.steps).find(|s| s.id == "cc-rollback").unwrap();
    let mut student = Student::<ConfigNode, ConfigChecker>::open(step.enter.unwrap());
    let key = "application/db.url".to_string();
    student.act(Action::Input {
        node: 3,
        input: ConfigInput::GrayRelease { key: key.clone(), value: "canary".into(), clients: vec![4] },
    });
    student.play(secs(1));
    assert!(!student.done(step.check), "a gray release is not a rollback");
    student.act(Action::Input { node: 3, input: ConfigInput::Publish { key: key.clone(), value: "v2".into() } });
    student.play(secs(1));
    assert!(!student.done(step.check), "a publish alone is not done");
    student.act(Action::Input { node: 3, input: ConfigInput::Rollback { key } });
    assert!(student.done(step.check));
}
