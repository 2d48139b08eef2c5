//! What a service needs to play its part in a message pattern: the settings it was booted with
//! and the volatile state of its producer or consumer side (lost in a crash, as a process's
//! memory is), and the dispatch of the producer's messages and timers by pattern.

use std::collections::BTreeMap;

use super::db::Gid;
use super::service::Participant;
use super::{Pattern, ProducerMsg, ProducerTimer, Request, RetryPolicy, TxnConfig, TxnNode, TxnTimer, PRODUCER};
use crate::sim::{Ctx, NodeId, SimTime};

/// A service's message-pattern settings and volatile state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Messaging {
    /// The pattern the lab runs.
    pub pattern: Pattern,
    /// The consumer keeps a processed-message table.
    pub idempotent: bool,
    /// Local message table: the relay's polling interval.
    pub relay_interval: SimTime,
    /// Local message table: the monitor's interval.
    pub monitor_interval: SimTime,
    /// Local message table: the monitor's wait policy.
    pub retry_policy: RetryPolicy,
    /// The monitor's first wait.
    pub retry_base: SimTime,
    /// The monitor's longest wait.
    pub retry_max: SimTime,
    /// Transactional messages: the half message's send timeout.
    pub send_timeout: SimTime,
    /// Local message table: rows sent in this life, with the last send (this node's clock) and
    /// the sends so far.
    pub in_flight: BTreeMap<Gid, (SimTime, u32)>,
    /// Transactional messages: transfers whose half message is not yet answered, with their amount.
    pub awaiting: BTreeMap<Request, i64>,
    /// The consumer: listener failures still to come.
    pub fail_next: u32,
}

impl Messaging {
    /// The settings of `config`; the producer of the local message table starts its relay and
    /// its monitor.
    pub fn boot(config: &TxnConfig, ctx: &mut Ctx<TxnNode>) -> Self {
        if config.pattern == Pattern::LocalMessage && ctx.id() == PRODUCER {
            ctx.set_timer(TxnTimer::Producer(ProducerTimer::Relay), config.relay_interval);
            ctx.set_timer(TxnTimer::Producer(ProducerTimer::Monitor), config.monitor_interval);
        }
        Self {
            pattern: config.pattern,
            idempotent: config.idempotent,
            relay_interval: config.relay_interval,
            monitor_interval: config.monitor_interval,
            retry_policy: config.retry_policy,
            retry_base: config.retry_base,
            retry_max: config.retry_max,
            send_timeout: config.send_timeout,
            in_flight: BTreeMap::new(),
            awaiting: BTreeMap::new(),
            fail_next: 0,
        }
    }

    /// Whether the producer has nothing left to do (no row pending, no send unanswered).
    pub fn idle(&self, pending_rows: bool) -> bool {
        !pending_rows && self.awaiting.is_empty()
    }
}

impl Participant {
    /// A message for the producer, by pattern.
    pub fn on_producer_msg(&mut self, from: NodeId, message: ProducerMsg, ctx: &mut Ctx<TxnNode>) {
        match (self.messaging.pattern, message) {
            (Pattern::LocalMessage, ProducerMsg::Begin { req, amount }) => self.begin_transfer(from, req, amount, ctx),
            (Pattern::LocalMessage, ProducerMsg::Ack { gid }) => self.on_ack(gid, ctx),
            (Pattern::TxMessage, ProducerMsg::Begin { req, amount }) => {
                self.send_half(Request { client: from, req }, amount, ctx)
            }
            (Pattern::TxMessage, ProducerMsg::HalfSent { request, gid }) => {
                self.execute_local_transaction(from, request, gid, ctx)
            }
            (Pattern::TxMessage, ProducerMsg::CheckBack { request, gid }) => {
                self.check_local_transaction(from, request, gid, ctx)
            }
            _ => {}
        }
    }

    /// A producer's timer, by kind.
    pub fn on_producer_timer(&mut self, timer: ProducerTimer, ctx: &mut Ctx<TxnNode>) {
        match timer {
            ProducerTimer::Relay => self.on_relay(ctx),
            ProducerTimer::Monitor => self.on_monitor(ctx),
            ProducerTimer::SendTimeout(request) => self.on_send_timeout(request, ctx),
        }
    }
}
