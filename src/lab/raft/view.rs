//! The Raft page's view model: plain data computed from a timeline, drawn by the page.
//!
//! `view` is recomputed once per frame in O(nodes + messages + visible log rows); the role lanes
//! and the client history are kept incrementally by [`History`], which follows seeks back.

mod clients;
mod cluster;
mod inspect;
mod lanes;
mod linearizability;
mod logs;
mod membership;

pub use clients::{next_seq, ClientReplies, ClientRequest, Outcome, CLIENT_TIMEOUT};
pub use cluster::{leader_of, message_tags, nodes_of, timer_fractions};
pub use inspect::{message_rows, node_rows};
pub use lanes::{LaneState, RoleLanes, Segment, LANE_SPAN};
pub use linearizability::{linearizability_view, unjudged_view, LinearizabilityView, OpRow, Verdict, JUDGED_OPS};
pub use logs::{log_rows, window as log_window, LogCell, LogRow, Progress};
pub use membership::{membership_view, MemberRow, MemberStatus, MembershipView};

use super::RaftScenario;
use crate::lab::view::{self as shared, ClusterModel, LogLine};
use crate::raft::history::{History as ClientHistory, ReplyLog};
use crate::raft::{RaftChecker, RaftEvent, RaftInput, RaftNode};
use crate::sim::{Action, NetStats, NetworkConfig, NodeId, SimTime, Timeline, Violation};

/// A Raft run in the page: the timeline under the Raft checker.
pub type RaftTimeline = Timeline<RaftNode, RaftChecker>;

/// Everything the Raft page draws at one instant (apart from the incremental [`History`]).
#[derive(Clone, Debug, PartialEq)]
pub struct RaftView {
    /// Virtual time now.
    pub now: SimTime,
    /// Nodes (role, term, notes), links, messages in flight, recent drops.
    pub cluster: ClusterModel,
    /// Per node, the fraction of its election timeout left (`None`: a leader, or down).
    pub timers: Vec<Option<f64>>,
    /// Per message of `cluster.messages`, in the same order: a short label and a tone ("ok", "fail", "").
    pub tags: Vec<(String, &'static str)>,
    /// Every node's log window, commit and apply markers, leader progress and key-value state.
    pub logs: Vec<LogRow>,
    /// The running leader of the highest term, if any.
    pub leader: Option<NodeId>,
    /// Every invariant by name, with its violation if it was broken.
    pub invariants: Vec<(&'static str, Option<Violation>)>,
    /// Recent trace lines, newest last.
    pub log: Vec<LogLine>,
    /// The network settings in force.
    pub network: NetworkConfig,
    /// The network counters.
    pub stats: NetStats,
}

/// Build the page's view of the timeline's present, with `log_limit` trace lines and `entries` log columns.
pub fn view(timeline: &RaftTimeline, log_limit: usize, entries: usize) -> RaftView {
    let world = timeline.world();
    let cluster = ClusterModel {
        nodes: nodes_of(world),
        links: shared::links_of(world),
        messages: shared::messages_of(world),
        drops: shared::recent_drops(world),
    };
    RaftView {
        now: world.now(),
        timers: timer_fractions(world),
        tags: message_tags(world),
        logs: log_rows(world, entries),
        leader: leader_of(world),
        invariants: invariants(timeline.violation()),
        log: shared::log_lines(world, log_limit, describe_event),
        network: world.network().config.clone(),
        stats: world.stats(),
        cluster,
    }
}

/// Every invariant's name, paired with `violation` if it is the one broken.
pub fn invariants(violation: Option<&Violation>) -> Vec<(&'static str, Option<Violation>)> {
    crate::raft::INVARIANTS.iter().map(|&name| (name, violation.filter(|v| v.invariant == name).cloned())).collect()
}

/// Server answers the page keeps for its client history (it judges at most [`JUDGED_OPS`]
/// operations, each answered a few times at most).
const KEPT_ANSWERS: usize = 8 * JUDGED_OPS;

/// What the page remembers across frames: role lanes and client replies, kept as the run goes.
#[derive(Clone, Debug, Default)]
pub struct History {
    /// One lane of roles per node.
    pub lanes: RoleLanes,
    /// Replies to client requests, by request.
    pub replies: ClientReplies,
    /// Every server's answer, for the linearizability check.
    pub answers: ReplyLog,
}

impl History {
    /// Take in what happened since the last look (forgetting what lies after a seek back).
    pub fn observe(&mut self, timeline: &RaftTimeline) {
        self.lanes.observe(timeline.world());
        self.replies.observe(timeline.world());
        self.answers.absorb(timeline.world().trace());
        self.answers.keep_last(KEPT_ANSWERS);
    }

    /// The run's client operations up to `now` (writes, log reads and reads outside the log),
    /// judged for linearizability, the last `limit` of them. A history longer than the page judges
    /// is not built whole: only its last `limit` requests are shown.
    pub fn linearizability(&self, scenario: &RaftScenario, now: SimTime, limit: usize) -> LinearizabilityView {
        let requests: Vec<(SimTime, NodeId, &RaftInput)> = scenario
            .actions
            .iter()
            .take_while(|a| a.at <= now)
            .filter_map(|a| match &a.action {
                Action::Input { node, input: input @ (RaftInput::Client { .. } | RaftInput::Read { .. }) } => {
                    Some((a.at, *node, input))
                }
                _ => None,
            })
            .collect();
        if requests.len() <= JUDGED_OPS {
            return linearizability_view(&ClientHistory::build(requests, self.answers.replies()), limit);
        }
        let recent = &requests[requests.len() - limit..];
        let since = recent[0].0;
        let replies = self.answers.replies();
        let replies = &replies[replies.partition_point(|r| r.t < since)..];
        unjudged_view(&ClientHistory::build(recent.iter().copied(), replies), limit, requests.len())
    }

    /// The last `limit` client requests sent by now, with their outcomes.
    pub fn requests(&self, scenario: &RaftScenario, now: SimTime, limit: usize) -> Vec<ClientRequest> {
        self.replies.history(scenario, now, limit)
    }
}

/// A Raft event's name (translated by the page) and its details for the event log.
pub fn describe_event(event: &RaftEvent) -> (&'static str, String) {
    match event {
        RaftEvent::Role { role, term } => ("role", format!("{} T{term}", role.as_str())),
        RaftEvent::Vote { candidate, term } => ("vote", format!("→ N{candidate} T{term}")),
        RaftEvent::Append { index, term, cmd } => ("append", format!("#{index} T{term} {}", **cmd)),
        RaftEvent::Truncate { from } => ("truncate", format!("#{from}…")),
        RaftEvent::Commit { index } => ("commit", format!("#{index}")),
        RaftEvent::Apply { index, term, cmd } => ("apply", format!("#{index} T{term} {}", **cmd)),
        RaftEvent::ClientReply { client, seq, reply } => {
            ("client_reply", format!("c{client}#{seq} {}", clients::outcome_of(reply).text()))
        }
        RaftEvent::Snapshot { index, term } => ("snapshot", format!("≤#{index} T{term}")),
        RaftEvent::InstallSnapshot { index, term, leader } => {
            ("install_snapshot", format!("≤#{index} T{term} ← N{leader}"))
        }
        RaftEvent::Config { index, config } => ("config", format!("#{index} {config}")),
        RaftEvent::ConfigRefused { change, reason } => ("config_refused", format!("{change:?}: {reason}")),
    }
}

#[cfg(test)]
mod tests;
