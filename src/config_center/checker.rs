//! The lab's checker, outside the protocol: it reads the clients' histories and the servers'
//! copies. CP: No Stale Read (a linearizable read returns at least the newest version acknowledged
//! or read before it was sent: for one versioned register per key this is exactly
//! linearizability, so the general search of `raft::linearizability` is not needed) and No Lost
//! Write (every acknowledged change is in the servers' copies). Both modes: Converges (within the
//! bound after the last fault heals, every server holds everything any server held at the heal).
//! AP: every acknowledged write is present or replaced by a later version; one lost when
//! last-writer-wins kept an earlier write whose server's clock read later is counted, and is a
//! violation only when the configuration says so.

use std::collections::BTreeMap;

use super::config::Mode;
pub use super::measures::Measured;
use super::store::{Entry, Revision, WriteId};
use super::{ConfigEvent, ConfigNode};
use crate::sim::{fill_facts, Checker, NodeId, NodeStatus, SimTime, Violation, World};

/// Names of the invariants, in the order the page lists them.
pub const INVARIANTS: [&str; 3] = ["No Stale Read", "No Lost Write", "Converges"];

/// The English sentence of a violation code (the page translates by code).
pub fn english(code: &str) -> &'static str {
    match code {
        "stale_read" => "client {node} read version {version} of {key}, but version {floor} was acknowledged before the read was sent",
        "lost_write" => "the change of {key} acknowledged to client {node} as version {version} is in no server's copy",
        "lost_to_lww" => "the change of {key} acknowledged to client {node} as version {version} was lost: last-writer-wins kept a write made earlier by a server whose clock read later",
        "not_converged" => "server {node} still lacks version {version} of {key} {bound} µs after the heal",
        _ => "an invariant broke",
    }
}

/// An acknowledged change awaiting judgement.
#[derive(Clone, Debug)]
struct Acked {
    client: NodeId,
    write: WriteId,
    key: String,
    version: u64,
    t: SimTime,
}

/// A violation found: invariant, code, nodes, facts.
type Found = (&'static str, &'static str, Vec<NodeId>, Vec<(&'static str, String)>);

/// The lab's checker.
#[derive(Clone, Debug, Default)]
pub struct ConfigChecker {
    /// Per node: its life and the events read of it.
    cursors: BTreeMap<NodeId, (u32, u64)>,
    measured: Measured,
    /// Per key, the highest version acknowledged or read so far.
    floor: BTreeMap<String, u64>,
    /// Reads in flight: (client, read) -> (floor when sent, judged).
    reads: BTreeMap<(NodeId, u64), (u64, bool)>,
    /// When each version was first acknowledged, and first accepted.
    acked_at: BTreeMap<(String, u64), SimTime>,
    accepted_at: BTreeMap<(String, u64), SimTime>,
    /// When each write was accepted, at which version: true time and the server's clock.
    writes: BTreeMap<(WriteId, u64), (SimTime, SimTime)>,
    pending: Vec<Acked>,
    /// Since when the servers are all up and connected, and what they held then.
    healthy_since: Option<SimTime>,
    frontier: BTreeMap<String, Revision>,
    converging: Option<SimTime>,
    /// Versions each client saw: (client, key) -> version.
    seen: BTreeMap<(NodeId, String), u64>,
}

impl ConfigChecker {
    /// What the run measured so far.
    pub fn measured(&self) -> &Measured {
        &self.measured
    }

    /// Read every node's new events; the first violation among them, if any.
    fn take(&mut self, world: &World<ConfigNode>) -> Option<Found> {
        let judged = world.config().reads_linearizable();
        let now = world.now();
        let mut found = None;
        for (id, p) in world.processes() {
            let Some(p) = p else { continue };
            let life = world.node(id).map_or(0, |n| n.life);
            let journal = p.journal();
            let cursor = self.cursors.entry(id).or_default();
            if cursor.0 != life {
                *cursor = (life, 0);
            }
            if cursor.1 == journal.total() {
                continue;
            }
            let from = cursor.1;
            cursor.1 = journal.total();
            for event in journal.since(from) {
                if let Some(f) = self.on_event(id, now, event, judged) {
                    found.get_or_insert(f);
                }
            }
        }
        found
    }

    fn on_event(&mut self, node: NodeId, t: SimTime, event: &ConfigEvent, judged: bool) -> Option<Found> {
        let m = &mut self.measured;
        match event {
            ConfigEvent::Accepted { key, version, write, clock } => {
                m.availability.entry(node).or_default().accepted += 1;
                self.accepted_at.entry((key.clone(), *version)).or_insert(t);
                self.writes.insert((*write, *version), (t, *clock));
            }
            ConfigEvent::WriteRefused { .. } => m.availability.entry(node).or_default().refused += 1,
            ConfigEvent::WriteAcked { write, key, version } => {
                m.writes_acked += 1;
                m.clients.entry(node).or_default().writes_acked += 1;
                self.acked_at.entry((key.clone(), *version)).or_insert(t);
                let floor = self.floor.entry(key.clone()).or_default();
                *floor = (*floor).max(*version);
                self.pending.push(Acked { client: node, write: *write, key: key.clone(), version: *version, t });
            }
            ConfigEvent::WriteFailed { .. } => {
                m.writes_failed += 1;
                m.clients.entry(node).or_default().writes_failed += 1;
            }
            ConfigEvent::ReadInvoked { read, key, linearizable } => {
                let floor = self.floor.get(key).copied().unwrap_or(0);
                self.reads.insert((node, *read), (floor, *linearizable && judged));
            }
            ConfigEvent::ReadFailed { read, .. } => {
                m.reads_failed += 1;
                m.clients.entry(node).or_default().reads_failed += 1;
                self.reads.remove(&(node, *read));
            }
            ConfigEvent::ReadReturned { read, key, version, .. } => {
                m.reads += 1;
                m.clients.entry(node).or_default().reads += 1;
                let (floor, judge) = self.reads.remove(&(node, *read)).unwrap_or((0, false));
                let latest = self.floor.entry(key.clone()).or_default();
                *latest = (*latest).max(*version);
                if *version < floor {
                    m.stale_reads += 1;
                    let newer =
                        self.acked_at.range((key.clone(), version + 1)..(key.clone(), u64::MAX)).map(|(_, &a)| a).min();
                    let age = t.saturating_sub(newer.unwrap_or(t));
                    m.staleness.add(age);
                    let tally = m.clients.entry(node).or_default();
                    tally.stale_reads += 1;
                    tally.staleness_max = tally.staleness_max.max(age);
                    if judge {
                        let facts = vec![
                            ("node", node.to_string()),
                            ("key", key.clone()),
                            ("version", version.to_string()),
                            ("floor", floor.to_string()),
                        ];
                        return Some((INVARIANTS[0], "stale_read", vec![node], facts));
                    }
                }
            }
            ConfigEvent::Seen { key, version } => {
                let before = self.seen.insert((node, key.clone()), *version).unwrap_or(0);
                if *version > before {
                    if let Some(&at) = self.accepted_at.get(&(key.clone(), *version)) {
                        m.propagation.add(t.saturating_sub(at));
                    }
                }
            }
            ConfigEvent::Started { from_cache: true } => m.started_from_cache += 1,
            _ => {}
        }
        None
    }

    /// Whether every server is up and every link between servers is.
    fn healthy(world: &World<ConfigNode>) -> bool {
        let servers = world.config().servers;
        let up = (0..servers).all(|s| world.status(s) == Some(NodeStatus::Up));
        let net = world.network();
        up && (0..servers).all(|a| (0..servers).all(|b| a == b || net.link_up(a, b)))
    }

    fn stores(world: &World<ConfigNode>) -> Vec<(NodeId, BTreeMap<String, Entry>)> {
        world
            .processes()
            .filter_map(|(id, p)| p.and_then(ConfigNode::server).map(|s| (id, s)))
            .map(|(id, s)| (id, s.store().entries().map(|(k, e)| (k.clone(), e.clone())).collect()))
            .collect()
    }

    /// Judge convergence and the acknowledged writes once the servers have been healthy for the bound.
    fn watch_convergence(&mut self, world: &World<ConfigNode>) -> Option<Found> {
        let now = world.now();
        if !Self::healthy(world) {
            self.healthy_since = None;
            self.converging = None;
            return None;
        }
        let bound = world.config().convergence_bound;
        if self.healthy_since.is_none() {
            self.healthy_since = Some(now);
            self.converging = Some(now);
            self.frontier = Self::frontier_of(world);
        }
        let since = self.healthy_since.unwrap_or(now);
        if let Some(heal) = self.converging {
            let stores = Self::stores(world);
            let revs: Vec<Vec<Revision>> =
                stores.iter().map(|(_, s)| s.values().map(|e| e.revision).collect()).collect();
            if revs.windows(2).all(|w| w[0] == w[1]) && self.covers(&stores) {
                self.measured.convergence.add(now - heal);
                self.converging = None;
            }
        }
        if now < since + bound {
            return None;
        }
        let stores = Self::stores(world);
        let found = self.judge(world, &stores, since, bound);
        self.healthy_since = Some(now);
        self.frontier = Self::frontier_of(world);
        found
    }

    fn covers(&self, stores: &[(NodeId, BTreeMap<String, Entry>)]) -> bool {
        stores.iter().all(|(_, s)| self.frontier.iter().all(|(k, r)| s.get(k).is_some_and(|e| e.revision >= *r)))
    }

    fn frontier_of(world: &World<ConfigNode>) -> BTreeMap<String, Revision> {
        let mut frontier: BTreeMap<String, Revision> = BTreeMap::new();
        for (_, store) in Self::stores(world) {
            for (key, entry) in store {
                let r = frontier.entry(key).or_default();
                *r = (*r).max(entry.revision);
            }
        }
        frontier
    }

    fn judge(
        &mut self,
        world: &World<ConfigNode>,
        stores: &[(NodeId, BTreeMap<String, Entry>)],
        since: SimTime,
        bound: SimTime,
    ) -> Option<Found> {
        let mut found = None;
        for (id, store) in stores {
            for (key, revision) in &self.frontier {
                if store.get(key).is_none_or(|e| e.revision < *revision) {
                    let facts = vec![
                        ("node", id.to_string()),
                        ("key", key.clone()),
                        ("version", revision.version.to_string()),
                        ("bound", bound.to_string()),
                    ];
                    found.get_or_insert((INVARIANTS[2], "not_converged", vec![*id], facts));
                }
            }
        }
        let config = world.config();
        let (due, later): (Vec<Acked>, Vec<Acked>) =
            std::mem::take(&mut self.pending).into_iter().partition(|a| a.t <= since);
        self.pending = later;
        for acked in due {
            let winner = stores.iter().filter_map(|(_, s)| s.get(&acked.key)).max_by_key(|e| e.revision);
            let held = winner.and_then(|e| e.holds(acked.version, acked.write));
            if held != Some(false) && winner.is_some() {
                continue;
            }
            let facts = vec![
                ("node", acked.client.to_string()),
                ("key", acked.key.clone()),
                ("version", acked.version.to_string()),
            ];
            if config.mode == Mode::Cp {
                found.get_or_insert((INVARIANTS[1], "lost_write", vec![acked.client], facts));
                continue;
            }
            // Replaced by a later version: superseded, as the issue defines it.
            if winner.is_some_and(|e| e.revision.version > acked.version) {
                continue;
            }
            let mine = self.writes.get(&(acked.write, acked.version)).copied().unwrap_or((acked.t, 0));
            let rival = winner.and_then(|e| self.writes.get(&(e.current().write, acked.version)).copied());
            match rival {
                // A write made later won the tie on the clock: the last writer did win.
                Some((t, _)) if t >= mine.0 => continue,
                // Last-writer-wins kept a write made earlier, whose server's clock read later.
                Some(_) => {
                    self.measured.lost_to_clock_skew += 1;
                    if config.lost_write_is_violation {
                        found.get_or_insert((INVARIANTS[1], "lost_to_lww", vec![acked.client], facts));
                    }
                }
                None => {
                    found.get_or_insert((INVARIANTS[1], "lost_write", vec![acked.client], facts));
                }
            }
        }
        found
    }
}

impl Checker<ConfigNode> for ConfigChecker {
    fn check(&mut self, world: &World<ConfigNode>) -> Option<Violation> {
        let found = self.take(world).or_else(|| self.watch_convergence(world));
        let (invariant, code, nodes, facts) = found?;
        Some(Violation {
            invariant,
            t: world.now(),
            nodes,
            explanation: fill_facts(english(code), &facts),
            code,
            facts,
            trace_seq: world.trace().total().saturating_sub(1),
        })
    }
}
