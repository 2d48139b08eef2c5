//! Role lanes: per node, the history of its role over time, from `Role` trace events, kept incrementally.

use crate::raft::{RaftEvent, RaftNode, Role, Term};
use crate::sim::{secs, NodeStatus, SimTime, TraceEvent, World};

/// How much history the lanes keep, in virtual time.
pub const LANE_SPAN: SimTime = secs(120);

/// Most segments kept per lane (a cap when roles flap very fast).
const MAX_SEGMENTS: usize = 400;

/// What a lane shows during a segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaneState {
    /// Following.
    Follower,
    /// Asking for votes.
    Candidate,
    /// Leading.
    Leader,
    /// Crashed.
    Down,
}

impl LaneState {
    /// CSS-friendly name, equal to `data-role` for the three roles.
    pub fn as_str(self) -> &'static str {
        match self {
            LaneState::Follower => "follower",
            LaneState::Candidate => "candidate",
            LaneState::Leader => "leader",
            LaneState::Down => "down",
        }
    }

    fn of(role: Role) -> Self {
        match role {
            Role::Follower => LaneState::Follower,
            // A pre-candidate has not raised its term: its lane shows it as a candidate in waiting.
            Role::PreCandidate => LaneState::Candidate,
            Role::Candidate => LaneState::Candidate,
            Role::Leader => LaneState::Leader,
        }
    }
}

/// From `start` on (until the next segment), a node was in `state` at `term`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Virtual time it began.
    pub start: SimTime,
    /// Role or down.
    pub state: LaneState,
    /// Term.
    pub term: Term,
}

/// The lanes of every node, and how far into the trace they have read.
#[derive(Clone, Debug, Default)]
pub struct RoleLanes {
    lanes: Vec<Vec<Segment>>,
    seen: u64,
    now: SimTime,
}

impl RoleLanes {
    /// One lane per node, oldest segment first.
    pub fn lanes(&self) -> &[Vec<Segment>] {
        &self.lanes
    }

    /// Read the trace since the last look, then reconcile with every node's state now (which also
    /// covers events that fell out of the trace window). After a seek back, later segments go.
    pub fn observe(&mut self, world: &World<RaftNode>) {
        let now = world.now();
        let total = world.trace().total();
        if now < self.now || total < self.seen {
            for lane in &mut self.lanes {
                lane.retain(|s| s.start <= now);
            }
            self.seen = total;
        }
        self.now = now;
        self.lanes.resize(world.node_count() as usize, Vec::new());
        let fresh = world.trace().entries().filter(|e| e.seq >= self.seen);
        for e in fresh {
            let Some(node) = e.node else { continue };
            let Some(lane) = self.lanes.get_mut(node as usize) else { continue };
            let last_term = lane.last().map_or(0, |s| s.term);
            let next = match &e.event {
                TraceEvent::Engine(RaftEvent::Role { role, term }) => (LaneState::of(*role), *term),
                TraceEvent::Crash => (LaneState::Down, last_term),
                TraceEvent::Restart { .. } => (LaneState::Follower, last_term),
                _ => continue,
            };
            push(lane, Segment { start: e.t, state: next.0, term: next.1 });
        }
        self.seen = total;
        for (id, lane) in self.lanes.iter_mut().enumerate() {
            let Some(n) = world.node(id as u32) else { continue };
            let state = match (n.status, n.process) {
                (NodeStatus::Down, _) | (_, None) => LaneState::Down,
                (_, Some(p)) => LaneState::of(p.role),
            };
            let term = n.process.map(RaftNode::term).or(n.durable.map(|d| d.current_term)).unwrap_or(0);
            push(lane, Segment { start: now, state, term });
            prune(lane, now);
        }
    }
}

/// Append `segment` unless the lane already shows that state and term.
fn push(lane: &mut Vec<Segment>, segment: Segment) {
    match lane.last() {
        Some(last) if last.state == segment.state && last.term == segment.term => {}
        Some(last) if last.start == segment.start => *lane.last_mut().expect("non-empty") = segment,
        _ => lane.push(segment),
    }
}

/// Forget segments that ended before the kept span (keeping the one in force at its start).
fn prune(lane: &mut Vec<Segment>, now: SimTime) {
    let from = now.saturating_sub(LANE_SPAN);
    let ended = lane.iter().take_while(|s| s.start <= from).count().saturating_sub(1);
    let excess = lane.len().saturating_sub(MAX_SEGMENTS);
    lane.drain(..ended.max(excess));
}
