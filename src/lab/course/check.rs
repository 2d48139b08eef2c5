//! When a step is done: a test of the run itself, against the run as it was when the step began.

use super::facts::RunFacts;
use crate::sim::SimTime;

/// How a client request ended, as a step waits for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply {
    /// Committed, applied and answered with its result.
    Ok,
    /// A follower answered "not the leader, ask node N".
    Redirect,
}

/// A completion test, evaluated on the run now (`now`) and the run when the step began (`start`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// A question: done when the student picks this choice (from 0).
    Answer(u8),
    /// Virtual time advanced this much since the step began.
    Played(SimTime),
    /// The run reached this virtual time with no invariant broken.
    CleanUntil(SimTime),
    /// The student did an action of this kind (`crash`, `set_loss`, `input/client`...).
    Acted(&'static str),
    /// The checker reported this invariant broken.
    Violation(&'static str),
    /// A leader of a higher term than the step's first one (or a first leader) is elected.
    NewLeader,
    /// Still no leader, and some server reached this term (elections keep failing).
    NoLeaderByTerm(u64),
    /// The student crashed the server that led when the step began.
    CrashedLeader,
    /// Between `min` and `max` servers are crashed now.
    Down(u32, u32),
    /// A client request was answered this way since the step began.
    Replied(Reply),
    /// This much virtual time passed since the step began, and in the last stretch of that long
    /// no client request was answered with its result (the cluster makes no progress).
    Stalled(SimTime),
    /// A server removed entries that conflicted with its leader's since the step began (after
    /// AppendEntries' consistency check refused and the leader backed up).
    Truncated,
    /// A server took a new configuration from its log since the step began (a membership change).
    Reconfigured,
    /// A message of this kind was delivered since the step began.
    Delivered(&'static str),
    /// The student cut a link direction from a follower to the leader.
    CutToLeader,
    /// The leader's state machine holds `key` = `value`.
    LeaderHolds(&'static str, &'static str),
    /// Every one of these.
    All(&'static [Check]),
}

impl Check {
    /// Whether the step is done, given the run now, the run when the step began, and the choice
    /// the student picked for a question.
    pub fn done(&self, now: &RunFacts, start: &RunFacts, answer: Option<u8>) -> bool {
        let new_actions = || now.actions.iter().skip(start.actions.len().min(now.actions.len()));
        let leader = |facts: &RunFacts| facts.raft.as_ref().and_then(|r| r.leader);
        let since = |pos: Option<u64>| pos.is_some_and(|p| p >= start.trace_total);
        match *self {
            Check::Answer(right) => answer == Some(right),
            Check::Played(span) => now.now >= start.now.saturating_add(span),
            Check::CleanUntil(t) => now.now >= t && now.violation.is_none(),
            Check::Acted(kind) => new_actions().any(|a| a.kind == kind),
            Check::Violation(name) => now.violation == Some(name),
            Check::NewLeader => match (leader(now), leader(start)) {
                (Some((_, term)), Some((_, before))) => term > before,
                (Some(_), None) => true,
                (None, _) => false,
            },
            Check::NoLeaderByTerm(term) => {
                leader(now).is_none() && now.raft.as_ref().is_some_and(|r| r.max_term >= term)
            }
            Check::CrashedLeader => {
                leader(start).is_some_and(|(old, _)| new_actions().any(|a| a.kind == "crash" && a.nodes == [old]))
            }
            Check::Down(min, max) => (min..=max).contains(&(now.down.len() as u32)),
            Check::Replied(reply) => now.raft.as_ref().is_some_and(|r| {
                since(match reply {
                    Reply::Ok => r.last_ok.map(|(pos, _)| pos),
                    Reply::Redirect => r.last_redirect,
                })
            }),
            Check::Stalled(span) => {
                let quiet_since = now.now.saturating_sub(span);
                now.now >= start.now.saturating_add(span)
                    && !now.raft.as_ref().and_then(|r| r.last_ok).is_some_and(|(_, t)| t > quiet_since)
            }
            Check::Truncated => now.raft.as_ref().is_some_and(|r| since(r.last_truncate)),
            Check::Reconfigured => now.raft.as_ref().is_some_and(|r| since(r.last_config)),
            Check::Delivered(kind) => since(now.last_delivered(kind)),
            Check::CutToLeader => leader(now).or(leader(start)).is_some_and(|(l, _)| {
                new_actions().any(|a| a.kind == "link_down" && a.nodes.len() == 2 && a.nodes[1] == l && a.nodes[0] != l)
            }),
            Check::LeaderHolds(key, value) => now
                .raft
                .as_ref()
                .is_some_and(|r| r.leader.is_some() && r.leader_kv.iter().any(|(k, v)| k == key && v == value)),
            Check::All(checks) => checks.iter().all(|c| c.done(now, start, answer)),
        }
    }
}
