//! The RocketMQ broker of transactional messages, with its durable store. A half message
//! (RocketMQ keeps it in `RMQ_SYS_TRANS_HALF_TOPIC`) is stored and not deliverable; the producer's
//! `EndTransaction` COMMIT_MESSAGE makes it deliverable on its real topic, ROLLBACK_MESSAGE
//! discards it, UNKNOW leaves it half. The transactional check service scans the half messages
//! every `transactionCheckInterval`: one older than `transactionTimeout` is checked back with the
//! producer group, and after `transactionCheckMax` checks it is discarded. A committed message is
//! delivered to the consumer at least once: RECONSUME_LATER (or no answer within
//! `consumeTimeout`) delivers it again after RocketMQ's growing retry delays, and after
//! `maxReconsumeTimes` it goes to the dead-letter queue.

use std::collections::BTreeSet;

use serde::Serialize;

use super::db::Gid;
use super::gid_map::GidMap;
use super::{
    BrokerMsg, BrokerTimer, ConsumerMsg, ProducerMsg, Request, TxnConfig, TxnEvent, TxnMessage, TxnNode, TxnTimer,
    TxnWrite, CONSUMER,
};
use crate::sim::{Ctx, NodeId, SimTime};

/// The producer's answer about its local transaction (RocketMQ's `LocalTransactionState`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LocalTransactionState {
    /// The local transaction committed: deliver the message.
    CommitMessage,
    /// The local transaction rolled back: discard the message.
    RollbackMessage,
    /// Not known yet: ask again later.
    Unknow,
}

impl LocalTransactionState {
    /// RocketMQ's name (the trace's message kind).
    pub fn name(self) -> &'static str {
        match self {
            LocalTransactionState::CommitMessage => "COMMIT_MESSAGE",
            LocalTransactionState::RollbackMessage => "ROLLBACK_MESSAGE",
            LocalTransactionState::Unknow => "UNKNOW",
        }
    }
}

/// Where a message stands at the broker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageState {
    /// A half message: stored, not deliverable.
    Half,
    /// Committed: deliverable, not yet consumed.
    Committed,
    /// Consumed (CONSUME_SUCCESS).
    Consumed,
    /// Rolled back: never delivered.
    RolledBack,
    /// Discarded after `transactionCheckMax` check-backs.
    Discarded,
    /// In the dead-letter queue after `maxReconsumeTimes` redeliveries.
    DeadLetter,
}

impl MessageState {
    /// The name in the page.
    pub fn name(self) -> &'static str {
        match self {
            MessageState::Half => "half",
            MessageState::Committed => "committed",
            MessageState::Consumed => "consumed",
            MessageState::RolledBack => "rolled_back",
            MessageState::Discarded => "discarded",
            MessageState::DeadLetter => "dead_letter",
        }
    }

    /// Whether the broker is done with it.
    pub fn is_final(self) -> bool {
        !matches!(self, MessageState::Half | MessageState::Committed)
    }
}

/// A message in the broker's store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct StoredMessage {
    /// The producer that sent it, with its request (for the check-back).
    pub request: Request,
    /// The producer's node.
    pub producer: NodeId,
    /// The money to credit.
    pub amount: i64,
    /// Where it stands.
    pub state: MessageState,
    /// When it was stored, on the broker's clock.
    pub stored_at: SimTime,
    /// Check-backs so far (RocketMQ's `TRANSACTION_CHECK_TIMES` property).
    pub checks: u32,
    /// Redeliveries so far (`reconsumeTimes`).
    pub reconsume_times: u32,
}

/// The broker's durable store.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct BrokerStore {
    /// Every message, by id.
    pub messages: GidMap<StoredMessage>,
}

/// One write to the broker's store: a message's new row.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BrokerWrite {
    /// The message.
    pub gid: Gid,
    /// Its row.
    pub message: StoredMessage,
}

impl BrokerStore {
    /// Apply one write.
    pub fn write(&mut self, w: BrokerWrite) {
        self.messages.insert(w.gid, w.message);
    }

    /// Messages the broker is not done with.
    pub fn open(&self) -> impl Iterator<Item = (Gid, &StoredMessage)> {
        self.messages.iter().filter(|(_, m)| !m.state.is_final()).map(|(g, m)| (*g, m))
    }
}

/// RocketMQ's delay levels from level 3 on (`messageDelayLevel` 10s 30s 1m 2m ... 2h), the waits
/// before redelivery number 1, 2, ... of a consumer retry, in seconds.
const RETRY_DELAYS_S: [u64; 16] = [10, 30, 60, 120, 180, 240, 300, 360, 420, 480, 540, 600, 1200, 1800, 3600, 7200];

/// The broker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broker {
    /// The store, as written.
    pub store: BrokerStore,
    /// Half messages not yet resolved (an index of the store, rebuilt at boot).
    half: BTreeSet<Gid>,
    transaction_timeout: SimTime,
    transaction_check_interval: SimTime,
    transaction_check_max: u32,
    consume_timeout: SimTime,
    reconsume_delay: SimTime,
    max_reconsume_times: u32,
}

impl Broker {
    /// Boot from the store: start the check service, deliver again what was committed and not
    /// consumed.
    pub fn boot(config: &TxnConfig, store: Option<&BrokerStore>, ctx: &mut Ctx<TxnNode>) -> Self {
        let store = store.cloned().unwrap_or_default();
        let half = store.open().filter(|(_, m)| m.state == MessageState::Half).map(|(g, _)| g).collect();
        let broker = Self {
            store,
            half,
            transaction_timeout: config.transaction_timeout,
            transaction_check_interval: config.transaction_check_interval,
            transaction_check_max: config.transaction_check_max,
            consume_timeout: config.consume_timeout,
            reconsume_delay: config.reconsume_delay,
            max_reconsume_times: config.max_reconsume_times,
        };
        ctx.set_timer(TxnTimer::Broker(BrokerTimer::CheckScan), broker.transaction_check_interval);
        let committed: Vec<Gid> =
            broker.store.open().filter(|(_, m)| m.state == MessageState::Committed).map(|(g, _)| g).collect();
        for gid in committed {
            broker.deliver(gid, ctx);
        }
        broker
    }

    /// Whether every message is resolved: consumed, rolled back, discarded or dead-lettered.
    pub fn quiet(&self) -> bool {
        self.store.open().next().is_none()
    }

    fn put(&mut self, gid: Gid, message: StoredMessage, ctx: &mut Ctx<TxnNode>) {
        let w = BrokerWrite { gid, message };
        self.store.write(w.clone());
        ctx.persist(TxnWrite::Broker(w));
    }

    fn update(&mut self, gid: Gid, change: impl FnOnce(&mut StoredMessage), ctx: &mut Ctx<TxnNode>) {
        if let Some(mut m) = self.store.messages.get(&gid).copied() {
            change(&mut m);
            if m.state != MessageState::Half {
                self.half.remove(&gid);
            }
            self.put(gid, m, ctx);
        }
    }

    fn state(&self, gid: Gid) -> Option<MessageState> {
        self.store.messages.get(&gid).map(|m| m.state)
    }

    /// Push message `gid` to the consumer and wait `consumeTimeout` for its answer.
    fn deliver(&self, gid: Gid, ctx: &mut Ctx<TxnNode>) {
        if let Some(m) = self.store.messages.get(&gid) {
            ctx.send(CONSUMER, TxnMessage::ToConsumer(ConsumerMsg::Deliver { gid, amount: m.amount }));
            ctx.set_timer(TxnTimer::Broker(BrokerTimer::Redeliver(gid)), self.consume_timeout);
        }
    }

    /// A message from the producer or the consumer.
    pub fn on_message(&mut self, from: NodeId, message: BrokerMsg, ctx: &mut Ctx<TxnNode>) {
        match message {
            BrokerMsg::SendHalf { request, amount } => {
                let gid = self.store.messages.end();
                let stored_at = ctx.now();
                let m = StoredMessage {
                    request,
                    producer: from,
                    amount,
                    state: MessageState::Half,
                    stored_at,
                    checks: 0,
                    reconsume_times: 0,
                };
                self.put(gid, m, ctx);
                self.half.insert(gid);
                ctx.emit(TxnEvent::HalfStored { gid });
                ctx.send(from, TxnMessage::ToProducer(ProducerMsg::HalfSent { request, gid }));
            }
            BrokerMsg::EndTransaction { gid, state, .. } => self.end_transaction(gid, state, ctx),
            BrokerMsg::ConsumeResult { gid, ok } => self.consume_result(gid, ok, ctx),
        }
    }

    /// The second confirmation: commit makes the message deliverable, rollback discards it,
    /// UNKNOW leaves it to the check service. A resolved message ignores it.
    fn end_transaction(&mut self, gid: Gid, state: LocalTransactionState, ctx: &mut Ctx<TxnNode>) {
        if self.state(gid) != Some(MessageState::Half) {
            return;
        }
        ctx.emit(TxnEvent::Confirmed { gid, state });
        match state {
            LocalTransactionState::CommitMessage => {
                self.update(gid, |m| m.state = MessageState::Committed, ctx);
                self.deliver(gid, ctx);
            }
            LocalTransactionState::RollbackMessage => self.update(gid, |m| m.state = MessageState::RolledBack, ctx),
            LocalTransactionState::Unknow => {}
        }
    }

    fn consume_result(&mut self, gid: Gid, ok: bool, ctx: &mut Ctx<TxnNode>) {
        if self.state(gid) != Some(MessageState::Committed) {
            return;
        }
        ctx.cancel_timer(TxnTimer::Broker(BrokerTimer::Redeliver(gid)));
        if ok {
            self.update(gid, |m| m.state = MessageState::Consumed, ctx);
        } else {
            let times = self.store.messages.get(&gid).map_or(0, |m| m.reconsume_times);
            ctx.set_timer(TxnTimer::Broker(BrokerTimer::Redeliver(gid)), self.retry_delay(times));
        }
    }

    /// The wait before redelivery number `times + 1`: RocketMQ's levels, scaled so that the
    /// first is `reconsume_delay`.
    fn retry_delay(&self, times: u32) -> SimTime {
        let level = RETRY_DELAYS_S[(times as usize).min(RETRY_DELAYS_S.len() - 1)];
        self.reconsume_delay.saturating_mul(level) / RETRY_DELAYS_S[0]
    }

    /// A timer: the check scan, or a redelivery.
    pub fn on_timer(&mut self, timer: BrokerTimer, ctx: &mut Ctx<TxnNode>) {
        match timer {
            BrokerTimer::CheckScan => self.check_scan(ctx),
            BrokerTimer::Redeliver(gid) => self.redeliver(gid, ctx),
        }
    }

    /// Deliver a committed message again, or give it up to the dead-letter queue.
    fn redeliver(&mut self, gid: Gid, ctx: &mut Ctx<TxnNode>) {
        let Some(m) = self.store.messages.get(&gid).copied() else { return };
        if m.state != MessageState::Committed {
            return;
        }
        if m.reconsume_times >= self.max_reconsume_times {
            self.update(gid, |m| m.state = MessageState::DeadLetter, ctx);
            ctx.emit(TxnEvent::DeadLettered { gid });
            return;
        }
        let times = m.reconsume_times + 1;
        self.update(gid, |m| m.reconsume_times = times, ctx);
        ctx.emit(TxnEvent::Redelivered { gid, times });
        self.deliver(gid, ctx);
    }

    /// The transactional check service: every half message older than `transactionTimeout` is
    /// checked back with its producer, or discarded once it was checked `transactionCheckMax` times.
    fn check_scan(&mut self, ctx: &mut Ctx<TxnNode>) {
        let now = ctx.now();
        let due: Vec<Gid> = self
            .half
            .iter()
            .copied()
            .filter(|g| {
                self.store.messages.get(g).is_some_and(|m| now.saturating_sub(m.stored_at) >= self.transaction_timeout)
            })
            .collect();
        for gid in due {
            let Some(m) = self.store.messages.get(&gid).copied() else { continue };
            if m.checks >= self.transaction_check_max {
                self.update(gid, |m| m.state = MessageState::Discarded, ctx);
                ctx.emit(TxnEvent::Discarded { gid });
                continue;
            }
            let check = m.checks + 1;
            self.update(gid, |m| m.checks = check, ctx);
            ctx.emit(TxnEvent::CheckedBack { gid, check });
            ctx.send(m.producer, TxnMessage::ToProducer(ProducerMsg::CheckBack { request: m.request, gid }));
        }
        ctx.set_timer(TxnTimer::Broker(BrokerTimer::CheckScan), self.transaction_check_interval);
    }
}
