//! The consumer (bank 2) of both message patterns: it applies a delivered message in one local
//! transaction of its own (credit B), with the message's id in its processed-message table when
//! it is idempotent, and answers: CONSUME_SUCCESS or RECONSUME_LATER to the broker, an
//! acknowledgement to the local message table's relay. At-least-once delivery means a message can
//! come twice; without the processed table it is applied twice.

use super::db::{Applied, Change, Counter, Gid, Op};
use super::service::Participant;
use super::{BrokerMsg, Pattern, ProducerMsg, TxnEvent, TxnMessage, TxnNode};
use crate::sim::{Ctx, NodeId};

impl Participant {
    /// The listener throws after its local transaction for the next `times` deliveries.
    pub fn fail_consume(&mut self, times: u32) {
        self.messaging.fail_next = times;
    }

    /// Message `gid` is delivered: apply it once (idempotent) or every time, then answer (a
    /// failure to come throws at the listener's end, whether it applied or skipped).
    pub fn on_deliver(&mut self, from: NodeId, gid: Gid, amount: i64, ctx: &mut Ctx<TxnNode>) {
        let idempotent = self.messaging.idempotent;
        if idempotent && self.db.processed.contains(&gid) {
            self.commit(vec![Change::Count(Counter::Duplicate)], ctx);
            ctx.emit(TxnEvent::Skipped { gid, op: Op::Credit });
        } else {
            let mut changes = vec![
                Change::Holding { available: amount, frozen: 0 },
                Change::Ledger(Applied { gid, op: Op::Credit, amount }),
            ];
            if idempotent {
                changes.push(Change::Processed { gid });
            }
            self.commit(changes, ctx);
            ctx.emit(TxnEvent::Consumed { gid });
        }
        if self.messaging.fail_next > 0 {
            self.messaging.fail_next -= 1;
            ctx.emit(TxnEvent::ConsumeFailed { gid });
            self.answer(from, gid, false, ctx);
        } else {
            self.answer(from, gid, true, ctx);
        }
    }

    /// Answer a delivery: to the broker, or (only on success) to the relay.
    fn answer(&self, to: NodeId, gid: Gid, ok: bool, ctx: &mut Ctx<TxnNode>) {
        match self.messaging.pattern {
            Pattern::TxMessage => ctx.send(to, TxnMessage::ToBroker(BrokerMsg::ConsumeResult { gid, ok })),
            _ if ok => ctx.send(to, TxnMessage::ToProducer(ProducerMsg::Ack { gid })),
            _ => {}
        }
    }
}
