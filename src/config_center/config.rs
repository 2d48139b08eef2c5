//! The lab's configuration: the mode, the cluster's size, the real systems' timings (Nacos's
//! defaults) and the bug toggles.

use serde::{Deserialize, Serialize};

use super::store::key_of;
use crate::raft::config::RaftConfig;
use crate::sim::{ms, secs, ClusterConfig, NetworkConfig, NodeId, SimTime};

/// Which half of CAP the servers keep.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Consistency: changes through Raft; a minority side refuses them.
    #[default]
    Cp,
    /// Availability: Distro; every side accepts, replicas diverge and converge after healing.
    Ap,
}

/// A classic mistake, switched on to show what it breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bug {
    /// CP: answer a read the mode promises linearizable from the server's own state, without
    /// ReadIndex: a server cut off on the minority side serves an old version.
    ReadWithoutReadIndex,
    /// AP: no verify task: a change whose replication was lost is never repaired.
    NoAntiEntropy,
}

impl Bug {
    /// Every toggle.
    pub const ALL: [Bug; 2] = [Bug::ReadWithoutReadIndex, Bug::NoAntiEntropy];
}

/// A configuration-center cluster: servers `0..servers`, then the clients.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ConfigCenterConfig {
    /// CP or AP.
    pub mode: Mode,
    /// Number of servers (3 or 5).
    pub servers: u32,
    /// Number of clients (applications).
    pub clients: u32,
    /// The keys (`namespace/data_id`) every client loads and watches.
    pub keys: Vec<String>,
    /// CP: reads go through ReadIndex (linearizable; refused on the minority side). Off: any
    /// server answers from what it has applied.
    pub linearizable_reads: bool,
    /// How long a server holds a long poll (Nacos: the client's 30 s less 500 ms).
    pub long_poll_hold: SimTime,
    /// How long a client waits for a long poll's answer (Nacos: 30 s plus half of it).
    pub long_poll_timeout: SimTime,
    /// How long a client waits for any other answer (Nacos's config read timeout: 3 s).
    pub request_timeout: SimTime,
    /// CP: JRaft's election timeout (Nacos: 5 s; randomized up to twice that, heartbeats every tenth).
    pub election_timeout: SimTime,
    /// AP: how long a change waits before it is replicated (Distro's sync delay: 1 s).
    pub sync_delay: SimTime,
    /// AP: time between checksum rounds (Distro's verify interval: 5 s).
    pub verify_interval: SimTime,
    /// AP: time between member reports (Nacos: 2 s).
    pub report_interval: SimTime,
    /// AP: missed reports after which a member is taken as down (Nacos: 3).
    pub member_fail_reports: u32,
    /// How long after the last fault heals every server must hold everything (the checker's bound).
    pub convergence_bound: SimTime,
    /// AP: an acknowledged write lost to last-writer-wins is a violation, not only counted.
    pub lost_write_is_violation: bool,
    /// Mistakes switched on.
    pub bugs: Vec<Bug>,
    /// The network at time 0.
    pub network: NetworkConfig,
}

impl Default for ConfigCenterConfig {
    fn default() -> Self {
        Self {
            mode: Mode::Cp,
            servers: 3,
            clients: 3,
            keys: vec![key_of("application", "db.url"), key_of("application", "feature.flag")],
            linearizable_reads: true,
            long_poll_hold: ms(29_500),
            long_poll_timeout: secs(45),
            request_timeout: secs(3),
            election_timeout: secs(5),
            sync_delay: secs(1),
            verify_interval: secs(5),
            report_interval: secs(2),
            member_fail_reports: 3,
            convergence_bound: secs(30),
            lost_write_is_violation: false,
            bugs: Vec::new(),
            network: NetworkConfig::default(),
        }
    }
}

impl ConfigCenterConfig {
    /// Whether `bug` is switched on.
    pub fn has(&self, bug: Bug) -> bool {
        self.bugs.contains(&bug)
    }

    /// The servers' node ids.
    pub fn server_ids(&self) -> impl Iterator<Item = NodeId> {
        0..self.servers
    }

    /// The clients' node ids.
    pub fn client_ids(&self) -> impl Iterator<Item = NodeId> {
        self.servers..self.servers + self.clients
    }

    /// Whether clients' reads are promised linearizable (CP with ReadIndex reads).
    pub fn reads_linearizable(&self) -> bool {
        self.mode == Mode::Cp && self.linearizable_reads
    }

    /// CP: the embedded Raft's configuration (JRaft as Nacos runs it: PreVote, the leader steps
    /// down without a majority, heartbeats every tenth of the election timeout).
    pub fn raft(&self) -> RaftConfig {
        RaftConfig {
            nodes: self.servers,
            election_timeout_min: self.election_timeout,
            election_timeout_max: self.election_timeout * 2,
            heartbeat_interval: self.election_timeout / 10,
            pre_vote: true,
            check_quorum: true,
            ..RaftConfig::default()
        }
    }
}

impl ClusterConfig for ConfigCenterConfig {
    fn nodes(&self) -> u32 {
        self.servers + self.clients
    }
    fn network(&self) -> &NetworkConfig {
        &self.network
    }
    fn validate_lab(&self) -> Result<(), (String, String)> {
        if !(1..=7).contains(&self.servers) {
            return Err(("servers".into(), "between 1 and 7 servers (3 or 5 as deployed)".into()));
        }
        if self.clients > 16 {
            return Err(("clients".into(), "at most 16 clients".into()));
        }
        if self.keys.is_empty() || self.keys.iter().any(|k| !k.contains('/')) {
            return Err(("keys".into(), "at least one key, each written namespace/data_id".into()));
        }
        let positive = [
            ("long_poll_hold", self.long_poll_hold),
            ("request_timeout", self.request_timeout),
            ("sync_delay", self.sync_delay),
            ("verify_interval", self.verify_interval),
            ("report_interval", self.report_interval),
            ("convergence_bound", self.convergence_bound),
        ];
        if let Some((field, _)) = positive.iter().find(|(_, v)| *v < ms(1)) {
            return Err((field.to_string(), "must be at least 1000 µs (1 ms)".into()));
        }
        if self.long_poll_timeout <= self.long_poll_hold {
            return Err(("long_poll_timeout".into(), "must be longer than long_poll_hold".into()));
        }
        if self.member_fail_reports == 0 {
            return Err(("member_fail_reports".into(), "must be at least 1".into()));
        }
        if self.mode == Mode::Cp {
            self.raft().validate_lab().map_err(|(_, why)| ("election_timeout".to_string(), why))?;
        }
        Ok(())
    }
}
