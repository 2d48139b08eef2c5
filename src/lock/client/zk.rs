//! The client side of ZooKeeper's lock recipe: an ephemeral sequential znode under `/locks`; the
//! lowest holds the lock; each waiter watches only its predecessor (or, naively, the whole
//! directory: the herd); pings keep the session; the znode's creation zxid is the fencing token.

use super::{Client, Phase};
use crate::lock::zookeeper::{SessionId, ZkOp, ZkReply};
use crate::lock::{LockMessage, LockNode, LockTimer};
use crate::sim::{Ctx, SimTime};

/// The znode directory of the lock.
pub const LOCKS: &str = "/locks";

/// A ZooKeeper client's session and znode.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ZkSession {
    /// The session timeout asked for.
    pub timeout: SimTime,
    /// Watch the directory rather than the predecessor.
    pub herd: bool,
    /// The session, once connected (gone when it expires).
    pub session: Option<SessionId>,
    /// This client's znode, while it has one.
    pub node: Option<String>,
}

impl Client {
    /// Take the lock with ZooKeeper's recipe instead of Redis.
    pub fn use_zookeeper(&mut self, timeout: SimTime, herd: bool) {
        self.zk = Some(ZkSession { timeout, herd, session: None, node: None });
    }

    fn zk_send(&mut self, op: ZkOp, ctx: &mut Ctx<LockNode>) {
        let session = self.zk.as_ref().and_then(|z| z.session);
        self.req += 1;
        self.sent += 1;
        ctx.send(self.instances[0], LockMessage::Zk { req: self.req, session, op });
    }

    /// Start (or resume) taking the lock: connect if needed, else create the znode.
    pub(super) fn zk_acquire(&mut self, ctx: &mut Ctx<LockNode>) {
        self.phase = Phase::Acquiring;
        match self.zk.as_ref().map(|z| (z.session, z.timeout)) {
            Some((None, timeout)) => self.zk_send(ZkOp::Connect { timeout }, ctx),
            Some((Some(_), _)) => {
                let op = ZkOp::CreateEphemeralSequential { parent: LOCKS.into(), prefix: "lock-".into() };
                self.zk_send(op, ctx);
            }
            None => {}
        }
    }

    fn zk_list(&mut self, ctx: &mut Ctx<LockNode>) {
        let watch = self.zk.as_ref().is_some_and(|z| z.herd);
        self.zk_send(ZkOp::GetChildren { path: LOCKS.into(), watch }, ctx);
    }

    /// Release: delete the znode.
    pub(super) fn zk_release(&mut self, ctx: &mut Ctx<LockNode>) {
        match self.zk.as_mut().and_then(|z| z.node.take()) {
            Some(path) => self.zk_send(ZkOp::Delete { path }, ctx),
            None => self.rest(ctx),
        }
    }

    /// A reply from ZooKeeper.
    pub fn on_zk_reply(&mut self, req: u64, reply: ZkReply, ctx: &mut Ctx<LockNode>) {
        if reply == ZkReply::SessionExpired {
            // The session is gone, and with it the znode; a holder only learns it now.
            if let Some(z) = self.zk.as_mut() {
                z.session = None;
                z.node = None;
            }
            ctx.cancel_timer(LockTimer::Ping);
            if matches!(self.phase, Phase::Acquiring | Phase::Watching | Phase::Releasing) {
                self.rest(ctx);
            }
            return;
        }
        if req != self.req {
            return;
        }
        match (self.phase, reply) {
            (Phase::Acquiring, ZkReply::Connected { session }) => {
                let timeout = self.zk.as_ref().map_or(0, |z| z.timeout);
                if let Some(z) = self.zk.as_mut() {
                    z.session = Some(session);
                }
                ctx.set_timer(LockTimer::Ping, (timeout / 3).max(1));
                self.zk_acquire(ctx);
            }
            (Phase::Acquiring, ZkReply::Created { path, czxid }) => {
                self.token = path.clone();
                if let Some(z) = self.zk.as_mut() {
                    z.node = Some(path);
                }
                // The creation zxid grows with every write to ZooKeeper: a fencing token for free.
                self.fence = self.recipe.fencing.then_some(czxid);
                self.created = Some(czxid);
                self.zk_list(ctx);
            }
            (Phase::Acquiring, ZkReply::Children { names }) => self.zk_decide(&names, ctx),
            (Phase::Acquiring, ZkReply::Stat { exists: true }) => self.phase = Phase::Watching,
            (Phase::Acquiring, ZkReply::Stat { exists: false }) => self.zk_list(ctx),
            (Phase::Releasing, _) => self.rest(ctx),
            _ => {}
        }
    }

    /// Lowest znode: the lock is ours; else wait for the predecessor (or the directory) to change.
    fn zk_decide(&mut self, names: &[String], ctx: &mut Ctx<LockNode>) {
        let Some(mine) = self.zk.as_ref().and_then(|z| z.node.clone()) else { return };
        let mine = mine.rsplit('/').next().unwrap_or_default().to_string();
        let Some(position) = names.iter().position(|n| *n == mine) else {
            self.zk_acquire(ctx); // our znode is gone (its session expired): start over
            return;
        };
        if position == 0 {
            self.granted(ctx);
        } else if self.zk.as_ref().is_some_and(|z| z.herd) {
            self.wasted += 1;
            self.phase = Phase::Watching;
        } else {
            self.wasted += 1;
            let path = format!("{LOCKS}/{}", names[position - 1]);
            self.zk_send(ZkOp::Exists { path, watch: true }, ctx);
        }
    }

    /// A watch fired: look again.
    pub fn on_zk_event(&mut self, ctx: &mut Ctx<LockNode>) {
        self.notified += 1;
        if self.phase == Phase::Watching {
            self.phase = Phase::Acquiring;
            self.zk_list(ctx);
        }
    }

    /// Keep the session alive.
    pub(super) fn zk_ping(&mut self, ctx: &mut Ctx<LockNode>) {
        if let Some(timeout) = self.zk.as_ref().filter(|z| z.session.is_some()).map(|z| z.timeout) {
            let session = self.zk.as_ref().and_then(|z| z.session);
            self.sent += 1;
            ctx.send(self.instances[0], LockMessage::Zk { req: 0, session, op: ZkOp::Ping });
            ctx.set_timer(LockTimer::Ping, (timeout / 3).max(1));
        }
    }
}
