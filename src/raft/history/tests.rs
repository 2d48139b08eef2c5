//! Building histories from inputs and replies: retries, refusals, supersession, ambiguity.

use super::*;

fn put(client: ClientId, seq: u64, key: &str, value: &str) -> RaftInput {
    RaftInput::Client { client, seq, op: KvOp::Put { key: key.into(), value: value.into() } }
}

fn read(client: ClientId, seq: u64, key: &str, mode: ReadMode) -> RaftInput {
    RaftInput::Read { client, seq, key: key.into(), mode }
}

fn reply(t: SimTime, node: NodeId, client: ClientId, seq: u64, outcome: ClientOutcome) -> Reply {
    Reply { t, pos: t, node, client, seq, outcome }
}

fn done() -> ClientOutcome {
    ClientOutcome::Ok { result: KvResult::Ok }
}

fn value(v: Option<&str>) -> ClientOutcome {
    ClientOutcome::Ok { result: KvResult::Value { value: v.map(Into::into) } }
}

fn build(inputs: &[(SimTime, NodeId, RaftInput)], replies: &[Reply]) -> History {
    History::build(inputs.iter().map(|(t, n, i)| (*t, *n, i)), replies)
}

#[test]
fn a_retry_is_an_attempt_of_the_same_operation_done_at_its_first_ok() {
    let inputs = [(10, 1, put(1, 1, "x", "a")), (20, 0, put(1, 1, "x", "a"))];
    let replies = [reply(10, 1, 1, 1, ClientOutcome::Redirect { leader: 0 }), reply(50, 0, 1, 1, done())];
    let h = build(&inputs, &replies);
    assert_eq!(h.ops.len(), 1);
    let op = &h.ops[0];
    assert_eq!((op.status, op.invoke, op.returned, op.answered_by), (OpStatus::Done, 10, Some(50), Some(0)));
    assert_eq!(op.attempts.len(), 2);
}

#[test]
fn refused_everywhere_is_failed_and_lost_leadership_is_pending() {
    let inputs = [(10, 1, put(1, 1, "x", "a")), (20, 2, put(2, 1, "x", "b"))];
    let replies = [reply(10, 1, 1, 1, ClientOutcome::NoLeader), reply(60, 2, 2, 1, ClientOutcome::LostLeadership)];
    let h = build(&inputs, &replies);
    assert_eq!(h.ops[0].status, OpStatus::Failed);
    assert_eq!(h.ops[1].status, OpStatus::Pending);
}

#[test]
fn an_ok_after_the_client_moved_on_is_not_trusted() {
    // seq 2 was sent before seq 1's answer: that Ok may be a session's answer to a superseded request.
    let inputs = [(10, 0, put(1, 1, "x", "a")), (20, 0, put(1, 2, "y", "b"))];
    let replies = [reply(30, 0, 1, 2, done()), reply(40, 0, 1, 1, done())];
    let h = build(&inputs, &replies);
    assert_eq!(h.ops[0].status, OpStatus::Pending);
    assert_eq!(h.ops[1].status, OpStatus::Done);
}

#[test]
fn one_request_number_for_two_requests_leaves_both_pending() {
    let inputs = [(10, 0, put(1, 1, "x", "a")), (20, 0, put(1, 1, "x", "b"))];
    let h = build(&inputs, &[reply(30, 0, 1, 1, done())]);
    assert!(h.ops.iter().all(|op| op.ambiguous && op.status == OpStatus::Pending));
}

#[test]
fn a_stale_read_is_judged_and_named_with_the_write_it_missed() {
    let inputs = [
        (10, 0, put(1, 1, "x", "1")),
        (100, 3, put(2, 1, "x", "2")),
        (300, 0, read(3, 1, "x", ReadMode::Local)),
        (300, 3, read(4, 1, "x", ReadMode::ReadIndex)),
    ];
    let replies = [
        reply(50, 0, 1, 1, done()),
        reply(150, 3, 2, 1, done()),
        reply(300, 0, 3, 1, value(Some("1"))),
        reply(340, 3, 4, 1, value(Some("2"))),
    ];
    let h = build(&inputs, &replies);
    let Judgement::Broken { op, violation } = h.judge(|_| true) else { panic!("the stale read is not flagged") };
    assert_eq!(op, 2);
    assert_eq!((violation.invariant, violation.t, violation.nodes.clone()), (LINEARIZABILITY, 300, vec![0]));
    assert_eq!(
        violation.explanation,
        "read x (local) by client 3 returned \"1\", but no order of the operations that respects their real \
         times explains it: the longest valid order before it leaves x = \"2\" (last written by put x=2 by client 2)"
    );
    // Without local reads the rest is linearizable.
    let linearizable = h.judge(|op| op.read_mode() != Some(ReadMode::Local));
    assert_eq!(linearizable, Judgement::Linearizable { ops: 3 });
}

#[test]
fn the_reply_log_reads_a_window_as_it_grows_and_says_when_it_missed_some() {
    use crate::raft::RaftConfig;
    use crate::sim::{secs, NetworkConfig, Retention};
    let config = RaftConfig { nodes: 3, ..RaftConfig::default() };
    let mut world = World::<RaftNode>::new(3, NetworkConfig::default(), config, 5, Retention::Window(8));
    let mut log = ReplyLog::default();
    world.run_until(secs(1));
    log.absorb(world.trace());
    assert!(log.missed(), "a second of events overflowed a window of 8");
    let mut log = ReplyLog::default();
    for node in 0..3 {
        world.apply(&Action::Input { node, input: read(9, node as u64, "x", ReadMode::Local) }).unwrap();
        log.absorb(world.trace());
    }
    let seqs: Vec<u64> = log.replies().iter().map(|r| r.seq).collect();
    assert_eq!(seqs, vec![0, 1, 2]);
}

#[test]
fn later_writes_give_the_first_time_a_higher_numbered_write_was_sent() {
    let writes = BTreeMap::from([(1, vec![(10, 1), (30, 3), (20, 2), (5, 5)]), (2, vec![(7, 1)])]);
    let later = LaterWrites::new(writes);
    assert_eq!(later.first_after(1, 0), 5);
    assert_eq!(later.first_after(1, 1), 5, "seq 5 was sent first, at 5");
    assert_eq!(later.first_after(1, 5), SimTime::MAX, "nothing after the last");
    assert_eq!(later.first_after(2, 0), 7);
    assert_eq!(later.first_after(3, 0), SimTime::MAX, "an unknown client");
}

#[test]
fn a_reply_log_kept_short_forgets_the_oldest_and_says_so() {
    let mut log =
        ReplyLog { replies: (1..=5).map(|seq| reply(seq, 0, 1, seq, done())).collect(), ..Default::default() };
    log.keep_last(10);
    assert!(!log.missed() && log.replies().len() == 5);
    log.keep_last(2);
    assert!(log.missed());
    assert_eq!(log.replies().iter().map(|r| r.seq).collect::<Vec<_>>(), [4, 5]);
}
