//! Raft's parameters (the paper's defaults) and the classic mistakes a lesson can switch on.

use serde::{Deserialize, Serialize};

use super::membership::ChangeMode;
use super::read::ReadMode;
use crate::sim::{ms, ClusterConfig, NetworkConfig, NodeId, SimTime};

/// A classic implementation mistake, switched on per scenario to show what it breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bug {
    /// Commit an earlier term's entry once a majority stores it (Figure 8): it can be overwritten later.
    CommitOldTermByCount,
    /// Forget `votedFor` on restart: a node can vote twice in one term, electing two leaders.
    ForgetVoteOnRestart,
    /// Every election timeout is the same: candidates keep splitting the vote.
    NoTimeoutRandomization,
    /// Grant votes without the up-to-date log check (section 5.4.1): a stale leader erases committed entries.
    VoteWithoutLogCheck,
    /// Accept AppendEntries without checking (prevLogIndex, prevLogTerm): logs diverge.
    SkipConsistencyCheck,
    /// Single-server changes before the leader has committed an entry of its term (the bug Ongaro
    /// reported on raft-dev in 2015): two leaders can be elected in one term.
    ConfigChangeBeforeTermCommit,
    /// Serve a ReadIndex read without the heartbeat round that confirms leadership (thesis 6.4
    /// step 2): a deposed leader that has not heard of its successor answers with stale data.
    ReadIndexWithoutHeartbeat,
    /// PreVote with CheckQuorum: a pre-candidate keeps its leader and restarts its lease with its
    /// election timer, as etcd's raft once did: pre-candidates refuse each other and elections stall.
    PreCandidateKeepsLeader,
}

impl Bug {
    /// Every bug toggle.
    pub const ALL: [Bug; 8] = [
        Bug::CommitOldTermByCount,
        Bug::ForgetVoteOnRestart,
        Bug::NoTimeoutRandomization,
        Bug::VoteWithoutLogCheck,
        Bug::SkipConsistencyCheck,
        Bug::ConfigChangeBeforeTermCommit,
        Bug::ReadIndexWithoutHeartbeat,
        Bug::PreCandidateKeepsLeader,
    ];

    /// The name used in scenarios and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Bug::CommitOldTermByCount => "commit_old_term_by_count",
            Bug::ForgetVoteOnRestart => "forget_vote_on_restart",
            Bug::NoTimeoutRandomization => "no_timeout_randomization",
            Bug::VoteWithoutLogCheck => "vote_without_log_check",
            Bug::SkipConsistencyCheck => "skip_consistency_check",
            Bug::ConfigChangeBeforeTermCommit => "config_change_before_term_commit",
            Bug::ReadIndexWithoutHeartbeat => "read_index_without_heartbeat",
            Bug::PreCandidateKeepsLeader => "pre_candidate_keeps_leader",
        }
    }

    /// The toggle with this name.
    pub fn from_name(name: &str) -> Option<Bug> {
        Bug::ALL.into_iter().find(|b| b.name() == name)
    }
}

/// A Raft cluster's configuration; defaults are the paper's (section 5.2, 9.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RaftConfig {
    /// Number of servers.
    pub nodes: u32,
    /// The network at time 0.
    pub network: NetworkConfig,
    /// Shortest election timeout.
    pub election_timeout_min: SimTime,
    /// Longest election timeout.
    pub election_timeout_max: SimTime,
    /// Time between heartbeats from the leader.
    pub heartbeat_interval: SimTime,
    /// Most entries in one AppendEntries.
    pub max_batch: u32,
    /// A new leader appends a blank entry at once (section 8); off, Figure 8 can be replayed as drawn.
    pub leader_noop: bool,
    /// PreVote (thesis 9.6): ask first, raise the term only if a majority would vote.
    pub pre_vote: bool,
    /// CheckQuorum: a leader that has not heard from a majority for an election timeout steps
    /// down, and a follower that heard from its leader that recently ignores vote requests.
    pub check_quorum: bool,
    /// Mistakes switched on.
    pub bugs: Vec<Bug>,
    /// The initial voters; absent: every node. Nodes neither voter nor learner are spares: they
    /// boot with an empty configuration and wait for a leader to add them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voters: Option<Vec<NodeId>>,
    /// The initial learners (non-voting members).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub learners: Vec<NodeId>,
    /// How a leader changes the voters: joint consensus (paper section 6) or one server at a time (thesis 4.1).
    #[serde(skip_serializing_if = "is_default")]
    pub membership_change: ChangeMode,
    /// Snapshot every this many applied entries (section 7); 0: never (only on request).
    #[serde(skip_serializing_if = "is_default")]
    pub snapshot_every: u64,
    /// Lease reads: the clock drift rate the lease assumes at most, parts per million (thesis 6.4.1).
    /// The lease lasts election_timeout_min * (1 - drift) / (1 + drift) from the start of the last
    /// heartbeat round a majority acknowledged. Real clocks drift about 100 ppm; the default
    /// exaggerates, as a lab may.
    pub max_clock_drift_ppm: u32,
    /// Read kinds the linearizability checker leaves out of a batch run's verdict: a fuzz recording
    /// leaves out local reads (stale by design), and lease reads when its clocks broke the lease's
    /// bound. Empty: every operation is judged (a stale local read is reported).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unjudged_reads: Vec<ReadMode>,
}

/// The shortest heartbeat interval a scenario may ask for: real deployments use tens of
/// milliseconds; microseconds would make every virtual second millions of events.
pub const MIN_HEARTBEAT: SimTime = ms(1);

/// The longest election timeout a scenario may ask for.
pub const MAX_ELECTION_TIMEOUT: SimTime = ms(60_000);

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

impl Default for RaftConfig {
    fn default() -> Self {
        Self {
            nodes: 5,
            network: NetworkConfig::default(),
            election_timeout_min: ms(150),
            election_timeout_max: ms(300),
            heartbeat_interval: ms(50),
            max_batch: 64,
            leader_noop: true,
            pre_vote: false,
            check_quorum: false,
            bugs: Vec::new(),
            voters: None,
            learners: Vec::new(),
            membership_change: ChangeMode::Joint,
            snapshot_every: 0,
            max_clock_drift_ppm: 100_000,
            unjudged_reads: Vec::new(),
        }
    }
}

impl RaftConfig {
    /// Whether `bug` is switched on.
    pub fn has(&self, bug: Bug) -> bool {
        self.bugs.contains(&bug)
    }
}

impl ClusterConfig for RaftConfig {
    fn nodes(&self) -> u32 {
        self.nodes
    }
    fn network(&self) -> &NetworkConfig {
        &self.network
    }
    fn validate_lab(&self) -> Result<(), (String, String)> {
        if self.election_timeout_min == 0 || self.election_timeout_min > self.election_timeout_max {
            return Err(("election_timeout_min".into(), "must be positive and at most election_timeout_max".into()));
        }
        if self.election_timeout_max > MAX_ELECTION_TIMEOUT {
            return Err((
                "election_timeout_max".into(),
                format!("must be at most {MAX_ELECTION_TIMEOUT} µs (60 s; etcd's default is 1 s)"),
            ));
        }
        if self.heartbeat_interval < MIN_HEARTBEAT || self.heartbeat_interval >= self.election_timeout_min {
            return Err((
                "heartbeat_interval".into(),
                format!(
                    "must be from {MIN_HEARTBEAT} µs (1 ms; the paper uses 50 ms, etcd 100 ms) to below election_timeout_min"
                ),
            ));
        }
        if self.max_batch == 0 {
            return Err(("max_batch".into(), "must be at least 1".into()));
        }
        let out_of_range = |ids: &[NodeId]| ids.iter().any(|&n| n >= self.nodes);
        if let Some(voters) = &self.voters {
            if voters.is_empty() || out_of_range(voters) {
                return Err(("voters".into(), format!("must name at least one node, each below {}", self.nodes)));
            }
        }
        let voters = self.voters.clone().unwrap_or_else(|| (0..self.nodes).collect());
        if out_of_range(&self.learners) || self.learners.iter().any(|l| voters.contains(l)) {
            return Err(("learners".into(), format!("must be nodes below {} that are not voters", self.nodes)));
        }
        if self.max_clock_drift_ppm >= crate::sim::PPM {
            return Err(("max_clock_drift_ppm".into(), "must be below 1000000".into()));
        }
        Ok(())
    }
}
