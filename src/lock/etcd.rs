//! An etcd member: this project's Raft engine (`RaftNode`) replicating etcd's multi-version key
//! space (`raft::mvcc`), run inside a lock-lab node. Around it, what an etcd server keeps in
//! memory: the lessor (when each lease expires: the leader extends a lease by its TTL on each
//! keepalive and every lease by its TTL when it becomes leader; followers never expire leases; the
//! leader proposes `LeaseRevoke` for expired ones), the watchers (member-local: a member notifies
//! its watchers of the changes it applies), and the requests awaiting their entry's commit.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{LockEvent, LockMessage, LockNode, LockTimer, LockWrite};
use crate::raft::config::RaftConfig;
use crate::raft::kv::KvResult;
use crate::raft::mvcc::{LeaseId, MvccEvent, Txn};
use crate::raft::node::{ClientOutcome, RaftDurable, RaftEvent, RaftInput, RaftNode};
use crate::raft::types::{ClientId, KvOp, Role, Term};
use crate::sim::{ms, Ctx, Effect, NodeId, Process, SimTime};

/// How often the lessor looks for expired leases (etcd's `revokeExpiredLeases` loop: 500 ms).
pub const LEASE_CHECK: SimTime = ms(500);

/// Client ids of a member's own proposals (lease revocations) have this bit; clients' do not.
const MEMBER_CLIENT: ClientId = 0x8000_0000;

/// A request from a client to a member.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "rpc", rename_all = "snake_case")]
pub enum EtcdRequest {
    /// Grant a lease (the member picks its id, as etcd does for ID 0).
    LeaseGrant { ttl: SimTime },
    /// Keep a lease alive (answered by the leader's lessor from memory, not through the log).
    LeaseKeepAlive { id: LeaseId },
    /// A transaction (reads too go through the log, which makes them linearizable).
    Txn { txn: Txn },
    /// Watch `key` (or every key under it) from `start_revision` on, as watch `id`.
    Watch { id: u64, key: String, prefix: bool, start_revision: u64 },
    /// Stop watch `id`.
    WatchCancel { id: u64 },
}

/// A member's answer.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
pub enum EtcdReply {
    /// The request's entry committed and was applied, with this result.
    Applied { result: KvResult },
    /// The lease lives `ttl` more (`None`: not found, etcd's TTL -1: the session is gone).
    KeepAlive { id: LeaseId, ttl: Option<SimTime> },
    /// This member cannot serve it now; it believes `leader` (a lock-lab node id) leads.
    NotLeader { leader: Option<NodeId> },
}

/// A client's watch on this member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Watcher {
    /// The client (lock-lab node id).
    pub client: NodeId,
    /// The client's watch id.
    pub id: u64,
    /// The key, or prefix.
    pub key: String,
    /// Whether every key under `key` is watched.
    pub prefix: bool,
    /// The next revision to deliver.
    pub next: u64,
}

impl Watcher {
    fn matches(&self, key: &str) -> bool {
        if self.prefix {
            key.starts_with(&self.key)
        } else {
            key == self.key
        }
    }
}

/// The Raft configuration of the etcd members: etcd's defaults (heartbeat 100 ms, election timeout
/// 1000 ms, randomized up to twice that; PreVote and CheckQuorum on, as etcd runs them).
pub fn raft_config(members: u32) -> RaftConfig {
    RaftConfig {
        nodes: members,
        election_timeout_min: ms(1000),
        election_timeout_max: ms(2000),
        heartbeat_interval: ms(100),
        pre_vote: true,
        check_quorum: true,
        ..RaftConfig::default()
    }
}

/// etcd's shortest lease: 3/2 of an election timeout (a shorter TTL is raised to it).
pub fn min_lease_ttl(config: &RaftConfig) -> SimTime {
    config.election_timeout_min * 3 / 2
}

/// One etcd member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EtcdMember {
    /// Its index among the members (its Raft id).
    pub index: u32,
    /// Number of members.
    pub members: u32,
    /// Lock-lab node id of member 0 (member `j` is node `first + j`).
    pub first: NodeId,
    /// The Raft server and its state machine.
    pub raft: RaftNode,
    /// The lessor: when each lease expires on this member's clock (followers: never).
    pub lessor: BTreeMap<LeaseId, SimTime>,
    /// Clients' watches on this member.
    pub watchers: Vec<Watcher>,
    /// Watch notifications sent.
    pub notifications: u64,
    /// Requests awaiting commit: (client, seq) -> (lock-lab node, request number).
    pending: BTreeMap<(ClientId, u64), (NodeId, u64)>,
    /// Leases whose revocation was proposed, and when.
    revoking: BTreeMap<LeaseId, SimTime>,
    /// The next lease id to hand out (member prefix | time-based suffix, as etcd's id generator).
    next_lease: LeaseId,
    /// Its own proposals' sequence: the term, and a counter within it.
    own_seq: (Term, u64),
    /// Whether it led after the last handler (to promote or demote the lessor).
    was_leader: bool,
    min_ttl: SimTime,
}

impl EtcdMember {
    /// Boot member `index` of `members` (node `first + index`) from its write-ahead log, if any.
    pub fn boot(
        index: u32,
        members: u32,
        first: NodeId,
        durable: Option<&RaftDurable>,
        ctx: &mut Ctx<LockNode>,
    ) -> Self {
        let config = raft_config(members);
        let (raft, effects) = ctx.embed(index, members, |inner| RaftNode::boot(index, &config, durable, inner));
        let mut member = Self {
            index,
            members,
            first,
            raft,
            lessor: BTreeMap::new(),
            watchers: Vec::new(),
            notifications: 0,
            pending: BTreeMap::new(),
            revoking: BTreeMap::new(),
            next_lease: (u64::from(index + 1) << 48) | ((ctx.now() / 1000) << 8 & 0xFFFF_FFFF_FF00),
            own_seq: (0, 0),
            was_leader: false,
            min_ttl: min_lease_ttl(&config),
        };
        member.carry_out(effects, ctx);
        ctx.set_timer(LockTimer::LeaseCheck, LEASE_CHECK);
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

    /// A Raft message from member node `from`.
    pub fn on_raft(&mut self, from: NodeId, message: crate::raft::types::RaftMessage, ctx: &mut Ctx<LockNode>) {
        let Some(peer) = from.checked_sub(self.first).filter(|&p| p < self.members) else { return };
        let (index, members) = (self.index, self.members);
        let (_, effects) = ctx.embed(index, members, |inner| self.raft.on_message(peer, message, inner));
        self.carry_out(effects, ctx);
    }

    /// A Raft timer came due.
    pub fn on_raft_timer(&mut self, timer: crate::raft::node::RaftTimer, ctx: &mut Ctx<LockNode>) {
        let (index, members) = (self.index, self.members);
        let (_, effects) = ctx.embed(index, members, |inner| self.raft.on_timer(timer, inner));
        self.carry_out(effects, ctx);
    }

    /// A client's request `req`, in its session `(client, seq)`.
    pub fn on_request(
        &mut self,
        from: NodeId,
        req: u64,
        session: (ClientId, u64),
        request: EtcdRequest,
        ctx: &mut Ctx<LockNode>,
    ) {
        let op = match request {
            EtcdRequest::LeaseKeepAlive { id } => return self.keep_alive(from, req, id, ctx),
            EtcdRequest::Watch { id, key, prefix, start_revision } => {
                self.watchers.retain(|w| !(w.client == from && w.id == id));
                self.watchers.push(Watcher { client: from, id, key, prefix, next: start_revision.max(1) });
                return self.notify_watchers(ctx);
            }
            EtcdRequest::WatchCancel { id } => {
                self.watchers.retain(|w| !(w.client == from && w.id == id));
                return;
            }
            EtcdRequest::LeaseGrant { ttl } => {
                self.next_lease += 1;
                KvOp::LeaseGrant { id: self.next_lease, ttl: ttl.max(self.min_ttl) }
            }
            EtcdRequest::Txn { txn } => KvOp::Txn { txn },
        };
        self.pending.insert(session, (from, req));
        self.propose(session, op, ctx);
    }

    fn propose(&mut self, (client, seq): (ClientId, u64), op: KvOp, ctx: &mut Ctx<LockNode>) {
        let (index, members) = (self.index, self.members);
        let input = RaftInput::Client { client, seq, op };
        let (_, effects) = ctx.embed(index, members, |inner| self.raft.on_input(input, inner));
        self.carry_out(effects, ctx);
    }

    fn keep_alive(&mut self, from: NodeId, req: u64, id: LeaseId, ctx: &mut Ctx<LockNode>) {
        if !self.is_leader() {
            ctx.send(from, LockMessage::EtcdReply { req, reply: EtcdReply::NotLeader { leader: self.leader() } });
            return;
        }
        let ttl = self.raft.kv.mvcc.leases.get(&id).map(|l| l.ttl);
        if let (Some(ttl), Some(expiry)) = (ttl, self.lessor.get_mut(&id)) {
            *expiry = ctx.now() + ttl;
        }
        ctx.send(from, LockMessage::EtcdReply { req, reply: EtcdReply::KeepAlive { id, ttl } });
    }

    /// The lessor's loop: the leader proposes revoking every expired lease (once per election
    /// timeout at most, in case the proposal is lost).
    pub fn check_leases(&mut self, ctx: &mut Ctx<LockNode>) {
        ctx.set_timer(LockTimer::LeaseCheck, LEASE_CHECK);
        if !self.is_leader() {
            return;
        }
        let now = ctx.now();
        let retry = raft_config(self.members).election_timeout_min;
        let expired: Vec<LeaseId> = self
            .lessor
            .iter()
            .filter(|&(id, &at)| at <= now && self.revoking.get(id).is_none_or(|&t| now >= t + retry))
            .map(|(&id, _)| id)
            .collect();
        for id in expired {
            self.revoking.insert(id, now);
            let term = self.raft.term();
            self.own_seq = if self.own_seq.0 == term { (term, self.own_seq.1 + 1) } else { (term, 1) };
            let session = (MEMBER_CLIENT | self.index, (term << 32) | self.own_seq.1);
            self.propose(session, KvOp::LeaseRevoke { id }, ctx);
        }
    }

    /// Carry out the Raft server's effects as this lock-lab node's, then bring the lessor and the
    /// watchers up to date with what it applied.
    fn carry_out(&mut self, effects: Vec<Effect<RaftNode>>, ctx: &mut Ctx<LockNode>) {
        for effect in effects {
            match effect {
                Effect::Send { to, message } => ctx.send(self.first + to, LockMessage::Raft(message)),
                Effect::SetTimer { timer, after } => ctx.set_timer(LockTimer::Raft(timer), after),
                Effect::CancelTimer { timer } => ctx.cancel_timer(LockTimer::Raft(timer)),
                Effect::Persist { write } => ctx.persist(LockWrite::Raft(write)),
                Effect::Emit { event } => self.on_event(event, ctx),
            }
        }
        self.sync_lessor(ctx.now());
        self.notify_watchers(ctx);
    }

    fn on_event(&mut self, event: RaftEvent, ctx: &mut Ctx<LockNode>) {
        match event {
            RaftEvent::Role { role, term } => ctx.emit(LockEvent::EtcdRole { role, term }),
            RaftEvent::ClientReply { client, seq, reply } => {
                let Some((to, req)) = self.pending.remove(&(client, seq)) else { return };
                let reply = match reply {
                    ClientOutcome::Ok { result } => EtcdReply::Applied { result },
                    ClientOutcome::Redirect { leader } => EtcdReply::NotLeader { leader: Some(self.first + leader) },
                    ClientOutcome::NoLeader | ClientOutcome::LostLeadership => {
                        EtcdReply::NotLeader { leader: self.leader().filter(|&l| l != ctx.id()) }
                    }
                };
                ctx.send(to, LockMessage::EtcdReply { req, reply });
            }
            _ => {}
        }
    }

    /// Promote the lessor (a new leader extends every lease by its TTL), demote it (followers never
    /// expire leases), and follow the leases the log granted and revoked.
    fn sync_lessor(&mut self, now: SimTime) {
        let leads = self.is_leader();
        let leases = &self.raft.kv.mvcc.leases;
        self.lessor.retain(|id, _| leases.contains_key(id));
        self.revoking.retain(|id, _| leases.contains_key(id));
        for (&id, lease) in leases {
            let fresh = if leads { now + lease.ttl } else { SimTime::MAX };
            let expiry = self.lessor.entry(id).or_insert(fresh);
            if leads != self.was_leader {
                *expiry = fresh;
            }
        }
        self.was_leader = leads;
    }

    /// Send each watcher the changes it has not seen, up to what this member applied.
    fn notify_watchers(&mut self, ctx: &mut Ctx<LockNode>) {
        let mvcc = &self.raft.kv.mvcc;
        for w in &mut self.watchers {
            if w.next > mvcc.revision {
                continue;
            }
            let (events, compacted): (Vec<MvccEvent>, bool) = match mvcc.events_since(w.next) {
                Some(events) => (events.iter().filter(|e| w.matches(&e.kv.key)).cloned().collect(), false),
                None => (Vec::new(), true),
            };
            // A compacted start revision cancels the watch, as etcd does.
            w.next = if compacted { u64::MAX } else { mvcc.revision + 1 };
            if !events.is_empty() || compacted {
                self.notifications += 1;
                ctx.send(w.client, LockMessage::EtcdWatch { id: w.id, events, compacted });
            }
        }
        self.watchers.retain(|w| w.next != u64::MAX);
    }
}

/// A request's name for traces and drawings (etcd's RPC names).
pub fn request_kind(request: &EtcdRequest) -> &'static str {
    use crate::raft::mvcc::TxnOp;
    match request {
        EtcdRequest::LeaseGrant { .. } => "LeaseGrant",
        EtcdRequest::LeaseKeepAlive { .. } => "LeaseKeepAlive",
        EtcdRequest::Txn { txn } if txn.compare.is_empty() => match txn.success.first() {
            Some(TxnOp::DeleteRange { .. }) => "DeleteRange",
            Some(TxnOp::Put { .. }) => "Put",
            _ => "Range",
        },
        EtcdRequest::Txn { .. } => "Txn",
        EtcdRequest::Watch { .. } => "Watch",
        EtcdRequest::WatchCancel { .. } => "WatchCancel",
    }
}
