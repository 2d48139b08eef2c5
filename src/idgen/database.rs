//! A MySQL-like database holding the tables ID generators use: a ticket table with
//! `auto_increment_increment` and `auto_increment_offset` (Flickr), Leaf's `leaf_alloc` row, and
//! uid-generator's `WORKER_NODE` table. Every committed change is durable.

use super::log::IssueLog;
use super::{IdMessage, IdNode, IdWrite};
use crate::sim::{Ctx, NodeId};

/// What a database is asked.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DbOp {
    /// `REPLACE INTO tickets (stub) VALUES ('a'); SELECT LAST_INSERT_ID();`
    NextId,
    /// Leaf: `UPDATE leaf_alloc SET max_id = max_id + step; SELECT max_id, step` in one transaction.
    SegmentUpdate,
    /// Bug: `SELECT max_id, step FROM leaf_alloc` on its own...
    SegmentRead,
    /// ...then `UPDATE leaf_alloc SET max_id = ?` with the value computed by the caller.
    SegmentWrite { max_id: u64 },
    /// uid-generator: insert a `WORKER_NODE` row for `host` and return its auto-increment id.
    AssignWorker { host: NodeId },
}

/// A database's answer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DbReply {
    /// The ticket's auto-increment value.
    Id(u64),
    /// `leaf_alloc`'s `max_id` and `step` after the update (or as read).
    Segment { max_id: u64, step: u64 },
    /// The write was committed.
    Written,
    /// The new `WORKER_NODE` id.
    Worker(u64),
}

/// The tables, as on disk.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct DbTables {
    /// The ticket table's next auto-increment value.
    pub next_ticket: u64,
    /// `auto_increment_increment`.
    pub increment: u64,
    /// `leaf_alloc.max_id` (Leaf's sample row starts at 1).
    pub max_id: u64,
    /// `leaf_alloc.step`.
    pub step: u64,
    /// The `WORKER_NODE` table's next id.
    pub next_worker: u64,
}

impl DbTables {
    /// Fresh tables: tickets from `offset` by `increment`, `leaf_alloc` at 1 with `step`.
    pub fn new(offset: u64, increment: u64, step: u64) -> Self {
        Self { next_ticket: offset, increment, max_id: 1, step, next_worker: 1 }
    }
}

/// A database node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Database {
    /// The tables (every change persisted before the reply).
    pub tables: DbTables,
    /// IDs handed out.
    pub log: IssueLog,
}

impl Database {
    /// A database booted from its disk, or with fresh tables.
    pub fn boot(fresh: DbTables, disk: Option<&DbTables>) -> Self {
        Self { tables: disk.cloned().unwrap_or(fresh), log: IssueLog::default() }
    }

    /// Execute one statement and answer it.
    pub fn execute(&mut self, from: NodeId, req: u64, op: DbOp, ctx: &mut Ctx<IdNode>) {
        let writes = op != DbOp::SegmentRead;
        let t = &mut self.tables;
        let reply = match op {
            DbOp::NextId => {
                let id = t.next_ticket;
                t.next_ticket += t.increment;
                self.log.generated(u128::from(id), true);
                DbReply::Id(id)
            }
            DbOp::SegmentUpdate => {
                t.max_id += t.step;
                DbReply::Segment { max_id: t.max_id, step: t.step }
            }
            DbOp::SegmentRead => DbReply::Segment { max_id: t.max_id, step: t.step },
            DbOp::SegmentWrite { max_id } => {
                t.max_id = max_id;
                DbReply::Written
            }
            DbOp::AssignWorker { .. } => {
                t.next_worker += 1;
                DbReply::Worker(t.next_worker - 1)
            }
        };
        if writes {
            ctx.persist(IdWrite::Db(self.tables.clone()));
        }
        ctx.send(from, IdMessage::DbReply { req, reply });
    }
}
