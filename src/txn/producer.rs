//! RocketMQ's transactional producer (bank 1), its `TransactionListener`: it sends the half
//! message and waits for SEND_OK (at most `sendMsgTimeout`); then `executeLocalTransaction` debits
//! A together with a record of the transaction in one local transaction, and answers the broker
//! COMMIT_MESSAGE, or ROLLBACK_MESSAGE when the money is missing. `checkLocalTransaction` answers a
//! check-back from that record: COMMIT_MESSAGE if it is there, UNKNOW while the send is still
//! waiting for its answer, ROLLBACK_MESSAGE otherwise. A half message answered after its send
//! timed out is never executed, so a rollback answered by a check cannot be followed by a debit.

use super::broker::LocalTransactionState;
use super::db::{Applied, Change, Gid, Op};
use super::service::Participant;
use super::{AppMsg, BrokerMsg, ProducerTimer, Request, TxnEvent, TxnMessage, TxnNode, TxnTimer, BROKER, NO_GID};
use crate::sim::{Ctx, NodeId};

impl Participant {
    /// The application asks for a transfer: send the half message.
    pub fn send_half(&mut self, request: Request, amount: i64, ctx: &mut Ctx<TxnNode>) {
        self.messaging.awaiting.insert(request, amount);
        ctx.send(BROKER, TxnMessage::ToBroker(BrokerMsg::SendHalf { request, amount }));
        ctx.set_timer(TxnTimer::Producer(ProducerTimer::SendTimeout(request)), self.messaging.send_timeout);
    }

    /// The half message is stored (SEND_OK): run the local transaction and send its outcome.
    /// A repeated SEND_OK of a message already executed is ignored, even when the application's
    /// request came again (a duplicated Begin is a new half message, with its own id).
    pub fn execute_local_transaction(&mut self, broker: NodeId, request: Request, gid: Gid, ctx: &mut Ctx<TxnNode>) {
        if self.db.records.contains_key(&gid) {
            return;
        }
        let Some(amount) = self.messaging.awaiting.remove(&request) else { return };
        ctx.cancel_timer(TxnTimer::Producer(ProducerTimer::SendTimeout(request)));
        let committed = self.db.holding.available >= amount;
        let state = if committed {
            let changes = vec![
                Change::Holding { available: -amount, frozen: 0 },
                Change::Ledger(Applied { gid, op: Op::Debit, amount }),
                Change::Record { gid, op: Op::Debit },
            ];
            self.commit(changes, ctx);
            ctx.emit(TxnEvent::LocalCommitted { gid });
            LocalTransactionState::CommitMessage
        } else {
            ctx.emit(TxnEvent::LocalRolledBack { gid: Some(gid) });
            LocalTransactionState::RollbackMessage
        };
        ctx.send(broker, TxnMessage::ToBroker(BrokerMsg::EndTransaction { gid, state, from_check: false }));
        let done = AppMsg::Done { req: request.req, gid, committed };
        ctx.send(request.client, TxnMessage::ToApp(done));
    }

    /// The broker asks what became of the local transaction of message `gid`.
    pub fn check_local_transaction(&mut self, broker: NodeId, request: Request, gid: Gid, ctx: &mut Ctx<TxnNode>) {
        let state = if self.db.records.contains_key(&gid) {
            LocalTransactionState::CommitMessage
        } else if self.messaging.awaiting.contains_key(&request) {
            LocalTransactionState::Unknow
        } else {
            LocalTransactionState::RollbackMessage
        };
        ctx.send(broker, TxnMessage::ToBroker(BrokerMsg::EndTransaction { gid, state, from_check: true }));
    }

    /// No SEND_OK within `sendMsgTimeout`: the send failed, the application hears so, and a late
    /// SEND_OK will not run the local transaction.
    pub fn on_send_timeout(&mut self, request: Request, ctx: &mut Ctx<TxnNode>) {
        if self.messaging.awaiting.remove(&request).is_some() {
            ctx.emit(TxnEvent::LocalRolledBack { gid: None });
            let done = AppMsg::Done { req: request.req, gid: NO_GID, committed: false };
            ctx.send(request.client, TxnMessage::ToApp(done));
        }
    }
}
