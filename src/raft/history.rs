//! Client histories: every client operation with its invocation (the input handed to a server,
//! as the scenario records it) and its answer (the server's `ClientReply` in the trace), judged
//! for linearizability.
//!
//! An operation is keyed by its client and sequence number; retries (the same request to other
//! servers) are attempts of one operation. It is *done* at its first `Ok` answer, *failed* when
//! every attempt was refused outright (redirect, no leader: nothing was appended), and *pending*
//! otherwise: it may or may not take effect, at any time after its invocation. A write's `Ok`
//! that arrives after its client moved on to a later request is not trusted (a session answers a
//! superseded request with `Ok` without applying it), nor are answers to a (client, seq) used for
//! two different requests: those operations stay pending.

use std::collections::BTreeMap;

use serde::Serialize;

use super::config::RaftConfig;
use super::kv::KvResult;
use super::linearizability::{self, Breach, Call, Operation, Ret, Verdict};
use super::node::{ClientOutcome, RaftEvent, RaftInput, RaftNode};
use super::read::ReadMode;
use super::types::{ClientId, KvOp};
use crate::sim::{
    fill_facts, Action, Checker, ClusterConfig, NodeId, SimTime, Timeline, Trace, TraceEvent, Violation, World,
};

/// The property's name, as violations carry it.
pub const LINEARIZABILITY: &str = "Linearizability";

/// Search steps allowed per key before the checker gives up (the answer is then "unknown").
pub const SEARCH_BUDGET: u64 = 2_000_000;

/// A server's answer to a client, as the trace records it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reply {
    /// When.
    pub t: SimTime,
    /// Its position in the trace.
    pub pos: u64,
    /// The server that answered.
    pub node: NodeId,
    /// The client.
    pub client: ClientId,
    /// The request number.
    pub seq: u64,
    /// The answer.
    pub outcome: ClientOutcome,
}

/// The replies of a run, read out of its trace as it grows (a bounded window is enough if it
/// is read after every event).
#[derive(Clone, Debug, Default)]
pub struct ReplyLog {
    replies: Vec<Reply>,
    seen: u64,
    missed: bool,
}

impl ReplyLog {
    /// Take the replies recorded since the last call (after a seek back, forget those past it).
    pub fn absorb(&mut self, trace: &Trace<RaftEvent>) {
        let total = trace.total();
        if total < self.seen {
            self.replies.retain(|r| r.pos < total);
            self.seen = total;
        }
        if total == self.seen {
            return;
        }
        let mut fresh: Vec<Reply> = Vec::new();
        let mut oldest = total;
        for e in trace.entries().rev().take_while(|e| e.seq >= self.seen) {
            oldest = e.seq;
            if let (TraceEvent::Engine(RaftEvent::ClientReply { client, seq, reply }), Some(node)) = (&e.event, e.node)
            {
                let outcome = reply.clone();
                fresh.push(Reply { t: e.t, pos: e.seq, node, client: *client, seq: *seq, outcome });
            }
        }
        self.missed |= oldest > self.seen;
        self.replies.extend(fresh.into_iter().rev());
        self.seen = total;
    }

    /// Forget all but the last `n` replies (a page bounds its memory so; the forgotten ones count
    /// as missed: their operations are pending, which can hide a violation but never invent one).
    pub fn keep_last(&mut self, n: usize) {
        if self.replies.len() > n {
            self.replies.drain(..self.replies.len() - n);
            self.missed = true;
        }
    }

    /// Every reply so far, in trace order.
    pub fn replies(&self) -> &[Reply] {
        &self.replies
    }

    /// Whether some entries left the trace window unread (answers may be missing: those
    /// operations count as pending, which can hide a violation but never invent one).
    pub fn missed(&self) -> bool {
        self.missed
    }
}

/// A checker that also records the clients' answers, for the history.
#[derive(Clone, Debug, Default)]
pub struct WithHistory<C> {
    /// The checker it wraps.
    pub inner: C,
    /// The answers so far.
    pub log: ReplyLog,
}

impl<C: Checker<RaftNode>> Checker<RaftNode> for WithHistory<C> {
    fn check(&mut self, world: &World<RaftNode>) -> Option<Violation> {
        self.log.absorb(world.trace());
        self.inner.check(world)
    }
}

/// What an operation does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum OpKind {
    /// An operation through the log (a `get` there is the "log read").
    Log { op: KvOp },
    /// A read outside the log.
    Read { key: String, mode: ReadMode },
}

/// Where an operation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OpStatus {
    /// Answered `Ok`.
    Done,
    /// No final answer: it may or may not take effect.
    Pending,
    /// Every attempt was refused: it never took effect.
    Failed,
}

/// One attempt: the request handed to one server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Attempt {
    /// When.
    pub t: SimTime,
    /// To which server.
    pub node: NodeId,
    /// Its answer, if one came: when, and what.
    pub reply: Option<(SimTime, ClientOutcome)>,
}

/// One client operation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClientOp {
    /// The client.
    pub client: ClientId,
    /// Its request number.
    pub seq: u64,
    /// What it does.
    pub kind: OpKind,
    /// Its attempts, in order.
    pub attempts: Vec<Attempt>,
    /// The first attempt's time.
    pub invoke: SimTime,
    /// Done, pending or failed.
    pub status: OpStatus,
    /// When done: the answer's time.
    pub returned: Option<SimTime>,
    /// When done: the result.
    pub result: Option<KvResult>,
    /// When done: the server that answered.
    pub answered_by: Option<NodeId>,
    /// When done: the answer's trace position.
    pub reply_pos: Option<u64>,
    /// Its (client, seq) also names a different request: its answers cannot be told apart.
    pub ambiguous: bool,
}

impl ClientOp {
    /// The key it touches.
    pub fn key(&self) -> &str {
        match &self.kind {
            OpKind::Read { key, .. } => key,
            OpKind::Log { op } => register_key(op).unwrap_or_default(),
        }
    }

    /// The read mode, for reads outside the log.
    pub fn read_mode(&self) -> Option<ReadMode> {
        match self.kind {
            OpKind::Read { mode, .. } => Some(mode),
            OpKind::Log { .. } => None,
        }
    }

    /// A short description: `read x (lease) by client 7`, `put x=1 by client 1`.
    pub fn describe(&self) -> String {
        match &self.kind {
            OpKind::Read { key, mode } => format!("read {key} ({}) by client {}", mode.name(), self.client),
            OpKind::Log { op } => format!("{op} by client {}", self.client),
        }
    }

    /// Whether it changes nothing (reads of either kind).
    fn is_read(&self) -> bool {
        matches!(self.kind, OpKind::Read { .. } | OpKind::Log { op: KvOp::Get { .. } })
    }

    /// The call and, when done with a result of the right shape, the answer, for the checker.
    fn model(&self) -> (Call, Option<Ret>) {
        let result = self.result.as_ref().filter(|_| self.status == OpStatus::Done);
        match &self.kind {
            OpKind::Read { .. } | OpKind::Log { op: KvOp::Get { .. } } => {
                let ret = match result {
                    Some(KvResult::Value { value }) => Some(Ret::Value(value.clone())),
                    _ => None,
                };
                (Call::Get, ret)
            }
            OpKind::Log { op: KvOp::Put { value, .. } } => {
                (Call::Put { value: value.clone() }, matches!(result, Some(KvResult::Ok)).then_some(Ret::Done))
            }
            OpKind::Log { op: KvOp::Delete { .. } } => {
                (Call::Delete, matches!(result, Some(KvResult::Ok)).then_some(Ret::Done))
            }
            OpKind::Log { op: KvOp::Cas { expected, new, .. } } => {
                let ret = match result {
                    Some(KvResult::Cas { swapped, found }) => {
                        Some(Ret::Cas { swapped: *swapped, found: found.clone() })
                    }
                    _ => None,
                };
                (Call::Cas { expected: expected.clone(), new: new.clone() }, ret)
            }
            // Never recorded (see `History::build`); were one here, it would be a read left pending.
            OpKind::Log { op: KvOp::LeaseGrant { .. } | KvOp::LeaseRevoke { .. } | KvOp::Txn { .. } } => {
                (Call::Get, None)
            }
        }
    }
}

/// The checker's judgement of a history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Judgement {
    /// Linearizable; `ops` operations were checked.
    Linearizable { ops: usize },
    /// Not linearizable: operation `op` (an index into the history) is the first that cannot be placed.
    Broken { op: usize, violation: Violation },
    /// The search gave up.
    Unknown { ops: usize },
}

/// A run's client operations, in order of invocation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct History {
    /// The operations.
    pub ops: Vec<ClientOp>,
}

impl History {
    /// The history of a timeline so far: its inputs up to now and the answers its checker recorded.
    pub fn of<C: Checker<RaftNode>>(timeline: &Timeline<RaftNode, WithHistory<C>>) -> Self
    where
        <RaftNode as crate::sim::Process>::Config: ClusterConfig,
    {
        let now = timeline.now();
        let inputs = timeline.scenario().actions.iter().filter(|a| a.at <= now).filter_map(|a| match &a.action {
            Action::Input { node, input } => Some((a.at, *node, input)),
            _ => None,
        });
        Self::build(inputs, timeline.checker().log.replies())
    }

    /// Build a history from the inputs handed to servers (time, server, input) and their replies.
    pub fn build<'a>(inputs: impl IntoIterator<Item = (SimTime, NodeId, &'a RaftInput)>, replies: &[Reply]) -> Self {
        let mut ops: Vec<ClientOp> = Vec::new();
        let mut by_id: BTreeMap<(ClientId, u64), Vec<usize>> = BTreeMap::new();
        // Per client: (time, seq) of each write handed to a server, for supersession.
        let mut writes: BTreeMap<ClientId, Vec<(SimTime, u64)>> = BTreeMap::new();
        for (t, node, input) in inputs {
            let (client, seq, kind) = match input {
                // etcd's lease and transaction operations are not single-register operations: the
                // key-value model judges puts, gets, deletes and compare-and-sets only.
                RaftInput::Client { op, .. } if register_key(op).is_none() => continue,
                RaftInput::Client { client, seq, op } => {
                    writes.entry(*client).or_default().push((t, *seq));
                    (*client, *seq, OpKind::Log { op: op.clone() })
                }
                RaftInput::Read { client, seq, key, mode } => {
                    (*client, *seq, OpKind::Read { key: key.clone(), mode: *mode })
                }
                _ => continue,
            };
            let attempt = Attempt { t, node, reply: None };
            let same = by_id.entry((client, seq)).or_default();
            if let Some(&i) = same.iter().find(|&&i| ops[i].kind == kind) {
                ops[i].attempts.push(attempt);
                continue;
            }
            let ambiguous = !same.is_empty();
            for &i in same.iter() {
                ops[i].ambiguous = true;
            }
            same.push(ops.len());
            ops.push(ClientOp {
                client,
                seq,
                kind,
                attempts: vec![attempt],
                invoke: t,
                status: OpStatus::Pending,
                returned: None,
                result: None,
                answered_by: None,
                reply_pos: None,
                ambiguous,
            });
        }
        // Match each reply to the earliest unanswered attempt of its request at its server.
        let mut positions: BTreeMap<(usize, usize), u64> = BTreeMap::new();
        for reply in replies {
            let Some(same) = by_id.get(&(reply.client, reply.seq)) else { continue };
            let [i] = same[..] else { continue };
            let op = &mut ops[i];
            let found = op.attempts.iter().position(|a| a.node == reply.node && a.reply.is_none() && a.t <= reply.t);
            if let Some(k) = found {
                op.attempts[k].reply = Some((reply.t, reply.outcome.clone()));
                positions.insert((i, k), reply.pos);
            }
        }
        let later_writes = LaterWrites::new(writes);
        for (i, op) in ops.iter_mut().enumerate() {
            let superseded = match op.kind {
                OpKind::Log { .. } => later_writes.first_after(op.client, op.seq),
                OpKind::Read { .. } => SimTime::MAX,
            };
            settle(op, i, superseded, &positions);
        }
        Self { ops }
    }

    /// Judge every operation but the read kinds `config.unjudged_reads` leaves out.
    pub fn judge_as_configured(&self, config: &RaftConfig) -> Judgement {
        self.judge(|op| op.read_mode().is_none_or(|mode| !config.unjudged_reads.contains(&mode)))
    }

    /// Judge the operations `include` selects (done and pending ones; failed ones never took
    /// effect, pending reads constrain nothing). Deterministic.
    pub fn judge(&self, include: impl Fn(&ClientOp) -> bool) -> Judgement {
        let mut chosen: Vec<usize> = Vec::new();
        let mut checked: Vec<Operation> = Vec::new();
        for (i, op) in self.ops.iter().enumerate() {
            if !include(op) || op.status == OpStatus::Failed || (op.status == OpStatus::Pending && op.is_read()) {
                continue;
            }
            let (call, ret) = op.model();
            let returned = ret.as_ref().and(op.returned);
            chosen.push(i);
            checked.push(Operation { key: op.key().to_string(), call, ret, invoke: op.invoke, returned });
        }
        match linearizability::check(&checked, SEARCH_BUDGET) {
            Verdict::Linearizable => Judgement::Linearizable { ops: checked.len() },
            Verdict::Unknown => Judgement::Unknown { ops: checked.len() },
            Verdict::Broken(breach) => {
                let op = chosen[breach.op];
                let violation = self.violation(op, &breach, |k| chosen[k]);
                Judgement::Broken { op, violation }
            }
        }
    }

    /// The violation naming operation `op`.
    fn violation(&self, op: usize, breach: &Breach, index: impl Fn(usize) -> usize) -> Violation {
        let culprit = &self.ops[op];
        let writer = breach.writer.map_or("no write".to_string(), |w| self.ops[index(w)].describe());
        let facts: Vec<(&'static str, String)> = vec![
            ("op", culprit.describe()),
            ("got", culprit.result.as_ref().map_or("nothing yet".to_string(), result_text)),
            ("key", culprit.key().to_string()),
            ("state", value_text(breach.state.as_deref())),
            ("writer", writer),
        ];
        let nodes = match culprit.answered_by {
            Some(node) => vec![node],
            None => culprit.attempts.iter().map(|a| a.node).collect(),
        };
        Violation {
            invariant: LINEARIZABILITY,
            t: culprit.returned.unwrap_or(culprit.invoke),
            nodes,
            explanation: fill_facts(english("not_linearizable"), &facts),
            code: "not_linearizable",
            facts,
            trace_seq: culprit.reply_pos.unwrap_or(0),
        }
    }
}

/// Decide an operation's status from its attempts' answers.
fn settle(op: &mut ClientOp, i: usize, superseded: SimTime, positions: &BTreeMap<(usize, usize), u64>) {
    if op.ambiguous {
        return;
    }
    let first_ok = op
        .attempts
        .iter()
        .enumerate()
        .filter_map(|(k, a)| match &a.reply {
            Some((t, ClientOutcome::Ok { result })) if *t < superseded => Some((*t, k, a.node, result.clone())),
            _ => None,
        })
        .min_by_key(|(t, k, _, _)| (*t, *k));
    if let Some((t, k, node, result)) = first_ok {
        op.status = OpStatus::Done;
        op.returned = Some(t);
        op.result = Some(result);
        op.answered_by = Some(node);
        op.reply_pos = positions.get(&(i, k)).copied();
        return;
    }
    let refused =
        |a: &Attempt| matches!(a.reply, Some((_, ClientOutcome::Redirect { .. })) | Some((_, ClientOutcome::NoLeader)));
    if op.attempts.iter().all(refused) {
        op.status = OpStatus::Failed;
    }
}

/// Per client, when it first sent a write with a higher request number than a given one (its
/// earlier writes are then superseded): suffix minima over the writes sorted by request number.
struct LaterWrites {
    /// Per client: (seq, earliest time of a write with this seq or a higher one), by seq.
    by_client: BTreeMap<ClientId, Vec<(u64, SimTime)>>,
}

impl LaterWrites {
    fn new(writes: BTreeMap<ClientId, Vec<(SimTime, u64)>>) -> Self {
        let by_client = writes
            .into_iter()
            .map(|(client, mut sent)| {
                sent.sort_unstable_by_key(|&(t, seq)| (seq, t));
                let mut earliest = SimTime::MAX;
                let mut suffix: Vec<(u64, SimTime)> = sent
                    .iter()
                    .rev()
                    .map(|&(t, seq)| {
                        earliest = earliest.min(t);
                        (seq, earliest)
                    })
                    .collect();
                suffix.reverse();
                (client, suffix)
            })
            .collect();
        Self { by_client }
    }

    /// The earliest time `client` sent a write numbered above `seq` (`SimTime::MAX`: never).
    fn first_after(&self, client: ClientId, seq: u64) -> SimTime {
        let Some(suffix) = self.by_client.get(&client) else { return SimTime::MAX };
        let at = suffix.partition_point(|&(s, _)| s <= seq);
        suffix.get(at).map_or(SimTime::MAX, |&(_, t)| t)
    }
}

/// The key of a single-register operation (put, get, delete, compare-and-set); `None` for etcd's
/// lease and transaction operations.
fn register_key(op: &KvOp) -> Option<&str> {
    match op {
        KvOp::Put { key, .. } | KvOp::Get { key } | KvOp::Delete { key } | KvOp::Cas { key, .. } => Some(key),
        KvOp::LeaseGrant { .. } | KvOp::LeaseRevoke { .. } | KvOp::Txn { .. } => None,
    }
}

fn value_text(value: Option<&str>) -> String {
    value.map_or("absent".to_string(), |v| format!("\"{v}\""))
}

fn result_text(result: &KvResult) -> String {
    match result {
        KvResult::Ok => "ok".to_string(),
        KvResult::Value { value } => value_text(value.as_deref()),
        KvResult::Cas { swapped, found } => format!("swapped={swapped} (found {})", value_text(found.as_deref())),
        other => format!("{other:?}"),
    }
}

/// The English sentence of each violation code (the page translates the codes itself).
pub fn english(code: &str) -> &'static str {
    match code {
        "not_linearizable" => "{op} returned {got}, but no order of the operations that respects their real times explains it: the longest valid order before it leaves {key} = {state} (last written by {writer})",
        _ => "the history is not linearizable",
    }
}

#[cfg(test)]
mod tests;
