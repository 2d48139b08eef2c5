//! The configuration-center page's view model: plain data computed from a run. Each server's copy
//! (version and value), its role, and its side of the partition; each client's configuration (the
//! version it caches); the release history of the lesson's key; the measures per side of the
//! partition (writes accepted or refused, reads answered, refused or stale); the invariants.

pub mod inspect;

use super::ConfigTimeline;
use crate::config_center::checker::INVARIANTS;
use crate::config_center::measures::{ClientTally, Durations};
use crate::config_center::server::Replica;
use crate::config_center::store::{Entry, ReleaseKind};
use crate::config_center::{ConfigCenterConfig, ConfigEvent, ConfigNode, Measured, Mode, Refusal};
use crate::lab::view::{self as shared, ClusterModel, LogLine, NodeModel, Note};
use crate::sim::{Action, NodeId, NodeStatus, Retention, SimTime, Violation, World};

/// A server's copy of one key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copy {
    /// The key (`namespace/data_id`).
    pub key: String,
    /// Its version (0: absent).
    pub version: u64,
    /// The value clients outside a gray set see (empty when absent).
    pub value: String,
    /// A gray release on top: its value and the clients that see it.
    pub gray: Option<(String, Vec<NodeId>)>,
}

/// A configuration server as drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerRow {
    /// Node id.
    pub node: NodeId,
    /// Up, down or paused.
    pub status: NodeStatus,
    /// Its side of the last partition (0 when there was none).
    pub side: u32,
    /// CP: its Raft role ("leader", "follower", ...); AP: "distro_member".
    pub role: &'static str,
    /// CP: its Raft term.
    pub term: Option<u64>,
    /// Its copy of every watched key (empty while it is down: what it applied is in memory).
    pub copies: Vec<Copy>,
    /// Changes it accepted.
    pub accepted: u64,
    /// Changes it refused (CP: not the leader, or lost leadership).
    pub refused: u64,
}

/// A client (application) as drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientRow {
    /// Node id.
    pub node: NodeId,
    /// Up, down or paused.
    pub status: NodeStatus,
    /// Its side of the last partition.
    pub side: u32,
    /// The server it long-polls.
    pub home: NodeId,
    /// How it started: from its local cache (`Some(true)`), from a server, or not yet.
    pub from_cache: Option<bool>,
    /// What it uses per watched key: (key, version, value).
    pub config: Vec<(String, u64, Option<String>)>,
    /// Its own requests as it saw them.
    pub tally: ClientTally,
}

/// One release of the lesson's key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReleaseRow {
    /// Its version.
    pub version: u64,
    /// "publish", "gray" or "rollback".
    pub kind: &'static str,
    /// The value every client outside the gray set sees.
    pub value: String,
    /// The gray release's value and clients, if any.
    pub gray: Option<(String, Vec<NodeId>)>,
    /// Whether it is the current release.
    pub current: bool,
}

/// The measures of one side of the partition, summed over its clients (or the whole cluster when
/// there was no partition).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SideMeasures {
    /// The side's index.
    pub side: u32,
    /// Its servers.
    pub servers: Vec<NodeId>,
    /// Its clients.
    pub clients: Vec<NodeId>,
    /// Its clients' writes acknowledged, failed; reads answered, failed, stale; the oldest stale value.
    pub tally: ClientTally,
}

/// What a run measured in one mode: per side, and the times of the whole run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModeMeasures {
    /// The servers' mode.
    pub mode: Mode,
    /// Up to when it was measured.
    pub at: SimTime,
    /// Per side of the last partition.
    pub sides: Vec<SideMeasures>,
    /// From a heal to every server holding the same data.
    pub convergence: Durations,
    /// From a change's acceptance to each client seeing it.
    pub propagation: Durations,
    /// Acknowledged writes lost to last-writer-wins under clock skew.
    pub lost_to_clock_skew: u64,
    /// Clients that started from their local cache.
    pub started_from_cache: u64,
    /// The first violation, if any invariant broke.
    pub violation: Option<Violation>,
}

/// Everything the configuration-center page draws at one instant.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigView {
    /// Virtual time now.
    pub now: SimTime,
    /// CP or AP.
    pub mode: Mode,
    /// Nodes, links, messages in flight, recent drops.
    pub cluster: ClusterModel,
    /// The servers, in id order.
    pub servers: Vec<ServerRow>,
    /// The clients, in id order.
    pub clients: Vec<ClientRow>,
    /// The last partition's groups (none: there was none), and whether it is in force now.
    pub partition: Option<(Vec<Vec<NodeId>>, bool)>,
    /// The lesson key's releases, oldest first (from the most advanced copy).
    pub releases: Vec<ReleaseRow>,
    /// The run's measures so far.
    pub measures: ModeMeasures,
    /// Every invariant by name, with its violation if it was broken.
    pub invariants: Vec<(&'static str, Option<Violation>)>,
    /// Recent trace lines, newest last.
    pub log: Vec<LogLine>,
    /// The nodes the violation names.
    pub flagged: Vec<NodeId>,
}

/// Releases of the lesson key kept in the view (the newest).
pub const SHOWN_RELEASES: usize = 8;

/// The page's view of a run, with `log_limit` trace lines.
pub fn view(timeline: &ConfigTimeline, log_limit: usize) -> ConfigView {
    let world = timeline.world();
    let config = world.config();
    let partition = last_partition(timeline);
    let side_of = |node: NodeId| side(partition.as_ref().map(|(g, _)| g.as_slice()), node);
    let measured = timeline.checker().measured();
    let servers: Vec<ServerRow> = config.server_ids().map(|id| server_row(world, measured, id, side_of(id))).collect();
    let clients: Vec<ClientRow> = config.client_ids().map(|id| client_row(world, measured, id, side_of(id))).collect();
    let violation = timeline.violation();
    ConfigView {
        now: world.now(),
        mode: config.mode,
        cluster: ClusterModel {
            nodes: nodes_of(world, &servers, &clients),
            links: shared::links_of(world),
            messages: shared::messages_of(world),
            drops: shared::recent_drops(world),
        },
        releases: releases(world),
        measures: measures(config, measured, &servers, &clients, world.now(), violation),
        invariants: INVARIANTS.iter().map(|&n| (n, violation.filter(|v| v.invariant == n).cloned())).collect(),
        log: shared::log_lines(world, log_limit, describe_event),
        flagged: violation.map(|v| v.nodes.clone()).unwrap_or_default(),
        partition,
        servers,
        clients,
    }
}

/// The scenario's last partition at or before now, and whether every link it cut is still down.
pub fn last_partition(timeline: &ConfigTimeline) -> Option<(Vec<Vec<NodeId>>, bool)> {
    let now = timeline.now();
    let groups =
        timeline.scenario().actions.iter().take_while(|a| a.at <= now).fold(None, |last, a| match &a.action {
            Action::Partition { groups } if groups.len() > 1 => Some(groups.clone()),
            _ => last,
        })?;
    let net = timeline.world().network();
    let cut = groups.iter().enumerate().all(|(i, a)| {
        groups
            .iter()
            .skip(i + 1)
            .all(|b| a.iter().all(|&x| b.iter().all(|&y| !net.link_up(x, y) && !net.link_up(y, x))))
    });
    Some((groups, cut))
}

/// The side of `node` in `groups` (0 when there is no partition or the node is in none).
pub fn side(groups: Option<&[Vec<NodeId>]>, node: NodeId) -> u32 {
    groups.and_then(|g| g.iter().position(|group| group.contains(&node))).map_or(0, |i| i as u32)
}

fn server_row(world: &World<ConfigNode>, measured: &Measured, id: NodeId, side: u32) -> ServerRow {
    let server = world.node(id).and_then(|n| n.process).and_then(ConfigNode::server);
    let (role, term) = match server.map(|s| &s.replica) {
        Some(Replica::Cp(cp)) => (cp.raft.role.as_str(), Some(cp.raft.term())),
        Some(Replica::Ap(_)) => ("distro_member", None),
        None if world.config().mode == Mode::Cp => ("raft_member", None),
        None => ("distro_member", None),
    };
    let copies = server
        .map(|s| {
            world
                .config()
                .keys
                .iter()
                .map(|key| {
                    let entry = s.store().get(key);
                    Copy {
                        key: key.clone(),
                        version: entry.map_or(0, |e| e.revision.version),
                        value: entry.map(|e| e.current().value.clone()).unwrap_or_default(),
                        gray: entry.and_then(|e| e.current().gray.clone()),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let availability = measured.availability.get(&id).copied().unwrap_or_default();
    ServerRow {
        node: id,
        status: world.status(id).unwrap_or(NodeStatus::Down),
        side,
        role,
        term,
        copies,
        accepted: availability.accepted,
        refused: availability.refused,
    }
}

fn client_row(world: &World<ConfigNode>, measured: &Measured, id: NodeId, side: u32) -> ClientRow {
    let node = world.node(id);
    let client = node.as_ref().and_then(|n| n.process).and_then(ConfigNode::client);
    let config = world
        .config()
        .keys
        .iter()
        .map(|key| {
            let held = client.and_then(|c| c.config.get(key).cloned());
            // A client that is down still has its disk cache.
            let cached = || node.as_ref().and_then(|n| n.durable).and_then(|d| d.cache.get(key).cloned());
            match (held, cached()) {
                (Some((v, value)), _) => (key.clone(), v, value),
                (None, Some((v, value))) if client.is_none() => (key.clone(), v, Some(value)),
                _ => (key.clone(), 0, None),
            }
        })
        .collect();
    ClientRow {
        node: id,
        status: world.status(id).unwrap_or(NodeStatus::Down),
        side,
        home: client.map_or(0, |c| c.home),
        from_cache: client.and_then(|c| c.started_from_cache),
        config,
        tally: measured.clients.get(&id).copied().unwrap_or_default(),
    }
}

/// The lesson key's releases from the copy with the highest revision among the running servers.
fn releases(world: &World<ConfigNode>) -> Vec<ReleaseRow> {
    let Some(key) = world.config().keys.first() else { return Vec::new() };
    let best: Option<&Entry> = world
        .processes()
        .filter_map(|(_, p)| p.and_then(ConfigNode::server))
        .filter_map(|s| s.store().get(key))
        .max_by_key(|e| e.revision);
    let Some(entry) = best else { return Vec::new() };
    let current = entry.current().version;
    let skip = entry.history.len().saturating_sub(SHOWN_RELEASES);
    entry
        .history
        .iter()
        .skip(skip)
        .map(|r| ReleaseRow {
            version: r.version,
            kind: match r.kind {
                ReleaseKind::Publish => "publish",
                ReleaseKind::Gray => "gray",
                ReleaseKind::Rollback => "rollback",
            },
            value: r.value.clone(),
            gray: r.gray.clone(),
            current: r.version == current,
        })
        .collect()
}

/// The run's measures, per side of the partition.
fn measures(
    config: &ConfigCenterConfig,
    measured: &Measured,
    servers: &[ServerRow],
    clients: &[ClientRow],
    at: SimTime,
    violation: Option<&Violation>,
) -> ModeMeasures {
    let sides = servers.iter().map(|s| s.side).chain(clients.iter().map(|c| c.side)).max().unwrap_or(0);
    let sides = (0..=sides)
        .map(|side| {
            let mut m = SideMeasures { side, ..SideMeasures::default() };
            m.servers = servers.iter().filter(|s| s.side == side).map(|s| s.node).collect();
            for c in clients.iter().filter(|c| c.side == side) {
                m.clients.push(c.node);
                let t = &mut m.tally;
                t.writes_acked += c.tally.writes_acked;
                t.writes_failed += c.tally.writes_failed;
                t.reads += c.tally.reads;
                t.reads_failed += c.tally.reads_failed;
                t.stale_reads += c.tally.stale_reads;
                t.staleness_max = t.staleness_max.max(c.tally.staleness_max);
            }
            m
        })
        .collect();
    ModeMeasures {
        mode: config.mode,
        at,
        sides,
        convergence: measured.convergence,
        propagation: measured.propagation,
        lost_to_clock_skew: measured.lost_to_clock_skew,
        started_from_cache: measured.started_from_cache,
        violation: violation.cloned(),
    }
}

/// The measures of `scenario` played to its end in each mode, CP first: the side-by-side table.
/// Actions recorded past the scenario's `until` (the user acted after its end) extend it.
pub fn both_modes(scenario: &super::ConfigScenario) -> Vec<ModeMeasures> {
    let mut scenario = scenario.clone();
    let last = scenario.actions.last().map_or(0, |a| a.at);
    scenario.until = scenario.until.map(|until| until.max(last));
    [Mode::Cp, Mode::Ap]
        .into_iter()
        .filter_map(|mode| {
            let mut run = ConfigTimeline::new(super::in_mode(&scenario, mode), Retention::Window(0)).ok()?;
            run.set_checkpoint_every(SimTime::MAX);
            run.run_until(scenario.end());
            Some(view(&run, 0).measures)
        })
        .collect()
}

/// The nodes as drawn: servers with their version, clients with the version they cache.
fn nodes_of(world: &World<ConfigNode>, servers: &[ServerRow], clients: &[ClientRow]) -> Vec<NodeModel> {
    let version = |v: u64| if v == 0 { "—".to_string() } else { format!("v{v}") };
    let mut nodes = Vec::with_capacity(servers.len() + clients.len());
    for s in servers {
        let mut lines = vec![Note::word(s.role)];
        lines.extend(s.copies.first().map(|c| Note::new("version", version(c.version))));
        nodes.push(NodeModel { id: s.node, status: s.status, role: s.role, term: s.term, lines });
    }
    for c in clients {
        let v = c.config.first().map_or(0, |k| k.1);
        let mut lines = vec![Note::word("config_client"), Note::new("cached", version(v))];
        if c.from_cache == Some(true) {
            lines.push(Note::word("from_cache"));
        }
        let status = world.status(c.node).unwrap_or(NodeStatus::Down);
        nodes.push(NodeModel { id: c.node, status, role: "config_client", term: None, lines });
    }
    nodes
}

/// A configuration-center event's name (translated by the page) and its details for the event log.
pub fn describe_event(event: &ConfigEvent) -> (&'static str, String) {
    match event {
        ConfigEvent::Role { role, term } => ("role_change", format!("{} · term {term}", role.as_str())),
        ConfigEvent::Accepted { key, version, write, .. } => {
            ("accepted", format!("{key} v{version} ({}#{})", write.client, write.seq))
        }
        ConfigEvent::WriteRefused { refusal } => (
            "write_refused",
            match refusal {
                Refusal::NotLeader { leader: Some(l) } => format!("→ {l}"),
                Refusal::NotLeader { leader: None } => "→ ?".into(),
                Refusal::LostLeadership => "×".into(),
                Refusal::Rejected => "—".into(),
            },
        ),
        ConfigEvent::Merged { key, version, from } => ("merged", format!("{key} v{version} ← {from}")),
        ConfigEvent::WriteInvoked { op, key, .. } => ("write_invoked", format!("{op} {key}")),
        ConfigEvent::WriteAcked { key, version, .. } => ("write_acked", format!("{key} v{version}")),
        ConfigEvent::WriteFailed { key, .. } => ("write_failed", key.clone()),
        ConfigEvent::ReadInvoked { key, .. } => ("read_invoked", key.clone()),
        ConfigEvent::ReadReturned { key, version, .. } => ("read_returned", format!("{key} v{version}")),
        ConfigEvent::ReadFailed { key, .. } => ("read_failed", key.clone()),
        ConfigEvent::Seen { key, version } => ("seen", format!("{key} v{version}")),
        ConfigEvent::Started { from_cache } => {
            (if *from_cache { "started_from_cache" } else { "started" }, String::new())
        }
    }
}

#[cfg(test)]
mod tests;
