//! Log compaction (paper section 7): snapshots of the state machine, the log kept after them, and
//! InstallSnapshot (Figure 13) for a follower whose next entry the leader no longer has.

use std::rc::Rc;

use super::kv::KvStore;
use super::membership::Membership;
use super::node::{RaftDurable, RaftEvent, RaftNode, RaftWrite};
use super::types::{LogIndex, RaftMessage, Role, Term};
use crate::sim::{Ctx, NodeId};

/// A snapshot: the state machine after applying every entry up to `last_included_index`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Snapshot {
    /// The last entry the snapshot replaces.
    pub last_included_index: LogIndex,
    /// That entry's term.
    pub last_included_term: Term,
    /// The configuration in force at `last_included_index` (section 7: for membership changes).
    pub config: Membership,
    /// The key-value state, client sessions included.
    pub state: KvStore,
}

impl RaftDurable {
    /// Index of the last entry covered by the snapshot (0: no snapshot).
    pub fn snapshot_index(&self) -> LogIndex {
        self.snapshot.as_ref().map_or(0, |s| s.last_included_index)
    }

    /// Index of the last entry, in the snapshot or in the log.
    pub fn last_index(&self) -> LogIndex {
        self.snapshot_index() + self.log.len() as LogIndex
    }

    /// Keep `snapshot`; the log keeps only the entries after it if it holds the snapshot's last
    /// entry, else it is discarded whole (Figure 13, receiver steps 6 and 7). An older snapshot
    /// than the one kept changes nothing.
    pub(super) fn compact(&mut self, snapshot: Rc<Snapshot>) {
        let base = self.snapshot_index();
        let index = snapshot.last_included_index;
        if index <= base {
            return;
        }
        let offset = (index - base) as usize;
        if self.log.get(offset - 1).is_some_and(|e| e.term == snapshot.last_included_term) {
            self.log.drain(..offset);
        } else {
            self.log.clear();
        }
        self.snapshot = Some(snapshot);
    }
}

type RaftCtx<'a, 'b> = &'a mut Ctx<'b, RaftNode>;

impl RaftNode {
    /// Index of the last entry covered by this server's snapshot (0: none).
    pub fn snapshot_index(&self) -> LogIndex {
        self.durable.snapshot_index()
    }

    /// Term of the last entry covered by this server's snapshot (0: none).
    pub fn snapshot_term(&self) -> Term {
        self.durable.snapshot.as_ref().map_or(0, |s| s.last_included_term)
    }

    /// This server's latest snapshot, if it took or installed one.
    pub fn snapshot(&self) -> Option<&Snapshot> {
        self.durable.snapshot.as_deref()
    }

    /// Snapshot the state machine at the last applied entry and drop the log up to it.
    pub(super) fn take_snapshot(&mut self, ctx: RaftCtx) {
        let index = self.last_applied;
        if index <= self.snapshot_index() {
            return;
        }
        let term = self.term_at(index).unwrap_or(0);
        let (_, config) = self.config_at(index);
        let snapshot =
            Rc::new(Snapshot { last_included_index: index, last_included_term: term, config, state: self.kv.clone() });
        self.store(RaftWrite::Snapshot { snapshot }, ctx);
        ctx.emit(RaftEvent::Snapshot { index, term });
    }

    /// Before handling the next event: snapshot once `snapshot_every` entries were applied since
    /// the last snapshot (0: never). Like etcd's application, which snapshots after a Ready has been
    /// applied, never in the middle of the step that appended and committed the entries (so an
    /// observer sees every committed entry before it is compacted away).
    pub(super) fn maybe_snapshot(&mut self, ctx: RaftCtx) {
        let every = self.config.snapshot_every;
        if every > 0 && self.last_applied >= self.snapshot_index() + every {
            self.take_snapshot(ctx);
        }
    }

    /// Leader: `peer` needs entries the log no longer has; send the snapshot in one chunk.
    pub(super) fn send_snapshot(&mut self, peer: NodeId, ctx: RaftCtx) {
        let Some(snapshot) = self.durable.snapshot.clone() else { return };
        // Like AppendEntries, assume it arrives; a failure reply moves nextIndex back again.
        self.progress[peer as usize].next_index = snapshot.last_included_index + 1;
        ctx.send(
            peer,
            RaftMessage::InstallSnapshot {
                term: self.term(),
                leader_id: ctx.id(),
                last_included_index: snapshot.last_included_index,
                last_included_term: snapshot.last_included_term,
                offset: 0,
                data: snapshot,
                done: true,
            },
        );
    }

    /// Figure 13, receiver: install a snapshot newer than anything this server knows committed.
    pub(super) fn handle_install_snapshot(&mut self, from: NodeId, term: Term, data: Rc<Snapshot>, ctx: RaftCtx) {
        self.observe_term(term, ctx);
        if term < self.term() {
            ctx.send(from, RaftMessage::InstallSnapshotReply { term: self.term(), last_included_index: 0 });
            return;
        }
        if self.role != Role::Follower {
            self.step_down(ctx);
        }
        self.heard_from_leader(from, ctx);
        let index = data.last_included_index;
        if index > self.commit_index {
            let term = data.last_included_term;
            self.kv = data.state.clone();
            self.commit_index = index;
            self.last_applied = index;
            self.store(RaftWrite::Snapshot { snapshot: data }, ctx);
            ctx.emit(RaftEvent::InstallSnapshot { index, term, leader: from });
        }
        // Everything up to `index` is committed, so this server holds it either way.
        ctx.send(from, RaftMessage::InstallSnapshotReply { term: self.term(), last_included_index: index });
    }
}
