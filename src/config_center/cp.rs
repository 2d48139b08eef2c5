//! CP mode: a server is a member of this project's Raft cluster (Nacos runs JRaft). A change is a
//! log entry; each member applies committed entries in log order to its own copy, so every copy
//! passes through the same versions. A linearizable read goes through ReadIndex at the leader.

use std::collections::BTreeMap;

use super::config::{Bug, ConfigCenterConfig};
use super::journal::Journal;
use super::server::value_reply;
use super::store::{Op, Store, WriteId};
use super::{ConfigEvent, ConfigMessage, ConfigNode, ConfigTimer, ConfigWrite, Refusal, Reply};
use crate::raft::kv::KvResult;
use crate::raft::node::{ClientOutcome, RaftDurable, RaftEvent, RaftInput, RaftNode};
use crate::raft::read::ReadMode;
use crate::raft::types::{ClientId, Command, KvOp, RaftMessage, Role};
use crate::sim::{Ctx, Effect, NodeId, Process};

/// Raft client ids of reads have this bit (writes use the client's node id).
const READ_CLIENT: ClientId = 0x8000_0000;

/// What a request awaiting Raft is.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Awaiting {
    Write { key: String, write: WriteId },
    Read { read: u64, key: String },
}

/// A CP server: a Raft member and the copy it applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CpServer {
    /// Its Raft member.
    pub raft: RaftNode,
    /// The configurations applied so far.
    pub store: Store,
    /// Its lab events.
    pub journal: Journal,
    id: NodeId,
    servers: u32,
    local_reads: bool,
    /// Requests awaiting their entry or read: Raft session -> (client node, request number, what).
    pending: BTreeMap<(ClientId, u64), (NodeId, u64, Awaiting)>,
}

/// The Raft value of a change: the operation as JSON (the Raft store is the lab's own business).
fn encode(op: &Op) -> String {
    serde_json::to_string(op).expect("an op serializes")
}

impl CpServer {
    /// Boot server `id` from its WAL, if any: the copy is rebuilt as entries commit again.
    pub fn boot(id: NodeId, config: &ConfigCenterConfig, wal: Option<&RaftDurable>, ctx: &mut Ctx<ConfigNode>) -> Self {
        let raft_config = config.raft();
        let (raft, effects) = ctx.embed(id, config.servers, |inner| RaftNode::boot(id, &raft_config, wal, inner));
        let mut server = Self {
            raft,
            store: Store::default(),
            journal: Journal::default(),
            id,
            servers: config.servers,
            local_reads: !config.linearizable_reads || config.has(Bug::ReadWithoutReadIndex),
            pending: BTreeMap::new(),
        };
        server.carry_out(effects, ctx);
        server
    }

    /// Whether it leads.
    pub fn is_leader(&self) -> bool {
        self.raft.role == Role::Leader
    }

    /// A client's change: the leader proposes it; others refuse, naming the leader they know.
    pub fn write(&mut self, from: NodeId, req: u64, write: WriteId, op: Op, ctx: &mut Ctx<ConfigNode>) {
        if !self.is_leader() {
            return self.refuse(from, req, Refusal::NotLeader { leader: self.raft.leader_id }, ctx);
        }
        let key = op.key().to_string();
        let session = (write.client, write.seq);
        self.pending.insert(session, (from, req, Awaiting::Write { key: key.clone(), write }));
        let op = KvOp::Put { key, value: encode(&op) };
        self.input(RaftInput::Client { client: write.client, seq: write.seq, op }, ctx);
    }

    /// A client's read: through ReadIndex, or from this copy when reads are local.
    pub fn read(&mut self, from: NodeId, req: u64, read: u64, key: String, ctx: &mut Ctx<ConfigNode>) {
        if self.local_reads {
            let reply = value_reply(&self.store, from, read, key);
            return ctx.send(from, ConfigMessage::Reply { req, reply });
        }
        let session = (READ_CLIENT | from, read);
        self.pending.insert(session, (from, req, Awaiting::Read { read, key: key.clone() }));
        self.input(RaftInput::Read { client: session.0, seq: read, key, mode: ReadMode::ReadIndex }, ctx);
    }

    /// A Raft message from server `from`.
    pub fn on_raft(&mut self, from: NodeId, message: RaftMessage, ctx: &mut Ctx<ConfigNode>) {
        let (id, n) = (self.id, self.servers);
        let (_, effects) = ctx.embed(id, n, |inner| self.raft.on_message(from, message, inner));
        self.carry_out(effects, ctx);
    }

    /// A timer came due.
    pub fn on_timer(&mut self, timer: ConfigTimer, ctx: &mut Ctx<ConfigNode>) {
        if let ConfigTimer::Raft(t) = timer {
            let (id, n) = (self.id, self.servers);
            let (_, effects) = ctx.embed(id, n, |inner| self.raft.on_timer(t, inner));
            self.carry_out(effects, ctx);
        }
    }

    fn input(&mut self, input: RaftInput, ctx: &mut Ctx<ConfigNode>) {
        let (id, n) = (self.id, self.servers);
        let (_, effects) = ctx.embed(id, n, |inner| self.raft.on_input(input, inner));
        self.carry_out(effects, ctx);
    }

    /// Refuse a client's change (counted as a refusal for the availability measure).
    fn refuse(&mut self, to: NodeId, req: u64, refusal: Refusal, ctx: &mut Ctx<ConfigNode>) {
        self.journal.emit(ConfigEvent::WriteRefused { refusal }, ctx);
        ctx.send(to, ConfigMessage::Reply { req, reply: Reply::Refused { refusal } });
    }

    fn carry_out(&mut self, effects: Vec<Effect<RaftNode>>, ctx: &mut Ctx<ConfigNode>) {
        for effect in effects {
            match effect {
                Effect::Send { to, message } => ctx.send(to, ConfigMessage::Raft(message)),
                Effect::SetTimer { timer, after } => ctx.set_timer(ConfigTimer::Raft(timer), after),
                Effect::CancelTimer { timer } => ctx.cancel_timer(ConfigTimer::Raft(timer)),
                Effect::Persist { write } => ctx.persist(ConfigWrite::Raft(write)),
                Effect::Emit { event } => self.on_event(event, ctx),
            }
        }
    }

    fn on_event(&mut self, event: RaftEvent, ctx: &mut Ctx<ConfigNode>) {
        match event {
            RaftEvent::Role { role, term } => self.journal.emit(ConfigEvent::Role { role, term }, ctx),
            RaftEvent::Apply { cmd, .. } => {
                let Command::Client { client, seq, op: KvOp::Put { value, .. } } = &*cmd.0 else { return };
                let Ok(op) = serde_json::from_str::<Op>(value) else { return };
                let write = WriteId { client: *client, seq: *seq };
                // Every copy applies with the same revision fields: only the version orders CP copies.
                let _ = self.store.apply(&op, write, 0, 0);
            }
            RaftEvent::ClientReply { client, seq, reply } => {
                let Some((to, req, awaiting)) = self.pending.remove(&(client, seq)) else { return };
                let is_write = matches!(awaiting, Awaiting::Write { .. });
                let reply = match (reply, awaiting) {
                    (ClientOutcome::Ok { .. }, Awaiting::Read { read, key }) => value_reply(&self.store, to, read, key),
                    (ClientOutcome::Ok { result: KvResult::Ok }, Awaiting::Write { key, write }) => {
                        match self.store.outcome(write) {
                            Some(Ok(version)) => {
                                let accepted = ConfigEvent::Accepted { key: key.clone(), version, write, clock: 0 };
                                self.journal.emit(accepted, ctx);
                                Reply::Written { key, version }
                            }
                            _ => Reply::Refused { refusal: Refusal::Rejected },
                        }
                    }
                    (ClientOutcome::Ok { .. }, Awaiting::Write { .. }) => Reply::Refused { refusal: Refusal::Rejected },
                    (ClientOutcome::Redirect { leader }, _) => {
                        Reply::Refused { refusal: Refusal::NotLeader { leader: Some(leader) } }
                    }
                    (ClientOutcome::NoLeader, _) => Reply::Refused { refusal: Refusal::NotLeader { leader: None } },
                    (ClientOutcome::LostLeadership, _) => Reply::Refused { refusal: Refusal::LostLeadership },
                };
                match reply {
                    Reply::Refused { refusal: refusal @ (Refusal::NotLeader { .. } | Refusal::LostLeadership) }
                        if is_write =>
                    {
                        return self.refuse(to, req, refusal, ctx);
                    }
                    _ => {}
                }
                ctx.send(to, ConfigMessage::Reply { req, reply });
            }
            _ => {}
        }
    }
}
