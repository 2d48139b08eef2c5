//! The client history: requests are the scenario's client inputs; outcomes come from `ClientReply` events.

use std::collections::BTreeMap;

use crate::lab::raft::RaftScenario;
use crate::lab::view::Note;
use crate::raft::{ClientId, ClientOutcome, KvOp, KvResult, RaftEvent, RaftInput, RaftNode};
use crate::sim::{secs, Action, NodeId, SimTime, TraceEvent, World};

/// A request with no reply this long after it was sent has timed out (virtual time).
pub const CLIENT_TIMEOUT: SimTime = secs(2);

/// Most replies remembered (older ones are forgotten first).
const MAX_REPLIES: usize = 512;

/// How a request ended, as the client sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// No reply yet.
    Pending,
    /// Committed and applied; the result as text ("", a value read, a compare-and-set outcome).
    Ok(String),
    /// The node named another as leader.
    Redirected(NodeId),
    /// The node knew no leader.
    NoLeader,
    /// The leader stepped down before committing it.
    LostLeadership,
    /// No reply within [`CLIENT_TIMEOUT`].
    TimedOut,
}

impl Outcome {
    /// The outcome as a translatable note: a word ("ok", "redirected"...) and a neutral value.
    pub fn note(&self) -> Note {
        match self {
            Outcome::Pending => Note::word("pending"),
            Outcome::Ok(result) => Note::new("ok", result.clone()),
            Outcome::Redirected(leader) => Note::new("redirected", format!("→ N{leader}")),
            Outcome::NoLeader => Note::word("no_leader"),
            Outcome::LostLeadership => Note::word("lost_leadership"),
            Outcome::TimedOut => Note::word("timed_out"),
        }
    }

    /// Untranslated text, for the event log's details.
    pub fn text(&self) -> String {
        let note = self.note();
        if note.value.is_empty() {
            note.word.to_string()
        } else {
            format!("{} {}", note.word, note.value)
        }
    }
}

/// The client's view of a server's answer.
pub fn outcome_of(reply: &ClientOutcome) -> Outcome {
    match reply {
        ClientOutcome::Ok { result } => Outcome::Ok(result_text(result)),
        ClientOutcome::Redirect { leader } => Outcome::Redirected(*leader),
        ClientOutcome::NoLeader => Outcome::NoLeader,
        ClientOutcome::LostLeadership => Outcome::LostLeadership,
    }
}

/// A key-value result as short, language-neutral text.
pub fn result_text(result: &KvResult) -> String {
    match result {
        KvResult::Ok => String::new(),
        KvResult::Value { value } => format!("= {}", value.as_deref().unwrap_or("∅")),
        KvResult::Cas { swapped, found } => {
            format!("{} ({})", if *swapped { "✓" } else { "✗" }, found.as_deref().unwrap_or("∅"))
        }
        KvResult::Lease { id, .. } => format!("lease {id:x}"),
        KvResult::Txn { succeeded, revision, .. } => format!("{} @{revision}", if *succeeded { "✓" } else { "✗" }),
        KvResult::EtcdError { error } => format!("{error:?}"),
    }
}

/// One request of the history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientRequest {
    /// Client id.
    pub client: ClientId,
    /// Its sequence number.
    pub seq: u64,
    /// The node it was sent to.
    pub node: NodeId,
    /// The operation.
    pub op: KvOp,
    /// When it was sent.
    pub sent_at: SimTime,
    /// How it ended so far.
    pub outcome: Outcome,
    /// Virtual time from sending to the reply, if one came in time.
    pub latency: Option<SimTime>,
}

/// A reply seen in the trace: its position, time and content.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Reply {
    pos: u64,
    t: SimTime,
    outcome: Outcome,
}

/// The first reply to each request, read from the trace as it grows.
#[derive(Clone, Debug, Default)]
pub struct ClientReplies {
    replies: BTreeMap<(ClientId, u64), Reply>,
    seen: u64,
}

impl ClientReplies {
    /// Read the replies since the last look; after a seek back, forget those past the present.
    pub fn observe(&mut self, world: &World<RaftNode>) {
        let total = world.trace().total();
        if total < self.seen {
            self.replies.retain(|_, r| r.pos < total);
        }
        for e in world.trace().entries().filter(|e| e.seq >= self.seen) {
            if let TraceEvent::Engine(RaftEvent::ClientReply { client, seq, reply }) = &e.event {
                let outcome = outcome_of(reply);
                self.replies.entry((*client, *seq)).or_insert(Reply { pos: e.seq, t: e.t, outcome });
            }
        }
        self.seen = total;
        while self.replies.len() > MAX_REPLIES {
            self.replies.pop_first();
        }
    }

    /// The last `limit` client requests of `scenario` sent by `now`, oldest first, with outcomes.
    pub fn history(&self, scenario: &RaftScenario, now: SimTime, limit: usize) -> Vec<ClientRequest> {
        let mut requests: Vec<ClientRequest> = scenario
            .actions
            .iter()
            .rev()
            .filter(|a| a.at <= now)
            .filter_map(|a| match &a.action {
                Action::Input { node, input: RaftInput::Client { client, seq, op } } => {
                    Some(self.request(*client, *seq, *node, op.clone(), a.at, now))
                }
                _ => None,
            })
            .take(limit)
            .collect();
        requests.reverse();
        requests
    }

    fn request(
        &self,
        client: ClientId,
        seq: u64,
        node: NodeId,
        op: KvOp,
        sent_at: SimTime,
        now: SimTime,
    ) -> ClientRequest {
        let deadline = sent_at + CLIENT_TIMEOUT;
        // A retry sends the same (client, seq) again: a reply to an earlier send is not this one's.
        let reply = self.replies.get(&(client, seq)).filter(|r| (sent_at..=deadline).contains(&r.t));
        let (outcome, latency) = match reply {
            Some(r) => (r.outcome.clone(), Some(r.t - sent_at)),
            None if now >= deadline => (Outcome::TimedOut, None),
            None => (Outcome::Pending, None),
        };
        ClientRequest { client, seq, node, op, sent_at, outcome, latency }
    }
}

/// The next sequence number for `client` in `scenario` (one more than any it used).
pub fn next_seq(scenario: &RaftScenario, client: ClientId) -> u64 {
    let used = scenario.actions.iter().filter_map(|a| match &a.action {
        Action::Input {
            input: RaftInput::Client { client: c, seq, .. } | RaftInput::Read { client: c, seq, .. },
            ..
        } if *c == client => Some(*seq),
        _ => None,
    });
    used.max().unwrap_or(0) + 1
}
