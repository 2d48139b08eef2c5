//! Meituan Leaf's segment mode: an ID server takes a range of IDs from the database's
//! `leaf_alloc` row and hands them out from memory. With the double buffer the next range is
//! fetched once 10 % of the current one is used, so requests never wait on the database while
//! ranges last. A crashed server loses the rest of its ranges (gaps, never duplicates). The
//! ranges come from a database's `leaf_alloc` row, or from a store replicated by Raft through a
//! compare-and-set of `max_id` ([`super::raft_store`]).

use std::rc::Rc;

use super::database::{DbOp, DbReply};
use super::log::IssueLog;
use super::raft_store::{CasAnswer, StoreClient};
use super::{IdBug, IdConfig, IdEvent, IdMessage, IdNode, IdTimer};
use crate::sim::{ms, Ctx, NodeId, SimTime};

/// How long a server waits before asking the store again when no member knows a leader
/// (etcd clientv3's retry backoff, `defaultBackoffWaitBetween`: 25 ms).
pub const RETRY_BACKOFF: SimTime = ms(25);

/// Most requests a server queues while it has no range; beyond, it answers `Unavailable`.
const MAX_WAITING: usize = 10_000;

/// Segment-server timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SegmentTimer {
    /// The database (or the store member asked) did not answer the fetch in time.
    FetchTimeout,
    /// Time to ask the store again after a member knew no leader.
    Retry,
}

/// A segment server's answer to an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SegmentAnswer {
    /// An ID.
    Id(u64),
    /// No range available (too many requests queued).
    Unavailable,
}

/// A range of IDs `start..end`, handed out from `next`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Range {
    /// First ID of the range.
    pub start: u64,
    /// Next ID to hand out.
    pub next: u64,
    /// One past the last ID.
    pub end: u64,
}

impl Range {
    fn used_tenth(&self) -> bool {
        (self.next - self.start) * 10 >= self.end - self.start
    }

    fn exhausted(&self) -> bool {
        self.next >= self.end
    }
}

/// Where a fetch stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Fetch {
    /// The atomic update (or, with the bug, the read) is out as request `req`.
    Asked { req: u64 },
    /// Bug: the read returned `max_id`; the write of `max_id + step` is out as request `req`.
    Writing { req: u64, read: u64, step: u64 },
    /// The compare-and-set of `max_id` is out to the Raft store, in the client's current slot.
    Cas,
}

/// Where a segment server takes its ranges from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Store {
    /// The database holding `leaf_alloc` (node id).
    Database(NodeId),
    /// The Raft-replicated store: a compare-and-set of `max_id` through the log.
    Raft(StoreClient),
}

/// A Leaf-segment ID server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentServer {
    /// Where ranges come from.
    pub store: Store,
    /// The range being handed out.
    pub current: Option<Range>,
    /// The next range (the double buffer's second half).
    pub next: Option<Range>,
    fetch: Option<Fetch>,
    /// Requests waiting for a range: (application, request).
    pub waiting: Vec<(NodeId, u64)>,
    next_req: u64,
    cfg: Rc<IdConfig>,
    /// IDs handed out and counters.
    pub log: IssueLog,
}

impl SegmentServer {
    /// Boot and fetch the first range at once from `store`.
    pub fn boot(cfg: Rc<IdConfig>, store: Store, ctx: &mut Ctx<IdNode>) -> Self {
        let mut server = Self {
            store,
            current: None,
            next: None,
            fetch: None,
            waiting: Vec::new(),
            next_req: 0,
            cfg,
            log: IssueLog::default(),
        };
        server.start_fetch(ctx);
        server
    }

    fn ask(&mut self, op: DbOp, ctx: &mut Ctx<IdNode>) -> u64 {
        self.next_req += 1;
        self.log.counters.round_trips += 1;
        if let Store::Database(db) = self.store {
            ctx.send(db, IdMessage::Db { req: self.next_req, op });
        }
        ctx.set_timer(IdTimer::Segment(SegmentTimer::FetchTimeout), self.cfg.request_timeout);
        self.next_req
    }

    /// Send the compare-and-set in flight (again) to the member the client asks now.
    fn send_cas(&mut self, ctx: &mut Ctx<IdNode>) {
        if let Store::Raft(client) = &self.store {
            self.log.counters.round_trips += 1;
            client.send(self.cfg.step, ctx);
            ctx.set_timer(IdTimer::Segment(SegmentTimer::FetchTimeout), self.cfg.request_timeout);
        }
    }

    fn start_fetch(&mut self, ctx: &mut Ctx<IdNode>) {
        if self.fetch.is_some() {
            return;
        }
        if let Store::Raft(client) = &mut self.store {
            client.begin();
            self.fetch = Some(Fetch::Cas);
            self.send_cas(ctx);
            return;
        }
        let op = if self.cfg.has(IdBug::NonAtomicSegment) { DbOp::SegmentRead } else { DbOp::SegmentUpdate };
        let req = self.ask(op, ctx);
        self.fetch = Some(Fetch::Asked { req });
    }

    /// An application asks for an ID.
    pub fn get(&mut self, from: NodeId, req: u64, ctx: &mut Ctx<IdNode>) {
        if self.waiting.len() >= MAX_WAITING {
            ctx.send(from, IdMessage::GetReply { req, reply: SegmentAnswer::Unavailable });
            return;
        }
        self.waiting.push((from, req));
        self.serve(ctx);
    }

    /// Answer waiting requests from the ranges, switching buffers and fetching as Leaf does.
    fn serve(&mut self, ctx: &mut Ctx<IdNode>) {
        let mut served = 0;
        while served < self.waiting.len() {
            if self.current.is_none_or(|r| r.exhausted()) {
                self.current = self.next.take();
            }
            let Some(range) = self.current.as_mut().filter(|r| !r.exhausted()) else { break };
            let id = range.next;
            range.next += 1;
            let (app, req) = self.waiting[served];
            served += 1;
            self.log.generated(u128::from(id), true);
            ctx.send(app, IdMessage::GetReply { req, reply: SegmentAnswer::Id(id) });
        }
        self.waiting.drain(..served);
        let double_buffer = !self.cfg.has(IdBug::NoDoubleBuffer);
        let need = match self.current {
            None => true,
            Some(r) if r.exhausted() => self.next.is_none(),
            Some(r) => double_buffer && r.used_tenth() && self.next.is_none(),
        };
        if need {
            self.start_fetch(ctx);
        }
    }

    /// The database answered.
    pub fn on_db_reply(&mut self, req: u64, reply: DbReply, ctx: &mut Ctx<IdNode>) {
        let range = match (self.fetch, reply) {
            (Some(Fetch::Asked { req: r }), DbReply::Segment { max_id, step }) if r == req => {
                if self.cfg.has(IdBug::NonAtomicSegment) {
                    let req = self.ask(DbOp::SegmentWrite { max_id: max_id + step }, ctx);
                    self.fetch = Some(Fetch::Writing { req, read: max_id, step });
                    return;
                }
                Range { start: max_id - step, next: max_id - step, end: max_id }
            }
            (Some(Fetch::Writing { req: r, read, step }), DbReply::Written) if r == req => {
                Range { start: read, next: read, end: read + step }
            }
            _ => return,
        };
        self.fetched(range, ctx);
    }

    /// A store member answered the compare-and-set of slot `seq`: a segment, a newer `max_id` to
    /// try again from, or another member to ask.
    pub fn on_cas_reply(&mut self, seq: u64, answer: CasAnswer, ctx: &mut Ctx<IdNode>) {
        let step = self.cfg.step;
        let Store::Raft(client) = &mut self.store else { return };
        if self.fetch != Some(Fetch::Cas) || seq != client.seq {
            return;
        }
        match answer {
            CasAnswer::Swapped => {
                let (start, end) = client.segment(step);
                client.known = Some(end);
                self.fetched(Range { start, next: start, end }, ctx);
                return;
            }
            CasAnswer::Found(found) => {
                client.known = found;
                client.begin();
            }
            CasAnswer::Superseded => client.begin(),
            CasAnswer::NotLeader(Some(leader)) if leader != client.endpoint => client.redirect(Some(leader)),
            CasAnswer::NotLeader(_) => {
                client.redirect(None);
                ctx.cancel_timer(IdTimer::Segment(SegmentTimer::FetchTimeout));
                ctx.set_timer(IdTimer::Segment(SegmentTimer::Retry), RETRY_BACKOFF);
                return;
            }
        }
        self.send_cas(ctx);
    }

    /// A range arrived: it becomes the current one, or waits as the next.
    fn fetched(&mut self, range: Range, ctx: &mut Ctx<IdNode>) {
        self.fetch = None;
        ctx.cancel_timer(IdTimer::Segment(SegmentTimer::FetchTimeout));
        ctx.cancel_timer(IdTimer::Segment(SegmentTimer::Retry));
        ctx.emit(IdEvent::SegmentFetched { start: range.start, end: range.end });
        if self.current.is_none_or(|r| r.exhausted()) {
            self.current = Some(range);
        } else {
            self.next = Some(range);
        }
        self.serve(ctx);
    }

    /// The fetch timed out: a database fetch is forgotten and tried again if a range is still
    /// needed; a compare-and-set is sent again, in the same slot, to the next member.
    pub fn on_timer(&mut self, timer: SegmentTimer, ctx: &mut Ctx<IdNode>) {
        if let (Some(Fetch::Cas), Store::Raft(client)) = (self.fetch, &mut self.store) {
            if timer == SegmentTimer::FetchTimeout {
                client.redirect(None);
            }
            return self.send_cas(ctx);
        }
        if timer == SegmentTimer::Retry {
            return;
        }
        self.fetch = None;
        self.serve(ctx);
    }
}
