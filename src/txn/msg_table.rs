//! eBay's local message table (BASE, "An ACID Alternative"; the course's 本地消息表), the sender's
//! side: the debit of A and a message row written in ONE local transaction; a relay that polls
//! the table every `relay_interval` and sends the rows it has not sent; a monitor that sends a
//! row again when no acknowledgement came within the retry policy's wait; and the row marked
//! acknowledged in a local transaction of its own. A request that timed out rather than failed
//! is sent again, so the receiver may see it twice: hence its processed-message table.

use super::db::{Applied, Change, Counter, Gid, Op, OutboxRow, OutboxStatus};
use super::service::Participant;
use super::{AppMsg, ConsumerMsg, ProducerTimer, TxnEvent, TxnMessage, TxnNode, TxnTimer, CONSUMER, NO_GID};
use crate::sim::{Ctx, NodeId};

impl Participant {
    /// The application asks for a transfer: debit A and write the message row together, or
    /// neither (not enough money); answer the application at once.
    pub fn begin_transfer(&mut self, client: NodeId, req: u64, amount: i64, ctx: &mut Ctx<TxnNode>) {
        let gid = self.db.outbox.end();
        let committed = self.db.holding.available >= amount;
        if committed {
            let row = OutboxRow { amount, status: OutboxStatus::Pending };
            let changes = vec![
                Change::Holding { available: -amount, frozen: 0 },
                Change::Ledger(Applied { gid, op: Op::Debit, amount }),
                Change::Outbox { gid, row },
            ];
            self.commit(changes, ctx);
            ctx.emit(TxnEvent::LocalCommitted { gid });
        } else {
            ctx.emit(TxnEvent::LocalRolledBack { gid: None });
        }
        let gid = if committed { gid } else { NO_GID };
        ctx.send(client, TxnMessage::ToApp(AppMsg::Done { req, gid, committed }));
    }

    fn send_row(&self, gid: Gid, ctx: &mut Ctx<TxnNode>) {
        if let Some(row) = self.db.outbox.get(&gid) {
            ctx.send(CONSUMER, TxnMessage::ToConsumer(ConsumerMsg::Deliver { gid, amount: row.amount }));
        }
    }

    /// The relay's poll: send every pending row not sent in this life.
    pub fn on_relay(&mut self, ctx: &mut Ctx<TxnNode>) {
        let now = ctx.now();
        let fresh: Vec<Gid> =
            self.db.outbox_pending.iter().copied().filter(|g| !self.messaging.in_flight.contains_key(g)).collect();
        for gid in fresh {
            self.send_row(gid, ctx);
            self.messaging.in_flight.insert(gid, (now, 1));
        }
        ctx.set_timer(TxnTimer::Producer(ProducerTimer::Relay), self.messaging.relay_interval);
    }

    /// The monitor: send again every row sent and not acknowledged within the policy's wait.
    pub fn on_monitor(&mut self, ctx: &mut Ctx<TxnNode>) {
        let now = ctx.now();
        let m = &self.messaging;
        let due: Vec<(Gid, u32)> = m
            .in_flight
            .iter()
            .filter(|(_, &(last, sends))| {
                now.saturating_sub(last) >= m.retry_policy.wait(sends - 1, m.retry_base, m.retry_max)
            })
            .map(|(&g, &(_, sends))| (g, sends))
            .collect();
        for (gid, sends) in due {
            self.send_row(gid, ctx);
            self.messaging.in_flight.insert(gid, (now, sends + 1));
            self.commit(vec![Change::Count(Counter::Resent)], ctx);
            ctx.emit(TxnEvent::Resent { gid, attempt: sends });
        }
        ctx.set_timer(TxnTimer::Producer(ProducerTimer::Monitor), self.messaging.monitor_interval);
    }

    /// The receiver acknowledged row `gid`: mark it in a local transaction.
    pub fn on_ack(&mut self, gid: Gid, ctx: &mut Ctx<TxnNode>) {
        self.messaging.in_flight.remove(&gid);
        let Some(row) = self.db.outbox.get(&gid).copied() else { return };
        if row.status == OutboxStatus::Pending {
            self.commit(vec![Change::Outbox { gid, row: OutboxRow { status: OutboxStatus::Acked, ..row } }], ctx);
            ctx.emit(TxnEvent::Acked { gid });
        }
    }
}
