//! Meituan Leaf's segment mode: an ID server takes a range of IDs from the database's
//! `leaf_alloc` row and hands them out from memory. With the double buffer the next range is
//! fetched once 10 % of the current one is used, so requests never wait on the database while
//! ranges last. A crashed server loses the rest of its ranges (gaps, never duplicates).

use std::rc::Rc;

use super::database::{DbOp, DbReply};
use super::log::IssueLog;
use super::{IdBug, IdConfig, IdEvent, IdMessage, IdNode, IdTimer};
use crate::sim::{Ctx, NodeId};

/// Most requests a server queues while it has no range; beyond, it answers `Unavailable`.
const MAX_WAITING: usize = 10_000;

/// Segment-server timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SegmentTimer {
    /// The database did not answer the fetch in time.
    FetchTimeout,
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
}

/// A Leaf-segment ID server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentServer {
    /// The database holding `leaf_alloc`.
    pub db: NodeId,
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
    /// Boot and fetch the first range at once.
    pub fn boot(cfg: Rc<IdConfig>, db: NodeId, ctx: &mut Ctx<IdNode>) -> Self {
        let mut server = Self {
            db,
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
        ctx.send(self.db, IdMessage::Db { req: self.next_req, op });
        ctx.set_timer(IdTimer::Segment(SegmentTimer::FetchTimeout), self.cfg.request_timeout);
        self.next_req
    }

    fn start_fetch(&mut self, ctx: &mut Ctx<IdNode>) {
        if self.fetch.is_none() {
            let op = if self.cfg.has(IdBug::NonAtomicSegment) { DbOp::SegmentRead } else { DbOp::SegmentUpdate };
            let req = self.ask(op, ctx);
            self.fetch = Some(Fetch::Asked { req });
        }
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
        self.fetch = None;
        ctx.cancel_timer(IdTimer::Segment(SegmentTimer::FetchTimeout));
        ctx.emit(IdEvent::SegmentFetched { start: range.start, end: range.end });
        if self.current.is_none_or(|r| r.exhausted()) {
            self.current = Some(range);
        } else {
            self.next = Some(range);
        }
        self.serve(ctx);
    }

    /// The fetch timed out: forget it and try again if a range is still needed.
    pub fn on_timer(&mut self, _timer: SegmentTimer, ctx: &mut Ctx<IdNode>) {
        self.fetch = None;
        self.serve(ctx);
    }
}
