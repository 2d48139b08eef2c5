//! A Raft server as a kernel `Process`: Figure 2 of the extended paper, rule by rule.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::config::{Bug, RaftConfig};
use super::kv::{KvResult, KvStore};
use super::membership::{ConfChange, LogChange, Membership};
use super::read::{ReadMode, ReadState};
use super::snapshot::Snapshot;
use super::types::{ClientId, Command, Entry, KvOp, LogIndex, RaftMessage, Role, SharedCommand, Term};
use crate::sim::{Ctx, DurableState, MessageClass, NodeId, Process, SimTime};

/// What survives a crash (Figure 2, "persistent state on all servers").
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct RaftDurable {
    /// Latest term this server has seen.
    pub current_term: Term,
    /// Candidate that received this server's vote in the current term.
    pub voted_for: Option<NodeId>,
    /// The log after the snapshot: entry `snapshot_index() + i` (from 1) is `log[i - 1]`.
    pub log: Vec<Entry>,
    /// The latest snapshot (state machine, configuration, last included index and term), if any.
    pub snapshot: Option<Rc<Snapshot>>,
}

/// One write to a server's stable storage: its hard state, or its log.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RaftWrite {
    /// Record currentTerm and votedFor.
    HardState { current_term: Term, voted_for: Option<NodeId> },
    /// Append entries at the end of the log.
    Append { entries: Vec<Entry> },
    /// Remove entries `from` and later.
    Truncate { from: LogIndex },
    /// Keep a snapshot and drop the log entries it covers (section 7).
    Snapshot { snapshot: Rc<Snapshot> },
}

impl DurableState for RaftDurable {
    type Write = RaftWrite;
    fn write(&mut self, write: RaftWrite) {
        match write {
            RaftWrite::HardState { current_term, voted_for } => {
                self.current_term = current_term;
                self.voted_for = voted_for;
            }
            RaftWrite::Append { entries } => self.log.extend(entries),
            RaftWrite::Truncate { from } => self.log.truncate(from.saturating_sub(1 + self.snapshot_index()) as usize),
            RaftWrite::Snapshot { snapshot } => self.compact(snapshot),
        }
    }
}

/// Raft's timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RaftTimer {
    /// No word from a leader (or no election won) for an election timeout.
    Election,
    /// Time for the leader's next round of AppendEntries.
    Heartbeat,
    /// CheckQuorum: time for the leader to count who it heard from.
    CheckQuorum,
}

/// Requests from outside the cluster.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum RaftInput {
    /// A client's operation; `(client, seq)` identifies it for duplicate detection.
    Client { client: ClientId, seq: u64, op: KvOp },
    /// Let the election timer run out now.
    Timeout,
    /// Leader: hand leadership to `to` (thesis 3.10): catch it up, then send it TimeoutNow.
    TransferLeadership { to: NodeId },
    /// Leader: make `node` a voter (joint consensus or a single-server change, per `membership_change`).
    AddServer { node: NodeId },
    /// Leader: take `node` (a voter or a learner) out of the configuration.
    RemoveServer { node: NodeId },
    /// Leader: make spare `node` a learner (receives the log, does not vote).
    AddLearner { node: NodeId },
    /// Leader: make learner `node` a voter as soon as it has caught up with the commit index.
    PromoteLearner { node: NodeId },
    /// Snapshot the state machine at the last applied entry now, and compact the log.
    Snapshot,
    /// A client's read of `key` outside the log (thesis 6.4), answered with `ClientReply`.
    Read { client: ClientId, seq: u64, key: String, mode: ReadMode },
}

/// How a client request ended, as the server answers it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ClientOutcome {
    /// Committed and applied, with its result.
    Ok { result: KvResult },
    /// This server is not the leader; it believes `leader` is.
    Redirect { leader: NodeId },
    /// This server knows no leader.
    NoLeader,
    /// This server lost leadership before the request committed (it may still commit later).
    LostLeadership,
}

/// Engine events recorded in the trace; serialized as `{"ev":"commit","index":3}` and so on.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "ev", rename_all = "snake_case")]
pub enum RaftEvent {
    /// The server became `role` in `term`.
    Role { role: Role, term: Term },
    /// The server granted its vote.
    Vote { candidate: NodeId, term: Term },
    /// An entry was appended at `index`.
    Append { index: LogIndex, term: Term, cmd: SharedCommand },
    /// Entries `from` and later were removed (a conflict with the leader).
    Truncate { from: LogIndex },
    /// The commit index advanced to `index`.
    Commit { index: LogIndex },
    /// Entry `index` was applied to the state machine.
    Apply { index: LogIndex, term: Term, cmd: SharedCommand },
    /// A client request was answered.
    ClientReply { client: ClientId, seq: u64, reply: ClientOutcome },
    /// The server took a snapshot up to `index` (of `term`) and compacted its log.
    Snapshot { index: LogIndex, term: Term },
    /// The server installed `leader`'s snapshot up to `index` (Figure 13).
    InstallSnapshot { index: LogIndex, term: Term, leader: NodeId },
    /// The configuration in force changed: the entry at `index` (0: the initial one) holds `config`.
    Config { index: LogIndex, config: Membership },
    /// A membership change was refused (`reason`: not_leader, change_in_progress, term_not_committed...).
    ConfigRefused { change: ConfChange, reason: &'static str },
}

/// What a server tracks of one server of the cluster (raft-rs's `Progress`): the leader's view of
/// its replication, a candidate's count of its vote, CheckQuorum's record of contact.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Leader: the next entry to send it (advanced optimistically as entries are sent).
    pub next_index: LogIndex,
    /// Leader: the highest entry known replicated on it.
    pub match_index: LogIndex,
    /// Candidate or pre-candidate: it granted this server its vote in the current round.
    pub vote_granted: bool,
    /// Leader with CheckQuorum: heard from since the last count.
    pub recent_active: bool,
}

/// One Raft server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaftNode {
    pub(super) config: RaftConfig,
    /// Persistent state (term, vote, log).
    pub durable: RaftDurable,
    /// Current role.
    pub role: Role,
    /// The leader this server follows, if it knows one.
    pub leader_id: Option<NodeId>,
    /// Highest entry known to be committed.
    pub commit_index: LogIndex,
    /// Highest entry applied to the state machine.
    pub last_applied: LogIndex,
    /// What this server tracks of every server, itself included, by id (raft-rs's `Progress`).
    pub progress: Vec<Progress>,
    /// The state machine.
    pub kv: KvStore,
    /// Local time at which the election timer runs out (for the draining arc).
    pub election_deadline: SimTime,
    /// Length of the current election timeout.
    pub election_timeout: SimTime,
    /// Leader only: log index of each client request it accepted, awaiting commit.
    pending: BTreeMap<LogIndex, (ClientId, u64)>,
    /// Local time of the last AppendEntries accepted from a leader (for CheckQuorum's lease).
    last_leader_contact: Option<SimTime>,
    /// Leader: a leadership transfer under way, to this server, abandoned after this local time.
    pub transferring: Option<(NodeId, SimTime)>,
    /// The configuration in force: the latest in the log, committed or not (old and new while joint).
    pub membership: Membership,
    /// Index of the entry holding `membership` (the snapshot's index if it came from one; 0: initial).
    pub config_index: LogIndex,
    /// The configuration this server booted with (empty for a spare).
    pub(super) initial_membership: Membership,
    /// Leader: learners to promote once caught up.
    pub(super) promoting: Vec<NodeId>,
    /// Reads outside the log: heartbeat rounds, the lease, waiting ReadIndex reads.
    pub reads: ReadState,
}

type RaftCtx<'a, 'b> = &'a mut Ctx<'b, RaftNode>;

impl RaftNode {
    /// The configuration this server runs with.
    pub fn config(&self) -> &RaftConfig {
        &self.config
    }

    /// Latest term seen.
    pub fn term(&self) -> Term {
        self.durable.current_term
    }

    /// The log after the snapshot: entry `snapshot_index() + 1` first.
    pub fn log(&self) -> &[Entry] {
        &self.durable.log
    }

    /// Index of the last entry (0 if empty), counting those covered by the snapshot.
    pub fn last_index(&self) -> LogIndex {
        self.durable.last_index()
    }

    /// Entry `index`, if the log holds it (not covered by the snapshot, not past the end).
    pub fn entry(&self, index: LogIndex) -> Option<&Entry> {
        let offset = index.checked_sub(self.snapshot_index() + 1)?;
        self.durable.log.get(offset as usize)
    }

    /// Term of entry `index`; 0 for index 0, the snapshot's term at its last included index;
    /// `None` past the end or inside the snapshot.
    pub fn term_at(&self, index: LogIndex) -> Option<Term> {
        match index {
            0 => Some(0),
            i if i == self.snapshot_index() => Some(self.snapshot_term()),
            i => self.entry(i).map(|e| e.term),
        }
    }

    fn last_term(&self) -> Term {
        self.durable.log.last().map_or_else(|| self.snapshot_term(), |e| e.term)
    }

    /// Change persistent state: in this server's memory and, first of all its effects, on stable storage.
    pub(super) fn store(&mut self, write: RaftWrite, ctx: RaftCtx) {
        let change = LogChange::of(&write, self.last_index());
        self.durable.write(write.clone());
        ctx.persist(write);
        self.track_config(change, ctx);
    }

    fn store_hard_state(&mut self, current_term: Term, voted_for: Option<NodeId>, ctx: RaftCtx) {
        self.store(RaftWrite::HardState { current_term, voted_for }, ctx);
    }

    fn set_role(&mut self, role: Role, ctx: RaftCtx) {
        if self.role != role {
            self.role = role;
            ctx.emit(RaftEvent::Role { role, term: self.term() });
        }
    }

    fn reset_election_timer(&mut self, ctx: RaftCtx) {
        let (lo, hi) = (self.config.election_timeout_min, self.config.election_timeout_max);
        let timeout = if self.config.has(Bug::NoTimeoutRandomization) { lo } else { ctx.random_range(lo, hi) };
        self.election_timeout = timeout;
        self.election_deadline = ctx.now() + timeout;
        ctx.set_timer(RaftTimer::Election, timeout);
    }

    /// Adopt a higher term (section 5.1): clear the vote, become follower.
    pub(super) fn observe_term(&mut self, term: Term, ctx: RaftCtx) {
        if term > self.term() {
            self.store_hard_state(term, None, ctx);
            self.leader_id = None;
            self.step_down(ctx);
        }
    }

    pub(super) fn step_down(&mut self, ctx: RaftCtx) {
        if self.role == Role::Leader {
            ctx.cancel_timer(RaftTimer::Heartbeat);
            for (_, (client, seq)) in std::mem::take(&mut self.pending) {
                ctx.emit(RaftEvent::ClientReply { client, seq, reply: ClientOutcome::LostLeadership });
            }
            self.abandon_reads(ctx);
            self.reset_election_timer(ctx);
        }
        self.set_role(Role::Follower, ctx);
    }

    /// The election timer ran out: ask for pre-votes first with PreVote, else stand at once.
    fn campaign(&mut self, ctx: RaftCtx) {
        if !self.promotable(ctx.id()) {
            return; // a learner, a spare, or a server that knows it was removed never campaigns
        }
        if self.config.pre_vote {
            self.start_pre_vote(ctx);
        } else {
            self.start_election(ctx);
        }
    }

    /// PreVote: without touching its term, ask whether a majority would vote for it in term + 1.
    /// A pre-candidate forgets its leader: etcd's raft once kept it and counted its lease from its
    /// own election timer, so pre-candidates refused each other's pre-votes and elections stalled
    /// (the `pre_candidate_keeps_leader` toggle brings that back).
    fn start_pre_vote(&mut self, ctx: RaftCtx) {
        if self.config.has(Bug::PreCandidateKeepsLeader) {
            if self.leader_id.is_some() {
                self.last_leader_contact = Some(ctx.now());
            }
        } else {
            self.leader_id = None;
            self.last_leader_contact = None;
        }
        self.progress.iter_mut().for_each(|p| p.vote_granted = false);
        self.progress[ctx.id() as usize].vote_granted = true;
        self.role = Role::Follower; // so that set_role records each new round
        self.set_role(Role::PreCandidate, ctx);
        self.reset_election_timer(ctx);
        let (last_log_index, last_log_term) = (self.last_index(), self.last_term());
        let (term, candidate_id) = (self.term() + 1, ctx.id());
        for peer in ctx.peers().filter(|&p| self.membership.is_voter(p)) {
            ctx.send(peer, RaftMessage::PreVote { term, candidate_id, last_log_index, last_log_term });
        }
        self.maybe_win(ctx);
    }

    /// CheckQuorum's lease: this follower heard from its leader less than an election timeout ago.
    fn in_lease(&self, now: SimTime) -> bool {
        let heard = self.config.check_quorum
            && self.leader_id.is_some()
            && self.last_leader_contact.is_some_and(|t| now.saturating_sub(t) < self.config.election_timeout_min);
        heard || self.just_booted(now)
    }

    fn log_up_to_date(&self, last_log_index: LogIndex, last_log_term: Term) -> bool {
        let up_to_date = last_log_term > self.last_term()
            || (last_log_term == self.last_term() && last_log_index >= self.last_index());
        up_to_date || self.config.has(Bug::VoteWithoutLogCheck)
    }

    fn handle_pre_vote(
        &mut self,
        from: NodeId,
        term: Term,
        last_log_index: LogIndex,
        last_log_term: Term,
        ctx: RaftCtx,
    ) {
        let granted =
            term > self.term() && self.log_up_to_date(last_log_index, last_log_term) && !self.in_lease(ctx.now());
        let reply_term = if granted { term } else { self.term() };
        ctx.send(from, RaftMessage::PreVoteReply { term: reply_term, vote_granted: granted });
    }

    fn handle_pre_vote_reply(&mut self, from: NodeId, term: Term, granted: bool, ctx: RaftCtx) {
        if granted && self.role == Role::PreCandidate && term == self.term() + 1 {
            self.progress[from as usize].vote_granted = true;
            self.maybe_win(ctx);
        } else if !granted {
            self.observe_term(term, ctx);
        }
    }

    /// CheckQuorum at the leader: step down unless a majority was heard from since the last count.
    fn check_quorum(&mut self, ctx: RaftCtx) {
        if self.role != Role::Leader {
            return;
        }
        self.progress[ctx.id() as usize].recent_active = true;
        if self.membership.has_quorum(|n| self.progress.get(n as usize).is_some_and(|p| p.recent_active)) {
            self.progress.iter_mut().for_each(|p| p.recent_active = false);
            ctx.set_timer(RaftTimer::CheckQuorum, self.config.election_timeout_min);
        } else {
            self.leader_id = None;
            self.step_down(ctx);
        }
    }

    /// Leadership transfer: start once the target is caught up; a transfer that does not finish
    /// within an election timeout is abandoned (the leader accepts client requests again).
    fn transfer_leadership(&mut self, to: NodeId, ctx: RaftCtx) {
        if self.role != Role::Leader || to == ctx.id() || !self.membership.is_voter(to) {
            return;
        }
        self.reads.lease_given_up = true;
        self.transferring = Some((to, ctx.now() + self.config.election_timeout_max));
        if self.progress[to as usize].match_index == self.last_index() {
            ctx.send(to, RaftMessage::TimeoutNow { term: self.term() });
        } else {
            self.send_append(to, ctx);
        }
    }

    /// Leader, on progress of a follower: finish a transfer to it once caught up.
    fn continue_transfer(&mut self, peer: NodeId, ctx: RaftCtx) {
        if let Some((to, deadline)) = self.transferring {
            if ctx.now() > deadline {
                self.transferring = None;
            } else if to == peer && self.progress[to as usize].match_index == self.last_index() {
                ctx.send(to, RaftMessage::TimeoutNow { term: self.term() });
            }
        }
    }

    fn start_election(&mut self, ctx: RaftCtx) {
        self.stand(false, ctx);
    }

    /// Become candidate in the next term and ask for votes (`transfer`: on the leader's TimeoutNow).
    fn stand(&mut self, leadership_transfer: bool, ctx: RaftCtx) {
        self.store_hard_state(self.term() + 1, Some(ctx.id()), ctx);
        self.leader_id = None;
        self.progress.iter_mut().for_each(|p| p.vote_granted = false);
        self.progress[ctx.id() as usize].vote_granted = true;
        self.role = Role::Follower; // so that set_role records the change even from candidate to candidate
        self.set_role(Role::Candidate, ctx);
        self.reset_election_timer(ctx);
        let (last_log_index, last_log_term) = (self.last_index(), self.last_term());
        let term = self.term();
        let candidate_id = ctx.id();
        for peer in ctx.peers().filter(|&p| self.membership.is_voter(p)) {
            let vote =
                RaftMessage::RequestVote { term, candidate_id, last_log_index, last_log_term, leadership_transfer };
            ctx.send(peer, vote);
        }
        self.maybe_win(ctx);
    }

    fn maybe_win(&mut self, ctx: RaftCtx) {
        if !self.membership.has_quorum(|n| self.progress.get(n as usize).is_some_and(|p| p.vote_granted)) {
            return;
        }
        match self.role {
            Role::Candidate => self.become_leader(ctx),
            Role::PreCandidate => self.start_election(ctx),
            Role::Follower | Role::Leader => {}
        }
    }

    fn become_leader(&mut self, ctx: RaftCtx) {
        self.set_role(Role::Leader, ctx);
        self.leader_id = Some(ctx.id());
        self.transferring = None;
        self.promoting.clear();
        ctx.cancel_timer(RaftTimer::Election);
        let next_index = self.last_index() + 1;
        self.progress.iter_mut().for_each(|p| (p.next_index, p.match_index) = (next_index, 0));
        self.begin_reads();
        // Section 8: a blank entry lets the new leader commit what earlier terms left.
        if self.config.leader_noop {
            self.append_as_leader(Command::Noop, ctx);
        }
        self.broadcast_append(ctx);
        ctx.set_timer(RaftTimer::Heartbeat, self.config.heartbeat_interval);
        if self.config.check_quorum {
            self.progress.iter_mut().for_each(|p| p.recent_active = false);
            ctx.set_timer(RaftTimer::CheckQuorum, self.config.election_timeout_min);
        }
        self.membership_progress(ctx);
    }

    pub(super) fn append_as_leader(&mut self, command: Command, ctx: RaftCtx) -> LogIndex {
        let term = self.term();
        let cmd = SharedCommand::new(command);
        self.store(RaftWrite::Append { entries: vec![Entry { term, command: cmd.clone() }] }, ctx);
        let index = self.last_index();
        self.progress[ctx.id() as usize].match_index = index;
        self.progress[ctx.id() as usize].next_index = index + 1;
        ctx.emit(RaftEvent::Append { index, term, cmd });
        self.advance_commit(ctx);
        index
    }

    /// Leader: AppendEntries (or a heartbeat) to every server, as a new heartbeat round.
    pub(super) fn broadcast_append(&mut self, ctx: RaftCtx) {
        self.start_read_round(ctx);
        for peer in ctx.peers() {
            if self.membership.is_member(peer) {
                self.send_append(peer, ctx);
            }
        }
    }

    fn send_append(&mut self, peer: NodeId, ctx: RaftCtx) {
        if !self.membership.is_member(peer) {
            return; // a server outside the configuration in force gets nothing (thesis 4.2.3)
        }
        let next = self.progress[peer as usize].next_index.clamp(1, self.last_index() + 1);
        if next <= self.snapshot_index() {
            return self.send_snapshot(peer, ctx); // the entries it needs were compacted away
        }
        let prev_log_index = next - 1;
        let prev_log_term = self.term_at(prev_log_index).unwrap_or(0);
        let end = (prev_log_index + u64::from(self.config.max_batch)).min(self.last_index());
        let base = self.snapshot_index();
        let entries = self.durable.log[(prev_log_index - base) as usize..(end - base) as usize].to_vec();
        // Pipelining: assume these arrive, so the next send carries only newer entries; a failure
        // reply (a lost message, a conflict) moves nextIndex back.
        self.progress[peer as usize].next_index = end + 1;
        ctx.send(
            peer,
            RaftMessage::AppendEntries {
                term: self.term(),
                leader_id: ctx.id(),
                prev_log_index,
                prev_log_term,
                entries,
                leader_commit: self.commit_index,
                read_round: self.reads.round,
            },
        );
    }

    /// Figure 2, rules for leaders: commit the highest N with a majority of matchIndex ≥ N and
    /// log[N].term == currentTerm (section 5.4.2).
    fn advance_commit(&mut self, ctx: RaftCtx) {
        let term_rule = !self.config.has(Bug::CommitOldTermByCount);
        let mut n = self.last_index();
        while n > self.commit_index {
            let replicated =
                self.membership.has_quorum(|p| self.progress.get(p as usize).is_some_and(|p| p.match_index >= n));
            if replicated && (!term_rule || self.term_at(n) == Some(self.term())) {
                self.set_commit(n, ctx);
                return;
            }
            n -= 1;
        }
    }

    fn set_commit(&mut self, index: LogIndex, ctx: RaftCtx) {
        if index > self.commit_index {
            self.commit_index = index;
            ctx.emit(RaftEvent::Commit { index });
            self.apply_committed(ctx);
            self.membership_progress(ctx);
            self.advance_reads(ctx);
        }
    }

    fn apply_committed(&mut self, ctx: RaftCtx) {
        while self.last_applied < self.commit_index {
            self.last_applied += 1;
            let index = self.last_applied;
            let offset = index - self.durable.snapshot_index() - 1;
            let Some(entry) = self.durable.log.get(offset as usize) else { return };
            let (term, cmd) = (entry.term, entry.command.clone());
            let outcome = match &*entry.command {
                Command::Noop | Command::Config { .. } => None,
                Command::Client { client, seq, op } => Some((*client, *seq, self.kv.apply(*client, *seq, op))),
            };
            ctx.emit(RaftEvent::Apply { index, term, cmd });
            if let Some((client, seq, result)) = outcome {
                if self.pending.remove(&index).is_some() {
                    ctx.emit(RaftEvent::ClientReply { client, seq, reply: ClientOutcome::Ok { result } });
                }
            }
        }
    }

    fn handle_request_vote(&mut self, from: NodeId, term: Term, last: (LogIndex, Term), transfer: bool, ctx: RaftCtx) {
        let (last_log_index, last_log_term) = last;
        if term > self.term() && self.in_lease(ctx.now()) && !transfer {
            return; // CheckQuorum: a leader was heard from recently; a disruptive candidate is ignored
        }
        self.observe_term(term, ctx);
        let log_ok = self.log_up_to_date(last_log_index, last_log_term);
        let free = self.durable.voted_for.is_none_or(|v| v == from);
        let vote_granted = term == self.term() && free && log_ok && self.role == Role::Follower;
        if vote_granted {
            self.store_hard_state(self.term(), Some(from), ctx);
            ctx.emit(RaftEvent::Vote { candidate: from, term });
            self.reset_election_timer(ctx);
        }
        ctx.send(from, RaftMessage::RequestVoteReply { term: self.term(), vote_granted });
    }

    fn handle_vote_reply(&mut self, from: NodeId, term: Term, vote_granted: bool, ctx: RaftCtx) {
        self.observe_term(term, ctx);
        if self.role == Role::Candidate && term == self.term() && vote_granted {
            self.progress[from as usize].vote_granted = true;
            self.maybe_win(ctx);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn handle_append(
        &mut self,
        from: NodeId,
        term: Term,
        prev_log_index: LogIndex,
        prev_log_term: Term,
        entries: Vec<Entry>,
        (leader_commit, read_round): (LogIndex, u64),
        ctx: RaftCtx,
    ) {
        self.observe_term(term, ctx);
        if term < self.term() {
            let reply = RaftMessage::AppendEntriesReply {
                term: self.term(),
                success: false,
                match_index: 0,
                conflict_term: None,
                conflict_index: 0,
                read_round,
            };
            ctx.send(from, reply);
            return;
        }
        if self.role != Role::Follower {
            self.step_down(ctx);
        }
        self.heard_from_leader(from, ctx);
        // Entries covered by the snapshot are committed, so they match: start after it.
        let base = self.snapshot_index();
        let (prev_log_index, prev_log_term, entries) = if prev_log_index < base {
            let skip = ((base - prev_log_index) as usize).min(entries.len());
            (base, self.snapshot_term(), entries[skip..].to_vec())
        } else {
            (prev_log_index, prev_log_term, entries)
        };
        let skip_check = self.config.has(Bug::SkipConsistencyCheck);
        let prev = if skip_check { prev_log_index.min(self.last_index()) } else { prev_log_index };
        if !skip_check {
            if let Some(reply) = self.consistency_failure(prev_log_index, prev_log_term, read_round) {
                ctx.send(from, reply);
                return;
            }
        }
        let last_new = self.merge_entries(prev, entries, ctx);
        if leader_commit > self.commit_index {
            self.set_commit(leader_commit.min(last_new), ctx);
        }
        let reply = RaftMessage::AppendEntriesReply {
            term: self.term(),
            success: true,
            match_index: last_new,
            conflict_term: None,
            conflict_index: 0,
            read_round,
        };
        ctx.send(from, reply);
    }

    /// A message from the current leader: follow it, and restart the election timer.
    pub(super) fn heard_from_leader(&mut self, from: NodeId, ctx: RaftCtx) {
        self.leader_id = Some(from);
        self.last_leader_contact = Some(ctx.now());
        self.reset_election_timer(ctx);
    }

    /// The failure reply when (prevLogIndex, prevLogTerm) does not match, with the fast-backup hint.
    fn consistency_failure(
        &self,
        prev_log_index: LogIndex,
        prev_log_term: Term,
        read_round: u64,
    ) -> Option<RaftMessage> {
        let (conflict_term, conflict_index) = match self.term_at(prev_log_index) {
            Some(t) if t == prev_log_term => return None,
            None => (None, self.last_index() + 1),
            Some(t) => {
                let base = self.snapshot_index();
                let first =
                    self.durable.log.iter().position(|e| e.term == t).map_or(base + 1, |p| base + p as LogIndex + 1);
                (Some(t), first)
            }
        };
        Some(RaftMessage::AppendEntriesReply {
            term: self.term(),
            success: false,
            match_index: 0,
            conflict_term,
            conflict_index,
            read_round,
        })
    }

    /// Append `entries` after `prev`, truncating only at a real conflict (an old, reordered
    /// AppendEntries must not cut entries that match). Returns the index of the last new entry.
    fn merge_entries(&mut self, prev: LogIndex, entries: Vec<Entry>, ctx: RaftCtx) -> LogIndex {
        let last_new = prev + entries.len() as LogIndex;
        for (k, entry) in entries.into_iter().enumerate() {
            let index = prev + 1 + k as LogIndex;
            match self.term_at(index) {
                Some(t) if t == entry.term => continue,
                Some(_) => {
                    self.store(RaftWrite::Truncate { from: index }, ctx);
                    ctx.emit(RaftEvent::Truncate { from: index });
                    self.pending.retain(|&i, _| i < index);
                }
                None => {}
            }
            let event =
                RaftEvent::Append { index: self.last_index() + 1, term: entry.term, cmd: entry.command.clone() };
            self.store(RaftWrite::Append { entries: vec![entry] }, ctx);
            ctx.emit(event);
        }
        last_new
    }

    fn handle_append_reply(
        &mut self,
        from: NodeId,
        term: Term,
        success: bool,
        match_index: LogIndex,
        conflict: (Option<Term>, LogIndex),
        ctx: RaftCtx,
    ) {
        self.observe_term(term, ctx);
        if self.role != Role::Leader || term != self.term() {
            return;
        }
        let peer = from as usize;
        if success {
            if match_index > self.progress[peer].match_index {
                self.progress[peer].match_index = match_index;
                self.advance_commit(ctx);
            }
            self.progress[peer].next_index = self.progress[peer].next_index.max(match_index + 1);
            if self.progress[peer].next_index <= self.last_index() {
                self.send_append(from, ctx);
            }
            self.continue_transfer(from, ctx);
            self.membership_progress(ctx);
            return;
        }
        // Fast backup (section 5.3): skip a whole conflicting term per round trip.
        let (conflict_term, conflict_index) = conflict;
        let next = match conflict_term {
            Some(t) => match self.durable.log.iter().rposition(|e| e.term == t) {
                Some(p) => self.snapshot_index() + p as LogIndex + 2,
                None => conflict_index,
            },
            None => conflict_index,
        };
        self.progress[peer].next_index = next.clamp(self.progress[peer].match_index + 1, self.last_index() + 1);
        self.send_append(from, ctx);
    }

    /// A follower's answer to a request only the leader serves: the leader it knows, or none.
    pub(super) fn not_leader(&self) -> ClientOutcome {
        match self.leader_id {
            Some(leader) => ClientOutcome::Redirect { leader },
            None => ClientOutcome::NoLeader,
        }
    }

    fn handle_client(&mut self, client: ClientId, seq: u64, op: KvOp, ctx: RaftCtx) {
        if self.transferring.is_some_and(|(_, deadline)| ctx.now() <= deadline) {
            // Proposals are dropped while leadership moves (etcd's ErrProposalDropped): retry.
            ctx.emit(RaftEvent::ClientReply { client, seq, reply: ClientOutcome::NoLeader });
            return;
        }
        if self.role != Role::Leader {
            ctx.emit(RaftEvent::ClientReply { client, seq, reply: self.not_leader() });
            return;
        }
        if self.pending.values().any(|&(c, s)| c == client && s == seq) {
            return; // already in the log, awaiting commit
        }
        if let Some(result) = self.kv.cached(client, seq) {
            ctx.emit(RaftEvent::ClientReply { client, seq, reply: ClientOutcome::Ok { result } });
            return;
        }
        let index = self.append_as_leader(Command::Client { client, seq, op }, ctx);
        if self.last_applied < index {
            self.pending.insert(index, (client, seq));
        }
        self.broadcast_append(ctx);
    }
}

impl Process for RaftNode {
    type Config = RaftConfig;
    type Message = RaftMessage;
    type Timer = RaftTimer;
    type Input = RaftInput;
    type Durable = RaftDurable;
    type Event = RaftEvent;

    fn boot(id: NodeId, config: &RaftConfig, durable: Option<&RaftDurable>, ctx: &mut Ctx<Self>) -> Self {
        let mut durable = durable.cloned().unwrap_or_default();
        if config.has(Bug::ForgetVoteOnRestart) {
            durable.voted_for = None;
        }
        let n = ctx.node_count() as usize;
        let initial_membership = Membership::initial(config, id, ctx.node_count());
        let mut node = Self {
            config: config.clone(),
            durable,
            role: Role::Follower,
            leader_id: None,
            commit_index: 0,
            last_applied: 0,
            progress: vec![Progress { next_index: 1, ..Progress::default() }; n],
            kv: KvStore::default(),
            election_deadline: 0,
            election_timeout: 0,
            pending: BTreeMap::new(),
            last_leader_contact: None,
            transferring: None,
            membership: initial_membership.clone(),
            config_index: 0,
            initial_membership,
            promoting: Vec::new(),
            reads: ReadState::new(n, ctx.now()),
        };
        // Restart from the snapshot: its state machine, with everything up to it committed and applied.
        if let Some(snapshot) = node.durable.snapshot.clone() {
            node.kv = snapshot.state.clone();
            node.commit_index = snapshot.last_included_index;
            node.last_applied = snapshot.last_included_index;
        }
        (node.config_index, node.membership) = node.config_at(LogIndex::MAX);
        node.reset_election_timer(ctx);
        node
    }

    fn on_message(&mut self, from: NodeId, message: RaftMessage, ctx: &mut Ctx<Self>) {
        self.maybe_snapshot(ctx);
        match message {
            RaftMessage::RequestVote { term, candidate_id: _, last_log_index, last_log_term, leadership_transfer } => {
                self.handle_request_vote(from, term, (last_log_index, last_log_term), leadership_transfer, ctx)
            }
            RaftMessage::TimeoutNow { term } => {
                // Only from the current leader, to a follower of this term: stand at once, no pre-vote.
                if term == self.term() && self.role == Role::Follower && self.leader_id == Some(from) {
                    self.stand(true, ctx);
                }
            }
            RaftMessage::RequestVoteReply { term, vote_granted } => {
                self.handle_vote_reply(from, term, vote_granted, ctx)
            }
            RaftMessage::PreVote { term, candidate_id: _, last_log_index, last_log_term } => {
                self.handle_pre_vote(from, term, last_log_index, last_log_term, ctx)
            }
            RaftMessage::PreVoteReply { term, vote_granted } => {
                self.handle_pre_vote_reply(from, term, vote_granted, ctx)
            }
            RaftMessage::AppendEntries {
                term,
                leader_id: _,
                prev_log_index,
                prev_log_term,
                entries,
                leader_commit,
                read_round,
            } => {
                self.handle_append(from, term, prev_log_index, prev_log_term, entries, (leader_commit, read_round), ctx)
            }
            RaftMessage::AppendEntriesReply {
                term,
                success,
                match_index,
                conflict_term,
                conflict_index,
                read_round,
            } => {
                if let Some(p) = self.progress.get_mut(from as usize) {
                    p.recent_active = true;
                }
                self.handle_append_reply(from, term, success, match_index, (conflict_term, conflict_index), ctx);
                self.read_ack(from, term, read_round, ctx);
            }
            RaftMessage::InstallSnapshot {
                term,
                leader_id: _,
                last_included_index: _,
                last_included_term: _,
                offset: _,
                data,
                done: _,
            } => self.handle_install_snapshot(from, term, data, ctx),
            RaftMessage::InstallSnapshotReply { term, last_included_index } => {
                if let Some(p) = self.progress.get_mut(from as usize) {
                    p.recent_active = true;
                }
                // Installed, so everything up to last_included_index matches: an AppendEntries success.
                let success = last_included_index > 0;
                self.handle_append_reply(from, term, success, last_included_index, (None, 0), ctx)
            }
        }
    }

    fn on_timer(&mut self, timer: RaftTimer, ctx: &mut Ctx<Self>) {
        self.maybe_snapshot(ctx);
        match timer {
            RaftTimer::Election if self.role != Role::Leader => self.campaign(ctx),
            RaftTimer::Election => {}
            RaftTimer::CheckQuorum => self.check_quorum(ctx),
            RaftTimer::Heartbeat if self.role == Role::Leader => {
                if self.transferring.is_some_and(|(_, deadline)| ctx.now() > deadline) {
                    self.transferring = None;
                }
                self.broadcast_append(ctx);
                ctx.set_timer(RaftTimer::Heartbeat, self.config.heartbeat_interval);
            }
            RaftTimer::Heartbeat => {}
        }
    }

    fn on_input(&mut self, input: RaftInput, ctx: &mut Ctx<Self>) {
        self.maybe_snapshot(ctx);
        match input {
            RaftInput::Client { client, seq, op } => self.handle_client(client, seq, op, ctx),
            RaftInput::Timeout if self.role != Role::Leader => self.campaign(ctx),
            RaftInput::Timeout => {}
            RaftInput::TransferLeadership { to } => self.transfer_leadership(to, ctx),
            RaftInput::AddServer { node } => self.propose_change(ConfChange::AddServer { node }, ctx),
            RaftInput::RemoveServer { node } => self.propose_change(ConfChange::RemoveServer { node }, ctx),
            RaftInput::AddLearner { node } => self.propose_change(ConfChange::AddLearner { node }, ctx),
            RaftInput::PromoteLearner { node } => self.propose_change(ConfChange::PromoteLearner { node }, ctx),
            RaftInput::Snapshot => self.take_snapshot(ctx),
            RaftInput::Read { client, seq, key, mode } => self.handle_read(client, seq, key, mode, ctx),
        }
    }

    fn validate_input(config: &RaftConfig, input: &RaftInput) -> Result<(), String> {
        match input {
            RaftInput::AddServer { node }
            | RaftInput::RemoveServer { node }
            | RaftInput::AddLearner { node }
            | RaftInput::PromoteLearner { node }
                if *node >= config.nodes =>
            {
                Err(format!("node {node} is out of range (the cluster has {} nodes)", config.nodes))
            }
            _ => Ok(()),
        }
    }

    fn message_kind(message: &RaftMessage) -> &'static str {
        match message {
            RaftMessage::RequestVote { .. } => "RequestVote",
            RaftMessage::TimeoutNow { .. } => "TimeoutNow",
            RaftMessage::RequestVoteReply { .. } => "RequestVoteReply",
            RaftMessage::PreVote { .. } => "PreVote",
            RaftMessage::PreVoteReply { .. } => "PreVoteReply",
            RaftMessage::AppendEntries { entries, .. } if entries.is_empty() => "Heartbeat",
            RaftMessage::AppendEntries { .. } => "AppendEntries",
            RaftMessage::AppendEntriesReply { .. } => "AppendEntriesReply",
            RaftMessage::InstallSnapshot { .. } => "InstallSnapshot",
            RaftMessage::InstallSnapshotReply { .. } => "InstallSnapshotReply",
        }
    }

    fn message_class(message: &RaftMessage) -> MessageClass {
        match message {
            RaftMessage::RequestVoteReply { .. }
            | RaftMessage::PreVoteReply { .. }
            | RaftMessage::AppendEntriesReply { .. }
            | RaftMessage::InstallSnapshotReply { .. } => MessageClass::Reply,
            RaftMessage::RequestVote { .. }
            | RaftMessage::TimeoutNow { .. }
            | RaftMessage::PreVote { .. }
            | RaftMessage::AppendEntries { .. }
            | RaftMessage::InstallSnapshot { .. } => MessageClass::Request,
        }
    }

    fn timer_kind(timer: &RaftTimer) -> &'static str {
        match timer {
            RaftTimer::Election => "ElectionTimeout",
            RaftTimer::Heartbeat => "HeartbeatTimeout",
            RaftTimer::CheckQuorum => "CheckQuorum",
        }
    }
}

/// The server that leads in the highest term among the running ones, with that term, if any.
pub fn current_leader(world: &crate::sim::World<RaftNode>) -> Option<(NodeId, Term)> {
    world
        .processes()
        .filter_map(|(id, p)| p.filter(|p| p.role == Role::Leader).map(|p| (id, p.term())))
        .max_by_key(|&(_, term)| term)
}
