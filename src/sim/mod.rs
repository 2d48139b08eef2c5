//! The kernel: a deterministic discrete-event simulator of nodes on an unreliable network.
//!
//! No wall clock, no I/O, no global randomness, no `HashMap` iteration: the same scenario gives
//! the same trace on every platform.

pub mod action;
mod action_json;
pub mod bench;
pub mod check;
pub mod clock;
pub mod hash;
pub mod network;
pub mod process;
pub mod rng;
pub mod scenario;
pub mod single;
pub mod time;
pub mod timeline;
pub mod timers;
pub mod trace;
pub mod world;

pub use action::{Action, TimedAction};
pub use check::{fill_facts, Checker, NoChecker, Violation};
pub use clock::Clock;
pub use hash::{stable_hash, StableHasher};
pub use network::{DropReason, InFlight, MsgId, NetStats, Network, NetworkConfig};
pub use process::{Ctx, DurableState, Effect, MessageClass, MessageKind, Process};
pub use rng::SimRng;
pub use scenario::{ClusterConfig, Scenario, ScenarioError, ScenarioOf, MAX_NODES, MAX_TIME};
pub use time::{ms, secs, NodeId, SimTime, MICROS_PER_MS, MICROS_PER_SEC, PPM};
pub use timeline::Timeline;
pub use trace::{Retention, Trace, TraceEntries, TraceEntry, TraceEvent};
pub use world::{ActionError, NodeStatus, NodeView, World};
