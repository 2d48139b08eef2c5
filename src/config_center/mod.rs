//! A configuration center that runs either half of CAP on the same cluster, as Nacos does: CP, every
//! change through this project's Raft engine (Nacos on JRaft), or AP, Nacos's Distro (each key has a
//! responsible server chosen by hash, changes replicated asynchronously, checksums exchanged and
//! differences repaired). Clients cache their configuration on local disk, watch it by long
//! polling, and manage releases as Apollo does (publish, rollback, gray release).

pub mod ap;
pub mod checker;
pub mod client;
pub mod config;
pub mod cp;
pub mod journal;
pub mod measures;
pub mod server;
pub mod store;
pub mod sweep;

use serde::{Deserialize, Serialize};

use crate::raft::node::{RaftDurable, RaftTimer, RaftWrite};
use crate::raft::types::{RaftMessage, Role, Term};
use crate::sim::{Ctx, DurableState, MessageClass, NodeId, Process, SimTime};
pub use checker::{ConfigChecker, Measured};
use client::Client;
pub use config::{Bug, ConfigCenterConfig, Mode};
use server::Server;
use std::collections::BTreeMap;
pub use store::{Entry, Op, Revision, WriteId};

/// The lab name in scenarios.
pub const LAB: &str = "config";

/// A client's request to a server.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Request {
    /// Change a key (publish, rollback, gray release).
    Write { write: WriteId, op: Op },
    /// Read a key (Nacos `getConfig`); `read` numbers the client's reads.
    Get { read: u64, key: String },
    /// Long polling (Nacos `/v1/cs/configs/listener`): the checksum of what the client holds per
    /// key; answered as soon as one differs, or empty when the hold runs out.
    Poll { watched: Vec<(String, u64)> },
}

/// Why a server refused a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// CP: this server does not lead; it believes `leader` does.
    NotLeader { leader: Option<NodeId> },
    /// CP: leadership was lost before the request was done.
    LostLeadership,
    /// The change does not apply (a rollback with nothing before it).
    Rejected,
}

/// A server's answer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Reply {
    /// The change is applied, at this version.
    Written { key: String, version: u64 },
    /// The value this client sees, and the key's version (0: absent).
    Value { read: u64, key: String, value: Option<String>, version: u64 },
    /// Long polling: the keys whose version differs (empty: the hold ran out).
    Changed { keys: Vec<String> },
    /// Refused.
    Refused { refusal: Refusal },
}

/// Distro, between AP servers.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DistroMessage {
    /// A client's change for a key the sender is not responsible for, handed to the one that is.
    Forward { client: NodeId, req: u64, write: WriteId, op: Op },
    /// Changed entries, replicated asynchronously (or sent to repair a difference).
    Sync { entries: Vec<(String, Entry)> },
    /// The checksums of the keys the sender is responsible for (the verify task).
    Verify { revisions: Vec<(String, Revision)> },
    /// Ask for these keys' entries (their checksums differed).
    Pull { keys: Vec<String> },
    /// The member report: the sender is alive (Nacos's MemberInfoReportTask).
    Report,
}

/// Every message of the lab, by role.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ConfigMessage {
    /// Client to server, with the client's request number.
    Request { req: u64, request: Request },
    /// Server to client.
    Reply { req: u64, reply: Reply },
    /// CP: Raft between servers.
    Raft(RaftMessage),
    /// AP: Distro between servers.
    Distro(DistroMessage),
}

/// Every timer of the lab.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ConfigTimer {
    /// CP: a Raft timer.
    Raft(RaftTimer),
    /// AP: replicate the changed keys (Distro's sync delay).
    Sync,
    /// AP: send checksums (Distro's verify task).
    Verify,
    /// AP: report to the other members.
    Report,
    /// A held long poll runs out.
    Hold { client: NodeId, req: u64 },
    /// Client: its request `req` went unanswered.
    RequestTimeout { req: u64 },
    /// Client: its long poll went unanswered.
    PollTimeout { req: u64 },
}

/// Inputs: what an operator or application asks of a client.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ConfigInput {
    /// Publish `value` for `key` to every client.
    Publish { key: String, value: String },
    /// Roll `key` back to the release before the current one.
    Rollback { key: String },
    /// Gray-release `value` for `key` to the client instances `clients`.
    GrayRelease { key: String, value: String, clients: Vec<NodeId> },
    /// Read `key` once.
    Read { key: String },
}

/// Trace events of the lab.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "ev", rename_all = "snake_case")]
pub enum ConfigEvent {
    /// CP: a server's Raft role changed.
    Role { role: Role, term: Term },
    /// A server accepted a change (AP: the accepting server; CP: the leader, once it committed and applied it).
    Accepted { key: String, version: u64, write: WriteId, clock: SimTime },
    /// A server refused a client's change.
    WriteRefused { refusal: Refusal },
    /// AP: a server took a newer copy of `key` from `from` (replication or repair).
    Merged { key: String, version: u64, from: NodeId },
    /// A client sent a change.
    WriteInvoked { write: WriteId, op: &'static str, key: String },
    /// A client's change was acknowledged at `version`.
    WriteAcked { write: WriteId, key: String, version: u64 },
    /// A client gave up on a change (every server refused or was silent).
    WriteFailed { write: WriteId, key: String },
    /// A client sent a read; `linearizable` when the mode promises it.
    ReadInvoked { read: u64, key: String, linearizable: bool },
    /// A client's read returned.
    ReadReturned { read: u64, key: String, version: u64, value: Option<String> },
    /// A client gave up on a read.
    ReadFailed { read: u64, key: String },
    /// A client's configuration of `key` changed to `version`.
    Seen { key: String, version: u64 },
    /// A client started: from a server's answer, or from its local cache (no server answered).
    Started { from_cache: bool },
}

/// What a node keeps on disk.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ConfigDisk {
    /// CP server: the Raft log and hard state.
    pub raft: RaftDurable,
    /// AP server: its entries.
    pub entries: BTreeMap<String, Entry>,
    /// Client: the local cache (Nacos's snapshot directory, Apollo's cache dir): key -> (version, value).
    pub cache: BTreeMap<String, (u64, String)>,
}

/// One write to a node's disk.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ConfigWrite {
    /// CP: the Raft WAL.
    Raft(RaftWrite),
    /// AP: an entry.
    Entry { key: String, entry: Entry },
    /// Client: a cached configuration.
    Cache { key: String, version: u64, value: String },
}

impl DurableState for ConfigDisk {
    type Write = ConfigWrite;
    fn write(&mut self, write: ConfigWrite) {
        match write {
            ConfigWrite::Raft(w) => self.raft.write(w),
            ConfigWrite::Entry { key, entry } => {
                self.entries.insert(key, entry);
            }
            ConfigWrite::Cache { key, version, value } => {
                self.cache.insert(key, (version, value));
            }
        }
    }
}

/// A node of the lab: a server or a client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigNode {
    /// A configuration server.
    Server(Box<Server>),
    /// An application using the configuration.
    Client(Box<Client>),
}

impl ConfigNode {
    /// The server, if this node is one.
    pub fn server(&self) -> Option<&Server> {
        match self {
            ConfigNode::Server(s) => Some(s),
            ConfigNode::Client(_) => None,
        }
    }

    /// Its lab events.
    pub fn journal(&self) -> &journal::Journal {
        match self {
            ConfigNode::Server(s) => s.journal(),
            ConfigNode::Client(c) => &c.journal,
        }
    }

    /// The client, if this node is one.
    pub fn client(&self) -> Option<&Client> {
        match self {
            ConfigNode::Client(c) => Some(c),
            ConfigNode::Server(_) => None,
        }
    }
}

impl Process for ConfigNode {
    type Config = ConfigCenterConfig;
    type Message = ConfigMessage;
    type Timer = ConfigTimer;
    type Input = ConfigInput;
    type Durable = ConfigDisk;
    type Event = ConfigEvent;

    fn boot(id: NodeId, config: &ConfigCenterConfig, disk: Option<&ConfigDisk>, ctx: &mut Ctx<Self>) -> Self {
        if id < config.servers {
            ConfigNode::Server(Box::new(Server::boot(id, config, disk, ctx)))
        } else {
            ConfigNode::Client(Box::new(Client::boot(config, disk, ctx)))
        }
    }

    fn on_message(&mut self, from: NodeId, message: ConfigMessage, ctx: &mut Ctx<Self>) {
        match (self, message) {
            (ConfigNode::Server(s), ConfigMessage::Request { req, request }) => s.on_request(from, req, request, ctx),
            (ConfigNode::Server(s), ConfigMessage::Raft(m)) => s.on_raft(from, m, ctx),
            (ConfigNode::Server(s), ConfigMessage::Distro(m)) => s.on_distro(from, m, ctx),
            (ConfigNode::Client(c), ConfigMessage::Reply { req, reply }) => c.on_reply(from, req, reply, ctx),
            _ => {}
        }
    }

    fn on_timer(&mut self, timer: ConfigTimer, ctx: &mut Ctx<Self>) {
        match self {
            ConfigNode::Server(s) => s.on_timer(timer, ctx),
            ConfigNode::Client(c) => c.on_timer(timer, ctx),
        }
    }

    fn on_input(&mut self, input: ConfigInput, ctx: &mut Ctx<Self>) {
        if let ConfigNode::Client(c) = self {
            c.on_input(input, ctx);
        }
    }

    fn message_kind(message: &ConfigMessage) -> &'static str {
        match message {
            ConfigMessage::Request { request, .. } => match request {
                Request::Write { op, .. } => match op {
                    Op::Publish { .. } => "publish",
                    Op::Rollback { .. } => "rollback",
                    Op::Gray { .. } => "gray release",
                },
                Request::Get { .. } => "getConfig",
                Request::Poll { .. } => "listener",
            },
            ConfigMessage::Reply { reply, .. } => match reply {
                Reply::Written { .. } => "published",
                Reply::Value { .. } => "config",
                Reply::Changed { .. } => "changed keys",
                Reply::Refused { .. } => "refused",
            },
            ConfigMessage::Raft(m) => crate::raft::node::RaftNode::message_kind(m),
            ConfigMessage::Distro(m) => match m {
                DistroMessage::Forward { .. } => "forward",
                DistroMessage::Sync { .. } => "distro sync",
                DistroMessage::Verify { .. } => "distro verify",
                DistroMessage::Pull { .. } => "distro pull",
                DistroMessage::Report => "member report",
            },
        }
    }

    fn message_class(message: &ConfigMessage) -> MessageClass {
        match message {
            ConfigMessage::Reply { .. } => MessageClass::Reply,
            ConfigMessage::Raft(m) => crate::raft::node::RaftNode::message_class(m),
            ConfigMessage::Distro(DistroMessage::Sync { .. }) => MessageClass::Reply,
            ConfigMessage::Request { .. } | ConfigMessage::Distro(_) => MessageClass::Request,
        }
    }

    fn timer_kind(timer: &ConfigTimer) -> &'static str {
        match timer {
            ConfigTimer::Raft(t) => crate::raft::node::RaftNode::timer_kind(t),
            ConfigTimer::Sync => "distro sync",
            ConfigTimer::Verify => "distro verify",
            ConfigTimer::Report => "member report",
            ConfigTimer::Hold { .. } => "long poll hold",
            ConfigTimer::RequestTimeout { .. } => "request timeout",
            ConfigTimer::PollTimeout { .. } => "long poll timeout",
        }
    }

    fn validate_input(config: &ConfigCenterConfig, input: &ConfigInput) -> Result<(), String> {
        if config.clients == 0 {
            return Err("there are no clients".into());
        }
        if let ConfigInput::GrayRelease { clients, .. } = input {
            if let Some(bad) = clients.iter().find(|&&c| c < config.servers || c >= config.servers + config.clients) {
                return Err(format!("gray release to node {bad}, which is not a client"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
