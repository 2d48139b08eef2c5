//! The locks page's inspector rows: every field of a node's state (storage, Redis, ZooKeeper, etcd
//! member or client), as translatable notes.

use crate::lab::view::{millis, node_header_rows, Note};
use crate::lock::client::EtcdStep as Step;
use crate::lock::client::{Client, Phase};
use crate::lock::etcd::EtcdMember;
use crate::lock::redis::Persistence;
use crate::lock::storage::Storage;
use crate::lock::zookeeper::ZkServer;
use crate::lock::{LockNode, RedisNode};
use crate::sim::{NodeId, SimTime, World};

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| "—".into(), |v| v.to_string())
}

/// Every field of node `id` now: status, life, clock, then its role's state; empty if no such node.
pub fn node_rows(world: &World<LockNode>, id: NodeId) -> Vec<Note> {
    let (Some(n), Some(mut rows)) = (world.node(id), node_header_rows(world, id)) else { return Vec::new() };
    let local = n.clock.local(world.now());
    match n.process {
        Some(LockNode::Storage(s)) => storage_rows(s, &mut rows),
        Some(LockNode::Redis(r)) => redis_rows(r, local, &mut rows),
        Some(LockNode::Zk(z)) => zk_rows(z, &mut rows),
        Some(LockNode::Etcd(m)) => etcd_rows(m, local, &mut rows),
        Some(LockNode::Client(c)) => client_rows(c, &mut rows),
        None => {}
    }
    rows
}

fn storage_rows(s: &Storage, rows: &mut Vec<Note>) {
    rows.push(Note::new("initial", s.initial.to_string()));
    rows.push(Note::new("sales", s.sales.to_string()));
    rows.push(Note::new("rejected", s.rejected.to_string()));
    rows.push(Note::new("fencing", s.fencing.to_string()));
    for (i, seg) in s.segments.iter().enumerate() {
        let highest = opt(seg.highest_token);
        rows.push(Note::new("segment", format!("{i}: {} · {highest}", seg.stock)));
    }
}

fn redis_rows(r: &RedisNode, local: SimTime, rows: &mut Vec<Note>) {
    rows.push(Note::worded("role", if r.is_replica { "replica" } else { "redis" }));
    rows.push(Note::worded("persistence", persistence_word(r.persistence)));
    rows.push(Note::new("unreplicated", r.unreplicated.len().to_string()));
    for (key, stored) in &r.server.keyspace.keys {
        let ttl = stored.expires_at.map(|at| millis(at.saturating_sub(local)));
        rows.push(Note::new("key", format!("{key} = {} · {}", stored.value, opt(ttl))));
    }
    for (channel, subscribers) in &r.server.subscribers {
        let clients = subscribers.iter().map(|n| format!("N{n}")).collect::<Vec<_>>().join(", ");
        rows.push(Note::new("subscribers", format!("{channel}: {clients}")));
    }
}

fn zk_rows(z: &ZkServer, rows: &mut Vec<Note>) {
    rows.push(Note::new("notifications", z.notifications.to_string()));
    for (path, znode) in &z.znodes {
        rows.push(Note::new("znode", format!("{path} · czxid {} · {}", znode.czxid, opt(znode.owner))));
    }
}

fn etcd_rows(m: &EtcdMember, local: SimTime, rows: &mut Vec<Note>) {
    let raft = &m.raft;
    rows.extend([
        Note::worded("role", raft.role.as_str()),
        Note::new("current_term", raft.term().to_string()),
        Note::new("voted_for", opt(raft.durable.voted_for.map(|v| v + m.first))),
        Note::new("leader", opt(m.leader())),
        Note::new("log_length", raft.durable.log.len().to_string()),
        Note::new("commit_index", raft.commit_index.to_string()),
        Note::new("last_applied", raft.last_applied.to_string()),
        Note::new("revision", raft.kv.mvcc.revision.to_string()),
        Note::new("notifications", m.notifications.to_string()),
    ]);
    for kv in raft.kv.mvcc.keys.values() {
        let text = format!(
            "{} · create {} · mod {} · v{} · lease {:x}",
            kv.key, kv.create_revision, kv.mod_revision, kv.version, kv.lease
        );
        rows.push(Note::new("key", text));
    }
    for (id, lease) in &raft.kv.mvcc.leases {
        let left = m.lessor.get(id).filter(|&&at| at != SimTime::MAX).map(|&at| millis(at.saturating_sub(local)));
        rows.push(Note::new("lease", format!("{id:x} · ttl {} · {}", millis(lease.ttl), opt(left))));
    }
    for w in &m.watchers {
        rows.push(Note::new("watcher", format!("N{} #{} {} ≥ {}", w.client, w.id, w.key, w.next)));
    }
}

fn client_rows(c: &Client, rows: &mut Vec<Note>) {
    rows.extend([
        Note::worded("phase", phase_word(c.phase)),
        Note::new("token", c.token.clone()),
        Note::new("fence", opt(c.fence)),
        Note::new("segment", c.segment.to_string()),
        Note::new("read", opt(c.read)),
        Note::new("bought", c.bought.to_string()),
        Note::new("acquisitions", c.acquisitions.to_string()),
        Note::new("wasted", c.wasted.to_string()),
        Note::new("messages_sent", c.sent.to_string()),
        Note::new("notified", c.notified.to_string()),
        Note::new("failed_purchases", c.failed.to_string()),
    ]);
    if let Some(validity) = c.validity {
        rows.push(Note::new("validity", millis(validity)));
    }
    if let Some(z) = &c.zk {
        rows.push(Note::new("session", opt(z.session)));
        rows.push(Note::new("znode", opt(z.node.clone())));
    }
    if let Some(e) = &c.etcd {
        rows.extend([
            Note::new("lease", opt(e.lease.map(|l| format!("{l:x}")))),
            Note::new("ttl_left", opt(e.ttl_left.map(millis))),
            Note::new("key", opt(e.key.clone())),
            Note::new("revision", e.my_rev.to_string()),
            Note::new("waits_on", opt(e.waits_on.clone())),
            Note::new("watch_member", opt(e.watch_member)),
            Note::new("step", step_name(e.step)),
        ]);
    }
}

/// A client's phase as a vocabulary word the page translates.
pub fn phase_word(phase: Phase) -> &'static str {
    match phase {
        Phase::Idle => "idle",
        Phase::Acquiring => "acquiring",
        Phase::SettingExpiry => "setting_expiry",
        Phase::Fencing => "awaiting_token",
        Phase::Reading => "reading",
        Phase::Thinking => "thinking",
        Phase::Writing => "writing",
        Phase::Releasing => "releasing",
        Phase::Watching => "watching",
        Phase::Done => "done",
    }
}

/// A Redis instance's persistence as a vocabulary word the page translates.
fn persistence_word(persistence: Persistence) -> &'static str {
    match persistence {
        Persistence::None => "no_persistence",
        Persistence::AofAlways => "aof_always",
    }
}

/// The etcd request a client waits on, as etcd's API names it ("—" when none).
fn step_name(step: Step) -> &'static str {
    match step {
        Step::None => "—",
        Step::Grant => "LeaseGrant",
        Step::Lock => "Txn",
        Step::Predecessor | Step::Verify => "Range",
        Step::Unlock => "DeleteRange",
    }
}
