//! Distributed transactions: TCC (Try/Confirm/Cancel) with its three classic failures and their
//! protections (DTM's sub-transaction barrier, Seata's TCC fence), orchestrated Saga, and two-phase
//! commit (XA) for contrast; the application, the TX Manager with its transaction log, and the
//! participant services with their own local databases, as one `Process` enum of roles; the two
//! eventually consistent patterns that move the transfer by message (eBay's local message table,
//! RocketMQ's transactional messages with its broker); and the checker, which judges from outside
//! the protocol, as Jepsen's bank test does.

pub mod app;
pub mod bench;
pub mod broker;
pub mod checker;
pub mod consumer;
pub mod db;
pub mod fuzz;
pub mod gid_map;
pub mod guard;
pub mod manager;
pub mod messaging;
pub mod msg_table;
pub mod producer;
pub mod service;

use serde::{Deserialize, Serialize};

use crate::sim::{ms, secs, ClusterConfig, Ctx, DurableState, MessageClass, NetworkConfig, NodeId, Process, SimTime};
use app::App;
use broker::{Broker, BrokerStore, BrokerWrite, LocalTransactionState};
use db::{Change, Db, Gid, Op, Service};
use guard::Protection;
use manager::{LogWrite, Manager, TxLog};
use service::Participant;

/// The lab name in transaction scenarios.
pub const LAB: &str = "txn";

/// The TX Manager's node id (the services follow it, then the application nodes). Under
/// transactional messages this node is the RocketMQ broker; the local message table leaves it idle.
pub const MANAGER: NodeId = 0;

/// The broker's node id under transactional messages (the manager's place).
pub const BROKER: NodeId = MANAGER;

/// The producer under the message patterns: bank 1, whose local transaction debits A.
pub const PRODUCER: NodeId = 1;

/// The consumer under the message patterns: bank 2, whose local transaction credits B.
pub const CONSUMER: NodeId = 2;

/// The id in an application's answer when no transaction was made (the send failed, or the
/// local transaction found too little money).
pub const NO_GID: Gid = Gid::MAX;

/// The pattern every global transaction follows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    /// Try on every branch, then Confirm on all or Cancel on all.
    #[default]
    Tcc,
    /// Orchestrated Saga: forward steps in order, compensations in reverse.
    Saga,
    /// Two-phase commit: XA PREPARE holding locks, then XA COMMIT or XA ROLLBACK.
    Xa,
    /// eBay's local message table: the debit and a message row in one local transaction; a relay
    /// sends the row to the receiver, a monitor sends it again until it is acknowledged.
    LocalMessage,
    /// RocketMQ's transactional messages: a half message, the local transaction, Commit or
    /// Rollback, and the broker's check-back when no second confirmation arrives.
    TxMessage,
}

impl Pattern {
    /// The first call of a branch.
    pub fn first_op(self) -> Op {
        match self {
            Pattern::Tcc => Op::Try,
            Pattern::Saga => Op::Action,
            Pattern::Xa => Op::Prepare,
            Pattern::LocalMessage | Pattern::TxMessage => Op::Debit,
        }
    }

    /// Whether the transfer moves by message (the producer's local transaction, then delivery)
    /// rather than by a TX Manager's branch calls.
    pub fn by_message(self) -> bool {
        matches!(self, Pattern::LocalMessage | Pattern::TxMessage)
    }

    /// The call that makes a branch final (Saga's forward step is final already).
    pub fn finish_op(self) -> Option<Op> {
        match self {
            Pattern::Tcc => Some(Op::Confirm),
            Pattern::Saga => None,
            Pattern::Xa => Some(Op::Commit),
            Pattern::LocalMessage | Pattern::TxMessage => None,
        }
    }

    /// The call that undoes a branch.
    pub fn undo_op(self) -> Op {
        match self {
            Pattern::Tcc => Op::Cancel,
            Pattern::Saga => Op::Compensate,
            Pattern::Xa => Op::Rollback,
            // A message pattern never undoes: the receiver must eventually succeed.
            Pattern::LocalMessage | Pattern::TxMessage => Op::Credit,
        }
    }
}

/// The business the transactions do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Workload {
    /// The course's payment: create the order, debit the account, deduct the stock.
    #[default]
    Payment,
    /// The cross-bank transfer: A at bank 1 pays B at bank 2.
    Transfer,
}

/// A transactions-lab cluster: the TX Manager, the services, the application nodes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TxnConfig {
    /// TCC, Saga or XA.
    pub pattern: Pattern,
    /// The payment or the transfer.
    pub workload: Workload,
    /// How TCC and Saga branches guard against empty rollback, hanging and repeated calls.
    pub protection: Protection,
    /// TCC: call every Try at once (true) or one after another.
    pub parallel_try: bool,
    /// Application nodes.
    pub clients: u32,
    /// Transactions each application node starts on its own.
    pub transactions: u32,
    /// Time between two starts of one application node.
    pub interval: SimTime,
    /// Money each transaction moves.
    pub amount: i64,
    /// Items each payment buys.
    pub quantity: i64,
    /// Money in the buyer's account (payment), or in each of A and B (transfer).
    pub balance: i64,
    /// Items in stock.
    pub stock: i64,
    /// How long the manager waits for a first call's answer (DTM's 3 s request timeout, scaled).
    pub try_timeout: SimTime,
    /// First wait before sending an unanswered phase-2 call again (doubling each time).
    pub retry_base: SimTime,
    /// Longest wait between two sends.
    pub retry_max: SimTime,
    /// Message patterns: the receiver keeps a processed-message table and applies a message once.
    pub idempotent: bool,
    /// Local message table: how often the relay polls the table for rows never sent.
    pub relay_interval: SimTime,
    /// Local message table: how often the monitor looks for rows sent but not acknowledged.
    pub monitor_interval: SimTime,
    /// Local message table: how the monitor waits before sending a row again.
    pub retry_policy: RetryPolicy,
    /// Transactional messages: the producer's `sendMsgTimeout` for the half message (3 s).
    pub send_timeout: SimTime,
    /// Transactional messages: `transactionTimeout`, a half message's age before its first
    /// check-back (6 s).
    pub transaction_timeout: SimTime,
    /// Transactional messages: `transactionCheckInterval`, between two check scans (60 s).
    pub transaction_check_interval: SimTime,
    /// Transactional messages: `transactionCheckMax`, check-backs before the half message is
    /// discarded (15).
    pub transaction_check_max: u32,
    /// Transactional messages: the wait for the consumer's answer before delivering again
    /// (the push consumer's `consumeTimeout`, 15 min).
    pub consume_timeout: SimTime,
    /// Transactional messages: the first redelivery delay after RECONSUME_LATER (delay level 3,
    /// 10 s); later ones follow RocketMQ's levels 30 s, 1 min, 2 min, ... in proportion.
    pub reconsume_delay: SimTime,
    /// Transactional messages: `maxReconsumeTimes` before a message goes to the dead-letter queue (16).
    pub max_reconsume_times: u32,
    /// The network at time 0.
    pub network: NetworkConfig,
}

/// How the local message table's monitor waits before sending a row again.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RetryPolicy {
    /// Always `retry_base`.
    Fixed,
    /// `retry_base`, doubling each time, at most `retry_max`.
    #[default]
    Backoff,
}

impl RetryPolicy {
    /// The wait before send number `attempt + 1` of a row.
    pub fn wait(self, attempt: u32, base: SimTime, max: SimTime) -> SimTime {
        match self {
            RetryPolicy::Fixed => base,
            RetryPolicy::Backoff => base.saturating_mul(1 << attempt.min(16)).min(max),
        }
    }
}

impl Default for TxnConfig {
    fn default() -> Self {
        Self {
            pattern: Pattern::Tcc,
            workload: Workload::Payment,
            protection: Protection::Barrier,
            parallel_try: true,
            clients: 1,
            transactions: 5,
            interval: ms(500),
            amount: 100,
            quantity: 1,
            balance: 1000,
            stock: 10,
            try_timeout: ms(500),
            retry_base: ms(200),
            retry_max: ms(3200),
            idempotent: true,
            relay_interval: ms(100),
            monitor_interval: ms(500),
            retry_policy: RetryPolicy::Backoff,
            send_timeout: secs(3),
            transaction_timeout: secs(6),
            transaction_check_interval: secs(60),
            transaction_check_max: 15,
            consume_timeout: secs(15 * 60),
            reconsume_delay: secs(10),
            max_reconsume_times: 16,
            network: NetworkConfig::default(),
        }
    }
}

/// The payment's services, in branch order.
const PAYMENT: [Service; 3] = [Service::Order, Service::Account, Service::Stock];
/// The transfer's services, in branch order.
const TRANSFER: [Service; 2] = [Service::Bank1, Service::Bank2];

impl TxnConfig {
    /// The participant services, in branch order (branch `b` is node `1 + b`).
    pub fn services(&self) -> &'static [Service] {
        match self.workload {
            Workload::Payment => &PAYMENT,
            Workload::Transfer => &TRANSFER,
        }
    }

    /// The first application node's id.
    pub fn first_client(&self) -> NodeId {
        1 + self.services().len() as NodeId
    }

    /// What a service holds at the start.
    pub fn initial(&self, service: Service) -> i64 {
        match service {
            Service::Order => 0,
            Service::Stock => self.stock,
            _ => self.balance,
        }
    }

    /// The service at node `id`, if it is one.
    pub fn service_at(&self, id: NodeId) -> Option<Service> {
        self.services().get(id.checked_sub(1)? as usize).copied()
    }
}

impl ClusterConfig for TxnConfig {
    fn nodes(&self) -> u32 {
        self.first_client() + self.clients
    }
    fn network(&self) -> &NetworkConfig {
        &self.network
    }
    fn validate_lab(&self) -> Result<(), (String, String)> {
        let bad = |field: &str, message: &str| Err((field.to_string(), message.to_string()));
        if !(1..=8).contains(&self.clients) {
            return bad("clients", "between 1 and 8 application nodes");
        }
        if self.transactions > 10_000 {
            return bad("transactions", "between 0 and 10000 per application node");
        }
        if self.interval == 0 {
            return bad("interval", "must be positive");
        }
        if !(1..=1_000_000_000).contains(&self.amount) {
            return bad("amount", "between 1 and 1000000000");
        }
        if !(1..=1_000_000).contains(&self.quantity) {
            return bad("quantity", "between 1 and 1000000");
        }
        if !(0..=1_000_000_000_000).contains(&self.balance) {
            return bad("balance", "between 0 and 1000000000000");
        }
        if !(0..=1_000_000_000).contains(&self.stock) {
            return bad("stock", "between 0 and 1000000000");
        }
        if self.try_timeout == 0 {
            return bad("try_timeout", "must be positive");
        }
        if self.retry_base == 0 {
            return bad("retry_base", "must be positive");
        }
        if self.retry_max < self.retry_base {
            return bad("retry_max", "must be at least retry_base");
        }
        if self.pattern.by_message() && self.workload != Workload::Transfer {
            return bad("workload", "the message patterns move the transfer (bank 1 to bank 2)");
        }
        let positive = [
            ("relay_interval", self.relay_interval),
            ("monitor_interval", self.monitor_interval),
            ("send_timeout", self.send_timeout),
            ("transaction_check_interval", self.transaction_check_interval),
            ("consume_timeout", self.consume_timeout),
            ("reconsume_delay", self.reconsume_delay),
        ];
        if let Some((field, _)) = positive.iter().find(|(_, t)| *t == 0) {
            return bad(field, "must be positive");
        }
        if self.transaction_check_max > 1000 {
            return bad("transaction_check_max", "between 0 and 1000");
        }
        if self.max_reconsume_times > 1000 {
            return bad("max_reconsume_times", "between 0 and 1000");
        }
        Ok(())
    }
}

/// A branch call from the manager to a service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BranchCall {
    /// The global transaction.
    pub gid: Gid,
    /// The branch (the service's index).
    pub branch: u32,
    /// The call.
    pub op: Op,
    /// Money or items (0 for orders).
    pub amount: i64,
}

/// A service's answer to a branch call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BranchReply {
    /// The global transaction.
    pub gid: Gid,
    /// The branch.
    pub branch: u32,
    /// The call answered.
    pub op: Op,
    /// Success (a refusal fails a first call; phase-2 answers are acknowledgements).
    pub ok: bool,
}

/// What the TX Manager is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ManagerMsg {
    /// The application starts a global transaction.
    Begin { req: u64, amount: i64, quantity: i64 },
    /// A service answers a branch call.
    Reply(BranchReply),
}

/// What an application node is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AppMsg {
    /// The outcome of its request.
    Done { req: u64, gid: Gid, committed: bool },
}

/// A request for a transfer, as the producer identifies it before it has a message id: the
/// application node and its request number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Request {
    /// The application node.
    pub client: NodeId,
    /// Its request number.
    pub req: u64,
}

/// What the producer (bank 1 under the message patterns) is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProducerMsg {
    /// The application asks for a transfer.
    Begin { req: u64, amount: i64 },
    /// Transactional messages: the broker stored the half message (SEND_OK) under id `gid`.
    HalfSent { request: Request, gid: Gid },
    /// Transactional messages: the broker asks for the local transaction's outcome
    /// (`checkLocalTransaction`).
    CheckBack { request: Request, gid: Gid },
    /// Local message table: the receiver applied (or had applied) message `gid`.
    Ack { gid: Gid },
}

/// What the broker is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BrokerMsg {
    /// The producer sends a half message (stored, not deliverable).
    SendHalf { request: Request, amount: i64 },
    /// The producer's second confirmation (`EndTransaction`), first or after a check-back.
    EndTransaction { gid: Gid, state: LocalTransactionState, from_check: bool },
    /// The consumer's answer to a delivery: CONSUME_SUCCESS (`ok`) or RECONSUME_LATER.
    ConsumeResult { gid: Gid, ok: bool },
}

/// What the consumer (bank 2 under the message patterns) is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConsumerMsg {
    /// A message to apply: credit `amount` for transfer `gid`.
    Deliver { gid: Gid, amount: i64 },
}

/// A message, by the role it is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TxnMessage {
    /// To the TX Manager.
    ToManager(ManagerMsg),
    /// To a participant service.
    ToService(BranchCall),
    /// To an application node.
    ToApp(AppMsg),
    /// To the producer of a message pattern.
    ToProducer(ProducerMsg),
    /// To the broker.
    ToBroker(BrokerMsg),
    /// To the consumer of a message pattern.
    ToConsumer(ConsumerMsg),
}

/// The TX Manager's timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ManagerTimer {
    /// A first call went unanswered too long.
    TryTimeout(Gid),
    /// Send unanswered phase-2 calls again.
    Retry(Gid),
}

/// An application node's timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AppTimer {
    /// Start the next transaction.
    Next,
}

/// The producer's timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProducerTimer {
    /// Local message table: the relay polls the table for rows never sent.
    Relay,
    /// Local message table: the monitor looks for rows sent and not acknowledged.
    Monitor,
    /// Transactional messages: the half message's send timed out (`sendMsgTimeout`).
    SendTimeout(Request),
}

/// The broker's timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BrokerTimer {
    /// The transactional check service's scan of the half messages.
    CheckScan,
    /// Deliver message `gid` again (after RECONSUME_LATER or a consume timeout).
    Redeliver(Gid),
}

/// A timer, by role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TxnTimer {
    /// The manager's.
    Manager(ManagerTimer),
    /// An application node's.
    App(AppTimer),
    /// The producer's.
    Producer(ProducerTimer),
    /// The broker's.
    Broker(BrokerTimer),
}

/// Inputs: an application node starts a transaction now.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum TxnInput {
    /// Pay `amount` for `quantity` items (or transfer `amount`).
    Pay { amount: i64, quantity: i64 },
    /// The consumer's listener throws at its end (after its local transaction), for the next
    /// `times` deliveries (answered RECONSUME_LATER, or not acknowledged under the local
    /// message table).
    FailConsume { times: u32 },
}

/// Trace events of the transactions lab.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "ev", rename_all = "snake_case")]
pub enum TxnEvent {
    /// The manager logged a new global transaction.
    Begun { gid: Gid },
    /// The manager decided to confirm (commit) or cancel.
    Decided { gid: Gid, commit: bool },
    /// Every branch answered phase 2; the log says success or failure.
    Ended { gid: Gid, committed: bool },
    /// The manager sent a call again.
    Retried { gid: Gid, op: Op },
    /// A service applied a call's business change.
    Applied { gid: Gid, op: Op },
    /// A service refused a call (not enough money or stock, a lock held, a hanging Try).
    Refused { gid: Gid, op: Op },
    /// A service recognised a repeated call and did not apply it again.
    Skipped { gid: Gid, op: Op },
    /// The protection caught a Cancel for a branch whose Try never ran.
    EmptyRollbackCaught { gid: Gid },
    /// The protection refused a Try that arrived after its Cancel.
    HangingCaught { gid: Gid },
    /// Saga: a compensation restored a balance these transactions read meanwhile.
    DirtyRead { gid: Gid, readers: Vec<Gid> },
    /// The manager restarted and took up these unfinished transactions from its log.
    Recovered { gids: Vec<Gid> },
    /// The producer's local transaction committed: the debit with its message row (or record).
    LocalCommitted { gid: Gid },
    /// The producer's local transaction failed (not enough money): nothing to send.
    LocalRolledBack { gid: Option<Gid> },
    /// Local message table: the monitor sent an unacknowledged row again.
    Resent { gid: Gid, attempt: u32 },
    /// Local message table: the row is marked acknowledged.
    Acked { gid: Gid },
    /// The broker stored a half message (not deliverable).
    HalfStored { gid: Gid },
    /// The broker received a second confirmation.
    Confirmed { gid: Gid, state: LocalTransactionState },
    /// The broker asked the producer group to check the local transaction (check number `check`).
    CheckedBack { gid: Gid, check: u32 },
    /// The broker discarded a half message after `transactionCheckMax` check-backs.
    Discarded { gid: Gid },
    /// The broker delivers message `gid` again (reconsume number `times`).
    Redelivered { gid: Gid, times: u32 },
    /// The broker moved message `gid` to the dead-letter queue after `maxReconsumeTimes`.
    DeadLettered { gid: Gid },
    /// The consumer applied message `gid` (credited B).
    Consumed { gid: Gid },
    /// The consumer's listener failed after applying message `gid`.
    ConsumeFailed { gid: Gid },
}

/// What a node keeps on disk: a service's database, the manager's transaction log, or the
/// broker's message store.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct TxnDisk {
    /// A service's local database.
    pub db: Db,
    /// The manager's transaction log.
    pub log: TxLog,
    /// The broker's message store.
    pub broker: BrokerStore,
}

/// One write to disk.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TxnWrite {
    /// A service's database at its creation.
    Init(Box<Db>),
    /// One committed local transaction.
    Local(Vec<Change>),
    /// One write to the manager's log.
    Log(LogWrite),
    /// One write to the broker's store.
    Broker(BrokerWrite),
}

impl DurableState for TxnDisk {
    type Write = TxnWrite;
    fn write(&mut self, write: TxnWrite) {
        match write {
            TxnWrite::Init(db) => self.db = *db,
            TxnWrite::Local(changes) => self.db.commit(&changes),
            TxnWrite::Log(w) => self.log.write(w),
            TxnWrite::Broker(w) => self.broker.write(w),
        }
    }
}

/// A node of the transactions lab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TxnNode {
    /// The TX Manager.
    Manager(Box<Manager>),
    /// A participant service.
    Service(Box<Participant>),
    /// An application node.
    App(App),
    /// The RocketMQ broker (transactional messages).
    Broker(Box<Broker>),
}

impl TxnNode {
    /// The manager, if this node is it.
    pub fn manager(&self) -> Option<&Manager> {
        match self {
            TxnNode::Manager(m) => Some(m),
            _ => None,
        }
    }

    /// The participant, if this node is one.
    pub fn participant(&self) -> Option<&Participant> {
        match self {
            TxnNode::Service(p) => Some(p),
            _ => None,
        }
    }

    /// The application, if this node is one.
    pub fn app(&self) -> Option<&App> {
        match self {
            TxnNode::App(a) => Some(a),
            _ => None,
        }
    }

    /// The broker, if this node is it.
    pub fn broker(&self) -> Option<&Broker> {
        match self {
            TxnNode::Broker(b) => Some(b),
            _ => None,
        }
    }
}

impl Process for TxnNode {
    type Config = TxnConfig;
    type Message = TxnMessage;
    type Timer = TxnTimer;
    type Input = TxnInput;
    type Durable = TxnDisk;
    type Event = TxnEvent;

    fn boot(id: NodeId, config: &TxnConfig, disk: Option<&TxnDisk>, ctx: &mut Ctx<Self>) -> Self {
        if id == BROKER && config.pattern == Pattern::TxMessage {
            return TxnNode::Broker(Box::new(Broker::boot(config, disk.map(|d| &d.broker), ctx)));
        }
        if id == MANAGER {
            return TxnNode::Manager(Box::new(Manager::boot(config, disk.map(|d| &d.log), ctx)));
        }
        match config.service_at(id) {
            Some(service) => {
                let db = disk.map(|d| &d.db);
                let p = Participant::boot(service, config, db, ctx);
                TxnNode::Service(Box::new(p))
            }
            None => TxnNode::App(App::boot(config, ctx)),
        }
    }

    fn on_message(&mut self, from: NodeId, message: TxnMessage, ctx: &mut Ctx<Self>) {
        match (self, message) {
            (TxnNode::Manager(m), TxnMessage::ToManager(ManagerMsg::Begin { req, amount, quantity })) => {
                m.begin(from, req, amount, quantity, ctx)
            }
            (TxnNode::Manager(m), TxnMessage::ToManager(ManagerMsg::Reply(r))) => {
                m.on_reply(r.gid, r.branch, r.op, r.ok, ctx)
            }
            (TxnNode::Service(p), TxnMessage::ToService(call)) => p.on_call(from, call, ctx),
            (TxnNode::App(a), TxnMessage::ToApp(AppMsg::Done { committed, .. })) => a.on_done(committed),
            (TxnNode::Service(p), TxnMessage::ToProducer(m)) => p.on_producer_msg(from, m, ctx),
            (TxnNode::Service(p), TxnMessage::ToConsumer(ConsumerMsg::Deliver { gid, amount })) => {
                p.on_deliver(from, gid, amount, ctx)
            }
            (TxnNode::Broker(b), TxnMessage::ToBroker(m)) => b.on_message(from, m, ctx),
            _ => {}
        }
    }

    fn on_timer(&mut self, timer: TxnTimer, ctx: &mut Ctx<Self>) {
        match (self, timer) {
            (TxnNode::Manager(m), TxnTimer::Manager(ManagerTimer::TryTimeout(gid))) => m.on_try_timeout(gid, ctx),
            (TxnNode::Manager(m), TxnTimer::Manager(ManagerTimer::Retry(gid))) => m.on_retry(gid, ctx),
            (TxnNode::App(a), TxnTimer::App(AppTimer::Next)) => a.on_next(ctx),
            (TxnNode::Service(p), TxnTimer::Producer(t)) => p.on_producer_timer(t, ctx),
            (TxnNode::Broker(b), TxnTimer::Broker(t)) => b.on_timer(t, ctx),
            _ => {}
        }
    }

    fn on_input(&mut self, input: TxnInput, ctx: &mut Ctx<Self>) {
        match (self, input) {
            (TxnNode::App(a), TxnInput::Pay { amount, quantity }) => a.pay(amount, quantity, ctx),
            (TxnNode::Service(p), TxnInput::FailConsume { times }) => p.fail_consume(times),
            _ => {}
        }
    }

    fn message_kind(message: &TxnMessage) -> &'static str {
        match message {
            TxnMessage::ToManager(ManagerMsg::Begin { .. }) => "begin",
            TxnMessage::ToManager(ManagerMsg::Reply(r)) if r.ok => "ok",
            TxnMessage::ToManager(ManagerMsg::Reply(_)) => "failed",
            TxnMessage::ToService(call) => call.op.name(),
            TxnMessage::ToApp(AppMsg::Done { .. }) => "done",
            TxnMessage::ToProducer(ProducerMsg::Begin { .. }) => "begin",
            TxnMessage::ToProducer(ProducerMsg::HalfSent { .. }) => "SEND_OK",
            TxnMessage::ToProducer(ProducerMsg::CheckBack { .. }) => "check back",
            TxnMessage::ToProducer(ProducerMsg::Ack { .. }) => "ack",
            TxnMessage::ToBroker(BrokerMsg::SendHalf { .. }) => "half message",
            TxnMessage::ToBroker(BrokerMsg::EndTransaction { state, .. }) => state.name(),
            TxnMessage::ToBroker(BrokerMsg::ConsumeResult { ok: true, .. }) => "CONSUME_SUCCESS",
            TxnMessage::ToBroker(BrokerMsg::ConsumeResult { ok: false, .. }) => "RECONSUME_LATER",
            TxnMessage::ToConsumer(ConsumerMsg::Deliver { .. }) => "message",
        }
    }

    fn message_class(message: &TxnMessage) -> MessageClass {
        match message {
            TxnMessage::ToManager(ManagerMsg::Reply(_)) | TxnMessage::ToApp(_) => MessageClass::Reply,
            TxnMessage::ToProducer(ProducerMsg::HalfSent { .. } | ProducerMsg::Ack { .. }) => MessageClass::Reply,
            TxnMessage::ToBroker(BrokerMsg::ConsumeResult { .. }) => MessageClass::Reply,
            _ => MessageClass::Request,
        }
    }

    /// A branch call, its answer and the application's outcome belong to their global transaction.
    fn message_group(message: &TxnMessage) -> Option<u64> {
        match message {
            TxnMessage::ToManager(ManagerMsg::Begin { .. }) => None,
            TxnMessage::ToManager(ManagerMsg::Reply(r)) => Some(r.gid),
            TxnMessage::ToService(call) => Some(call.gid),
            TxnMessage::ToApp(AppMsg::Done { gid, .. }) => (*gid != NO_GID).then_some(*gid),
            TxnMessage::ToProducer(ProducerMsg::Begin { .. }) | TxnMessage::ToBroker(BrokerMsg::SendHalf { .. }) => {
                None
            }
            TxnMessage::ToProducer(
                ProducerMsg::HalfSent { gid, .. } | ProducerMsg::CheckBack { gid, .. } | ProducerMsg::Ack { gid },
            ) => Some(*gid),
            TxnMessage::ToBroker(BrokerMsg::EndTransaction { gid, .. } | BrokerMsg::ConsumeResult { gid, .. }) => {
                Some(*gid)
            }
            TxnMessage::ToConsumer(ConsumerMsg::Deliver { gid, .. }) => Some(*gid),
        }
    }

    fn timer_kind(timer: &TxnTimer) -> &'static str {
        match timer {
            TxnTimer::Manager(ManagerTimer::TryTimeout(_)) => "try timeout",
            TxnTimer::Manager(ManagerTimer::Retry(_)) => "retry",
            TxnTimer::App(AppTimer::Next) => "next transaction",
            TxnTimer::Producer(ProducerTimer::Relay) => "relay poll",
            TxnTimer::Producer(ProducerTimer::Monitor) => "monitor",
            TxnTimer::Producer(ProducerTimer::SendTimeout(_)) => "send timeout",
            TxnTimer::Broker(BrokerTimer::CheckScan) => "transaction check",
            TxnTimer::Broker(BrokerTimer::Redeliver(_)) => "redeliver",
        }
    }

    fn validate_input(_config: &TxnConfig, input: &TxnInput) -> Result<(), String> {
        match input {
            TxnInput::Pay { amount, quantity } if *amount < 1 || *quantity < 1 => {
                Err("amount and quantity must be at least 1".into())
            }
            TxnInput::Pay { .. } => Ok(()),
            TxnInput::FailConsume { times } if *times > 1000 => Err("times must be at most 1000".into()),
            TxnInput::FailConsume { .. } => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod msg_tests;
