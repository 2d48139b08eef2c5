//! Reads that bypass the log (thesis section 6.4; etcd-io/raft's `ReadOnlySafe` and
//! `ReadOnlyLeaseBased`): ReadIndex, lease reads, and local reads from a server's own state.
//!
//! - ReadIndex: once the leader has committed an entry of its term, it records its commit index
//!   as the read index, starts a heartbeat round, and answers from its state machine when a
//!   majority has echoed that round (it was still leader when the read arrived) and it has applied
//!   up to the read index.
//! - Lease: the leader answers at once while its lease holds by its own clock: the start of the
//!   last heartbeat round a majority echoed, plus `election_timeout_min * (1 - d) / (1 + d)` for a
//!   drift bound `d`. Followers that heard from it grant no vote for `election_timeout_min`
//!   (CheckQuorum), so without CheckQuorum there is no lease. A clock that runs slow or jumps back
//!   keeps the lease alive too long, and the answer can be stale. Without a lease the read falls
//!   back to ReadIndex (as TiKV does).
//! - Local: any server answers from what it has applied; a follower or a deposed leader can be stale.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::config::Bug;
use super::kv::KvResult;
use super::node::{ClientOutcome, RaftEvent, RaftNode};
use super::types::{ClientId, LogIndex, Role};
use crate::sim::{Ctx, NodeId, SimTime, PPM};

/// How a read is served.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadMode {
    /// Leader only: confirm leadership with a heartbeat round first (linearizable).
    ReadIndex,
    /// Leader only: answer at once while the lease holds (linearizable if clocks drift within the bound).
    Lease,
    /// Any server: answer from its own applied state (may be stale).
    Local,
}

impl ReadMode {
    /// Every mode.
    pub const ALL: [ReadMode; 3] = [ReadMode::ReadIndex, ReadMode::Lease, ReadMode::Local];

    /// The name used in scenarios and in the page.
    pub fn name(self) -> &'static str {
        match self {
            ReadMode::ReadIndex => "read_index",
            ReadMode::Lease => "lease",
            ReadMode::Local => "local",
        }
    }
}

/// A ReadIndex read waiting at the leader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingRead {
    /// The client.
    pub client: ClientId,
    /// Its request number.
    pub seq: u64,
    /// The key read.
    pub key: String,
    /// The read index, once the leader has committed an entry of its term.
    pub index: Option<LogIndex>,
    /// The heartbeat round that must be echoed by a majority before answering.
    pub round: u64,
}

/// Most round start times kept while no majority answers (a cut-off leader keeps beating).
const MAX_ROUNDS_KEPT: usize = 256;

/// A server's bookkeeping for reads: heartbeat rounds and who echoed them, the lease, the queue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadState {
    /// The latest heartbeat round; never decreases within a life.
    pub round: u64,
    /// Leader: per server, the highest round it echoed in this term.
    acked: Vec<u64>,
    /// Leader: the local start time of each round a majority has not echoed yet, oldest first.
    started: VecDeque<(u64, SimTime)>,
    /// Leader: the highest round a majority echoed in this term.
    pub confirmed: u64,
    /// Leader: the local start time of that round (where the lease runs from).
    pub lease_from: Option<SimTime>,
    /// Leader: a leadership transfer began in this term; its target may be elected at once
    /// (TimeoutNow overrides the followers' lease), so no lease for the rest of the term.
    pub lease_given_up: bool,
    /// Leader: ReadIndex reads waiting.
    pub queue: Vec<PendingRead>,
    /// Local time this server booted: for an election timeout after, it grants no vote (a quick
    /// restart must not let a leader be elected while the previous one still holds its lease).
    pub booted_at: SimTime,
}

impl ReadState {
    /// Fresh state for a server booting at local time `now` in a cluster of `n`.
    pub fn new(n: usize, now: SimTime) -> Self {
        Self { acked: vec![0; n], booted_at: now, ..Self::default() }
    }

    /// A new leadership: nothing echoed or confirmed yet in this term.
    fn begin_term(&mut self) {
        self.acked.iter_mut().for_each(|a| *a = self.round);
        self.started.clear();
        self.confirmed = self.round;
        self.lease_from = None;
        self.lease_given_up = false;
    }

    /// Start a heartbeat round at local time `now`; its number.
    fn start_round(&mut self, now: SimTime) -> u64 {
        self.round += 1;
        if self.started.len() == MAX_ROUNDS_KEPT {
            self.started.pop_front();
        }
        self.started.push_back((self.round, now));
        self.round
    }

    /// The lease's length in local time: `election_timeout_min * (1 - d) / (1 + d)`.
    pub fn lease_length(election_timeout_min: SimTime, max_drift_ppm: u32) -> SimTime {
        let (ppm, d) = (u128::from(PPM), u128::from(max_drift_ppm.min(PPM)));
        (u128::from(election_timeout_min) * (ppm - d) / (ppm + d)) as SimTime
    }
}

impl RaftNode {
    /// A read from a client.
    pub(super) fn handle_read(&mut self, client: ClientId, seq: u64, key: String, mode: ReadMode, ctx: &mut Ctx<Self>) {
        if mode == ReadMode::Local {
            let value = self.kv.get(&key).cloned();
            ctx.emit(RaftEvent::ClientReply { client, seq, reply: ok(value) });
            return;
        }
        if self.role != Role::Leader {
            ctx.emit(RaftEvent::ClientReply { client, seq, reply: self.not_leader() });
            return;
        }
        if mode == ReadMode::Lease && self.lease_holds(ctx.now()) && self.last_applied >= self.commit_index {
            let value = self.kv.get(&key).cloned();
            ctx.emit(RaftEvent::ClientReply { client, seq, reply: ok(value) });
            return;
        }
        self.reads.queue.push(PendingRead { client, seq, key, index: None, round: 0 });
        self.advance_reads(ctx);
    }

    /// Whether this leader's lease holds at local time `now` (and it may answer from its state).
    pub fn lease_holds(&self, now: SimTime) -> bool {
        let length = ReadState::lease_length(self.config().election_timeout_min, self.config().max_clock_drift_ppm);
        self.role == Role::Leader
            && self.config().check_quorum
            && !self.reads.lease_given_up
            && self.committed_in_term()
            && self.reads.lease_from.is_some_and(|from| now < from.saturating_add(length))
    }

    /// Whether the entry at the commit index is of the current term (thesis 6.4 step 1).
    fn committed_in_term(&self) -> bool {
        self.term_at(self.commit_index) == Some(self.term())
    }

    /// Leader, on every broadcast of AppendEntries: a new heartbeat round.
    pub(super) fn start_read_round(&mut self, ctx: &mut Ctx<Self>) {
        self.reads.start_round(ctx.now());
        self.reads.acked[ctx.id() as usize] = self.reads.round;
        self.refresh_confirmed();
    }

    /// A new leadership begins.
    pub(super) fn begin_reads(&mut self) {
        self.reads.begin_term();
    }

    /// Leader: a server echoed `round` in a reply of this term.
    pub(super) fn read_ack(&mut self, from: NodeId, term: u64, round: u64, ctx: &mut Ctx<Self>) {
        if self.role != Role::Leader || term != self.term() {
            return;
        }
        if let Some(acked) = self.reads.acked.get_mut(from as usize) {
            if round > *acked && round <= self.reads.round {
                *acked = round;
                self.refresh_confirmed();
                self.advance_reads(ctx);
            }
        }
    }

    /// Recompute the highest round a quorum of the configuration in force echoed (majorities of
    /// both halves while joint; learners never count), and where the lease runs from.
    fn refresh_confirmed(&mut self) {
        let (acked, confirmed) = (&self.reads.acked, self.reads.confirmed);
        let echoed = |round: u64| self.membership.has_quorum(|p| acked.get(p as usize).is_some_and(|&r| r >= round));
        // The candidates are the rounds servers echoed: a handful, so no sorting (this runs on
        // every AppendEntries reply).
        let Some(round) = acked.iter().copied().filter(|&r| r > confirmed && echoed(r)).max() else { return };
        self.reads.confirmed = round;
        let started = &mut self.reads.started;
        if let Some(&(_, at)) = started.iter().find(|(r, _)| *r == round) {
            self.reads.lease_from = Some(at);
        }
        while started.front().is_some_and(|(r, _)| *r <= round) {
            started.pop_front();
        }
    }

    /// Leader: give ReadIndex reads their index and round, and answer those that are ready.
    pub(super) fn advance_reads(&mut self, ctx: &mut Ctx<Self>) {
        if self.role != Role::Leader || self.reads.queue.is_empty() || !self.committed_in_term() {
            return;
        }
        if self.reads.queue.iter().any(|r| r.index.is_none()) {
            let round = if self.config().has(Bug::ReadIndexWithoutHeartbeat) {
                self.reads.confirmed
            } else {
                self.broadcast_append(ctx);
                self.reads.round
            };
            let index = self.commit_index;
            for read in self.reads.queue.iter_mut().filter(|r| r.index.is_none()) {
                read.index = Some(index);
                read.round = round;
            }
        }
        let (confirmed, applied) = (self.reads.confirmed, self.last_applied);
        let ready = |r: &PendingRead| r.round <= confirmed && r.index.is_some_and(|i| i <= applied);
        let (done, waiting): (Vec<_>, Vec<_>) = std::mem::take(&mut self.reads.queue).into_iter().partition(ready);
        self.reads.queue = waiting;
        for read in done {
            let value = self.kv.get(&read.key).cloned();
            ctx.emit(RaftEvent::ClientReply { client: read.client, seq: read.seq, reply: ok(value) });
        }
    }

    /// Leadership lost: the waiting reads are answered so (the client may retry elsewhere).
    pub(super) fn abandon_reads(&mut self, ctx: &mut Ctx<Self>) {
        for read in std::mem::take(&mut self.reads.queue) {
            let reply = ClientOutcome::LostLeadership;
            ctx.emit(RaftEvent::ClientReply { client: read.client, seq: read.seq, reply });
        }
    }

    /// CheckQuorum's rule at a server that booted less than an election timeout ago: no vote yet.
    pub(super) fn just_booted(&self, now: SimTime) -> bool {
        self.config().check_quorum && now.saturating_sub(self.reads.booted_at) < self.config().election_timeout_min
    }
}

fn ok(value: Option<String>) -> ClientOutcome {
    ClientOutcome::Ok { result: KvResult::Value { value } }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::ms;

    #[test]
    fn the_lease_shrinks_with_the_drift_bound() {
        assert_eq!(ReadState::lease_length(ms(150), 0), ms(150));
        assert_eq!(ReadState::lease_length(ms(150), 100_000), 122_727);
        assert_eq!(ReadState::lease_length(ms(150), 1_000_000), 0);
    }
}
