//! AP mode, Nacos's Distro: each key has a responsible server, picked by hashing the key over the
//! members a server believes alive. The responsible server accepts a change at once (a change sent
//! elsewhere is forwarded to it) and replicates it after the sync delay, once; every verify
//! interval each server sends the checksums of the keys it is responsible for, and a receiver
//! pulls what is newer there and pushes back what is newer here (anti-entropy). Copies are ordered
//! by version, then by the accepting server's clock (last writer wins), then by server id.

use std::collections::{BTreeMap, BTreeSet};

use super::config::{Bug, ConfigCenterConfig};
use super::journal::Journal;
use super::store::{Entry, Op, Revision, Store, WriteId};
use super::{ConfigEvent, ConfigMessage, ConfigNode, ConfigTimer, ConfigWrite, DistroMessage, Refusal, Reply};
use crate::sim::{stable_hash, Ctx, NodeId, SimTime};

/// An AP server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApServer {
    /// Its copy.
    pub store: Store,
    /// Its lab events.
    pub journal: Journal,
    /// When it last heard from each server, on its own clock (itself: always alive).
    pub last_heard: Vec<SimTime>,
    /// Keys changed here since the last sync.
    pub dirty: BTreeSet<String>,
    /// Entries repaired by anti-entropy (pulled or pushed).
    pub repaired: u64,
    id: NodeId,
    sync_delay: SimTime,
    verify_interval: SimTime,
    report_interval: SimTime,
    down_after: SimTime,
    anti_entropy: bool,
}

impl ApServer {
    /// Boot server `id` with the entries on its disk, if any.
    pub fn boot(
        id: NodeId,
        config: &ConfigCenterConfig,
        disk: Option<&BTreeMap<String, Entry>>,
        ctx: &mut Ctx<ConfigNode>,
    ) -> Self {
        let mut store = Store::default();
        for (key, entry) in disk.into_iter().flatten() {
            store.merge(key, entry.clone());
        }
        ctx.set_timer(ConfigTimer::Verify, config.verify_interval);
        ctx.set_timer(ConfigTimer::Report, config.report_interval);
        Self {
            store,
            journal: Journal::default(),
            last_heard: vec![ctx.now(); config.servers as usize],
            dirty: BTreeSet::new(),
            repaired: 0,
            id,
            sync_delay: config.sync_delay,
            verify_interval: config.verify_interval,
            report_interval: config.report_interval,
            down_after: config.report_interval * u64::from(config.member_fail_reports),
            anti_entropy: !config.has(Bug::NoAntiEntropy),
        }
    }

    /// The other servers.
    fn peers(&self) -> Vec<NodeId> {
        (0..self.last_heard.len() as NodeId).filter(|&s| s != self.id).collect()
    }

    /// The servers it believes alive, in id order.
    pub fn alive(&self, now: SimTime) -> Vec<NodeId> {
        (0..self.last_heard.len() as NodeId)
            .filter(|&s| s == self.id || now.saturating_sub(self.last_heard[s as usize]) <= self.down_after)
            .collect()
    }

    /// The server responsible for `key` among those it believes alive (Distro's `responsible`).
    pub fn responsible(&self, key: &str, now: SimTime) -> NodeId {
        let alive = self.alive(now);
        alive[(stable_hash(key) % alive.len() as u64) as usize]
    }

    /// A client's change: accepted if this server is responsible for the key, else forwarded.
    pub fn write(&mut self, from: NodeId, req: u64, write: WriteId, op: Op, ctx: &mut Ctx<ConfigNode>) {
        let owner = self.responsible(op.key(), ctx.now());
        if owner == self.id {
            self.accept(from, req, write, op, ctx);
        } else {
            ctx.send(owner, ConfigMessage::Distro(DistroMessage::Forward { client: from, req, write, op }));
        }
    }

    fn accept(&mut self, client: NodeId, req: u64, write: WriteId, op: Op, ctx: &mut Ctx<ConfigNode>) {
        let key = op.key().to_string();
        let before = self.store.version(&key);
        let reply = match self.store.apply(&op, write, self.id, ctx.now()) {
            Ok(version) => {
                if version > before {
                    self.journal
                        .emit(ConfigEvent::Accepted { key: key.clone(), version, write, clock: ctx.now() }, ctx);
                    self.changed(&key, ctx);
                }
                Reply::Written { key, version }
            }
            Err(_) => Reply::Refused { refusal: Refusal::Rejected },
        };
        ctx.send(client, ConfigMessage::Reply { req, reply });
    }

    /// Persist a key changed here and schedule its replication.
    fn changed(&mut self, key: &str, ctx: &mut Ctx<ConfigNode>) {
        if let Some(entry) = self.store.get(key) {
            ctx.persist(ConfigWrite::Entry { key: key.to_string(), entry: entry.clone() });
        }
        if self.dirty.is_empty() {
            ctx.set_timer(ConfigTimer::Sync, self.sync_delay);
        }
        self.dirty.insert(key.to_string());
    }

    /// A Distro message from server `from`.
    pub fn on_message(&mut self, from: NodeId, message: DistroMessage, ctx: &mut Ctx<ConfigNode>) {
        if let Some(heard) = self.last_heard.get_mut(from as usize) {
            *heard = ctx.now();
        }
        match message {
            DistroMessage::Forward { client, req, write, op } => self.accept(client, req, write, op, ctx),
            DistroMessage::Sync { entries } => {
                for (key, entry) in entries {
                    let version = entry.revision.version;
                    if self.store.merge(&key, entry.clone()) {
                        ctx.persist(ConfigWrite::Entry { key: key.clone(), entry });
                        self.journal.emit(ConfigEvent::Merged { key, version, from }, ctx);
                    }
                }
            }
            DistroMessage::Verify { revisions } => self.verify(from, revisions, ctx),
            DistroMessage::Pull { keys } => {
                let entries = self.entries_of(keys);
                if !entries.is_empty() {
                    ctx.send(from, ConfigMessage::Distro(DistroMessage::Sync { entries }));
                }
            }
            DistroMessage::Report => {}
        }
    }

    /// Compare `from`'s checksums with this copy: pull what is newer there, push what is newer here
    /// (including keys `from` is responsible for that it lacks).
    fn verify(&mut self, from: NodeId, revisions: Vec<(String, Revision)>, ctx: &mut Ctx<ConfigNode>) {
        let theirs: BTreeMap<String, Revision> = revisions.into_iter().collect();
        let mut pull = Vec::new();
        let mut push = Vec::new();
        for (key, revision) in &theirs {
            match self.store.get(key).map(|e| e.revision) {
                Some(mine) if mine > *revision => push.push(key.clone()),
                Some(mine) if mine == *revision => {}
                _ => pull.push(key.clone()),
            }
        }
        let now = ctx.now();
        let missing: Vec<String> = self
            .store
            .entries()
            .map(|(k, _)| k)
            .filter(|k| !theirs.contains_key(*k) && self.responsible(k, now) == from)
            .cloned()
            .collect();
        push.extend(missing);
        self.repaired += (pull.len() + push.len()) as u64;
        if !pull.is_empty() {
            ctx.send(from, ConfigMessage::Distro(DistroMessage::Pull { keys: pull }));
        }
        let entries = self.entries_of(push);
        if !entries.is_empty() {
            ctx.send(from, ConfigMessage::Distro(DistroMessage::Sync { entries }));
        }
    }

    fn entries_of(&self, keys: Vec<String>) -> Vec<(String, Entry)> {
        keys.into_iter().filter_map(|k| self.store.get(&k).cloned().map(|e| (k, e))).collect()
    }

    /// A timer came due.
    pub fn on_timer(&mut self, timer: ConfigTimer, ctx: &mut Ctx<ConfigNode>) {
        match timer {
            ConfigTimer::Sync => {
                let dirty = std::mem::take(&mut self.dirty);
                let entries = self.entries_of(dirty.into_iter().collect());
                for peer in self.peers() {
                    ctx.send(peer, ConfigMessage::Distro(DistroMessage::Sync { entries: entries.clone() }));
                }
            }
            ConfigTimer::Verify => {
                ctx.set_timer(ConfigTimer::Verify, self.verify_interval);
                if !self.anti_entropy {
                    return;
                }
                let now = ctx.now();
                let revisions: Vec<(String, Revision)> = self
                    .store
                    .revisions()
                    .filter(|(k, _)| self.responsible(k, now) == self.id)
                    .map(|(k, r)| (k.clone(), r))
                    .collect();
                for peer in self.peers() {
                    ctx.send(peer, ConfigMessage::Distro(DistroMessage::Verify { revisions: revisions.clone() }));
                }
            }
            ConfigTimer::Report => {
                ctx.set_timer(ConfigTimer::Report, self.report_interval);
                for peer in self.peers() {
                    ctx.send(peer, ConfigMessage::Distro(DistroMessage::Report));
                }
            }
            _ => {}
        }
    }
}
