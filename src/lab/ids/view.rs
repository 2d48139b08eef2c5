//! The IDs page's view model: plain data computed from a world and its checker, drawn by the page.
//! Computed once per frame in O(nodes + kept points): the checker keeps the bounded history.

use super::decode::{decode, DecodedId, IdFormat};
use super::IdTimeline;
use crate::idgen::app::{AppServer, Phase};
use crate::idgen::checker::{IdChecker, Measured, INVARIANTS};
use crate::idgen::history::Point;
use crate::idgen::idset::Origin;
use crate::idgen::index::IndexStats;
use crate::idgen::redis::Persistence;
use crate::idgen::segment::Range;
use crate::idgen::{Generator, IdEvent, IdNode};
use crate::lab::view::{self as shared, ClusterModel, LogLine, NodeModel, Note};
use crate::sim::{NodeId, NodeStatus, SimTime, Violation, World};

/// What a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// An application server asking for IDs.
    App,
    /// A database (tickets, `leaf_alloc`, `WORKER_NODE`).
    Database,
    /// A Redis master.
    Redis,
    /// A Redis replica.
    RedisReplica,
    /// Leaf's worker-id coordinator (ZooKeeper).
    Coordinator,
    /// A Leaf segment server.
    SegmentServer,
    /// A member of the Raft segment store (drawn with its Raft role).
    StoreMember,
}

impl Role {
    /// The name for colour, shape and `data-role`.
    pub fn name(self) -> &'static str {
        match self {
            Role::App => "app",
            Role::Database => "database",
            Role::Redis => "redis",
            Role::RedisReplica => "replica",
            Role::Coordinator => "coordinator",
            Role::SegmentServer => "segment_server",
            Role::StoreMember => "store_member",
        }
    }
}

/// Where an application server stands, as the page colours it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AppStatus {
    /// Waiting for its worker id.
    Starting,
    /// Issuing IDs.
    Running,
    /// Its generator waits (sequence used up, or Leaf waiting out a rollback).
    Waiting,
    /// It refused to start (Leaf's start-up clock check, or no worker id left).
    Refused,
    /// Crashed.
    Down,
    /// Paused.
    Paused,
}

impl AppStatus {
    /// The name for `data-state` (the page translates it).
    pub fn name(self) -> &'static str {
        match self {
            AppStatus::Starting => "starting",
            AppStatus::Running => "running",
            AppStatus::Waiting => "waiting",
            AppStatus::Refused => "refused",
            AppStatus::Down => "down",
            AppStatus::Paused => "paused",
        }
    }

    /// The status of a node with `status` running `app`, if it runs.
    pub fn of(status: NodeStatus, app: Option<&AppServer>) -> Self {
        match (status, app) {
            (NodeStatus::Down, _) | (_, None) => AppStatus::Down,
            (NodeStatus::Paused, _) => AppStatus::Paused,
            (_, Some(a)) => match a.phase {
                Phase::Starting => AppStatus::Starting,
                Phase::Refused => AppStatus::Refused,
                Phase::Running if a.waiting => AppStatus::Waiting,
                Phase::Running => AppStatus::Running,
            },
        }
    }
}

/// An application server as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppRow {
    /// Node id.
    pub node: NodeId,
    /// Where it stands.
    pub status: AppStatus,
    /// Its worker (machine) id, for the Snowflake family.
    pub worker: Option<u64>,
    /// Its clock's reading minus true time, in µs (rollback is the Snowflake lesson).
    pub skew: i64,
    /// The latest ID it got, decoded, and when.
    pub latest: Option<(SimTime, DecodedId)>,
    /// Requests in flight to a remote generator.
    pub pending: u64,
    /// IDs asked for and not yet generated.
    pub owed: u64,
}

/// One node's IDs against time (sampled, bounded), duplicates marked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stream {
    /// Node id.
    pub node: NodeId,
    /// Points, oldest first.
    pub points: Vec<Point>,
}

/// An ID issued twice, with both origins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateRow {
    /// The ID, decoded.
    pub id: DecodedId,
    /// Who got it first, and when.
    pub first: Origin,
    /// Who got it again, and when.
    pub second: Origin,
}

/// A database's tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatabaseState {
    /// Node id.
    pub node: NodeId,
    /// Up, down or paused.
    pub status: NodeStatus,
    /// The ticket table's next value.
    pub next_ticket: u64,
    /// `auto_increment_increment`.
    pub increment: u64,
    /// `leaf_alloc.max_id`.
    pub max_id: u64,
    /// `leaf_alloc.step`.
    pub step: u64,
    /// `WORKER_NODE`'s next id.
    pub next_worker: u64,
}

/// A member of the Raft segment store: its Raft state and the `max_id` it applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreState {
    /// Node id.
    pub node: NodeId,
    /// Up, down or paused.
    pub status: NodeStatus,
    /// Its Raft role's name (`leader`, `follower`, `pre_candidate`, `candidate`; none while down).
    pub raft_role: Option<&'static str>,
    /// Its current term (from its disk while down).
    pub term: u64,
    /// Its commit index.
    pub commit_index: u64,
    /// `leaf_alloc.max_id` as it applied it (none while down).
    pub max_id: Option<u64>,
}

/// A Redis node's counter and what is on its disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedisState {
    /// Node id.
    pub node: NodeId,
    /// Master or replica.
    pub role: Role,
    /// Up, down or paused.
    pub status: NodeStatus,
    /// The counter in memory (none while down).
    pub value: Option<u64>,
    /// The counter on disk (what a restart reloads).
    pub persisted: Option<u64>,
    /// How it persists.
    pub persistence: Persistence,
}

/// One persistent sequential node of Leaf's coordinator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkerNode {
    /// The server's address (node id).
    pub address: NodeId,
    /// Its worker id (the node's sequence number).
    pub worker_id: u64,
    /// The time it last reported, Unix ms.
    pub reported_ms: u64,
}

/// The coordinator's tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoordinatorState {
    /// Node id.
    pub node: NodeId,
    /// Up, down or paused.
    pub status: NodeStatus,
    /// Its sequential nodes, by address.
    pub workers: Vec<WorkerNode>,
}

/// A segment server's two buffers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentState {
    /// Node id.
    pub node: NodeId,
    /// Up, down or paused.
    pub status: NodeStatus,
    /// The segment being handed out.
    pub current: Option<Range>,
    /// The next segment (the double buffer's second half).
    pub next: Option<Range>,
    /// Requests waiting for a segment.
    pub waiting: u64,
}

/// The run's counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// IDs applications got.
    pub issued: u64,
    /// Distinct IDs.
    pub distinct: u64,
    /// Requests that failed.
    pub failed: u64,
    /// Network round trips per thousand IDs.
    pub round_trips_per_kilo_id: u64,
    /// Numbers never handed out below the largest (counting generators).
    pub gaps: u64,
    /// IDs issued more than once.
    pub duplicates: u64,
    /// Latency percentiles of the IDs applications got: p50, p99 and max (µs).
    pub latency: [SimTime; 3],
    /// IDs handed out after a larger one, per million (the merged stream of every generator).
    pub out_of_order_ppm: u64,
    /// The longest an out-of-order ID came after the first larger one (µs).
    pub max_late: SimTime,
}

/// Everything the IDs page draws at one instant.
#[derive(Clone, Debug, PartialEq)]
pub struct IdView {
    /// Virtual time now.
    pub now: SimTime,
    /// The generator.
    pub generator: Generator,
    /// The format its IDs are drawn in.
    pub format: IdFormat,
    /// Nodes, links, messages in flight, recent drops.
    pub cluster: ClusterModel,
    /// The application servers.
    pub apps: Vec<AppRow>,
    /// Each application server's IDs against time.
    pub streams: Vec<Stream>,
    /// The most recent duplicates.
    pub duplicates: Vec<DuplicateRow>,
    /// The databases.
    pub databases: Vec<DatabaseState>,
    /// The Raft segment store's members.
    pub store: Vec<StoreState>,
    /// The Redis nodes.
    pub redis: Vec<RedisState>,
    /// The coordinator, if worker ids come from one.
    pub coordinator: Option<CoordinatorState>,
    /// The segment servers.
    pub segment_servers: Vec<SegmentState>,
    /// The counters.
    pub counters: Counters,
    /// The index model: splits and fill.
    pub index: IndexStats,
    /// Every invariant by name, with its violation if it was broken.
    pub invariants: Vec<(&'static str, Option<Violation>)>,
    /// Recent trace lines, newest last.
    pub log: Vec<LogLine>,
}

/// Build the page's view of the timeline's present, with `log_limit` trace lines.
pub fn view(timeline: &IdTimeline, log_limit: usize) -> IdView {
    let mut v = view_of(timeline.world(), timeline.checker());
    v.invariants = invariants(timeline.violation());
    v.log = shared::log_lines(timeline.world(), log_limit, describe_event);
    v
}

/// The view of `world` as `checker` saw it (no invariants' verdicts, no log lines).
pub fn view_of(world: &World<IdNode>, checker: &IdChecker) -> IdView {
    let generator = world.config().generator;
    let format = IdFormat::of(generator);
    let apps = apps(world, checker, format);
    let history = checker.history();
    let measured = checker.measured();
    IdView {
        now: world.now(),
        generator,
        format,
        cluster: ClusterModel {
            nodes: nodes_of(world, &apps),
            links: shared::links_of(world),
            messages: shared::messages_of(world),
            drops: shared::recent_drops(world),
        },
        streams: apps.iter().map(|a| Stream { node: a.node, points: history.stream(a.node).collect() }).collect(),
        duplicates: history
            .duplicates()
            .map(|d| DuplicateRow { id: decode(d.id, format), first: d.first, second: d.second })
            .collect(),
        apps,
        databases: databases(world),
        store: store_members(world),
        redis: redis(world),
        coordinator: coordinator(world),
        segment_servers: segment_servers(world),
        counters: counters(&measured, checker),
        index: measured.index,
        invariants: invariants(None),
        log: Vec::new(),
    }
}

/// Every invariant's name, paired with `violation` if it is the one broken.
pub fn invariants(violation: Option<&Violation>) -> Vec<(&'static str, Option<Violation>)> {
    INVARIANTS.iter().map(|&name| (name, violation.filter(|v| v.invariant == name).cloned())).collect()
}

/// An ID event's name (translated by the page) and its details for the event log.
pub fn describe_event(event: &IdEvent) -> (&'static str, String) {
    match event {
        IdEvent::Issued { id, .. } => ("issued", id.to_string()),
        IdEvent::Refused { behind_us, .. } => ("refused", shared::millis(*behind_us)),
        IdEvent::Waiting { until_unix_us, rollback } => {
            (if *rollback { "rollback_wait" } else { "sequence_wait" }, format!("{} ms", until_unix_us / 1_000))
        }
        IdEvent::SegmentFetched { start, end } => ("segment_fetched", format!("{start}..{end}")),
        IdEvent::WorkerAssigned { worker_id, cached } => {
            (if *cached { "worker_cached" } else { "worker_assigned" }, worker_id.to_string())
        }
        IdEvent::StartRefused { reported_ms, clock_ms } => ("start_refused", format!("{clock_ms} < {reported_ms}")),
        IdEvent::Reloaded { value } => ("reloaded", value.to_string()),
        IdEvent::Promoted => ("promoted", String::new()),
        IdEvent::StoreRole { role, term } => (role.as_str(), format!("term {term}")),
    }
}

/// A node's clock reading minus true time, in µs.
fn skew(world: &World<IdNode>, id: NodeId) -> i64 {
    world.local_time(id).map_or(0, |local| local as i64 - world.now() as i64)
}

/// The application servers, in id order, with their latest IDs decoded.
pub fn apps(world: &World<IdNode>, checker: &IdChecker, format: IdFormat) -> Vec<AppRow> {
    let latest: Vec<(NodeId, Point)> = checker.history().latest_ids().collect();
    world
        .config()
        .app_range()
        .filter_map(|id| world.node(id))
        .map(|n| {
            let app = n.process.and_then(IdNode::app);
            AppRow {
                node: n.id,
                status: AppStatus::of(n.status, app),
                worker: app.and_then(|a| a.snowflake.as_ref()).map(|s| s.node),
                skew: skew(world, n.id),
                latest: latest.iter().find(|(node, _)| *node == n.id).map(|(_, p)| (p.t, decode(p.id, format))),
                pending: app.map_or(0, |a| a.pending.len() as u64),
                owed: app.map_or(0, |a| a.owed.total()),
            }
        })
        .collect()
}

/// The databases' tables.
pub fn databases(world: &World<IdNode>) -> Vec<DatabaseState> {
    let fresh = crate::idgen::database::DbTables::default();
    world
        .config()
        .databases_range()
        .filter_map(|id| world.node(id))
        .map(|n| {
            let t = n.process.and_then(IdNode::db).map(|d| &d.tables).or(n.durable.and_then(|d| d.db.as_ref()));
            let t = t.unwrap_or(&fresh);
            DatabaseState {
                node: n.id,
                status: n.status,
                next_ticket: t.next_ticket,
                increment: t.increment,
                max_id: t.max_id,
                step: t.step,
                next_worker: t.next_worker,
            }
        })
        .collect()
}

/// The Raft segment store's members: role, term, commit index and `max_id`.
pub fn store_members(world: &World<IdNode>) -> Vec<StoreState> {
    world
        .config()
        .members_range()
        .filter_map(|id| world.node(id))
        .map(|n| {
            let m = n.process.and_then(IdNode::store);
            let disk_term = n.durable.and_then(|d| d.raft.as_ref()).map_or(0, |r| r.current_term);
            StoreState {
                node: n.id,
                status: n.status,
                raft_role: m.map(|m| m.raft.role.as_str()),
                term: m.map_or(disk_term, |m| m.raft.term()),
                commit_index: m.map_or(0, |m| m.raft.commit_index),
                max_id: m.map(|m| m.max_id()),
            }
        })
        .collect()
}

/// The Redis nodes: counter in memory and on disk.
pub fn redis(world: &World<IdNode>) -> Vec<RedisState> {
    let config = world.config();
    config
        .redis_range()
        .filter_map(|id| world.node(id))
        .map(|n| {
            let r = n.process.and_then(IdNode::redis);
            let replica = r.map_or(n.id != config.redis_range().start, |r| r.is_replica);
            RedisState {
                node: n.id,
                role: if replica { Role::RedisReplica } else { Role::Redis },
                status: n.status,
                value: r.map(|r| r.value),
                persisted: n.durable.and_then(|d| d.redis),
                persistence: config.persistence,
            }
        })
        .collect()
}

/// Leaf's coordinator and its worker-id nodes.
pub fn coordinator(world: &World<IdNode>) -> Option<CoordinatorState> {
    let n = world.node(world.config().coordinator()?)?;
    let data = n.process.and_then(IdNode::coordinator).map(|c| &c.data).or(n.durable.and_then(|d| d.zk.as_ref()));
    let workers = data
        .map(|d| {
            d.nodes
                .iter()
                .map(|(&address, &(worker_id, reported_ms))| WorkerNode { address, worker_id, reported_ms })
                .collect()
        })
        .unwrap_or_default();
    Some(CoordinatorState { node: n.id, status: n.status, workers })
}

/// The segment servers' buffers.
pub fn segment_servers(world: &World<IdNode>) -> Vec<SegmentState> {
    world
        .config()
        .id_server_range()
        .filter_map(|id| world.node(id))
        .map(|n| {
            let s = n.process.and_then(IdNode::segment);
            SegmentState {
                node: n.id,
                status: n.status,
                current: s.and_then(|s| s.current),
                next: s.and_then(|s| s.next),
                waiting: s.map_or(0, |s| s.waiting.len() as u64),
            }
        })
        .collect()
}

fn counters(m: &Measured, checker: &IdChecker) -> Counters {
    Counters {
        issued: m.issued,
        distinct: checker.distinct(),
        failed: m.failed,
        round_trips_per_kilo_id: m.round_trips_per_kilo_id(),
        gaps: m.gaps,
        duplicates: checker.history().duplicate_count(),
        latency: [m.latency_p50, m.latency_p99, m.latency_max],
        out_of_order_ppm: m.out_of_order_ppm,
        max_late: m.max_late,
    }
}

/// The role of node `id`.
pub fn role_of(world: &World<IdNode>, id: NodeId) -> Role {
    let config = world.config();
    if config.databases_range().contains(&id) {
        Role::Database
    } else if config.members_range().contains(&id) {
        Role::StoreMember
    } else if config.redis_range().contains(&id) {
        let replica = world.node(id).and_then(|n| n.process?.redis()).map(|r| r.is_replica);
        if replica.unwrap_or(id != config.redis_range().start) {
            Role::RedisReplica
        } else {
            Role::Redis
        }
    } else if config.coordinator() == Some(id) {
        Role::Coordinator
    } else if config.id_server_range().contains(&id) {
        Role::SegmentServer
    } else {
        Role::App
    }
}

/// The nodes as the cluster view draws them: role by kind, one or two short lines each.
fn nodes_of(world: &World<IdNode>, apps: &[AppRow]) -> Vec<NodeModel> {
    (0..world.node_count())
        .filter_map(|id| world.node(id))
        .map(|n| {
            let role = role_of(world, n.id);
            if let (Role::StoreMember, Some(IdNode::Store(m))) = (role, n.process) {
                let lines = vec![Note::new("max_id", m.max_id().to_string())];
                let (role, term) = (m.raft.role.as_str(), Some(m.raft.term()));
                return NodeModel { id: n.id, status: n.status, role, term, lines };
            }
            let lines = match (role, n.process) {
                (Role::App, _) => app_lines(apps.iter().find(|a| a.node == n.id)),
                (Role::Database, Some(IdNode::Db(d))) if world.config().generator == Generator::Segment => {
                    vec![Note::new("max_id", d.tables.max_id.to_string())]
                }
                (Role::Database, Some(IdNode::Db(d))) => vec![Note::new("next_id", d.tables.next_ticket.to_string())],
                (Role::Redis | Role::RedisReplica, Some(IdNode::Redis(r))) => {
                    vec![Note::new("value", r.value.to_string())]
                }
                (Role::Coordinator, Some(IdNode::Coordinator(c))) => {
                    vec![Note::new("workers", c.data.nodes.len().to_string())]
                }
                (Role::SegmentServer, Some(IdNode::Segment(s))) => {
                    s.current.map(|r| vec![Note::new("segment", format!("{}..{}", r.next, r.end))]).unwrap_or_default()
                }
                _ => Vec::new(),
            };
            NodeModel { id: n.id, status: n.status, role: role.name(), term: None, lines }
        })
        .collect()
}

fn app_lines(app: Option<&AppRow>) -> Vec<Note> {
    let Some(app) = app else { return Vec::new() };
    let mut lines = vec![Note::word(app.status.name())];
    if let Some(worker) = app.worker {
        lines.push(Note::new("worker", worker.to_string()));
    }
    lines
}

/// The inspector's rows for node `id`: the shared header, then its role's state.
pub fn node_rows(world: &World<IdNode>, id: NodeId) -> Option<Vec<Note>> {
    let mut rows = shared::node_header_rows(world, id)?;
    rows.push(Note::worded("role", role_of(world, id).name()));
    let skew = skew(world, id);
    rows.push(Note::new("skew", format!("{}{}", if skew < 0 { "-" } else { "" }, shared::millis(skew.unsigned_abs()))));
    match world.node(id)?.process {
        Some(IdNode::App(a)) => {
            if let Some(s) = &a.snowflake {
                rows.push(Note::new("worker", s.node.to_string()));
                rows.push(Note::new("sequence", s.seq.to_string()));
            }
            rows.push(Note::new("issued", a.log.counters.issued.to_string()));
            rows.push(Note::new("failed", a.log.counters.failed.to_string()));
        }
        Some(IdNode::Db(d)) => {
            rows.push(Note::new("next_id", d.tables.next_ticket.to_string()));
            rows.push(Note::new("max_id", d.tables.max_id.to_string()));
        }
        Some(IdNode::Redis(r)) => rows.push(Note::new("value", r.value.to_string())),
        Some(IdNode::Segment(s)) => rows.push(Note::new("waiting", s.waiting.len().to_string())),
        Some(IdNode::Coordinator(c)) => rows.push(Note::new("workers", c.data.nodes.len().to_string())),
        Some(IdNode::Store(m)) => rows.extend([
            Note::worded("raft_role", m.raft.role.as_str()),
            Note::new("current_term", m.raft.term().to_string()),
            Note::new("leader", m.leader().map_or_else(|| "-".to_string(), |l| l.to_string())),
            Note::new("log_length", m.raft.durable.log.len().to_string()),
            Note::new("commit_index", m.raft.commit_index.to_string()),
            Note::new("max_id", m.max_id().to_string()),
        ]),
        None => {}
    }
    Some(rows)
}

#[cfg(test)]
mod tests;
