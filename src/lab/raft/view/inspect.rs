//! The inspector's rows: every field of a node or of a message in flight, as translatable notes.

use crate::lab::view::{millis, node_header_rows, Note};
use crate::raft::{LogIndex, RaftMessage, RaftNode};
use crate::sim::{MsgId, NodeId, World};

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| "—".into(), |v| v.to_string())
}

fn list<T: ToString>(values: &[T]) -> String {
    values.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ")
}

/// Every field of node `id` now: status, life, clock, durable and volatile state; empty if no such node.
pub fn node_rows(world: &World<RaftNode>, id: NodeId) -> Vec<Note> {
    let (Some(n), Some(mut rows)) = (world.node(id), node_header_rows(world, id)) else { return Vec::new() };
    let local = n.clock.local(world.now());
    if let Some(d) = n.durable {
        rows.push(Note::new("current_term", d.current_term.to_string()));
        rows.push(Note::new("voted_for", opt(d.voted_for)));
        rows.push(Note::new("log_length", d.log.len().to_string()));
    }
    let Some(p) = n.process else { return rows };
    let granted: Vec<String> =
        p.progress.iter().enumerate().filter(|(_, q)| q.vote_granted).map(|(i, _)| i.to_string()).collect();
    let next_index: Vec<LogIndex> = p.progress.iter().map(|q| q.next_index).collect();
    let match_index: Vec<LogIndex> = p.progress.iter().map(|q| q.match_index).collect();
    rows.extend([
        Note::worded("role", p.role.as_str()),
        Note::new("leader", opt(p.leader_id)),
        Note::new("last_log_term", p.term_at(p.last_index()).unwrap_or(0).to_string()),
        Note::new("commit_index", p.commit_index.to_string()),
        Note::new("last_applied", p.last_applied.to_string()),
        Note::new("votes", granted.join(" ")),
        Note::new("next_index", list(&next_index)),
        Note::new("match_index", list(&match_index)),
        Note::new("election_timeout", millis(p.election_timeout)),
        Note::new("timer_left", millis(p.election_deadline.saturating_sub(local))),
        Note::new("kv_keys", p.kv.entries().count().to_string()),
    ]);
    rows
}

/// Every field of message `id` in flight (paper names for the payload); empty if it is gone.
pub fn message_rows(world: &World<RaftNode>, id: MsgId) -> Vec<Note> {
    let Some(m) = world.network().in_flight().find(|m| m.id == id) else { return Vec::new() };
    let mut rows = vec![
        Note::new("id", format!("#{} (#{})", m.id, m.origin)),
        Note::new("from", m.from.to_string()),
        Note::new("to", m.to.to_string()),
        Note::new("sent_at", millis(m.sent_at)),
        Note::new("arrives_at", millis(m.arrives_at)),
        Note::new("doomed", m.vanishes_at.is_some().to_string()),
        Note::new("buffered", m.buffered.to_string()),
    ];
    let fields: Vec<(&'static str, String)> = match &m.message {
        RaftMessage::RequestVote { term, candidate_id, last_log_index, last_log_term, leadership_transfer } => vec![
            ("term", term.to_string()),
            ("candidateId", candidate_id.to_string()),
            ("lastLogIndex", last_log_index.to_string()),
            ("lastLogTerm", last_log_term.to_string()),
            ("leadershipTransfer", leadership_transfer.to_string()),
        ],
        RaftMessage::TimeoutNow { term } => vec![("term", term.to_string())],
        RaftMessage::PreVote { term, candidate_id, last_log_index, last_log_term } => vec![
            ("term", term.to_string()),
            ("candidateId", candidate_id.to_string()),
            ("lastLogIndex", last_log_index.to_string()),
            ("lastLogTerm", last_log_term.to_string()),
        ],
        RaftMessage::RequestVoteReply { term, vote_granted } | RaftMessage::PreVoteReply { term, vote_granted } => {
            vec![("term", term.to_string()), ("voteGranted", vote_granted.to_string())]
        }
        RaftMessage::AppendEntries {
            term,
            leader_id,
            prev_log_index,
            prev_log_term,
            entries,
            leader_commit,
            read_round,
        } => vec![
            ("term", term.to_string()),
            ("leaderId", leader_id.to_string()),
            ("prevLogIndex", prev_log_index.to_string()),
            ("prevLogTerm", prev_log_term.to_string()),
            ("entries", entries.iter().map(|e| format!("T{} {}", e.term, *e.command)).collect::<Vec<_>>().join("; ")),
            ("leaderCommit", leader_commit.to_string()),
            ("readRound", read_round.to_string()),
        ],
        RaftMessage::AppendEntriesReply { term, success, match_index, conflict_term, conflict_index, read_round } => {
            vec![
                ("term", term.to_string()),
                ("success", success.to_string()),
                ("matchIndex", match_index.to_string()),
                ("conflictTerm", opt(*conflict_term)),
                ("conflictIndex", conflict_index.to_string()),
                ("readRound", read_round.to_string()),
            ]
        }
        RaftMessage::InstallSnapshot {
            term,
            leader_id,
            last_included_index,
            last_included_term,
            offset,
            data,
            done,
        } => vec![
            ("term", term.to_string()),
            ("leaderId", leader_id.to_string()),
            ("lastIncludedIndex", last_included_index.to_string()),
            ("lastIncludedTerm", last_included_term.to_string()),
            ("offset", offset.to_string()),
            ("data", format!("{} keys, {}", data.state.entries().count(), data.config)),
            ("done", done.to_string()),
        ],
        RaftMessage::InstallSnapshotReply { term, last_included_index } => {
            vec![("term", term.to_string()), ("lastIncludedIndex", last_included_index.to_string())]
        }
    };
    rows.push(Note::new("kind", <RaftNode as crate::sim::Process>::message_kind(&m.message).to_string()));
    rows.extend(fields.into_iter().map(|(word, value)| Note::new(word, value)));
    rows
}
