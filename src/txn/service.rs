//! A participant service (order, account, stock; bank 1, bank 2): it answers the manager's branch
//! calls, each in one atomic local transaction of its database, behind its protection. Under the
//! message patterns bank 1 is the producer and bank 2 the consumer ([`Messaging`]).

use std::collections::{BTreeMap, BTreeSet};

use super::db::{Change, Counter, Db, Gid, Op, Service};
use super::guard::{Protection, Verdict};
use super::messaging::Messaging;
use super::{BranchCall, BranchReply, ManagerMsg, TxnConfig, TxnEvent, TxnMessage, TxnNode, TxnWrite};
use crate::sim::{Ctx, NodeId};

/// Most Saga forward steps remembered for dirty-read counting.
const OPEN_ACTIONS: usize = 32;

/// A participant: its kind, its protection, its database (a copy of what is on disk).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    /// Which service it is.
    pub service: Service,
    /// Its protection.
    pub protection: Protection,
    /// Its local database, as committed.
    pub db: Db,
    /// Saga: forward steps applied here and not compensated, with the transactions that read the
    /// balance since (volatile: only for counting dirty reads).
    pub open_actions: BTreeMap<Gid, BTreeSet<Gid>>,
    /// The message patterns' settings and volatile state (idle under TCC, Saga and XA).
    pub messaging: Messaging,
}

impl Participant {
    /// A participant booted from its disk (or fresh, holding its initial amount, in its first life).
    pub fn boot(service: Service, config: &TxnConfig, disk: Option<&Db>, ctx: &mut Ctx<TxnNode>) -> Self {
        let db = match disk {
            Some(db) => db.clone(),
            None => {
                let db = Db::new(config.initial(service));
                ctx.persist(TxnWrite::Init(Box::new(db.clone())));
                db
            }
        };
        let messaging = Messaging::boot(config, ctx);
        Self { service, protection: config.protection, db, open_actions: BTreeMap::new(), messaging }
    }

    /// Run one local transaction: apply and persist it.
    pub(super) fn commit(&mut self, changes: Vec<Change>, ctx: &mut Ctx<TxnNode>) {
        if !changes.is_empty() {
            self.db.commit(&changes);
            ctx.persist(TxnWrite::Local(changes));
        }
    }

    /// Answer a branch call from the manager.
    pub fn on_call(&mut self, from: NodeId, call: BranchCall, ctx: &mut Ctx<TxnNode>) {
        let BranchCall { gid, branch, op, amount } = call;
        let dirty = self.note_read(gid, op);
        let ok = match self.protection.admit(&self.db, gid, op) {
            Verdict::Apply(mut rows) => match self.db.business(self.service, gid, op, amount) {
                Some(change) => {
                    rows.extend(change);
                    rows.extend(self.dirty_reads(gid, op, ctx));
                    self.commit(rows, ctx);
                    if dirty {
                        self.open_actions.entry(gid).or_default();
                    }
                    ctx.emit(TxnEvent::Applied { gid, op });
                    true
                }
                None => {
                    ctx.emit(TxnEvent::Refused { gid, op });
                    false
                }
            },
            Verdict::Skip(rows) => {
                if !rows.iter().any(|r| matches!(r, Change::Count(_))) {
                    ctx.emit(TxnEvent::Skipped { gid, op });
                }
                self.emit_caught(gid, op, &rows, ctx);
                self.commit(rows, ctx);
                true
            }
            Verdict::Refuse(rows) => {
                self.emit_caught(gid, op, &rows, ctx);
                self.commit(rows, ctx);
                ctx.emit(TxnEvent::Refused { gid, op });
                false
            }
        };
        ctx.send(from, TxnMessage::ToManager(ManagerMsg::Reply(BranchReply { gid, branch, op, ok })));
    }

    fn emit_caught(&self, gid: Gid, op: Op, rows: &[Change], ctx: &mut Ctx<TxnNode>) {
        for row in rows {
            match row {
                Change::Count(Counter::EmptyRollback) => ctx.emit(TxnEvent::EmptyRollbackCaught { gid }),
                Change::Count(Counter::Hanging) => ctx.emit(TxnEvent::HangingCaught { gid }),
                Change::Count(Counter::Duplicate) => ctx.emit(TxnEvent::Skipped { gid, op }),
                _ => {}
            }
        }
    }

    /// Saga's missing isolation: a forward step on a debited holding reads the balance; note the
    /// read against every other uncompensated forward step. True if this step opens one.
    fn note_read(&mut self, gid: Gid, op: Op) -> bool {
        if op != Op::Action || !self.service.has_holding() || self.service.is_credit() {
            return false;
        }
        for (other, readers) in self.open_actions.iter_mut() {
            if *other != gid {
                readers.insert(gid);
            }
        }
        while self.open_actions.len() >= OPEN_ACTIONS {
            self.open_actions.pop_first();
        }
        true
    }

    /// A compensation restores a balance others read meanwhile: count those dirty reads.
    fn dirty_reads(&mut self, gid: Gid, op: Op, ctx: &mut Ctx<TxnNode>) -> Option<Change> {
        if op != Op::Compensate {
            return None;
        }
        let readers = self.open_actions.remove(&gid).filter(|r| !r.is_empty())?;
        ctx.emit(TxnEvent::DirtyRead { gid, readers: readers.iter().copied().collect() });
        Some(Change::Count(Counter::DirtyReads(readers.len() as u64)))
    }
}
