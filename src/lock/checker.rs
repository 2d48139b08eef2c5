//! The locks lab's checker watches the resource, not the lock: two clients in their critical
//! sections at once, an item sold twice, fencing tokens accepted out of order.

use super::{LockNode, STORAGE};
use crate::sim::{Checker, NodeId, Violation, World};

/// Names of the invariants, in the order the page lists them.
pub const INVARIANTS: [&str; 3] = ["Mutual Exclusion", "No Oversell", "Fencing Tokens Increase"];

/// The locks lab's checker (it needs no memory: the storage service keeps the sales).
#[derive(Clone, Debug, Default)]
pub struct LockChecker;

impl Checker<LockNode> for LockChecker {
    fn check(&mut self, world: &World<LockNode>) -> Option<Violation> {
        let violation = |invariant, nodes: Vec<NodeId>, explanation: String| Violation {
            invariant,
            t: world.now(),
            nodes,
            explanation,
            trace_seq: world.trace().total().saturating_sub(1),
        };
        // Each segment has its own lock: two holders of the same segment's lock at once break it.
        let holders: Vec<(NodeId, u32)> = world
            .processes()
            .filter_map(|(id, p)| p.and_then(LockNode::client).filter(|c| c.phase.holds_lock()).map(|c| (id, c.segment)))
            .collect();
        for (k, &(_, segment)) in holders.iter().enumerate() {
            let same: Vec<NodeId> = holders[k..].iter().filter(|h| h.1 == segment).map(|h| h.0).collect();
            if same.len() > 1 {
                let msg = format!("clients {same:?} are in the critical section of segment {segment} at the same time");
                return Some(violation("Mutual Exclusion", same, msg));
            }
        }
        let storage = world.node(STORAGE).and_then(|n| n.process).and_then(LockNode::storage)?;
        if storage.oversold() > 0 {
            let msg = format!(
                "{} sales but the stock only went from {} to {}: an item was sold twice",
                storage.sales, storage.initial, storage.stock()
            );
            return Some(violation("No Oversell", vec![STORAGE], msg));
        }
        for (i, segment) in storage.segments.iter().enumerate() {
            if let Some(pair) = segment.accepted_tokens.windows(2).find(|w| w[1] <= w[0]) {
                let msg = format!("segment {i} accepted token {} after token {}", pair[1], pair[0]);
                return Some(violation("Fencing Tokens Increase", vec![STORAGE], msg));
            }
        }
        None
    }
}
