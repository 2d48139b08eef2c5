//! The Raft view model on real runs: role lanes, client outcomes, log rows and markers.

use super::*;
use crate::lab::raft::default_scenario;
use crate::raft::{KvOp, RaftInput};
use crate::sim::{ms, secs, Action, Retention};

fn timeline() -> RaftTimeline {
    RaftTimeline::new(default_scenario(7), Retention::Window(4_000)).expect("valid")
}

fn elect(tl: &mut RaftTimeline, history: &mut History) -> NodeId {
    for _ in 0..50 {
        tl.run_until(tl.now() + ms(100));
        history.observe(tl);
        if let Some(leader) = leader_of(tl.world()) {
            return leader;
        }
    }
    panic!("no leader elected");
}

fn put(tl: &mut RaftTimeline, node: NodeId, key: &str) {
    let seq = next_seq(tl.scenario(), 1);
    let op = KvOp::Put { key: key.into(), value: "1".into() };
    tl.act(Action::Input { node, input: RaftInput::Client { client: 1, seq, op } }).expect("up");
}

#[test]
fn lanes_record_the_election_a_crash_and_forget_after_a_seek_back() {
    let (mut tl, mut history) = (timeline(), History::default());
    let leader = elect(&mut tl, &mut history);
    let lane = &history.lanes.lanes()[leader as usize];
    assert_eq!(lane.last().map(|s| s.state), Some(LaneState::Leader));
    assert!(lane.iter().any(|s| s.state == LaneState::Candidate), "a leader was a candidate first: {lane:?}");
    let elected_at = tl.now();
    tl.run_until(tl.now() + ms(200));
    tl.act(Action::Crash { node: leader }).unwrap();
    tl.run_until(tl.now() + secs(1));
    history.observe(&tl);
    let lane = &history.lanes.lanes()[leader as usize];
    assert_eq!(lane.last().map(|s| s.state), Some(LaneState::Down));
    let new_leader = leader_of(tl.world()).expect("a new leader");
    let new_lane = &history.lanes.lanes()[new_leader as usize];
    assert!(new_lane.last().unwrap().term > lane.last().unwrap().term, "new leader in a higher term");
    tl.seek(elected_at);
    history.observe(&tl);
    let lane = &history.lanes.lanes()[leader as usize];
    assert_eq!(lane.last().map(|s| s.state), Some(LaneState::Leader), "the crash is forgotten after seeking back");
}

#[test]
fn client_history_shows_redirect_ok_and_timeout_with_latency() {
    let (mut tl, mut history) = (timeline(), History::default());
    let leader = elect(&mut tl, &mut history);
    tl.run_until(tl.now() + ms(300));
    let follower = (leader + 1) % 5;
    put(&mut tl, follower, "x");
    put(&mut tl, leader, "y");
    tl.run_until(tl.now() + ms(500));
    history.observe(&tl);
    let requests = history.requests(tl.scenario(), tl.now(), 10);
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].outcome, Outcome::Redirected(leader));
    assert_eq!(requests[1].outcome, Outcome::Ok(String::new()));
    assert!(requests[1].latency.is_some_and(|l| l > 0 && l < ms(500)));
    // Cut the leader off: its request can never commit, and the client gives up.
    let rest = (0..5).filter(|&n| n != leader).collect();
    tl.act(Action::Partition { groups: vec![vec![leader], rest] }).unwrap();
    put(&mut tl, leader, "z");
    tl.run_until(tl.now() + ms(500));
    history.observe(&tl);
    assert_eq!(history.requests(tl.scenario(), tl.now(), 10)[2].outcome, Outcome::Pending);
    tl.run_until(tl.now() + CLIENT_TIMEOUT);
    history.observe(&tl);
    assert_eq!(history.requests(tl.scenario(), tl.now(), 10)[2].outcome, Outcome::TimedOut);
    assert_eq!(history.requests(tl.scenario(), tl.now(), 1).len(), 1, "the limit bounds the history");
}

#[test]
fn log_rows_mark_commit_and_apply_and_the_leader_progress() {
    let (mut tl, mut history) = (timeline(), History::default());
    let leader = elect(&mut tl, &mut history);
    put(&mut tl, leader, "k");
    tl.run_until(tl.now() + ms(500));
    let rows = log_rows(tl.world(), 16);
    assert_eq!(rows.len(), 5);
    for row in &rows {
        assert_eq!(row.last_index, 2, "noop and the put on node {}", row.node);
        assert_eq!(row.cells.iter().map(|c| c.index).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!((row.commit_index, row.last_applied), (2, 2));
        assert_eq!(row.kv, vec![("k".to_string(), "1".to_string())]);
    }
    let lead = &rows[leader as usize];
    assert_eq!(lead.progress.len(), 4);
    assert!(lead.progress.iter().all(|p| p.matched == 2 && p.next == 3));
    assert!(rows.iter().filter(|r| r.node != leader).all(|r| r.progress.is_empty()));
    // A narrow window shows the same last indexes on every row.
    assert!(log_rows(tl.world(), 1).iter().all(|r| r.cells.len() == 1 && r.cells[0].index == 2));
}

#[test]
fn nodes_show_role_term_and_a_draining_timer() {
    let (mut tl, mut history) = (timeline(), History::default());
    let leader = elect(&mut tl, &mut history);
    let v = view(&tl, 10, 8);
    assert_eq!(v.leader, Some(leader));
    assert_eq!(v.cluster.nodes[leader as usize].role, "leader");
    assert!(v.timers[leader as usize].is_none());
    let follower = (leader + 1) as usize % 5;
    assert!(v.timers[follower].is_some_and(|f| (0.0..=1.0).contains(&f)));
    assert_eq!(v.tags.len(), v.cluster.messages.len());
    assert!(v.invariants.iter().all(|(_, broken)| broken.is_none()));
    assert_eq!(v.invariants.len(), crate::raft::INVARIANTS.len());
}

#[test]
fn a_stale_node_elected_without_the_log_check_breaks_an_invariant() {
    let mut scenario = default_scenario(1);
    scenario.config.bugs = vec![crate::raft::Bug::VoteWithoutLogCheck];
    let mut tl = RaftTimeline::new(scenario, Retention::Window(4_000)).unwrap();
    let mut history = History::default();
    let leader = elect(&mut tl, &mut history);
    let stale = (leader + 1) % 5;
    let rest = (0..5).filter(|&n| n != stale).collect();
    tl.act(Action::Partition { groups: vec![vec![stale], rest] }).unwrap();
    put(&mut tl, leader, "x");
    tl.run_until(tl.now() + secs(1));
    assert!(tl.violation().is_none());
    tl.act(Action::HealAll).unwrap();
    tl.run_until(tl.now() + secs(2));
    let v = tl.violation().expect("a violation");
    assert!(view(&tl, 1, 1).invariants.iter().any(|(name, broken)| *name == v.invariant && broken.is_some()));
}

#[test]
fn a_stale_local_read_at_a_cut_off_leader_breaks_linearizability_until_seeking_back_before_it() {
    use crate::raft::ReadMode;
    let (mut tl, mut history) = (timeline(), History::default());
    let old = elect(&mut tl, &mut history);
    put(&mut tl, old, "x");
    tl.run_until(tl.now() + ms(300));
    let others: Vec<NodeId> = (0..5).filter(|&n| n != old).collect();
    tl.act(Action::Partition { groups: vec![vec![old], others.clone()] }).unwrap();
    tl.run_until(tl.now() + secs(2));
    let new = leader_of(tl.world()).filter(|&l| l != old).expect("the majority elects a new leader");
    let seq = next_seq(tl.scenario(), 1);
    let op = KvOp::Put { key: "x".into(), value: "2".into() };
    tl.act(Action::Input { node: new, input: RaftInput::Client { client: 1, seq, op } }).unwrap();
    tl.run_until(tl.now() + ms(500));
    let before_read = tl.now();
    history.observe(&tl);
    assert_eq!(history.linearizability(tl.scenario(), tl.now(), 10).verdict, Verdict::Linearizable(2));

    let seq = next_seq(tl.scenario(), 1);
    let read = RaftInput::Read { client: 1, seq, key: "x".into(), mode: ReadMode::Local };
    tl.act(Action::Input { node: old, input: read }).unwrap();
    tl.run_until(tl.now() + ms(10));
    history.observe(&tl);
    let view = history.linearizability(tl.scenario(), tl.now(), 10);
    assert!(matches!(view.verdict, Verdict::Broken(_)), "{:?}", view.verdict);
    let broken: Vec<&OpRow> = view.rows.iter().filter(|r| r.broken).collect();
    assert_eq!((broken[0].path, broken[0].answered_by, broken[0].result.as_str()), ("local", Some(old), "= 1"));

    tl.seek(before_read - 1);
    history.observe(&tl);
    assert_eq!(history.linearizability(tl.scenario(), tl.now(), 10).verdict, Verdict::Linearizable(2));
}

#[test]
fn a_history_longer_than_the_page_judges_shows_its_last_requests_unjudged() {
    use crate::sim::TimedAction;
    let mut scenario = default_scenario(1);
    for seq in 1..=JUDGED_OPS as u64 + 1 {
        let op = KvOp::Put { key: "x".into(), value: seq.to_string() };
        let action = Action::Input { node: 0, input: RaftInput::Client { client: 1, seq, op } };
        scenario.actions.push(TimedAction { at: ms(seq), action });
    }
    let view = History::default().linearizability(&scenario, secs(1), 10);
    assert_eq!(view.verdict, Verdict::TooLong(JUDGED_OPS + 1));
    let seqs: Vec<u64> = view.rows.iter().map(|r| r.seq).collect();
    assert_eq!(seqs, (JUDGED_OPS as u64 - 8..=JUDGED_OPS as u64 + 1).collect::<Vec<_>>());
    assert!(view.rows.iter().all(|r| r.status == "pending" && !r.broken));
    let judged = History::default().linearizability(&scenario, ms(JUDGED_OPS as u64), 10);
    assert_eq!(judged.verdict, Verdict::Linearizable(JUDGED_OPS), "up to the limit, judged (pending writes)");
}
