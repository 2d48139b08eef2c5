//! A ZooKeeper server, as far as the lock recipe uses it: sessions that expire without pings,
//! ephemeral sequential znodes, `getChildren` and `exists` with one-shot watches.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::sim::{NodeId, SimTime};

/// A session id.
pub type SessionId = u64;

/// A request, with the session it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum ZkOp {
    /// Open a session with this timeout.
    Connect { timeout: SimTime },
    /// Keep the session alive.
    Ping,
    /// Create `parent/prefix` + a 10-digit sequence number, ephemeral (deleted with the session).
    CreateEphemeralSequential { parent: String, prefix: String },
    /// Delete a znode.
    Delete { path: String },
    /// List a znode's children, optionally leaving a watch for their next change.
    GetChildren { path: String, watch: bool },
    /// Whether a znode exists, optionally leaving a watch for its deletion.
    Exists { path: String, watch: bool },
}

/// A reply.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
pub enum ZkReply {
    /// The session opened.
    Connected { session: SessionId },
    /// Done.
    Ok,
    /// The znode created, with its creation zxid (a fencing token: zxids only grow).
    Created { path: String, czxid: u64 },
    /// Children's names, sorted.
    Children { names: Vec<String> },
    /// Whether the znode exists.
    Stat { exists: bool },
    /// No such znode.
    NoNode,
    /// The session has expired: its ephemeral znodes are gone.
    SessionExpired,
}

/// A watch firing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ZkEventKind {
    /// The watched znode was deleted.
    NodeDeleted,
    /// The watched znode's children changed.
    NodeChildrenChanged,
}

/// One znode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Znode {
    /// The zxid of its creation.
    pub czxid: u64,
    /// The session owning it, if ephemeral.
    pub owner: Option<SessionId>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Session {
    client: NodeId,
    timeout: SimTime,
    last_heard: SimTime,
}

/// What a request did besides its reply: watches that fired.
pub type Notifications = Vec<(NodeId, String, ZkEventKind)>;

/// The server's state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ZkServer {
    /// Znodes by path.
    pub znodes: BTreeMap<String, Znode>,
    sequence: BTreeMap<String, u64>,
    zxid: u64,
    sessions: BTreeMap<SessionId, Session>,
    next_session: SessionId,
    exists_watches: BTreeMap<String, Vec<NodeId>>,
    child_watches: BTreeMap<String, Vec<NodeId>>,
    /// Watch notifications sent so far.
    pub notifications: u64,
    /// How often silent sessions are looked for (ZooKeeper checks every tick).
    pub tick: SimTime,
}

fn parent_of(path: &str) -> &str {
    path.rfind('/').map_or("/", |i| if i == 0 { "/" } else { &path[..i] })
}

impl ZkServer {
    /// A server that looks for silent sessions every `tick`.
    pub fn with_tick(tick: SimTime) -> Self {
        Self { tick, ..Self::default() }
    }

    /// Handle `op` from `client` in `session` at local time `now`.
    pub fn execute(
        &mut self,
        client: NodeId,
        session: Option<SessionId>,
        op: ZkOp,
        now: SimTime,
    ) -> (ZkReply, Notifications) {
        let mut fired = Vec::new();
        if let ZkOp::Connect { timeout } = op {
            self.next_session += 1;
            self.sessions.insert(self.next_session, Session { client, timeout, last_heard: now });
            return (ZkReply::Connected { session: self.next_session }, fired);
        }
        let Some(id) = session.filter(|s| self.sessions.contains_key(s)) else {
            return (ZkReply::SessionExpired, fired);
        };
        if let Some(s) = self.sessions.get_mut(&id) {
            s.last_heard = now;
        }
        let reply = match op {
            ZkOp::Connect { .. } | ZkOp::Ping => ZkReply::Ok,
            ZkOp::CreateEphemeralSequential { parent, prefix } => {
                let n = self.sequence.entry(parent.clone()).or_insert(0);
                let path = format!("{parent}/{prefix}{:010}", *n);
                *n += 1;
                self.zxid += 1;
                self.znodes.insert(path.clone(), Znode { czxid: self.zxid, owner: Some(id) });
                self.fire_children(&parent, &mut fired);
                ZkReply::Created { path, czxid: self.zxid }
            }
            ZkOp::Delete { path } => {
                if self.delete(&path, &mut fired) {
                    ZkReply::Ok
                } else {
                    ZkReply::NoNode
                }
            }
            ZkOp::GetChildren { path, watch } => {
                if watch {
                    self.child_watches.entry(path.clone()).or_default().push(client);
                }
                ZkReply::Children { names: self.children(&path) }
            }
            ZkOp::Exists { path, watch } => {
                let exists = self.znodes.contains_key(&path);
                if watch && exists {
                    self.exists_watches.entry(path).or_default().push(client);
                }
                ZkReply::Stat { exists }
            }
        };
        self.notifications += fired.len() as u64;
        (reply, fired)
    }

    /// Names of the children of `path`, sorted (sequence numbers sort in creation order).
    pub fn children(&self, path: &str) -> Vec<String> {
        let prefix = format!("{path}/");
        self.znodes
            .keys()
            .filter_map(|p| p.strip_prefix(&prefix))
            .filter(|rest| !rest.contains('/'))
            .map(str::to_string)
            .collect()
    }

    /// Expire sessions not heard from within their timeout (at local time `now`): their ephemeral
    /// znodes are deleted and the watches on them fire. Returns the notifications and the expired
    /// sessions' clients.
    pub fn expire(&mut self, now: SimTime) -> (Notifications, Vec<NodeId>) {
        let expired: Vec<(SessionId, NodeId)> = self
            .sessions
            .iter()
            .filter(|(_, s)| now.saturating_sub(s.last_heard) > s.timeout)
            .map(|(&id, s)| (id, s.client))
            .collect();
        let mut fired = Vec::new();
        for &(id, _) in &expired {
            self.sessions.remove(&id);
            let owned: Vec<String> =
                self.znodes.iter().filter(|(_, z)| z.owner == Some(id)).map(|(p, _)| p.clone()).collect();
            for path in owned {
                self.delete(&path, &mut fired);
            }
        }
        self.notifications += fired.len() as u64;
        (fired, expired.into_iter().map(|(_, c)| c).collect())
    }

    fn delete(&mut self, path: &str, fired: &mut Notifications) -> bool {
        if self.znodes.remove(path).is_none() {
            return false;
        }
        self.zxid += 1;
        for client in self.exists_watches.remove(path).unwrap_or_default() {
            fired.push((client, path.to_string(), ZkEventKind::NodeDeleted));
        }
        self.fire_children(parent_of(path), fired);
        true
    }

    fn fire_children(&mut self, parent: &str, fired: &mut Notifications) {
        for client in self.child_watches.remove(parent).unwrap_or_default() {
            fired.push((client, parent.to_string(), ZkEventKind::NodeChildrenChanged));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn create(zk: &mut ZkServer, client: NodeId, session: SessionId) -> String {
        let op = ZkOp::CreateEphemeralSequential { parent: "/locks".into(), prefix: "lock-".into() };
        match zk.execute(client, Some(session), op, 0).0 {
            ZkReply::Created { path, .. } => path,
            other => panic!("{other:?}"),
        }
    }

    fn connect(zk: &mut ZkServer, client: NodeId) -> SessionId {
        match zk.execute(client, None, ZkOp::Connect { timeout: 1000 }, 0).0 {
            ZkReply::Connected { session } => session,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn sequential_nodes_sort_in_creation_order() {
        let mut zk = ZkServer::default();
        let (a, b) = (connect(&mut zk, 2), connect(&mut zk, 3));
        let first = create(&mut zk, 2, a);
        let second = create(&mut zk, 3, b);
        assert_eq!((first.as_str(), second.as_str()), ("/locks/lock-0000000000", "/locks/lock-0000000001"));
        assert_eq!(zk.children("/locks"), vec!["lock-0000000000", "lock-0000000001"]);
    }

    #[test]
    fn deleting_a_watched_node_notifies_only_its_watcher() {
        let mut zk = ZkServer::default();
        let (a, b, c) = (connect(&mut zk, 2), connect(&mut zk, 3), connect(&mut zk, 4));
        let first = create(&mut zk, 2, a);
        let second = create(&mut zk, 3, b);
        create(&mut zk, 4, c);
        zk.execute(3, Some(b), ZkOp::Exists { path: first.clone(), watch: true }, 0);
        zk.execute(4, Some(c), ZkOp::Exists { path: second, watch: true }, 0);
        let (_, fired) = zk.execute(2, Some(a), ZkOp::Delete { path: first.clone() }, 0);
        assert_eq!(fired, vec![(3, first, ZkEventKind::NodeDeleted)]);
    }

    #[test]
    fn a_children_watch_fires_for_everyone_on_any_change() {
        let mut zk = ZkServer::default();
        let (a, b, c) = (connect(&mut zk, 2), connect(&mut zk, 3), connect(&mut zk, 4));
        let first = create(&mut zk, 2, a);
        zk.execute(3, Some(b), ZkOp::GetChildren { path: "/locks".into(), watch: true }, 0);
        zk.execute(4, Some(c), ZkOp::GetChildren { path: "/locks".into(), watch: true }, 0);
        let (_, fired) = zk.execute(2, Some(a), ZkOp::Delete { path: first }, 0);
        assert_eq!(fired.len(), 2, "the herd: every waiter wakes");
    }

    #[test]
    fn a_silent_session_expires_and_takes_its_ephemeral_nodes() {
        let mut zk = ZkServer::default();
        let (a, b) = (connect(&mut zk, 2), connect(&mut zk, 3));
        let first = create(&mut zk, 2, a);
        zk.execute(3, Some(b), ZkOp::Exists { path: first.clone(), watch: true }, 0);
        zk.execute(3, Some(b), ZkOp::Ping, 900);
        let (fired, expired) = zk.expire(1500);
        assert_eq!(expired, vec![2]);
        assert!(zk.children("/locks").is_empty());
        assert_eq!(fired, vec![(3, first, ZkEventKind::NodeDeleted)]);
        assert_eq!(zk.execute(2, Some(a), ZkOp::Ping, 1500).0, ZkReply::SessionExpired);
    }
}
