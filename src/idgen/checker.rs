//! The IDs lab's checker: every ID an application got is unique (a duplicate names both issuers
//! and times), and every generator that promises increasing IDs keeps its promise within a life.
//! It also measures, without judging: IDs issued, failed requests, round trips per ID, gaps,
//! latency percentiles per request, how far from time order the merged stream of every
//! generator's IDs is, and the index model's page splits and fill.

use std::collections::BTreeMap;

use super::history::History;
use super::idset::{IdSet, Origin};
use super::index::{IndexModel, IndexStats};
use super::latency::Latencies;
use super::log::Counters;
use super::order::TimeOrder;
use super::IdNode;
use crate::sim::{fill_facts, Checker, NodeId, SimTime, Violation, World};

/// Names of the invariants, in the order the page lists them.
pub const INVARIANTS: [&str; 2] = ["Unique IDs", "Monotonic Per Generator"];

/// The English sentence of a violation code (the page translates by code).
pub fn english(code: &str) -> &'static str {
    match code {
        "duplicate_id" => "ID {id} was issued twice: to node {first} at {first_t} µs and to node {node} at {t} µs",
        "not_monotonic" => "node {node} handed out ID {id} after ID {last}: its IDs must increase",
        _ => "an invariant broke",
    }
}

/// A violation found in a node's entries: its code, the nodes involved, and its facts.
type Found = (&'static str, Vec<NodeId>, Vec<(&'static str, String)>);

/// What the checker has seen of one node's current life.
#[derive(Clone, Copy, Debug, Default)]
struct Seen {
    life: u32,
    taken: u64,
    counters: Counters,
    last: Option<u128>,
}

/// Measurements of a run (not invariants).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Measured {
    /// IDs applications got.
    pub issued: u64,
    /// Requests that failed.
    pub failed: u64,
    /// Network round trips for IDs, segments and worker ids.
    pub round_trips: u64,
    /// Numbers below the largest ID never handed to an application (counting generators only).
    pub gaps: u64,
    /// Median latency of the IDs applications got (µs, on their own clocks; within about 6 %).
    pub latency_p50: SimTime,
    /// 99th percentile latency (µs, within about 6 %).
    pub latency_p99: SimTime,
    /// Longest latency (µs, exact).
    pub latency_max: SimTime,
    /// IDs handed to an application after a larger ID had been handed out (the merged stream).
    pub out_of_order: u64,
    /// Out-of-order IDs per million issued.
    pub out_of_order_ppm: u64,
    /// The longest an out-of-order ID came after the first larger one (µs of true time).
    pub max_late: SimTime,
    /// The index model.
    pub index: IndexStats,
}

impl Measured {
    /// Round trips per thousand IDs.
    pub fn round_trips_per_kilo_id(&self) -> u64 {
        (self.round_trips * 1_000).checked_div(self.issued).unwrap_or(0)
    }
}

/// The IDs lab's checker.
#[derive(Clone, Debug, Default)]
pub struct IdChecker {
    nodes: BTreeMap<NodeId, Seen>,
    ids: IdSet,
    index: Option<IndexModel>,
    totals: Counters,
    max_used: u128,
    dense: bool,
    history: History,
    latencies: Latencies,
    order: TimeOrder,
}

fn add(total: &mut Counters, now: Counters, before: Counters) {
    total.issued += now.issued.saturating_sub(before.issued);
    total.failed += now.failed.saturating_sub(before.failed);
    total.round_trips += now.round_trips.saturating_sub(before.round_trips);
}

impl IdChecker {
    /// What the run measured so far.
    pub fn measured(&self) -> Measured {
        let distinct = self.ids.len();
        let gaps = if self.dense { (self.max_used as u64).saturating_sub(distinct) } else { 0 };
        let index = self.index.as_ref().map(IndexModel::stats).unwrap_or_default();
        Measured {
            issued: self.totals.issued,
            failed: self.totals.failed,
            round_trips: self.totals.round_trips,
            gaps,
            latency_p50: self.latencies.percentile(500),
            latency_p99: self.latencies.percentile(990),
            latency_max: self.latencies.max(),
            out_of_order: self.order.out_of_order,
            out_of_order_ppm: self.order.out_of_order_ppm(),
            max_late: self.order.max_late,
            index,
        }
    }

    /// What the page plots: latest IDs, sampled streams, duplicates with both origins.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Distinct IDs seen.
    pub fn distinct(&self) -> u64 {
        self.ids.len()
    }

    /// Take in one node's new entries; the first violation among them, if any.
    fn take(&mut self, node: NodeId, life: u32, p: &IdNode, now: SimTime) -> Option<Found> {
        let log = p.log();
        let seen = self.nodes.entry(node).or_default();
        if seen.life != life {
            *seen = Seen { life, ..Seen::default() };
        }
        if seen.taken == log.total() && seen.counters == log.counters {
            return None;
        }
        add(&mut self.totals, log.counters, seen.counters);
        seen.counters = log.counters;
        let skip = seen.taken.saturating_sub(log.base) as usize;
        seen.taken = log.total();
        let index = self.index.get_or_insert_with(IndexModel::default);
        let mut found = None;
        let mut last_used = None;
        for issue in log.recent.iter().skip(skip) {
            if issue.used {
                last_used = Some(issue.id);
                self.latencies.record(issue.latency);
                if let Some(first) = self.ids.insert(issue.id, Origin { node, t: now }) {
                    self.history.duplicate(issue.id, first, Origin { node, t: now });
                    let facts = vec![
                        ("id", issue.id.to_string()),
                        ("first", first.node.to_string()),
                        ("first_t", first.t.to_string()),
                        ("node", node.to_string()),
                        ("t", now.to_string()),
                    ];
                    found.get_or_insert(("duplicate_id", vec![first.node, node], facts));
                } else {
                    index.insert(issue.id);
                    self.order.see(issue.id, now);
                    self.max_used = self.max_used.max(issue.id);
                }
            }
            if issue.monotonic {
                if let Some(last) = seen.last.filter(|&last| issue.id <= last) {
                    let facts =
                        vec![("node", node.to_string()), ("id", issue.id.to_string()), ("last", last.to_string())];
                    found.get_or_insert(("not_monotonic", vec![node], facts));
                }
                seen.last = Some(issue.id);
            }
        }
        if let Some(id) = last_used {
            self.history.latest(node, now, id);
        }
        found
    }
}

impl Checker<IdNode> for IdChecker {
    fn check(&mut self, world: &World<IdNode>) -> Option<Violation> {
        if self.index.is_none() {
            self.index = Some(IndexModel::new(world.config().index_page_keys));
            self.dense = world.config().generator.dense();
        }
        let now = world.now();
        for (id, p) in world.processes() {
            let Some(p) = p else { continue };
            let life = world.node(id).map_or(0, |n| n.life);
            if let Some((code, nodes, facts)) = self.take(id, life, p, now) {
                let invariant = if code == "duplicate_id" { INVARIANTS[0] } else { INVARIANTS[1] };
                return Some(Violation {
                    invariant,
                    t: now,
                    nodes,
                    explanation: fill_facts(english(code), &facts),
                    code,
                    facts,
                    trace_seq: world.trace().total().saturating_sub(1),
                });
            }
        }
        None
    }
}
