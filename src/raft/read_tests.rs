//! Reads outside the log (thesis 6.4): a stale local read at a cut-off old leader, ReadIndex
//! refusing to answer there, a lease read going stale under a clock fault and staying correct
//! without one; each judged by the linearizability checker.

use super::history::{History, Judgement, OpStatus, WithHistory};
use super::*;
use crate::sim::{ms, secs, Action, NodeId, Retention, Scenario, Timeline};

type Run = Timeline<RaftNode, WithHistory<RaftChecker>>;

const X: &str = "x";

fn start(seed: u64, check_quorum: bool, bugs: Vec<Bug>) -> Run {
    let config = RaftConfig { nodes: 5, check_quorum, bugs, ..RaftConfig::default() };
    Run::new(Scenario::new(LAB, seed, config), Retention::All).expect("valid scenario")
}

fn put(client: ClientId, value: &str) -> RaftInput {
    RaftInput::Client { client, seq: 1, op: KvOp::Put { key: X.into(), value: value.into() } }
}

fn read(client: ClientId, mode: ReadMode) -> RaftInput {
    RaftInput::Read { client, seq: 1, key: X.into(), mode }
}

fn input(run: &mut Run, node: NodeId, input: RaftInput) {
    run.act(Action::Input { node, input }).expect("the node is up");
}

fn process(run: &Run, node: NodeId) -> &RaftNode {
    run.world().node(node).unwrap().process.expect("up")
}

/// The last operation of `client` in the history.
fn op_of(history: &History, client: ClientId) -> (usize, &history::ClientOp) {
    history.ops.iter().enumerate().rfind(|(_, op)| op.client == client).expect("invoked")
}

fn value_read(history: &History, client: ClientId) -> Option<Option<String>> {
    match &op_of(history, client).1.result {
        Some(KvResult::Value { value }) => Some(value.clone()),
        _ => None,
    }
}

/// The old leader writes x=1, is cut off alone, the other four elect a new leader that writes
/// x=2. Returns (old leader, new leader) with x=2 applied at the new leader. With `probe`, a
/// client reads at the old leader in that mode every 5 ms from the cut on (clients 100 and up).
fn old_leader_cut_off(run: &mut Run, clock_fault: bool, probe: Option<ReadMode>) -> (NodeId, NodeId) {
    run.run_until(secs(1));
    let (old, old_term) = current_leader(run.world()).expect("a leader");
    input(run, old, put(1, "1"));
    run.run_until(secs(1) + ms(200));
    if clock_fault {
        // The old leader's clock runs at half speed, then steps back a second (as a bad NTP step may).
        run.act(Action::ClockDrift { node: old, ppm: -500_000 }).unwrap();
    }
    run.run_until(secs(1) + ms(300));
    let rest: Vec<NodeId> = (0..5).filter(|&n| n != old).collect();
    run.act(Action::Partition { groups: vec![vec![old], rest.clone()] }).unwrap();
    if clock_fault {
        run.act(Action::ClockJump { node: old, delta: -1_000_000 }).unwrap();
    }
    let mut probes = 100..;
    let mut step = |run: &mut Run| {
        if let Some(mode) = probe {
            input(run, old, read(probes.next().unwrap(), mode));
        }
        run.run_until(run.now() + ms(5));
    };
    let new = loop {
        let elected = rest.iter().copied().find(|&n| {
            let p = process(run, n);
            p.role == Role::Leader && p.term() > old_term && p.last_applied == p.commit_index
        });
        match elected {
            Some(new) => break new,
            None => step(run),
        }
    };
    input(run, new, put(2, "2"));
    while process(run, new).kv.get(X).map(String::as_str) != Some("2") {
        step(run);
    }
    (old, new)
}

#[test]
fn a_local_read_at_a_cut_off_old_leader_is_stale_and_the_checker_names_it() {
    let mut run = start(3, false, Vec::new());
    let (old, new) = old_leader_cut_off(&mut run, false, None);
    assert_eq!(process(&run, old).role, Role::Leader, "without CheckQuorum it still believes it leads");
    input(&mut run, old, read(3, ReadMode::Local));
    input(&mut run, new, read(4, ReadMode::Local));
    run.run_until(run.now() + ms(100));
    let history = History::of(&run);
    assert_eq!(value_read(&history, 3), Some(Some("1".into())), "the old leader's own state");
    assert_eq!(value_read(&history, 4), Some(Some("2".into())));
    let (stale, _) = op_of(&history, 3);
    match history.judge(|_| true) {
        Judgement::Broken { op, violation } => {
            assert_eq!(op, stale);
            assert_eq!(violation.nodes, vec![old]);
            assert!(violation.explanation.contains("x = \"2\""), "{}", violation.explanation);
        }
        other => panic!("not flagged: {other:?}"),
    }
    // Restricted to the linearizable kinds, the same history passes.
    let checked = history.judge(|op| op.read_mode() != Some(ReadMode::Local));
    assert_eq!(checked, Judgement::Linearizable { ops: 2 }, "the two writes");
}

#[test]
fn read_index_at_the_cut_off_old_leader_cannot_confirm_leadership_and_never_answers_stale() {
    let mut run = start(3, false, Vec::new());
    let (old, new) = old_leader_cut_off(&mut run, false, None);
    input(&mut run, old, read(3, ReadMode::ReadIndex));
    input(&mut run, new, read(4, ReadMode::ReadIndex));
    run.run_until(run.now() + secs(1));
    let history = History::of(&run);
    assert_eq!(op_of(&history, 3).1.status, OpStatus::Pending, "no majority echoes its heartbeat round");
    assert_eq!(process(&run, old).reads.queue.len(), 1, "the read waits");
    assert_eq!(value_read(&history, 4), Some(Some("2".into())), "the new leader confirms and answers");
    // Healed, the old leader learns of the new term, steps down and gives the read up.
    run.act(Action::HealAll).unwrap();
    run.run_until(run.now() + secs(1));
    let history = History::of(&run);
    let attempt = &op_of(&history, 3).1.attempts[0];
    assert!(matches!(attempt.reply, Some((_, ClientOutcome::LostLeadership))), "{attempt:?}");
    assert!(matches!(history.judge(|_| true), Judgement::Linearizable { .. }));
}

#[test]
fn read_index_without_the_heartbeat_round_answers_stale_at_the_old_leader() {
    let mut run = start(3, false, vec![Bug::ReadIndexWithoutHeartbeat]);
    let (old, _) = old_leader_cut_off(&mut run, false, None);
    input(&mut run, old, read(3, ReadMode::ReadIndex));
    let history = History::of(&run);
    assert_eq!(value_read(&history, 3), Some(Some("1".into())), "answered at once, from stale state");
    let (stale, _) = op_of(&history, 3);
    assert!(matches!(history.judge(|_| true), Judgement::Broken { op, .. } if op == stale));
}

#[test]
fn a_lease_read_answers_at_once_and_read_index_after_one_round_trip() {
    let mut run = start(5, true, Vec::new());
    run.run_until(secs(1));
    let (leader, _) = current_leader(run.world()).unwrap();
    input(&mut run, leader, put(1, "1"));
    run.run_until(secs(1) + ms(200));
    let now = run.now();
    input(&mut run, leader, read(2, ReadMode::Lease));
    input(&mut run, leader, read(3, ReadMode::ReadIndex));
    run.run_until(now + ms(200));
    let history = History::of(&run);
    let (lease, index) = (op_of(&history, 2).1, op_of(&history, 3).1);
    assert_eq!((lease.returned, value_read(&history, 2)), (Some(now), Some(Some("1".into()))));
    assert!(index.returned.unwrap() >= now + ms(20), "a heartbeat round trip: {:?}", index.returned);
    assert_eq!(value_read(&history, 3), Some(Some("1".into())));
    assert!(matches!(history.judge(|_| true), Judgement::Linearizable { ops: 3 }));
}

#[test]
fn without_check_quorum_there_is_no_lease_and_a_lease_read_takes_the_read_index_path() {
    let mut run = start(5, false, Vec::new());
    run.run_until(secs(1));
    let (leader, _) = current_leader(run.world()).unwrap();
    let now = run.now();
    assert!(!process(&run, leader).lease_holds(run.world().local_time(leader).unwrap()));
    input(&mut run, leader, read(2, ReadMode::Lease));
    run.run_until(now + ms(200));
    let history = History::of(&run);
    assert!(op_of(&history, 2).1.returned.unwrap() > now);
}

#[test]
fn a_lease_read_at_an_old_leader_whose_clock_runs_slow_and_steps_back_is_stale_and_flagged() {
    let mut run = start(3, true, Vec::new());
    let (old, _) = old_leader_cut_off(&mut run, true, None);
    assert_eq!(process(&run, old).role, Role::Leader, "its slow clock delays its CheckQuorum step-down too");
    input(&mut run, old, read(3, ReadMode::Lease));
    let history = History::of(&run);
    assert_eq!(value_read(&history, 3), Some(Some("1".into())), "its lease seems to hold by its clock");
    let (stale, _) = op_of(&history, 3);
    assert!(matches!(history.judge(|_| true), Judgement::Broken { op, .. } if op == stale));
}

#[test]
fn lease_reads_at_the_old_leader_through_the_change_of_leader_are_linearizable_without_a_clock_fault() {
    for (clock_fault, linearizable) in [(false, true), (true, false)] {
        let mut run = start(3, true, Vec::new());
        let (old, _) = old_leader_cut_off(&mut run, clock_fault, Some(ReadMode::Lease));
        // And on after x=2 was written, for 300 ms.
        for client in 1000..1060 {
            input(&mut run, old, read(client, ReadMode::Lease));
            run.run_until(run.now() + ms(5));
        }
        let history = History::of(&run);
        let probes = || history.ops.iter().filter(|op| op.client >= 100);
        let answered = probes().filter(|op| op.status == OpStatus::Done).count();
        assert!(answered >= 2, "the old leader served lease reads after the cut ({answered})");
        let judged = history.judge(|_| true);
        assert_eq!(
            matches!(judged, Judgement::Linearizable { .. }),
            linearizable,
            "clock fault {clock_fault}: {judged:?}"
        );
        if let Judgement::Broken { op, violation } = judged {
            assert!(history.ops[op].client >= 100 && violation.nodes == vec![old], "{violation}");
        }
    }
}

#[test]
fn a_local_read_at_any_server_answers_from_its_applied_state_at_once() {
    let mut run = start(5, false, Vec::new());
    run.run_until(secs(1));
    let (leader, _) = current_leader(run.world()).unwrap();
    input(&mut run, leader, put(1, "1"));
    run.run_until(secs(2));
    for (client, node) in (10..).zip(0..5) {
        input(&mut run, node, read(client, ReadMode::Local));
    }
    let history = History::of(&run);
    for client in 10..15 {
        assert_eq!(value_read(&history, client), Some(Some("1".into())), "client {client}");
    }
}
