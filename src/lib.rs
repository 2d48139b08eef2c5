//! distlab: real distributed protocols on virtual clusters, deterministic and replayable.
//!
//! `sim` is the kernel, `lab` builds lessons on it, `ui` draws them in the browser (feature `web`).

pub mod config_center;
pub mod idgen;
pub mod lab;
pub mod lock;
pub mod raft;
pub mod sim;
pub mod txn;

#[cfg(feature = "web")]
pub mod ui;
