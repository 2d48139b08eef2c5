//! A segment store on this project's Raft engine, the etcd way: `leaf_alloc`'s `max_id` is a key
//! of the replicated store, and a segment server takes a segment with one compare-and-set of it
//! through the log (`max_id` from what it last saw to that plus the step). Every committed
//! compare-and-set is applied in the same order by every member, so two servers can never take
//! the same segment, whatever crashes or partitions: the price is a consensus round per segment,
//! and no segments at all while a new leader is elected.
//!
//! A member embeds `RaftNode` through `Ctx::embed` with etcd's defaults (heartbeat 100 ms,
//! election timeout 1 s, PreVote and CheckQuorum), as the locks lab's etcd members do.

use std::collections::BTreeMap;
use std::ops::Range;

use super::log::IssueLog;
use super::{IdEvent, IdMessage, IdNode, IdTimer, IdWrite};
use crate::lock::etcd::raft_config;
use crate::raft::kv::KvResult;
use crate::raft::node::{ClientOutcome, RaftDurable, RaftEvent, RaftInput, RaftNode, RaftTimer};
use crate::raft::types::{ClientId, KvOp, RaftMessage, Role};
use crate::sim::{Ctx, Effect, NodeId, Process};

/// The key holding `leaf_alloc.max_id` (absent: Leaf's sample row, `max_id` 1).
pub const MAX_ID_KEY: &str = "/leaf_alloc/max_id";

/// `max_id` before the first segment is taken (Leaf's `leaf_alloc` sample row starts at 1).
pub const FIRST_MAX_ID: u64 = 1;

/// A member's answer to a compare-and-set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CasAnswer {
    /// Committed and applied: `max_id` was as expected and now is the new value.
    Swapped,
    /// Committed and applied, but `max_id` was `found` (another server moved it first).
    Found(Option<u64>),
    /// This member cannot serve it now; it believes `leader` (a node id) leads.
    NotLeader(Option<NodeId>),
    /// The session slot was superseded by a newer request of the same client: start a new one.
    Superseded,
}

/// One member of the segment store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreMember {
    /// Its index among the members (its Raft id).
    pub index: u32,
    /// Number of members.
    pub members: u32,
    /// Node id of member 0 (member `j` is node `first + j`).
    pub first: NodeId,
    /// The Raft server and its key-value state machine.
    pub raft: RaftNode,
    /// Compare-and-sets awaiting commit: session `(client, seq)` to the segment server.
    pending: BTreeMap<(ClientId, u64), NodeId>,
    /// Nothing is handed out here (the segment servers do); kept for the checker's uniform walk.
    pub log: IssueLog,
}

impl StoreMember {
    /// Boot member `index` of `members` (node `first + index`) from its write-ahead log, if any.
    pub fn boot(index: u32, members: u32, first: NodeId, durable: Option<&RaftDurable>, ctx: &mut Ctx<IdNode>) -> Self {
        let config = raft_config(members);
        let (raft, effects) = ctx.embed(index, members, |inner| RaftNode::boot(index, &config, durable, inner));
        let mut member = Self { index, members, first, raft, pending: BTreeMap::new(), log: IssueLog::default() };
        member.carry_out(effects, ctx);
        member
    }

    /// The node id of the member it believes leads, if any.
    pub fn leader(&self) -> Option<NodeId> {
        self.raft.leader_id.map(|l| self.first + l)
    }

    /// Whether it leads.
    pub fn is_leader(&self) -> bool {
        self.raft.role == Role::Leader
    }

    /// `max_id` as this member applied it.
    pub fn max_id(&self) -> u64 {
        self.raft.kv.get(MAX_ID_KEY).and_then(|v| v.parse().ok()).unwrap_or(FIRST_MAX_ID)
    }

    /// A Raft message from member node `from`.
    pub fn on_raft(&mut self, from: NodeId, message: RaftMessage, ctx: &mut Ctx<IdNode>) {
        let Some(peer) = from.checked_sub(self.first).filter(|&p| p < self.members) else { return };
        let (index, members) = (self.index, self.members);
        let (_, effects) = ctx.embed(index, members, |inner| self.raft.on_message(peer, message, inner));
        self.carry_out(effects, ctx);
    }

    /// A Raft timer came due.
    pub fn on_raft_timer(&mut self, timer: RaftTimer, ctx: &mut Ctx<IdNode>) {
        let (index, members) = (self.index, self.members);
        let (_, effects) = ctx.embed(index, members, |inner| self.raft.on_timer(timer, inner));
        self.carry_out(effects, ctx);
    }

    /// A segment server's compare-and-set of `max_id` from `expected` (`None`: never set) to
    /// `new`, in its session `(client, seq)` so that a retry is applied once (Raft section 8).
    pub fn on_cas(
        &mut self,
        from: NodeId,
        (client, seq): (ClientId, u64),
        expected: Option<u64>,
        new: u64,
        ctx: &mut Ctx<IdNode>,
    ) {
        self.pending.insert((client, seq), from);
        let op = KvOp::Cas { key: MAX_ID_KEY.into(), expected: expected.map(|v| v.to_string()), new: new.to_string() };
        let input = RaftInput::Client { client, seq, op };
        let (index, members) = (self.index, self.members);
        let (_, effects) = ctx.embed(index, members, |inner| self.raft.on_input(input, inner));
        self.carry_out(effects, ctx);
    }

    /// Carry out the Raft server's effects as this node's.
    fn carry_out(&mut self, effects: Vec<Effect<RaftNode>>, ctx: &mut Ctx<IdNode>) {
        for effect in effects {
            match effect {
                Effect::Send { to, message } => ctx.send(self.first + to, IdMessage::Raft(message)),
                Effect::SetTimer { timer, after } => ctx.set_timer(IdTimer::Raft(timer), after),
                Effect::CancelTimer { timer } => ctx.cancel_timer(IdTimer::Raft(timer)),
                Effect::Persist { write } => ctx.persist(IdWrite::Raft(write)),
                Effect::Emit { event } => self.on_event(event, ctx),
            }
        }
    }

    fn on_event(&mut self, event: RaftEvent, ctx: &mut Ctx<IdNode>) {
        match event {
            RaftEvent::Role { role, term } => ctx.emit(IdEvent::StoreRole { role, term }),
            RaftEvent::ClientReply { client, seq, reply } => {
                let Some(to) = self.pending.remove(&(client, seq)) else { return };
                let answer = match reply {
                    ClientOutcome::Ok { result: KvResult::Cas { swapped: true, .. } } => CasAnswer::Swapped,
                    ClientOutcome::Ok { result: KvResult::Cas { found, .. } } => {
                        CasAnswer::Found(found.and_then(|v| v.parse().ok()))
                    }
                    ClientOutcome::Ok { .. } => CasAnswer::Superseded,
                    ClientOutcome::Redirect { leader } => CasAnswer::NotLeader(Some(self.first + leader)),
                    ClientOutcome::NoLeader | ClientOutcome::LostLeadership => {
                        CasAnswer::NotLeader(self.leader().filter(|&l| l != ctx.id()))
                    }
                };
                ctx.send(to, IdMessage::CasReply { seq, answer });
            }
            _ => {}
        }
    }
}

/// A segment server's side of the store: which member it asks, its session, and the `max_id` it
/// last saw (what its next compare-and-set expects).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreClient {
    /// The members' node ids.
    pub members: Range<NodeId>,
    /// The member asked now (the leader, as far as this server knows).
    pub endpoint: NodeId,
    /// This incarnation's client id (its session for retried requests).
    pub client_id: ClientId,
    /// The session's sequence number of the compare-and-set in flight.
    pub seq: u64,
    /// `max_id` as last seen (`None`: never set, Leaf's row at 1).
    pub known: Option<u64>,
}

impl StoreClient {
    /// A fresh session with the members `members` (a random incarnation, as etcd clients have).
    pub fn new(members: Range<NodeId>, ctx: &mut Ctx<IdNode>) -> Self {
        let incarnation = ctx.random_range(1, 0x7FFF) as ClientId;
        let endpoint = members.start + ctx.id() % members.len().max(1) as u32;
        Self { members, endpoint, client_id: (incarnation << 16) | ctx.id(), seq: 0, known: None }
    }

    /// The segment the next compare-and-set takes: `start..end`, `max_id` from `start` to `end`.
    pub fn segment(&self, step: u64) -> (u64, u64) {
        let start = self.known.unwrap_or(FIRST_MAX_ID);
        (start, start + step)
    }

    /// Start a new compare-and-set (a new slot of the session).
    pub fn begin(&mut self) {
        self.seq += 1;
    }

    /// Send the compare-and-set in flight (again, in the same slot) to the current endpoint.
    pub fn send(&self, step: u64, ctx: &mut Ctx<IdNode>) {
        let (_, new) = self.segment(step);
        let message = IdMessage::Cas { client: self.client_id, seq: self.seq, expected: self.known, new };
        ctx.send(self.endpoint, message);
    }

    /// Ask `leader` next, or the next member when no leader is known.
    pub fn redirect(&mut self, leader: Option<NodeId>) {
        self.endpoint = match leader.filter(|l| self.members.contains(l)) {
            Some(l) => l,
            None if self.endpoint + 1 < self.members.end => self.endpoint + 1,
            None => self.members.start,
        };
    }
}
