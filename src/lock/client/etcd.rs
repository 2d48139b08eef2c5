//! The client side of etcd's concurrency Mutex (`client/v3/concurrency`): a session lease kept
//! alive at a third of its TTL; the key `prefix/<lease id in hex>`; one transaction that puts the
//! key if absent and reads the prefix's first-created key; the lowest create revision holds;
//! otherwise wait for the deletion of the key created just before ours (`waitDeletes`), then make
//! sure our own key still exists. The naive variant (`herd`) watches the holder's key instead and
//! retries the transaction on every release. The client talks to one member and fails over to
//! another on silence or "not leader", as etcd clients do between their endpoints.

use super::{Client, Phase, REQUEST_TIMEOUT};
use crate::lock::etcd::{EtcdReply, EtcdRequest};
use crate::lock::{LockMessage, LockNode, LockTimer};
use crate::raft::kv::KvResult;
use crate::raft::mvcc::{
    Compare, CreateOrder, EventKind, KeyValue, LeaseId, MvccError, MvccEvent, Txn, TxnOp, TxnResponse,
};
use crate::raft::types::ClientId;
use crate::sim::{Ctx, NodeId, SimTime};

/// How soon an unanswered keepalive is sent again (clientv3's `sendKeepAliveLoop` ticks every 500 ms).
pub const KEEPALIVE_RETRY: SimTime = 500_000;

/// The lock's key prefix for a segment (the Mutex appends `/`).
pub fn lock_prefix(segment: u32) -> String {
    format!("/lock/stock/{segment}/")
}

/// What the request in flight is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Step {
    /// Nothing in flight.
    #[default]
    None,
    /// `LeaseGrant`: opening the session.
    Grant,
    /// The Mutex's transaction.
    Lock,
    /// `Get(prefix, WithLastCreate, WithMaxCreateRev(myRev - 1))`: who is just before us.
    Predecessor,
    /// `Get(myKey)`: our key still exists (the session did not expire while waiting).
    Verify,
    /// `Delete(myKey)`.
    Unlock,
}

/// An etcd client's session and place in the lock's queue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EtcdSession {
    /// The session TTL asked for.
    pub ttl: SimTime,
    /// Watch the holder's key and retry on every release (the herd).
    pub herd: bool,
    /// This incarnation's client id (its session for retried requests).
    pub client_id: ClientId,
    /// The session's lease, while it has one.
    pub lease: Option<LeaseId>,
    /// The lease's TTL as the last keepalive answered.
    pub ttl_left: Option<SimTime>,
    /// Its key while queued or holding.
    pub key: Option<String>,
    /// Its key's create revision (its place in the queue; the fencing token).
    pub my_rev: u64,
    /// The key it waits to see deleted.
    pub waits_on: Option<String>,
    /// The member its watch is on.
    pub watch_member: Option<NodeId>,
    /// The request in flight is for this.
    pub step: Step,
    /// The request in flight, to send again elsewhere.
    outstanding: Option<EtcdRequest>,
    seq: u64,
    watch_id: u64,
    watch_start: u64,
    keepalive_pending: bool,
}

impl Client {
    /// Take the lock with etcd's Mutex instead of Redis: a session of `ttl`, watching the
    /// predecessor (or, with `herd`, the holder).
    pub fn use_etcd(&mut self, ttl: SimTime, herd: bool, ctx: &mut Ctx<LockNode>) {
        let incarnation = ctx.random_range(1, 0x7FFF) as ClientId;
        self.etcd =
            Some(EtcdSession { ttl, herd, client_id: (incarnation << 16) | ctx.id(), ..EtcdSession::default() });
        self.primary = ctx.id() as usize % self.instances.len().max(1);
    }

    fn session(&mut self) -> &mut EtcdSession {
        self.etcd.get_or_insert_with(EtcdSession::default)
    }

    fn endpoint(&self) -> NodeId {
        self.instances[self.primary % self.instances.len()]
    }

    /// Send a new request for `step`.
    fn etcd_send(&mut self, step: Step, request: EtcdRequest, ctx: &mut Ctx<LockNode>) {
        let s = self.session();
        s.seq += 1;
        s.step = step;
        s.outstanding = Some(request);
        self.etcd_resend(ctx);
    }

    /// Send the request in flight (again) to the current endpoint, in the same session slot.
    fn etcd_resend(&mut self, ctx: &mut Ctx<LockNode>) {
        let Some(s) = self.etcd.as_ref() else { return };
        let Some(request) = s.outstanding.clone() else { return };
        let (client, seq) = (s.client_id, s.seq);
        self.req += 1;
        self.sent += 1;
        ctx.send(self.endpoint(), LockMessage::Etcd { req: self.req, client, seq, request });
        ctx.set_timer(LockTimer::RequestTimeout, REQUEST_TIMEOUT);
    }

    fn txn(&mut self, step: Step, txn: Txn, ctx: &mut Ctx<LockNode>) {
        self.etcd_send(step, EtcdRequest::Txn { txn }, ctx);
    }

    /// Start (or resume) taking the lock: open a session if there is none, else run the Mutex's
    /// transaction.
    pub(super) fn etcd_acquire(&mut self, ctx: &mut Ctx<LockNode>) {
        self.phase = Phase::Acquiring;
        let s = self.session();
        match s.lease {
            None => {
                let ttl = s.ttl;
                self.etcd_send(Step::Grant, EtcdRequest::LeaseGrant { ttl }, ctx);
            }
            Some(lease) => {
                let prefix = lock_prefix(self.segment);
                let key = format!("{prefix}{lease:x}");
                self.session().key = Some(key.clone());
                self.token = key.clone();
                self.txn(Step::Lock, lock_txn(&prefix, &key, lease), ctx);
            }
        }
    }

    /// Release: delete our key.
    pub(super) fn etcd_release(&mut self, ctx: &mut Ctx<LockNode>) {
        match self.session().key.clone() {
            Some(key) => {
                self.txn(Step::Unlock, Txn { success: vec![TxnOp::DeleteRange { key }], ..Txn::default() }, ctx)
            }
            None => self.rest(ctx),
        }
    }

    /// The session is gone (its lease expired): a waiter starts over with a new one; a holder
    /// does not notice (the Mutex does not tell it).
    fn session_expired(&mut self, ctx: &mut Ctx<LockNode>) {
        self.cancel_watch(ctx);
        let s = self.session();
        s.lease = None;
        s.ttl_left = None;
        ctx.cancel_timer(LockTimer::KeepAlive);
        if matches!(self.phase, Phase::Acquiring | Phase::Watching) {
            self.session().key = None;
            self.etcd_acquire(ctx);
        }
    }

    /// A member's answer to request `req` (0: a keepalive).
    pub fn on_etcd_reply(&mut self, req: u64, reply: EtcdReply, ctx: &mut Ctx<LockNode>) {
        match reply {
            EtcdReply::KeepAlive { id, ttl } => {
                let s = self.session();
                if s.lease != Some(id) {
                    return;
                }
                s.keepalive_pending = false;
                s.ttl_left = ttl;
                match ttl {
                    // The next keepalive is due a third of the TTL after this answer.
                    Some(ttl) => ctx.set_timer(LockTimer::KeepAlive, (ttl / 3).max(1)),
                    None => self.session_expired(ctx),
                }
            }
            EtcdReply::NotLeader { leader } if req == 0 => {
                self.switch_endpoint(leader, ctx);
                self.send_keep_alive(ctx);
            }
            _ if req != self.req => {}
            EtcdReply::NotLeader { leader } => {
                ctx.cancel_timer(LockTimer::RequestTimeout);
                self.switch_endpoint(leader, ctx);
                match leader {
                    Some(_) => self.etcd_resend(ctx),
                    None => ctx.set_timer(LockTimer::Retry, self.recipe.retry), // an election is under way
                }
            }
            EtcdReply::Applied { result } => {
                ctx.cancel_timer(LockTimer::RequestTimeout);
                let step = std::mem::take(&mut self.session().step);
                self.session().outstanding = None;
                self.on_applied(step, result, ctx);
            }
        }
    }

    fn on_applied(&mut self, step: Step, result: KvResult, ctx: &mut Ctx<LockNode>) {
        let lease_gone = matches!(result, KvResult::EtcdError { error: MvccError::LeaseNotFound });
        match (step, result) {
            (Step::Grant, KvResult::Lease { id, ttl }) => {
                let s = self.session();
                s.lease = Some(id);
                s.ttl_left = Some(ttl);
                s.keepalive_pending = false;
                ctx.set_timer(LockTimer::KeepAlive, (ttl / 3).max(1));
                self.etcd_acquire(ctx);
            }
            (Step::Grant, _) => ctx.set_timer(LockTimer::Retry, self.recipe.retry),
            (Step::Lock | Step::Verify, _) if lease_gone => self.session_expired(ctx),
            (Step::Lock, KvResult::Txn { succeeded, responses, revision }) => {
                let mine =
                    if succeeded { Some(revision) } else { first_kv(&responses, 0).map(|kv| kv.create_revision) };
                let owner = first_kv(&responses, 1);
                let Some(my_rev) = mine else { return self.session_expired(ctx) };
                self.session().my_rev = my_rev;
                self.created = Some(my_rev);
                match owner {
                    Some(o) if o.create_revision == my_rev => self.etcd_granted(ctx),
                    Some(o) if self.session().herd => {
                        self.wasted += 1;
                        self.watch(o.key, revision + 1, ctx);
                    }
                    _ => {
                        self.wasted += 1;
                        self.ask_predecessor(ctx);
                    }
                }
            }
            (Step::Predecessor, KvResult::Txn { responses, revision, .. }) => match first_kv(&responses, 0) {
                Some(kv) => self.watch(kv.key, revision + 1, ctx),
                None => {
                    let key = self.session().key.clone().unwrap_or_default();
                    self.txn(Step::Verify, Txn { success: vec![TxnOp::get(&key)], ..Txn::default() }, ctx);
                }
            },
            (Step::Verify, KvResult::Txn { responses, .. }) => match first_kv(&responses, 0) {
                Some(_) => self.etcd_granted(ctx),
                None => self.session_expired(ctx),
            },
            (Step::Unlock, _) => {
                self.session().key = None;
                if self.phase == Phase::Releasing {
                    self.rest(ctx);
                }
            }
            _ => ctx.set_timer(LockTimer::Retry, self.recipe.retry),
        }
    }

    fn etcd_granted(&mut self, ctx: &mut Ctx<LockNode>) {
        let my_rev = self.session().my_rev;
        // The key's create revision grows with every write to etcd: a fencing token.
        self.fence = self.recipe.fencing.then_some(my_rev);
        self.granted(ctx);
    }

    /// `waitDeletes`: find the last key created before ours.
    fn ask_predecessor(&mut self, ctx: &mut Ctx<LockNode>) {
        let my_rev = self.session().my_rev;
        let range = TxnOp::Range {
            key: lock_prefix(self.segment),
            prefix: true,
            order: CreateOrder::Descend,
            limit: 1,
            max_create_revision: my_rev.saturating_sub(1).max(1),
        };
        self.txn(Step::Predecessor, Txn { success: vec![range], ..Txn::default() }, ctx);
    }

    /// Wait for `key`'s deletion, watching from revision `start` on.
    fn watch(&mut self, key: String, start: u64, ctx: &mut Ctx<LockNode>) {
        self.phase = Phase::Watching;
        let s = self.session();
        s.watch_id += 1;
        s.waits_on = Some(key);
        s.watch_start = start;
        self.register_watch(ctx);
    }

    fn register_watch(&mut self, ctx: &mut Ctx<LockNode>) {
        let to = self.endpoint();
        let s = self.session();
        let Some(key) = s.waits_on.clone() else { return };
        s.watch_member = Some(to);
        let request = EtcdRequest::Watch { id: s.watch_id, key, prefix: false, start_revision: s.watch_start };
        self.sent += 1;
        ctx.send(to, LockMessage::Etcd { req: 0, client: 0, seq: 0, request });
    }

    fn cancel_watch(&mut self, ctx: &mut Ctx<LockNode>) {
        let s = self.session();
        s.waits_on = None;
        if let Some(member) = s.watch_member.take() {
            let request = EtcdRequest::WatchCancel { id: s.watch_id };
            self.sent += 1;
            ctx.send(member, LockMessage::Etcd { req: 0, client: 0, seq: 0, request });
        }
    }

    /// A watch response: on our awaited key's deletion, look again.
    pub fn on_etcd_watch(&mut self, id: u64, events: &[MvccEvent], compacted: bool, ctx: &mut Ctx<LockNode>) {
        let (current, waits_on) = (self.session().watch_id, self.session().waits_on.clone());
        if id != current || self.phase != Phase::Watching {
            return;
        }
        let deleted = events.iter().any(|e| e.kind == EventKind::Delete && Some(&e.kv.key) == waits_on.as_ref());
        if !deleted && !compacted {
            return;
        }
        self.notified += 1;
        self.cancel_watch(ctx);
        self.phase = Phase::Acquiring;
        if self.session().herd {
            self.etcd_acquire(ctx); // everyone retries the transaction; one wins
        } else {
            self.ask_predecessor(ctx);
        }
    }

    /// Use `leader` if it is one of our endpoints, else the next endpoint; a watch moves along.
    fn switch_endpoint(&mut self, leader: Option<NodeId>, ctx: &mut Ctx<LockNode>) {
        match leader.and_then(|l| self.instances.iter().position(|&n| n == l)) {
            Some(i) if i != self.primary => self.primary = i,
            _ => self.fail_over(),
        }
        let endpoint = self.endpoint();
        if self.phase == Phase::Watching && self.session().watch_member != Some(endpoint) {
            self.cancel_watch_only(ctx);
            self.register_watch(ctx);
        }
    }

    fn cancel_watch_only(&mut self, ctx: &mut Ctx<LockNode>) {
        let waits_on = self.session().waits_on.clone();
        self.cancel_watch(ctx);
        self.session().waits_on = waits_on;
    }

    fn send_keep_alive(&mut self, ctx: &mut Ctx<LockNode>) {
        let Some(id) = self.session().lease else { return };
        self.session().keepalive_pending = true;
        self.sent += 1;
        ctx.send(
            self.endpoint(),
            LockMessage::Etcd { req: 0, client: 0, seq: 0, request: EtcdRequest::LeaseKeepAlive { id } },
        );
    }

    /// etcd's timers: keepalives, request timeouts, retries.
    pub(super) fn etcd_timer(&mut self, timer: LockTimer, ctx: &mut Ctx<LockNode>) -> bool {
        match timer {
            LockTimer::KeepAlive => {
                if self.session().lease.is_none() {
                    return true;
                }
                if self.session().keepalive_pending {
                    self.switch_endpoint(None, ctx); // the last keepalive went unanswered
                }
                self.send_keep_alive(ctx);
                // clientv3 sends again every 500 ms until a keepalive is answered.
                ctx.set_timer(LockTimer::KeepAlive, KEEPALIVE_RETRY);
            }
            LockTimer::RequestTimeout => {
                self.switch_endpoint(None, ctx);
                self.etcd_resend(ctx);
            }
            LockTimer::Retry if self.session().outstanding.is_some() => self.etcd_resend(ctx),
            _ => return false,
        }
        true
    }
}

/// The Mutex's transaction: if our key does not exist, put it on our lease; else read it; either
/// way read the prefix's first-created key (the holder).
pub fn lock_txn(prefix: &str, key: &str, lease: LeaseId) -> Txn {
    let owner =
        TxnOp::Range { key: prefix.into(), prefix: true, order: CreateOrder::Ascend, limit: 1, max_create_revision: 0 };
    Txn {
        compare: vec![Compare::CreateRevision { key: key.into(), equals: 0 }],
        success: vec![TxnOp::Put { key: key.into(), value: String::new(), lease }, owner.clone()],
        failure: vec![TxnOp::get(key), owner],
    }
}

/// The first key of the `i`th response, if it is a range with one.
fn first_kv(responses: &[TxnResponse], i: usize) -> Option<KeyValue> {
    match responses.get(i) {
        Some(TxnResponse::Range { kvs }) => kvs.first().cloned(),
        _ => None,
    }
}
