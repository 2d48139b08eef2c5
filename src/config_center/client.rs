//! A client (an application with the Nacos or Apollo client library): it loads its keys at start,
//! keeps them in a local disk cache and starts from that cache when no server answers, watches
//! them by long polling, and sends the operator's changes and reads, one request at a time, moving
//! to the leader a server names or to the next server when one refuses or stays silent.

use std::collections::{BTreeMap, VecDeque};

use super::config::ConfigCenterConfig;
use super::journal::Journal;
use super::store::{checksum, Op, WriteId};
use super::{
    ConfigDisk, ConfigEvent, ConfigInput, ConfigMessage, ConfigNode, ConfigTimer, ConfigWrite, Refusal, Reply, Request,
};
use crate::sim::{Ctx, NodeId, SimTime};

/// Why a client reads a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Loading its configuration at start.
    Startup,
    /// A long poll said the key changed.
    Watch,
    /// The application asked.
    User,
}

/// One request the client has to get answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Job {
    /// A change.
    Write { write: WriteId, op: Op },
    /// A read.
    Read { read: u64, key: String, purpose: Purpose },
}

/// The request in flight and where it went.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Outstanding {
    req: u64,
    job: Job,
    server: NodeId,
    tries: u32,
}

/// A client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    /// The configuration the application uses: key -> (version, value).
    pub config: BTreeMap<String, (u64, Option<String>)>,
    /// How it started: `Some(true)` from its local cache, `Some(false)` from a server.
    pub started_from_cache: Option<bool>,
    /// The server it long-polls (and sends requests to first).
    pub home: NodeId,
    /// Changes acknowledged.
    pub acked: u64,
    /// Requests that failed on every server.
    pub failed: u64,
    /// Its lab events.
    pub journal: Journal,
    id: NodeId,
    servers: u32,
    keys: Vec<String>,
    linearizable: bool,
    request_timeout: SimTime,
    long_poll_timeout: SimTime,
    next_req: u64,
    next_write: u64,
    next_read: u64,
    queue: VecDeque<Job>,
    current: Option<Outstanding>,
    poll: Option<u64>,
}

impl Client {
    /// Boot with the cache on disk, if any, and start loading every key.
    pub fn boot(config: &ConfigCenterConfig, disk: Option<&ConfigDisk>, ctx: &mut Ctx<ConfigNode>) -> Self {
        let id = ctx.id();
        let cache = disk.map(|d| d.cache.clone()).unwrap_or_default();
        let mut client = Self {
            config: cache.into_iter().map(|(k, (v, value))| (k, (v, Some(value)))).collect(),
            started_from_cache: None,
            home: (id - config.servers) % config.servers,
            acked: 0,
            failed: 0,
            journal: Journal::default(),
            id,
            servers: config.servers,
            keys: config.keys.clone(),
            linearizable: config.reads_linearizable(),
            request_timeout: config.request_timeout,
            long_poll_timeout: config.long_poll_timeout,
            next_req: 0,
            next_write: 0,
            next_read: 0,
            queue: VecDeque::new(),
            current: None,
            poll: None,
        };
        for key in client.keys.clone() {
            client.enqueue_read(key, Purpose::Startup);
        }
        client.pump(ctx);
        client
    }

    /// An operator's or application's request.
    pub fn on_input(&mut self, input: ConfigInput, ctx: &mut Ctx<ConfigNode>) {
        let op = match input {
            ConfigInput::Publish { key, value } => Op::Publish { key, value },
            ConfigInput::Rollback { key } => Op::Rollback { key },
            ConfigInput::GrayRelease { key, value, clients } => Op::Gray { key, value, clients },
            ConfigInput::Read { key } => {
                self.enqueue_read(key, Purpose::User);
                return self.pump(ctx);
            }
        };
        self.next_write += 1;
        self.queue.push_back(Job::Write { write: WriteId { client: self.id, seq: self.next_write }, op });
        self.pump(ctx);
    }

    /// Requests waiting behind the one in flight.
    pub fn queued(&self) -> usize {
        self.queue.len()
    }

    fn enqueue_read(&mut self, key: String, purpose: Purpose) {
        self.next_read += 1;
        self.queue.push_back(Job::Read { read: self.next_read, key, purpose });
    }

    /// Send the next job if none is in flight.
    fn pump(&mut self, ctx: &mut Ctx<ConfigNode>) {
        if self.current.is_some() {
            return;
        }
        let Some(job) = self.queue.pop_front() else { return };
        match &job {
            Job::Write { write, op } => self
                .journal
                .emit(ConfigEvent::WriteInvoked { write: *write, op: op.name(), key: op.key().to_string() }, ctx),
            Job::Read { read, key, .. } => self
                .journal
                .emit(ConfigEvent::ReadInvoked { read: *read, key: key.clone(), linearizable: self.linearizable }, ctx),
        }
        let server = self.home;
        self.send(Outstanding { req: 0, job, server, tries: 0 }, ctx);
    }

    fn send(&mut self, mut out: Outstanding, ctx: &mut Ctx<ConfigNode>) {
        self.next_req += 1;
        out.req = self.next_req;
        let request = match &out.job {
            Job::Write { write, op } => Request::Write { write: *write, op: op.clone() },
            Job::Read { read, key, .. } => Request::Get { read: *read, key: key.clone() },
        };
        ctx.send(out.server, ConfigMessage::Request { req: out.req, request });
        ctx.set_timer(ConfigTimer::RequestTimeout { req: out.req }, self.request_timeout);
        self.current = Some(out);
    }

    /// Try the job in flight again at `server`, or give it up after two rounds of the servers.
    fn retry(&mut self, server: NodeId, ctx: &mut Ctx<ConfigNode>) {
        let Some(mut out) = self.current.take() else { return };
        ctx.cancel_timer(ConfigTimer::RequestTimeout { req: out.req });
        out.tries += 1;
        if out.tries >= 2 * self.servers {
            return self.give_up(out.job, ctx);
        }
        out.server = server;
        self.send(out, ctx);
    }

    fn give_up(&mut self, job: Job, ctx: &mut Ctx<ConfigNode>) {
        self.failed += 1;
        match job {
            Job::Write { write, op } => {
                self.journal.emit(ConfigEvent::WriteFailed { write, key: op.key().to_string() }, ctx)
            }
            Job::Read { read, key, purpose } => {
                self.journal.emit(ConfigEvent::ReadFailed { read, key }, ctx);
                if purpose == Purpose::Startup && self.started_from_cache.is_none() && !self.config.is_empty() {
                    self.start(true, ctx);
                }
                self.after_read(purpose, ctx);
            }
        }
        self.pump(ctx);
    }

    fn next_server(&self, server: NodeId) -> NodeId {
        (server + 1) % self.servers
    }

    /// A server's answer.
    pub fn on_reply(&mut self, from: NodeId, req: u64, reply: Reply, ctx: &mut Ctx<ConfigNode>) {
        if self.poll == Some(req) {
            return self.on_poll_reply(reply, ctx);
        }
        let Some(out) = self.current.as_ref().filter(|o| o.req == req) else { return };
        let next = self.next_server(out.server);
        match reply {
            Reply::Refused { refusal: Refusal::NotLeader { leader: Some(leader) } } if leader != from => {
                self.retry(leader, ctx)
            }
            Reply::Refused { refusal: Refusal::Rejected } => {
                let out = self.current.take().expect("in flight");
                ctx.cancel_timer(ConfigTimer::RequestTimeout { req });
                self.give_up(out.job, ctx);
            }
            Reply::Refused { .. } => self.retry(next, ctx),
            Reply::Written { key, version } => {
                let out = self.current.take().expect("in flight");
                ctx.cancel_timer(ConfigTimer::RequestTimeout { req });
                if let Job::Write { write, .. } = out.job {
                    self.acked += 1;
                    self.journal.emit(ConfigEvent::WriteAcked { write, key, version }, ctx);
                }
                self.pump(ctx);
            }
            Reply::Value { read, key, value, version } => {
                let out = self.current.take().expect("in flight");
                ctx.cancel_timer(ConfigTimer::RequestTimeout { req });
                let Job::Read { purpose, .. } = out.job else { return self.pump(ctx) };
                self.journal
                    .emit(ConfigEvent::ReadReturned { read, key: key.clone(), version, value: value.clone() }, ctx);
                self.home = out.server;
                self.take_value(key, version, value, ctx);
                if self.started_from_cache.is_none() {
                    self.start(false, ctx);
                }
                self.after_read(purpose, ctx);
                self.pump(ctx);
            }
            Reply::Changed { .. } => {}
        }
    }

    /// Use a value read from a server, and cache it on disk.
    fn take_value(&mut self, key: String, version: u64, value: Option<String>, ctx: &mut Ctx<ConfigNode>) {
        let held = self.config.get(&key).cloned().unwrap_or((0, None));
        if held == (version, value.clone()) {
            return;
        }
        if let Some(v) = &value {
            ctx.persist(ConfigWrite::Cache { key: key.clone(), version, value: v.clone() });
        }
        self.journal.emit(ConfigEvent::Seen { key: key.clone(), version }, ctx);
        self.config.insert(key, (version, value));
    }

    fn start(&mut self, from_cache: bool, ctx: &mut Ctx<ConfigNode>) {
        self.started_from_cache = Some(from_cache);
        self.journal.emit(ConfigEvent::Started { from_cache }, ctx);
    }

    /// After a startup or watch read: long-poll again once no other such read is waiting.
    fn after_read(&mut self, purpose: Purpose, ctx: &mut Ctx<ConfigNode>) {
        let waiting =
            self.queue.iter().any(|j| matches!(j, Job::Read { purpose: Purpose::Startup | Purpose::Watch, .. }));
        if purpose != Purpose::User && !waiting && self.poll.is_none() {
            self.long_poll(ctx);
        }
    }

    fn long_poll(&mut self, ctx: &mut Ctx<ConfigNode>) {
        self.next_req += 1;
        let req = self.next_req;
        let watched = self.keys.iter().map(|k| (k.clone(), self.checksum(k))).collect();
        ctx.send(self.home, ConfigMessage::Request { req, request: Request::Poll { watched } });
        ctx.set_timer(ConfigTimer::PollTimeout { req }, self.long_poll_timeout);
        self.poll = Some(req);
    }

    /// The checksum of what it holds for `key`.
    fn checksum(&self, key: &str) -> u64 {
        self.config.get(key).map_or(checksum(0, None), |(v, value)| checksum(*v, value.as_deref()))
    }

    fn on_poll_reply(&mut self, reply: Reply, ctx: &mut Ctx<ConfigNode>) {
        if let Some(req) = self.poll.take() {
            ctx.cancel_timer(ConfigTimer::PollTimeout { req });
        }
        match reply {
            Reply::Changed { keys } if !keys.is_empty() => {
                for key in keys {
                    self.enqueue_read(key, Purpose::Watch);
                }
                self.pump(ctx);
            }
            _ => self.long_poll(ctx),
        }
    }

    /// A timer came due.
    pub fn on_timer(&mut self, timer: ConfigTimer, ctx: &mut Ctx<ConfigNode>) {
        match timer {
            ConfigTimer::RequestTimeout { req } if self.current.as_ref().is_some_and(|o| o.req == req) => {
                let next = self.next_server(self.current.as_ref().map_or(0, |o| o.server));
                self.retry(next, ctx);
            }
            ConfigTimer::PollTimeout { req } if self.poll == Some(req) => {
                self.poll = None;
                self.home = self.next_server(self.home);
                self.long_poll(ctx);
            }
            _ => {}
        }
    }
}
