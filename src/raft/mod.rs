//! Raft (Ongaro and Ousterhout, extended paper): election, replication, commitment, a key-value
//! state machine with client sessions, and the classic mistakes as toggles.

/// The lab name in Raft scenarios.
pub const LAB: &str = "raft";

pub mod bench;
pub mod checker;
pub mod config;
pub mod fuzz;
pub mod history;
pub mod kv;
pub mod linearizability;
pub mod membership;
pub mod mvcc;
pub mod node;
pub mod read;
pub mod snapshot;
pub mod types;

pub use checker::{RaftChecker, INVARIANTS};
pub use config::{Bug, RaftConfig};
pub use kv::{KvResult, KvStore};
pub use membership::{ChangeMode, ConfChange, Membership};
pub use node::{
    current_leader, ClientOutcome, Progress, RaftDurable, RaftEvent, RaftInput, RaftNode, RaftTimer, RaftWrite,
};
pub use read::ReadMode;
pub use snapshot::Snapshot;
pub use types::{ClientId, Command, Entry, KvOp, LogIndex, RaftMessage, Role, SharedCommand, Term};

#[cfg(test)]
mod test_support;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod step_tests;

#[cfg(test)]
mod paper_tests;

#[cfg(test)]
mod figure7_tests;

#[cfg(test)]
mod prevote_tests;

#[cfg(test)]
mod transfer_tests;

#[cfg(test)]
mod membership_tests;

#[cfg(test)]
mod snapshot_tests;

#[cfg(test)]
mod read_tests;
