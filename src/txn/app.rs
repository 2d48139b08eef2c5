//! The application: starts global transactions at the TX Manager at its rate (the payment: create
//! the order, debit the account, deduct the stock; or the transfer), and hears their outcome.

use super::{AppTimer, ManagerMsg, TxnMessage, TxnNode, TxnTimer, MANAGER};
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
}

impl App {
    /// An application that will start `remaining` transactions, one every `interval`.
    pub fn boot(remaining: u32, interval: SimTime, amount: i64, quantity: i64, ctx: &mut Ctx<TxnNode>) -> Self {
        if remaining > 0 {
            ctx.set_timer(TxnTimer::App(AppTimer::Next), interval);
        }
        Self { remaining, interval, amount, quantity, sent: 0, succeeded: 0, failed: 0 }
    }

    /// Ask the manager for a global transaction.
    pub fn pay(&mut self, amount: i64, quantity: i64, ctx: &mut Ctx<TxnNode>) {
        self.sent += 1;
        ctx.send(MANAGER, TxnMessage::ToManager(ManagerMsg::Begin { req: self.sent, amount, quantity }));
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
