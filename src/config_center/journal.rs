//! What a node did, as the checker reads it: each node keeps its recent lab events (also traced),
//! so the checker does not depend on how much of the trace a run keeps.

use super::{ConfigEvent, ConfigNode};
use crate::sim::Ctx;

/// Events kept before the older half is dropped (the checker reads them after every step).
const KEEP: usize = 256;

/// A node's recent events, numbered from 0 over its life.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Journal {
    /// Number of the first kept event.
    pub base: u64,
    /// The kept events, oldest first.
    pub recent: Vec<ConfigEvent>,
}

impl Journal {
    /// Record `event` here and in the trace.
    pub fn emit(&mut self, event: ConfigEvent, ctx: &mut Ctx<ConfigNode>) {
        if self.recent.len() >= KEEP {
            self.recent.drain(..KEEP / 2);
            self.base += (KEEP / 2) as u64;
        }
        self.recent.push(event.clone());
        ctx.emit(event);
    }

    /// Events recorded so far in this life.
    pub fn total(&self) -> u64 {
        self.base + self.recent.len() as u64
    }

    /// The events from number `from` on that are still kept.
    pub fn since(&self, from: u64) -> &[ConfigEvent] {
        let skip = from.saturating_sub(self.base) as usize;
        &self.recent[skip.min(self.recent.len())..]
    }
}
