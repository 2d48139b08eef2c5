//! Distributed transactions: TCC (Try/Confirm/Cancel) with its three classic failures and their
//! protections (DTM's sub-transaction barrier, Seata's TCC fence), orchestrated Saga, and two-phase
//! commit (XA) for contrast; the application, the TX Manager with its transaction log, and the
//! participant services with their own local databases, as one `Process` enum of roles; and the
//! checker, which judges from outside the protocol, as Jepsen's bank test does.

pub mod app;
pub mod bench;
pub mod checker;
pub mod db;
pub mod fuzz;
pub mod gid_map;
pub mod guard;
pub mod manager;
pub mod service;

use serde::{Deserialize, Serialize};

use crate::sim::{ms, ClusterConfig, Ctx, DurableState, MessageClass, NetworkConfig, NodeId, Process, SimTime};
use app::App;
use db::{Change, Db, Gid, Op, Service};
use guard::Protection;
use manager::{LogWrite, Manager, TxLog};
use service::Participant;

/// The lab name in transaction scenarios.
pub const LAB: &str = "txn";

/// The TX Manager's node id (the services follow it, then the application nodes).
pub const MANAGER: NodeId = 0;

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
}

impl Pattern {
    /// The first call of a branch.
    pub fn first_op(self) -> Op {
        match self {
            Pattern::Tcc => Op::Try,
            Pattern::Saga => Op::Action,
            Pattern::Xa => Op::Prepare,
        }
    }

    /// The call that makes a branch final (Saga's forward step is final already).
    pub fn finish_op(self) -> Option<Op> {
        match self {
            Pattern::Tcc => Some(Op::Confirm),
            Pattern::Saga => None,
            Pattern::Xa => Some(Op::Commit),
        }
    }

    /// The call that undoes a branch.
    pub fn undo_op(self) -> Op {
        match self {
            Pattern::Tcc => Op::Cancel,
            Pattern::Saga => Op::Compensate,
            Pattern::Xa => Op::Rollback,
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
    /// The network at time 0.
    pub network: NetworkConfig,
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

/// A message, by the role it is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TxnMessage {
    /// To the TX Manager.
    ToManager(ManagerMsg),
    /// To a participant service.
    ToService(BranchCall),
    /// To an application node.
    ToApp(AppMsg),
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

/// A timer, by role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TxnTimer {
    /// The manager's.
    Manager(ManagerTimer),
    /// An application node's.
    App(AppTimer),
}

/// Inputs: an application node starts a transaction now.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum TxnInput {
    /// Pay `amount` for `quantity` items (or transfer `amount`).
    Pay { amount: i64, quantity: i64 },
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
}

/// What a node keeps on disk: a service's database, or the manager's transaction log.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct TxnDisk {
    /// A service's local database.
    pub db: Db,
    /// The manager's transaction log.
    pub log: TxLog,
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
}

impl DurableState for TxnDisk {
    type Write = TxnWrite;
    fn write(&mut self, write: TxnWrite) {
        match write {
            TxnWrite::Init(db) => self.db = *db,
            TxnWrite::Local(changes) => self.db.commit(&changes),
            TxnWrite::Log(w) => self.log.write(w),
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
}

impl Process for TxnNode {
    type Config = TxnConfig;
    type Message = TxnMessage;
    type Timer = TxnTimer;
    type Input = TxnInput;
    type Durable = TxnDisk;
    type Event = TxnEvent;

    fn boot(id: NodeId, config: &TxnConfig, disk: Option<&TxnDisk>, ctx: &mut Ctx<Self>) -> Self {
        if id == MANAGER {
            return TxnNode::Manager(Box::new(Manager::boot(config, disk.map(|d| &d.log), ctx)));
        }
        match config.service_at(id) {
            Some(service) => {
                let db = disk.map(|d| &d.db);
                let p = Participant::boot(service, config.protection, config.initial(service), db, ctx);
                TxnNode::Service(Box::new(p))
            }
            None => TxnNode::App(App::boot(config.transactions, config.interval, config.amount, config.quantity, ctx)),
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
            _ => {}
        }
    }

    fn on_timer(&mut self, timer: TxnTimer, ctx: &mut Ctx<Self>) {
        match (self, timer) {
            (TxnNode::Manager(m), TxnTimer::Manager(ManagerTimer::TryTimeout(gid))) => m.on_try_timeout(gid, ctx),
            (TxnNode::Manager(m), TxnTimer::Manager(ManagerTimer::Retry(gid))) => m.on_retry(gid, ctx),
            (TxnNode::App(a), TxnTimer::App(AppTimer::Next)) => a.on_next(ctx),
            _ => {}
        }
    }

    fn on_input(&mut self, input: TxnInput, ctx: &mut Ctx<Self>) {
        let TxnInput::Pay { amount, quantity } = input;
        if let TxnNode::App(a) = self {
            a.pay(amount, quantity, ctx);
        }
    }

    fn message_kind(message: &TxnMessage) -> &'static str {
        match message {
            TxnMessage::ToManager(ManagerMsg::Begin { .. }) => "begin",
            TxnMessage::ToManager(ManagerMsg::Reply(r)) if r.ok => "ok",
            TxnMessage::ToManager(ManagerMsg::Reply(_)) => "failed",
            TxnMessage::ToService(call) => call.op.name(),
            TxnMessage::ToApp(AppMsg::Done { .. }) => "done",
        }
    }

    fn message_class(message: &TxnMessage) -> MessageClass {
        match message {
            TxnMessage::ToManager(ManagerMsg::Reply(_)) | TxnMessage::ToApp(_) => MessageClass::Reply,
            _ => MessageClass::Request,
        }
    }

    /// A branch call, its answer and the application's outcome belong to their global transaction.
    fn message_group(message: &TxnMessage) -> Option<u64> {
        match message {
            TxnMessage::ToManager(ManagerMsg::Begin { .. }) => None,
            TxnMessage::ToManager(ManagerMsg::Reply(r)) => Some(r.gid),
            TxnMessage::ToService(call) => Some(call.gid),
            TxnMessage::ToApp(AppMsg::Done { gid, .. }) => Some(*gid),
        }
    }

    fn timer_kind(timer: &TxnTimer) -> &'static str {
        match timer {
            TxnTimer::Manager(ManagerTimer::TryTimeout(_)) => "try timeout",
            TxnTimer::Manager(ManagerTimer::Retry(_)) => "retry",
            TxnTimer::App(AppTimer::Next) => "next transaction",
        }
    }

    fn validate_input(_config: &TxnConfig, input: &TxnInput) -> Result<(), String> {
        match input {
            TxnInput::Pay { amount, quantity } if *amount < 1 || *quantity < 1 => {
                Err("amount and quantity must be at least 1".into())
            }
            TxnInput::Pay { .. } => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests;
