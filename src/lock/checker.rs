//! The locks lab's checker watches the resource, not the lock: two clients in their critical
//! sections at once, an item sold twice, fencing tokens accepted out of order.

use super::{LockNode, STORAGE};
use crate::sim::{fill_facts, Checker, NodeId, Violation, World};

/// Names of the invariants, in the order the page lists them.
pub const INVARIANTS: [&str; 3] = ["Mutual Exclusion", "No Oversell", "Fencing Tokens Increase"];

/// The locks lab's checker (it needs no memory: the storage service keeps the sales).
#[derive(Clone, Debug, Default)]
pub struct LockChecker;

impl Checker<LockNode> for LockChecker {
    fn check(&mut self, world: &World<LockNode>) -> Option<Violation> {
        let violation =
            |invariant, nodes: Vec<NodeId>, code: &'static str, facts: Vec<(&'static str, String)>| Violation {
                invariant,
                t: world.now(),
                nodes,
                explanation: fill_facts(english(code), &facts),
                code,
                facts,
                trace_seq: world.trace().total().saturating_sub(1),
            };
        // Each segment has its own lock: two holders of the same segment's lock at once break it.
        let holders: Vec<(NodeId, u32)> = world
            .processes()
            .filter_map(|(id, p)| {
                p.and_then(LockNode::client).filter(|c| c.phase.holds_lock()).map(|c| (id, c.segment))
            })
            .collect();
        for (k, &(_, segment)) in holders.iter().enumerate() {
            let same: Vec<NodeId> = holders[k..].iter().filter(|h| h.1 == segment).map(|h| h.0).collect();
            if same.len() > 1 {
                let clients = same.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ");
                let facts = vec![("clients", clients), ("segment", segment.to_string())];
                return Some(violation("Mutual Exclusion", same, "two_holders", facts));
            }
        }
        let storage = world.node(STORAGE).and_then(|n| n.process).and_then(LockNode::storage)?;
        if storage.oversold() > 0 {
            let facts = vec![
                ("sales", storage.sales.to_string()),
                ("initial", storage.initial.to_string()),
                ("stock", storage.stock().to_string()),
            ];
            return Some(violation("No Oversell", vec![STORAGE], "oversold", facts));
        }
        for (i, segment) in storage.segments.iter().enumerate() {
            if let Some(pair) = segment.accepted_tokens.windows(2).find(|w| w[1] <= w[0]) {
                let facts =
                    vec![("segment", i.to_string()), ("token", pair[1].to_string()), ("after", pair[0].to_string())];
                return Some(violation("Fencing Tokens Increase", vec![STORAGE], "fence_out_of_order", facts));
            }
        }
        None
    }
}

/// The English sentence of each violation code.
pub fn english(code: &str) -> &'static str {
    match code {
        "two_holders" => "clients {clients} are in the critical section of segment {segment} at the same time",
        "oversold" => "{sales} sales but the stock only went from {initial} to {stock}: an item was sold twice",
        "fence_out_of_order" => "segment {segment} accepted token {token} after token {after}",
        _ => "an invariant broke",
    }
}
