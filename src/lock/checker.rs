//! The locks lab's checker watches the resource, not the lock: two clients in their critical
//! sections at once, an item sold twice, fencing tokens accepted out of order; and, for the queue
//! recipes (etcd, ZooKeeper), grants out of creation order.

use std::collections::BTreeMap;

use super::{LockNode, Service, STORAGE};
use crate::sim::{fill_facts, Checker, NodeId, Violation, World};

/// Names of the invariants, in the order the page lists them.
pub const INVARIANTS: [&str; 4] =
    ["Mutual Exclusion", "No Oversell", "Fencing Tokens Increase", "Grants In Creation Order"];

/// The locks lab's checker. Its memory: for the queue recipes, the key each holder was granted
/// with, and the latest grant per segment (the storage service keeps the sales).
#[derive(Clone, Debug, Default)]
pub struct LockChecker {
    /// Holders and the creation revision (zxid) of the key they hold by.
    holding: BTreeMap<NodeId, u64>,
    /// Per segment: the creation revision of the latest grant.
    last_grant: BTreeMap<u32, (NodeId, u64)>,
}

impl LockChecker {
    /// etcd and ZooKeeper grant in creation order: each new grant's key was created after the
    /// previous grant's. Returns the offending clients, segment and revisions.
    fn grant_out_of_order(&mut self, world: &World<LockNode>) -> Option<(NodeId, NodeId, u32, u64, u64)> {
        let mut found = None;
        let mut still = BTreeMap::new();
        for (id, p) in world.processes() {
            let Some(c) = p.and_then(LockNode::client).filter(|c| c.phase.holds_lock()) else { continue };
            let Some(created) = c.created else { continue };
            still.insert(id, created);
            if self.holding.get(&id) == Some(&created) {
                continue;
            }
            if let Some(&(before, last)) = self.last_grant.get(&c.segment) {
                if created <= last && found.is_none() {
                    found = Some((id, before, c.segment, created, last));
                }
            }
            let latest = self.last_grant.entry(c.segment).or_insert((id, created));
            if created >= latest.1 {
                *latest = (id, created);
            }
        }
        self.holding = still;
        found
    }
}

/// A violation of `invariant` found in `world` now, told by `code` and its facts.
fn violation(
    world: &World<LockNode>,
    invariant: &'static str,
    nodes: Vec<NodeId>,
    code: LockViolation,
    facts: Vec<(&'static str, String)>,
) -> Violation {
    Violation {
        invariant,
        t: world.now(),
        nodes,
        explanation: fill_facts(code.english(), &facts),
        code: code.code(),
        facts,
        trace_seq: world.trace().total().saturating_sub(1),
    }
}

/// Two holders of one segment's lock at once, if there are.
fn two_holders(world: &World<LockNode>) -> Option<Violation> {
    // Each segment has its own lock: two holders of the same segment's lock at once break it.
    let holders: Vec<(NodeId, u32)> = world
        .processes()
        .filter_map(|(id, p)| p.and_then(LockNode::client).filter(|c| c.phase.holds_lock()).map(|c| (id, c.segment)))
        .collect();
    holders.iter().enumerate().find_map(|(k, &(_, segment))| {
        let same: Vec<NodeId> = holders[k..].iter().filter(|h| h.1 == segment).map(|h| h.0).collect();
        (same.len() > 1).then(|| {
            let clients = same.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ");
            let facts = vec![("clients", clients), ("segment", segment.to_string())];
            violation(world, "Mutual Exclusion", same, LockViolation::TwoHolders, facts)
        })
    })
}

/// What the storage service shows broken now (sales past the stock, fencing tokens accepted out of
/// order): its records only grow, so once broken these stay broken for the rest of the run.
pub fn standing(world: &World<LockNode>) -> Vec<Violation> {
    let Some(storage) = world.node(STORAGE).and_then(|n| n.process).and_then(LockNode::storage) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    if storage.oversold() > 0 {
        let facts = vec![
            ("sales", storage.sales.to_string()),
            ("initial", storage.initial.to_string()),
            ("stock", storage.stock().to_string()),
        ];
        found.push(violation(world, "No Oversell", vec![STORAGE], LockViolation::Oversold, facts));
    }
    let out_of_order = storage.segments.iter().enumerate().find_map(|(i, segment)| {
        segment.accepted_tokens.windows(2).find(|w| w[1] <= w[0]).map(|pair| (i, pair[0], pair[1]))
    });
    if let Some((i, after, token)) = out_of_order {
        let facts = vec![("segment", i.to_string()), ("token", token.to_string()), ("after", after.to_string())];
        found.push(violation(world, "Fencing Tokens Increase", vec![STORAGE], LockViolation::FenceOutOfOrder, facts));
    }
    found
}

impl Checker<LockNode> for LockChecker {
    fn check(&mut self, world: &World<LockNode>) -> Option<Violation> {
        if let Some(v) = two_holders(world) {
            return Some(v);
        }
        if matches!(world.config().service, Service::Etcd | Service::ZooKeeper) {
            if let Some((client, before, segment, created, last)) = self.grant_out_of_order(world) {
                let facts = vec![
                    ("client", client.to_string()),
                    ("created", created.to_string()),
                    ("segment", segment.to_string()),
                    ("before", before.to_string()),
                    ("last", last.to_string()),
                ];
                let nodes = vec![client, before];
                return Some(violation(
                    world,
                    "Grants In Creation Order",
                    nodes,
                    LockViolation::GrantOutOfOrder,
                    facts,
                ));
            }
        }
        standing(world).into_iter().next()
    }
}

/// Every sentence the lock checker can say, by its code (`Violation::code`); the page keys its
/// translations on these values, so a sentence without a translation does not compile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockViolation {
    /// Two clients in one segment's critical section.
    TwoHolders,
    /// More sales than the stock went down by.
    Oversold,
    /// A storage segment accepted a fencing token lower than one before.
    FenceOutOfOrder,
    /// A queue recipe granted the lock out of its keys' creation order.
    GrantOutOfOrder,
}

impl LockViolation {
    /// Every sentence.
    pub const ALL: [LockViolation; 4] = [
        LockViolation::TwoHolders,
        LockViolation::Oversold,
        LockViolation::FenceOutOfOrder,
        LockViolation::GrantOutOfOrder,
    ];

    /// The stable code (`Violation::code`).
    pub fn code(self) -> &'static str {
        match self {
            LockViolation::TwoHolders => "two_holders",
            LockViolation::Oversold => "oversold",
            LockViolation::FenceOutOfOrder => "fence_out_of_order",
            LockViolation::GrantOutOfOrder => "grant_out_of_order",
        }
    }

    /// The English sentence, with `{fact}` placeholders (the command line's; the page translates).
    pub fn english(self) -> &'static str {
        match self {
            LockViolation::TwoHolders => "clients {clients} are in the critical section of segment {segment} at the same time",
            LockViolation::Oversold => "{sales} sales but the stock only went from {initial} to {stock}: an item was sold twice",
            LockViolation::FenceOutOfOrder => "segment {segment} accepted token {token} after token {after}",
            LockViolation::GrantOutOfOrder => {
                "client {client} was granted segment {segment}'s lock by a key created at {created}, after client {before}'s created at {last}"
            }
        }
    }

    /// The sentence with this code, if there is one.
    pub fn from_code(code: &str) -> Option<LockViolation> {
        LockViolation::ALL.into_iter().find(|v| v.code() == code)
    }
}
