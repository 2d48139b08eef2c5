//! The locks page's view model: plain data computed from a timeline, drawn by the page.
//!
//! `view` is recomputed once per frame in O(nodes + keys + messages); the resource timeline is kept
//! incrementally by [`super::sections::Sections`].

use super::LockTimeline;
use crate::lab::view::{self as shared, ClusterModel, LogLine, NodeModel, Note};
use crate::lock::checker::{standing, INVARIANTS};
use crate::lock::client::{lock_prefix, Client, Phase};
use crate::lock::{LockConfig, LockEvent, LockNode, Service, FIRST_REDIS, STORAGE};
use crate::raft::mvcc::CreateOrder;
use crate::sim::{NetworkConfig, NodeId, NodeStatus, Process, SimTime, Violation, World};

/// Where ZooKeeper lock znodes live.
const LOCKS: &str = "/locks";

/// One key of a Redis instance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyRow {
    /// The key.
    pub key: String,
    /// Its value (a lock token, or a fencing counter).
    pub value: String,
    /// The client whose token it is, if it is a lock.
    pub holder: Option<NodeId>,
    /// Time left on the instance's own clock; `None`: no expiry.
    pub ttl: Option<SimTime>,
}

/// One znode of ZooKeeper's waiter queue, in sequence order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waiter {
    /// The znode's name under `/locks`.
    pub znode: String,
    /// Its client, if known.
    pub client: Option<NodeId>,
    /// What it watches: its predecessor's name, or `/locks` for the herd; `None`: it holds.
    pub watches: Option<String>,
    /// etcd: the key's create revision.
    pub revision: Option<u64>,
}

/// An etcd session lease as a member's lessor sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeaseRow {
    /// The lease id.
    pub id: u64,
    /// Its session's client, if known.
    pub client: Option<NodeId>,
    /// Its TTL.
    pub ttl: SimTime,
    /// Time left before the leader revokes it (`None`: a follower's lessor never expires leases).
    pub left: Option<SimTime>,
}

/// A lock server as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerState {
    /// Node id.
    pub node: NodeId,
    /// "redis", "replica", "zookeeper" or "etcd".
    pub role: &'static str,
    /// etcd: the member's Raft role ("leader", "follower", "candidate", "pre_candidate") and term.
    pub raft: Option<(&'static str, u64)>,
    /// etcd: the store's revision.
    pub revision: u64,
    /// etcd: the session leases.
    pub leases: Vec<LeaseRow>,
    /// Up, down or paused.
    pub status: NodeStatus,
    /// Its clock's reading minus true time, in µs.
    pub skew: i64,
    /// Redis: its keys.
    pub keys: Vec<KeyRow>,
    /// ZooKeeper: the waiter queue.
    pub queue: Vec<Waiter>,
}

/// A client as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientRow {
    /// Node id.
    pub node: NodeId,
    /// "waiting", "holding", "critical", "releasing", "idle", "done", "paused" or "down".
    pub state: &'static str,
    /// The engine's phase, if it runs.
    pub phase: Option<Phase>,
    /// Its fencing token.
    pub fence: Option<u64>,
    /// The segment it buys from.
    pub segment: u32,
    /// Items bought.
    pub bought: u64,
    /// Lock grants.
    pub acquisitions: u64,
    /// Requests that found the lock taken.
    pub wasted: u64,
}

/// The protected resource.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resource {
    /// Stock per segment.
    pub segments: Vec<i64>,
    /// Stock at the start.
    pub initial: i64,
    /// Writes that sold items.
    pub sales: u64,
    /// Items sold more than once.
    pub oversold: u64,
    /// Writes refused for a stale fencing token.
    pub rejected: u64,
}

/// The counters of a run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counters {
    /// Lock grants.
    pub acquisitions: u64,
    /// Messages the clients sent.
    pub sent: u64,
    /// Requests that found the lock taken.
    pub wasted: u64,
    /// Release notifications (ZooKeeper watch events, or Redis release messages received).
    pub notifications: u64,
    /// Purchases given up (fragmentation).
    pub failed: u64,
}

impl Counters {
    /// Messages per acquisition, if there was one.
    pub fn per_acquisition(&self) -> Option<f64> {
        (self.acquisitions > 0).then(|| self.sent as f64 / self.acquisitions as f64)
    }

    /// Notifications per release (each acquisition is released once), if there was one.
    pub fn per_release(&self) -> Option<f64> {
        (self.acquisitions > 0).then(|| self.notifications as f64 / self.acquisitions as f64)
    }
}

/// Everything the locks page draws at one instant (apart from the resource timeline).
#[derive(Clone, Debug, PartialEq)]
pub struct LockView {
    /// Virtual time now.
    pub now: SimTime,
    /// Nodes, links, messages in flight, recent drops.
    pub cluster: ClusterModel,
    /// The lock servers.
    pub servers: Vec<ServerState>,
    /// The clients.
    pub clients: Vec<ClientRow>,
    /// The stock.
    pub resource: Resource,
    /// The counters.
    pub counters: Counters,
    /// Every invariant by name, with its violation if it was broken.
    pub invariants: Vec<(&'static str, Option<Violation>)>,
    /// Recent trace lines, newest last.
    pub log: Vec<LogLine>,
    /// The network settings in force.
    pub network: NetworkConfig,
}

/// Build the page's view of the timeline's present, with `log_limit` trace lines.
pub fn view(timeline: &LockTimeline, log_limit: usize) -> LockView {
    let world = timeline.world();
    let servers = servers(world);
    let clients = clients(world);
    LockView {
        now: world.now(),
        cluster: ClusterModel {
            nodes: nodes_of(world, &servers, &clients),
            links: service_links(world, &clients),
            messages: shared::messages_of(world),
            drops: shared::recent_drops(world),
        },
        resource: resource(world),
        counters: counters(world),
        invariants: invariants(timeline.violation(), &standing(world)),
        log: shared::log_lines(world, log_limit, describe_event),
        network: world.network().config.clone(),
        servers,
        clients,
    }
}

/// Per message in flight, in the network's order: its command's name as the real system spells it
/// (`SET NX PX`, `EVAL unlock`, `create -e -s`, `Txn`), the label the cluster view draws on it.
pub fn message_tags(world: &World<LockNode>) -> Vec<(String, &'static str)> {
    world.network().in_flight().map(|m| (LockNode::message_kind(&m.message).to_string(), "")).collect()
}

/// Every link direction but those between two clients: clients talk to the servers and the
/// storage, never to each other, so the page draws no client mesh.
fn service_links(world: &World<LockNode>, clients: &[ClientRow]) -> Vec<shared::LinkModel> {
    let client = |id: NodeId| clients.iter().any(|c| c.node == id);
    shared::links_of(world).into_iter().filter(|l| !(client(l.from) && client(l.to))).collect()
}

/// Every invariant's name, paired with the run's first `violation` if it is the one broken, else
/// with what the storage shows broken now (`standing`): an item sold twice after two holders
/// overlapped reads broken too, as the counters say.
pub fn invariants(violation: Option<&Violation>, standing: &[Violation]) -> Vec<(&'static str, Option<Violation>)> {
    INVARIANTS
        .iter()
        .map(|&name| {
            let first = violation.filter(|v| v.invariant == name);
            (name, first.or_else(|| standing.iter().find(|v| v.invariant == name)).cloned())
        })
        .collect()
}

/// A lock event's name (translated by the page) and its details for the event log.
pub fn describe_event(event: &LockEvent) -> (&'static str, String) {
    match event {
        LockEvent::Acquired { token } => ("acquired", token.clone()),
        LockEvent::Released { token } => ("released", token.clone()),
        LockEvent::Fenced { token, highest } => ("fenced", format!("{token} < {highest}")),
        LockEvent::EtcdRole { role, term } => (role.as_str(), format!("term {term}")),
    }
}

/// The client a lock token belongs to: Redis tokens are `c<node>-<attempt>`.
pub fn holder_of(token: &str) -> Option<NodeId> {
    token.strip_prefix('c')?.split('-').next()?.parse().ok()
}

/// A client's state word for the page (`data-state`).
pub fn client_state(status: NodeStatus, phase: Option<Phase>) -> &'static str {
    match (status, phase) {
        (NodeStatus::Down, _) | (_, None) => "down",
        (NodeStatus::Paused, _) => "paused",
        (_, Some(Phase::Acquiring | Phase::SettingExpiry | Phase::Watching)) => "waiting",
        (_, Some(Phase::Fencing)) => "holding",
        (_, Some(Phase::Reading | Phase::Thinking | Phase::Writing)) => "critical",
        (_, Some(Phase::Releasing)) => "releasing",
        (_, Some(Phase::Idle)) => "idle",
        (_, Some(Phase::Done)) => "done",
    }
}

fn client_of(world: &World<LockNode>, id: NodeId) -> Option<&Client> {
    world.node(id)?.process?.client()
}

/// The clients, in id order.
pub fn clients(world: &World<LockNode>) -> Vec<ClientRow> {
    (world.config().first_client()..world.node_count())
        .filter_map(|id| world.node(id))
        .map(|n| {
            let c = n.process.and_then(LockNode::client);
            ClientRow {
                node: n.id,
                state: client_state(n.status, c.map(|c| c.phase)),
                phase: c.map(|c| c.phase),
                fence: c.and_then(|c| c.fence),
                segment: c.map_or(0, |c| c.segment),
                bought: c.map_or(0, |c| c.bought),
                acquisitions: c.map_or(0, |c| c.acquisitions),
                wasted: c.map_or(0, |c| c.wasted),
            }
        })
        .collect()
}

/// The lock servers: keys with holder and TTL left, or ZooKeeper's queue with its watches.
pub fn servers(world: &World<LockNode>) -> Vec<ServerState> {
    let config = world.config();
    let ids: Vec<NodeId> = if config.service == Service::ZooKeeper { vec![FIRST_REDIS] } else { config.redis_nodes() };
    let default_role = match config.service {
        Service::ZooKeeper => "zookeeper",
        Service::Etcd => "etcd",
        Service::Redis => "redis",
    };
    ids.into_iter()
        .filter_map(|id| world.node(id))
        .map(|n| {
            let local = n.clock.local(world.now());
            let mut state = ServerState {
                node: n.id,
                role: default_role,
                raft: None,
                revision: 0,
                leases: Vec::new(),
                status: n.status,
                skew: local as i64 - world.now() as i64,
                keys: Vec::new(),
                queue: Vec::new(),
            };
            match n.process {
                Some(LockNode::Redis(r)) => {
                    state.role = if r.is_replica { "replica" } else { "redis" };
                    state.keys = r
                        .server
                        .keyspace
                        .keys
                        .keys()
                        .filter_map(|key| {
                            let stored = r.server.get(key, local)?;
                            Some(KeyRow {
                                key: key.clone(),
                                value: stored.value.clone(),
                                holder: holder_of(&stored.value),
                                ttl: r.server.pttl(key, local),
                            })
                        })
                        .collect();
                }
                Some(LockNode::Zk(zk)) => {
                    state.role = "zookeeper";
                    state.queue = queue(world, &zk.children(LOCKS), config.herd);
                }
                Some(LockNode::Etcd(member)) => {
                    state.raft = Some((member.raft.role.as_str(), member.raft.term()));
                    state.revision = member.raft.kv.mvcc.revision;
                    state.queue = etcd_queue(world, member);
                    state.leases = member
                        .raft
                        .kv
                        .mvcc
                        .leases
                        .iter()
                        .map(|(&id, lease)| LeaseRow {
                            id,
                            client: etcd_client_of_lease(world, id),
                            ttl: lease.ttl,
                            left: member
                                .lessor
                                .get(&id)
                                .filter(|&&at| at != SimTime::MAX)
                                .map(|&at| at.saturating_sub(local)),
                        })
                        .collect();
                }
                _ => {}
            }
            state
        })
        .collect()
}

/// ZooKeeper's waiters in sequence order: the first holds, each other watches its predecessor (or
/// the parent, in the herd).
fn queue(world: &World<LockNode>, names: &[String], herd: bool) -> Vec<Waiter> {
    let owner = |name: &str| {
        let path = format!("{LOCKS}/{name}");
        (world.config().first_client()..world.node_count())
            .find(|&id| client_of(world, id).and_then(|c| c.zk.as_ref()?.node.clone()).is_some_and(|p| p == path))
    };
    names
        .iter()
        .enumerate()
        .map(|(i, name)| Waiter {
            znode: name.clone(),
            client: owner(name),
            watches: match (i, herd) {
                (0, _) => None,
                (_, true) => Some(LOCKS.to_string()),
                (_, false) => Some(names[i - 1].clone()),
            },
            revision: None,
        })
        .collect()
}

/// The client whose session holds lease `id`, if any.
fn etcd_client_of_lease(world: &World<LockNode>, id: u64) -> Option<NodeId> {
    (world.config().first_client()..world.node_count())
        .find(|&c| client_of(world, c).and_then(|c| c.etcd.as_ref()?.lease).is_some_and(|l| l == id))
}

/// An etcd member's lock keys, each segment's in create-revision order: the first holds, each
/// other waits on the key its client watches (its predecessor, or the holder's in the herd).
fn etcd_queue(world: &World<LockNode>, member: &crate::lock::etcd::EtcdMember) -> Vec<Waiter> {
    let mut queue = Vec::new();
    for segment in 0..world.config().segments {
        let prefix = lock_prefix(segment);
        let kvs = member.raft.kv.mvcc.range(&prefix, true, CreateOrder::Ascend, 0, 0);
        for (i, kv) in kvs.iter().enumerate() {
            let client = etcd_client_of_lease(world, kv.lease);
            let watches = (i > 0).then(|| {
                client
                    .and_then(|c| client_of(world, c)?.etcd.as_ref()?.waits_on.clone())
                    .unwrap_or_else(|| kvs[i - 1].key.clone())
            });
            queue.push(Waiter { znode: kv.key.clone(), client, watches, revision: Some(kv.create_revision) });
        }
    }
    queue
}

/// The storage service's stock, sales and refusals.
pub fn resource(world: &World<LockNode>) -> Resource {
    let Some(s) = world.node(STORAGE).and_then(|n| n.process).and_then(LockNode::storage) else {
        return Resource::default();
    };
    Resource {
        segments: s.segments.iter().map(|seg| seg.stock).collect(),
        initial: s.initial,
        sales: s.sales,
        oversold: s.oversold(),
        rejected: s.rejected,
    }
}

/// The run's counters, summed over the clients (and ZooKeeper's notifications).
pub fn counters(world: &World<LockNode>) -> Counters {
    let mut counters = Counters::default();
    let mut notified = 0;
    for id in world.config().first_client()..world.node_count() {
        if let Some(c) = client_of(world, id) {
            counters.acquisitions += c.acquisitions;
            counters.sent += c.sent;
            counters.wasted += c.wasted;
            counters.failed += c.failed;
            notified += c.notified;
        }
    }
    counters.notifications = match world.node(FIRST_REDIS).and_then(|n| n.process) {
        Some(LockNode::Zk(zk)) => zk.notifications,
        _ => notified,
    };
    counters
}

/// The nodes as the cluster view draws them: role by kind, one or two short lines each.
fn nodes_of(world: &World<LockNode>, servers: &[ServerState], clients: &[ClientRow]) -> Vec<NodeModel> {
    let config: &LockConfig = world.config();
    (0..world.node_count())
        .filter_map(|id| world.node(id))
        .map(|n| {
            let (role, lines) = if n.id == STORAGE {
                let stock = resource(world).segments.iter().sum::<i64>();
                ("storage", vec![Note::new("stock", stock.to_string())])
            } else if let Some(s) = servers.iter().find(|s| s.node == n.id) {
                (s.role, server_lines(s))
            } else if let Some(c) = clients.iter().find(|c| c.node == n.id) {
                let mut lines = vec![Note::word(c.state)];
                if let Some(fence) = c.fence {
                    lines.push(Note::new("fence", fence.to_string()));
                }
                if config.segments > 1 {
                    lines.push(Note::new("segment", c.segment.to_string()));
                }
                ("client", lines)
            } else {
                ("client", Vec::new())
            };
            let (role, term) = match servers.iter().find(|s| s.node == n.id).and_then(|s| s.raft) {
                Some((raft_role, term)) => (raft_role, Some(term)),
                None => (role, None),
            };
            NodeModel { id: n.id, status: n.status, role, term, lines }
        })
        .collect()
}

fn server_lines(s: &ServerState) -> Vec<Note> {
    if s.role == "zookeeper" || s.role == "etcd" {
        return vec![Note::new("queue", s.queue.len().to_string())];
    }
    s.keys
        .iter()
        .filter(|k| k.holder.is_some())
        .take(2)
        .map(|k| Note::new("holder", format!("N{}", k.holder.unwrap_or_default())))
        .collect()
}

mod inspect;
pub use inspect::node_rows;

#[cfg(test)]
mod tests;
