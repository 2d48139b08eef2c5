//! A configuration server: the CP or AP replica underneath, and what both modes do alike:
//! answering reads from the local copy and holding long polls until a watched key changes.

use super::ap::ApServer;
use super::config::{ConfigCenterConfig, Mode};
use super::cp::CpServer;
use super::journal::Journal;
use super::store::{checksum, Store};
use super::{ConfigDisk, ConfigMessage, ConfigNode, ConfigTimer, DistroMessage, Reply, Request};
use crate::raft::types::RaftMessage;
use crate::sim::{Ctx, NodeId, SimTime};

/// A long poll held by a server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hold {
    /// The client.
    pub client: NodeId,
    /// Its request number.
    pub req: u64,
    /// The checksums of what it holds.
    pub watched: Vec<(String, u64)>,
}

/// The replica a server runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Replica {
    /// CP: a Raft member.
    Cp(Box<CpServer>),
    /// AP: a Distro member.
    Ap(Box<ApServer>),
}

/// A configuration server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Server {
    /// Its replica.
    pub replica: Replica,
    /// Long polls it holds.
    pub holds: Vec<Hold>,
    /// Long polls answered early (a watched key changed).
    pub early_answers: u64,
    hold_for: SimTime,
}

impl Server {
    /// Boot server `id` from its disk, if any.
    pub fn boot(id: NodeId, config: &ConfigCenterConfig, disk: Option<&ConfigDisk>, ctx: &mut Ctx<ConfigNode>) -> Self {
        let replica = match config.mode {
            Mode::Cp => Replica::Cp(Box::new(CpServer::boot(id, config, disk.map(|d| &d.raft), ctx))),
            Mode::Ap => Replica::Ap(Box::new(ApServer::boot(id, config, disk.map(|d| &d.entries), ctx))),
        };
        Self { replica, holds: Vec::new(), early_answers: 0, hold_for: config.long_poll_hold }
    }

    /// What this server has (CP: applied; AP: accepted or merged).
    pub fn store(&self) -> &Store {
        match &self.replica {
            Replica::Cp(s) => &s.store,
            Replica::Ap(s) => &s.store,
        }
    }

    /// Its lab events.
    pub fn journal(&self) -> &Journal {
        match &self.replica {
            Replica::Cp(s) => &s.journal,
            Replica::Ap(s) => &s.journal,
        }
    }

    /// The CP replica, if the server runs one.
    pub fn cp(&self) -> Option<&CpServer> {
        match &self.replica {
            Replica::Cp(s) => Some(s),
            Replica::Ap(_) => None,
        }
    }

    /// The AP replica, if the server runs one.
    pub fn ap(&self) -> Option<&ApServer> {
        match &self.replica {
            Replica::Ap(s) => Some(s),
            Replica::Cp(_) => None,
        }
    }

    /// A client's request.
    pub fn on_request(&mut self, from: NodeId, req: u64, request: Request, ctx: &mut Ctx<ConfigNode>) {
        match request {
            Request::Poll { watched } => {
                let hold = Hold { client: from, req, watched };
                if !self.changed(&hold).is_empty() {
                    return self.answer(hold, ctx);
                }
                ctx.set_timer(ConfigTimer::Hold { client: from, req }, self.hold_for);
                self.holds.retain(|h| h.client != from);
                self.holds.push(hold);
            }
            Request::Write { write, op } => match &mut self.replica {
                Replica::Cp(s) => s.write(from, req, write, op, ctx),
                Replica::Ap(s) => s.write(from, req, write, op, ctx),
            },
            Request::Get { read, key } => match &mut self.replica {
                Replica::Cp(s) => s.read(from, req, read, key, ctx),
                Replica::Ap(s) => {
                    let reply = value_reply(&s.store, from, read, key);
                    ctx.send(from, ConfigMessage::Reply { req, reply });
                }
            },
        }
        self.answer_changed(ctx);
    }

    /// CP: a Raft message from server `from`.
    pub fn on_raft(&mut self, from: NodeId, message: RaftMessage, ctx: &mut Ctx<ConfigNode>) {
        if let Replica::Cp(s) = &mut self.replica {
            s.on_raft(from, message, ctx);
        }
        self.answer_changed(ctx);
    }

    /// AP: a Distro message from server `from`.
    pub fn on_distro(&mut self, from: NodeId, message: DistroMessage, ctx: &mut Ctx<ConfigNode>) {
        if let Replica::Ap(s) = &mut self.replica {
            s.on_message(from, message, ctx);
        }
        self.answer_changed(ctx);
    }

    /// A timer came due.
    pub fn on_timer(&mut self, timer: ConfigTimer, ctx: &mut Ctx<ConfigNode>) {
        if let ConfigTimer::Hold { client, req } = timer {
            if let Some(i) = self.holds.iter().position(|h| h.client == client && h.req == req) {
                self.holds.remove(i);
                ctx.send(client, ConfigMessage::Reply { req, reply: Reply::Changed { keys: Vec::new() } });
            }
            return;
        }
        match &mut self.replica {
            Replica::Cp(s) => s.on_timer(timer, ctx),
            Replica::Ap(s) => s.on_timer(timer, ctx),
        }
        self.answer_changed(ctx);
    }

    /// The keys of `hold` whose content here differs from the client's (Nacos compares MD5s).
    fn changed(&self, hold: &Hold) -> Vec<String> {
        let store = self.store();
        let here = |key: &str| {
            let entry = store.get(key);
            checksum(entry.map_or(0, |e| e.revision.version), entry.map(|e| e.value_for(hold.client)))
        };
        hold.watched.iter().filter(|(key, sum)| here(key) != *sum).map(|(k, _)| k.clone()).collect()
    }

    fn answer(&mut self, hold: Hold, ctx: &mut Ctx<ConfigNode>) {
        let keys = self.changed(&hold);
        ctx.cancel_timer(ConfigTimer::Hold { client: hold.client, req: hold.req });
        ctx.send(hold.client, ConfigMessage::Reply { req: hold.req, reply: Reply::Changed { keys } });
    }

    /// Answer early every held poll one of whose keys changed.
    fn answer_changed(&mut self, ctx: &mut Ctx<ConfigNode>) {
        let (ready, kept): (Vec<Hold>, Vec<Hold>) =
            std::mem::take(&mut self.holds).into_iter().partition(|h| !self.changed(h).is_empty());
        self.holds = kept;
        for hold in ready {
            self.early_answers += 1;
            self.answer(hold, ctx);
        }
    }
}

/// The answer to a read of `key` by `client` from `store`.
pub fn value_reply(store: &Store, client: NodeId, read: u64, key: String) -> Reply {
    let entry = store.get(&key);
    Reply::Value {
        read,
        value: entry.map(|e| e.value_for(client).to_string()),
        version: entry.map_or(0, |e| e.revision.version),
        key,
    }
}
