//! Figure 2's rules, each pinned on a single step of one server: one message or timer in, the
//! effects out (the reply, the writes to stable storage and their order), as raft-rs's paper tests do.

use super::*;
use crate::sim::single::{persists, sent, SingleNode};
use crate::sim::{Effect, NodeId};

type Server = SingleNode<RaftNode>;

/// Node 0 of five, restarted with `log_terms` as its log and `current_term` as its term.
fn server(current_term: Term, log_terms: &[Term]) -> Server {
    let durable = RaftDurable { current_term, voted_for: None, log: entries(log_terms), snapshot: None };
    SingleNode::boot(0, 5, &RaftConfig::default(), Some(durable), 1).0
}

/// Blank entries of these terms.
fn entries(terms: &[Term]) -> Vec<Entry> {
    terms.iter().map(|&term| Entry { term, command: SharedCommand::new(Command::Noop) }).collect()
}

fn request_vote(term: Term, candidate_id: NodeId, last_log_index: LogIndex, last_log_term: Term) -> RaftMessage {
    RaftMessage::RequestVote { term, candidate_id, last_log_index, last_log_term, leadership_transfer: false }
}

fn append_entries(
    term: Term,
    prev_log_index: LogIndex,
    prev_log_term: Term,
    terms: &[Term],
    leader_commit: LogIndex,
) -> RaftMessage {
    RaftMessage::AppendEntries {
        term,
        leader_id: 1,
        prev_log_index,
        prev_log_term,
        entries: entries(terms),
        leader_commit,
        read_round: 0,
    }
}

/// The one reply among `effects`, and whom it goes to.
fn reply(effects: &[Effect<RaftNode>]) -> (NodeId, RaftMessage) {
    let replies = sent(effects);
    assert_eq!(replies.len(), 1, "{effects:?}");
    (replies[0].0, replies[0].1.clone())
}

fn vote_granted(effects: &[Effect<RaftNode>]) -> (Term, bool) {
    match reply(effects).1 {
        RaftMessage::RequestVoteReply { term, vote_granted } => (term, vote_granted),
        other => panic!("not a vote reply: {other:?}"),
    }
}

fn append_success(effects: &[Effect<RaftNode>]) -> (Term, bool, LogIndex) {
    match reply(effects).1 {
        RaftMessage::AppendEntriesReply { term, success, match_index, .. } => (term, success, match_index),
        other => panic!("not an AppendEntries reply: {other:?}"),
    }
}

fn log_terms(server: &Server) -> Vec<Term> {
    server.node.log().iter().map(|e| e.term).collect()
}

#[test]
fn request_vote_from_an_older_term_is_refused_with_the_current_term_section_5_1() {
    let mut s = server(3, &[1, 3]);
    let effects = s.message(2, request_vote(2, 2, 5, 2));
    assert_eq!(vote_granted(&effects), (3, false));
    assert!(!persists(&effects), "nothing changes on a stale request");
    assert_eq!(s.node.term(), 3);
}

#[test]
fn a_higher_term_in_any_rpc_makes_the_server_adopt_it_and_follow_section_5_1() {
    let mut s = server(2, &[1, 2]);
    s.timer(RaftTimer::Election);
    assert_eq!((s.node.role, s.node.term()), (Role::Candidate, 3));
    let effects = s.message(1, append_entries(7, 2, 2, &[], 0));
    assert_eq!((s.node.role, s.node.term(), s.node.leader_id), (Role::Follower, 7, Some(1)));
    assert_eq!(s.durable.current_term, 7, "the new term is on stable storage");
    assert_eq!(append_success(&effects), (7, true, 2));
}

#[test]
fn a_vote_is_given_to_at_most_one_candidate_per_term_and_survives_a_restart_section_5_2() {
    let mut s = server(1, &[1]);
    assert_eq!(vote_granted(&s.message(2, request_vote(2, 2, 1, 1))), (2, true));
    assert_eq!(s.durable.voted_for, Some(2));
    assert_eq!(vote_granted(&s.message(3, request_vote(2, 3, 1, 1))), (2, false), "second candidate, same term");
    assert_eq!(vote_granted(&s.message(2, request_vote(2, 2, 1, 1))), (2, true), "the same candidate asking again");
    let (mut restarted, _) = SingleNode::<RaftNode>::boot(0, 5, &RaftConfig::default(), Some(s.durable.clone()), 2);
    assert_eq!(vote_granted(&restarted.message(3, request_vote(2, 3, 1, 1))), (2, false), "after a crash too");
}

#[test]
fn the_vote_goes_only_to_a_candidate_whose_log_is_at_least_as_up_to_date_section_5_4_1() {
    // A later last term wins over a longer log; with equal last terms, the longer log wins.
    let cases: [(&[Term], LogIndex, Term, bool); 5] = [
        (&[1, 3], 9, 2, false),
        (&[1, 3], 1, 4, true),
        (&[1, 3, 3], 2, 3, false),
        (&[1, 3, 3], 3, 3, true),
        (&[1, 3, 3], 4, 3, true),
    ];
    for (log, last_index, last_term, granted) in cases {
        let mut s = server(3, log);
        let effects = s.message(2, request_vote(4, 2, last_index, last_term));
        assert_eq!(vote_granted(&effects), (4, granted), "voter log {log:?}, candidate ({last_index}, {last_term})");
    }
}

#[test]
fn append_entries_is_refused_unless_the_log_holds_prev_log_index_with_prev_log_term_section_5_3() {
    let cases: [(LogIndex, Term, bool); 5] = [(0, 0, true), (2, 1, true), (2, 2, false), (3, 1, false), (9, 4, false)];
    for (prev_index, prev_term, success) in cases {
        let mut s = server(1, &[1, 1]);
        let effects = s.message(1, append_entries(4, prev_index, prev_term, &[4], 0));
        assert_eq!(append_success(&effects).1, success, "prev ({prev_index}, {prev_term})");
        let expected: Vec<Term> = if success { [&[1, 1][..prev_index as usize], &[4]].concat() } else { vec![1, 1] };
        assert_eq!(log_terms(&s), expected, "prev ({prev_index}, {prev_term})");
    }
}

#[test]
fn a_conflicting_entry_and_all_that_follow_it_are_deleted_then_the_new_ones_appended_section_5_3() {
    let mut s = server(2, &[1, 1, 2, 2]);
    let effects = s.message(1, append_entries(3, 2, 1, &[3], 0));
    assert_eq!(log_terms(&s), [1, 1, 3]);
    assert_eq!(s.durable.log.iter().map(|e| e.term).collect::<Vec<_>>(), [1, 1, 3], "stable storage agrees");
    let persist_at = effects.iter().rposition(|e| matches!(e, Effect::Persist { .. })).expect("persisted");
    let reply_at = effects.iter().position(|e| matches!(e, Effect::Send { .. })).expect("answered");
    assert!(persist_at < reply_at, "the log is on stable storage before the reply goes out");
}

#[test]
fn entries_already_present_with_the_same_term_are_kept_when_a_stale_append_arrives_section_5_3() {
    let mut s = server(2, &[1, 2, 2]);
    let effects = s.message(1, append_entries(2, 1, 1, &[2], 0));
    assert_eq!(log_terms(&s), [1, 2, 2], "a reordered, shorter AppendEntries must not truncate");
    assert!(append_success(&effects).1);
}

#[test]
fn the_commit_index_follows_the_leader_but_never_past_the_last_new_entry_figure_2() {
    let mut s = server(1, &[1]);
    s.message(1, append_entries(1, 1, 1, &[1], 9));
    assert_eq!(s.node.commit_index, 2, "min(leaderCommit, index of last new entry)");
    s.message(1, append_entries(1, 2, 1, &[], 1));
    assert_eq!(s.node.commit_index, 2, "never decreases");
}

#[test]
fn an_election_timeout_starts_an_election_voting_for_itself_on_stable_storage_before_asking_section_5_2() {
    let mut s = server(4, &[1, 4]);
    let effects = s.timer(RaftTimer::Election);
    assert_eq!((s.node.role, s.node.term()), (Role::Candidate, 5));
    assert_eq!((s.durable.current_term, s.durable.voted_for), (5, Some(0)));
    let asked: Vec<NodeId> = sent(&effects)
        .into_iter()
        .map(|(to, m)| match m {
            RaftMessage::RequestVote { term: 5, candidate_id: 0, last_log_index: 2, last_log_term: 4, .. } => to,
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(asked, [1, 2, 3, 4]);
    let persist_at = effects.iter().position(|e| matches!(e, Effect::Persist { .. })).expect("persisted");
    let first_send = effects.iter().position(|e| matches!(e, Effect::Send { .. })).expect("asked");
    assert!(persist_at < first_send);
}
