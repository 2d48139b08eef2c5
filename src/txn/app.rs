//! The application: starts global transactions at the TX Manager at its rate (the payment: create
//! the order, debit the account, deduct the stock; or the transfer), and hears their outcome. Under
//! the message patterns it asks the producer (bank 1) instead, which answers once its local
//! transaction committed or failed.

use super::{AppTimer, ManagerMsg, ProducerMsg, TxnConfig, TxnMessage, TxnNode, TxnTimer, MANAGER, PRODUCER};
use crate::sim::{Ctx, SimTime};

/// An application node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct App {
    /// Transactions still to start on its own.
    pub remaining: u32,
    /// Time between two starts.
    pub interval: SimTime,
    /// Money each transaction moves.
    pub amount: i64,
    /// Items each transaction buys.
    pub quantity: i64,
    /// Requests sent so far.
    pub sent: u64,
    /// Transactions the manager answered as succeeded.
    pub succeeded: u64,
    /// Transactions the manager answered as failed.
    pub failed: u64,
    /// Whether requests go to the producer (message patterns) rather than the TX Manager.
    pub to_producer: bool,
}

impl App {
    /// An application that will start the configured transactions, one every `interval`.
    pub fn boot(config: &TxnConfig, ctx: &mut Ctx<TxnNode>) -> Self {
        let (remaining, interval) = (config.transactions, config.interval);
        if remaining > 0 {
            ctx.set_timer(TxnTimer::App(AppTimer::Next), interval);
        }
        let (amount, quantity, to_producer) = (config.amount, config.quantity, config.pattern.by_message());
        Self { remaining, interval, amount, quantity, sent: 0, succeeded: 0, failed: 0, to_producer }
    }

    /// Ask the manager (or the producer) for a global transaction.
    pub fn pay(&mut self, amount: i64, quantity: i64, ctx: &mut Ctx<TxnNode>) {
        self.sent += 1;
        let req = self.sent;
        if self.to_producer {
            ctx.send(PRODUCER, TxnMessage::ToProducer(ProducerMsg::Begin { req, amount }));
        } else {
            ctx.send(MANAGER, TxnMessage::ToManager(ManagerMsg::Begin { req, amount, quantity }));
        }
    }

    /// Time for the next transaction.
    pub fn on_next(&mut self, ctx: &mut Ctx<TxnNode>) {
        if self.remaining == 0 {
            return;
        }
        self.remaining -= 1;
        self.pay(self.amount, self.quantity, ctx);
        if self.remaining > 0 {
            ctx.set_timer(TxnTimer::App(AppTimer::Next), self.interval);
        }
    }

    /// The manager's answer.
    pub fn on_done(&mut self, committed: bool) {
        if committed {
            self.succeeded += 1;
        } else {
            self.failed += 1;
        }
    }
}
