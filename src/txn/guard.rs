//! The protections a branch puts in front of its business change, each deciding from the local
//! database whether a call is applied, skipped (answered without effect) or refused. Their rows are
//! written in the same local transaction as the business change, so a crash keeps both or neither.

use serde::{Deserialize, Serialize};

use super::db::{Change, Counter, Db, FenceState, Gid, Op, Stage, XaState};

/// How a TCC or Saga branch protects itself against empty rollback, hanging and repeated calls.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Protection {
    /// Nothing: every call is applied as it comes (the bug toggle).
    None,
    /// A hand-written status row: Confirm and Cancel act only on a tried branch (idempotent, safe
    /// against empty rollback), but a Try after its Cancel still freezes (hanging).
    TryRecord,
    /// DTM's sub-transaction barrier: a (gid, branch, op) table; Cancel first inserts the Try key.
    #[default]
    Barrier,
    /// Seata's TCC fence: one log row per branch (tried, committed, rolled back, suspended).
    Fence,
}

/// What a guard decided, with the rows to write in the call's local transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Apply the business change together with these rows.
    Apply(Vec<Change>),
    /// Answer success without a business change; write these rows.
    Skip(Vec<Change>),
    /// Answer failure without a business change; write these rows.
    Refuse(Vec<Change>),
}

impl Protection {
    /// Decide what to do with `op` for branch `gid` of this service. XA calls are guarded by the
    /// resource manager's own XA state whatever the protection.
    pub fn admit(self, db: &Db, gid: Gid, op: Op) -> Verdict {
        if op.first() == Op::Prepare {
            return xa(db, gid, op);
        }
        match self {
            Protection::None => Verdict::Apply(Vec::new()),
            Protection::TryRecord => try_record(db, gid, op),
            Protection::Barrier => barrier(db, gid, op),
            Protection::Fence => fence(db, gid, op),
        }
    }
}

fn count(counter: Counter, mut rows: Vec<Change>) -> Vec<Change> {
    rows.push(Change::Count(counter));
    rows
}

/// DTM: insert the op's key (a duplicate finds it already there); an undo also inserts its first
/// call's key, and if that insert succeeds the first call never ran: an empty rollback, skipped,
/// and the key now refuses the late first call (hanging).
fn barrier(db: &Db, gid: Gid, op: Op) -> Verdict {
    let has = |op| db.barrier.contains(&(gid, op));
    let key = Change::Barrier { gid, op };
    match op.stage() {
        Stage::First if has(op) => {
            let undone = db.barrier.iter().any(|&(g, o)| g == gid && o.stage() == Stage::Undo);
            if undone {
                Verdict::Refuse(count(Counter::Hanging, Vec::new()))
            } else {
                Verdict::Skip(count(Counter::Duplicate, Vec::new()))
            }
        }
        Stage::Finish | Stage::Undo if has(op) => Verdict::Skip(count(Counter::Duplicate, Vec::new())),
        Stage::Undo if !has(op.first()) => {
            Verdict::Skip(count(Counter::EmptyRollback, vec![key, Change::Barrier { gid, op: op.first() }]))
        }
        _ => Verdict::Apply(vec![key]),
    }
}

/// Seata: the fence row says where the branch stands.
fn fence(db: &Db, gid: Gid, op: Op) -> Verdict {
    let set = |state| vec![Change::Fence { gid, state }];
    let dup = || Verdict::Skip(count(Counter::Duplicate, Vec::new()));
    match (op.stage(), db.fence.get(&gid)) {
        (Stage::First, None) => Verdict::Apply(set(FenceState::Tried)),
        (Stage::First, Some(FenceState::Suspended)) => Verdict::Refuse(count(Counter::Hanging, Vec::new())),
        (Stage::First, Some(_)) => dup(),
        (Stage::Finish, Some(FenceState::Tried)) => Verdict::Apply(set(FenceState::Committed)),
        (Stage::Finish, Some(FenceState::Committed)) => dup(),
        (Stage::Finish, _) => Verdict::Refuse(Vec::new()),
        (Stage::Undo, None) => Verdict::Skip(count(Counter::EmptyRollback, set(FenceState::Suspended))),
        (Stage::Undo, Some(FenceState::Tried)) => Verdict::Apply(set(FenceState::RolledBack)),
        (Stage::Undo, Some(_)) => dup(),
    }
}

/// The hand-written check: the status row must say "tried" for Confirm or Cancel to act. An
/// empty rollback leaves no row, so the late Try finds none and freezes.
fn try_record(db: &Db, gid: Gid, op: Op) -> Verdict {
    let set = vec![Change::Record { gid, op }];
    match (op.stage(), db.records.get(&gid)) {
        (Stage::First, None) => Verdict::Apply(set),
        (Stage::First, Some(_)) => Verdict::Skip(Vec::new()),
        (_, Some(last)) if last.stage() == Stage::First => Verdict::Apply(set),
        _ => Verdict::Skip(Vec::new()),
    }
}

/// XA: a prepare takes the row's lock (refused while another transaction holds it, or after its
/// xid ended); commit and rollback act on a prepared branch only, and end the xid.
fn xa(db: &Db, gid: Gid, op: Op) -> Verdict {
    let end = vec![Change::Xa { gid, state: XaState::Ended }];
    match (op.stage(), db.xa.get(&gid)) {
        (Stage::First, Some(XaState::Prepared)) => Verdict::Skip(count(Counter::Duplicate, Vec::new())),
        (Stage::First, Some(XaState::Ended)) => Verdict::Refuse(Vec::new()),
        (Stage::First, None) if db.lock_holder().is_some() => Verdict::Refuse(count(Counter::Blocked, Vec::new())),
        (Stage::First, None) => Verdict::Apply(vec![Change::Xa { gid, state: XaState::Prepared }]),
        (_, Some(XaState::Prepared)) => Verdict::Apply(end),
        _ => Verdict::Skip(end),
    }
}
