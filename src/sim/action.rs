//! Actions: everything a user, a scenario or a fuzzer can do to a running world.

use serde::Serialize;

use super::network::MsgId;
use super::time::{NodeId, SimTime};

/// One thing done to the world: a fault, a repair, a network setting, or an input to a node.
/// Written by the derived serializer; read back by `action_json`'s one parser for every lab.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Action<I> {
    /// Stop a node: its volatile state is lost, its durable state kept.
    Crash { node: NodeId },
    /// Boot a crashed node from its durable state.
    Restart { node: NodeId },
    /// Freeze a node (a GC pause): it handles nothing, its timers fire late.
    Pause { node: NodeId },
    /// Unfreeze a paused node; what arrived meanwhile is handled now.
    Resume { node: NodeId },
    /// Cut the direction `from -> to`.
    LinkDown { from: NodeId, to: NodeId },
    /// Repair the direction `from -> to`.
    LinkUp { from: NodeId, to: NodeId },
    /// Cut every link between different groups and repair every link within one; unnamed nodes are cut off.
    Partition { groups: Vec<Vec<NodeId>> },
    /// Repair every link.
    HealAll,
    /// Set the one-way latency range, microseconds.
    SetLatency { min: SimTime, max: SimTime },
    /// Set the loss probability, parts per million.
    SetLoss { ppm: u32 },
    /// Set the duplication probability, parts per million.
    SetDuplication { ppm: u32 },
    /// Set the reordering probability, parts per million.
    SetReordering { ppm: u32 },
    /// Drop one message in flight.
    DropMessage { id: MsgId },
    /// Hold one message in flight `by` microseconds longer (later messages on its link overtake it).
    DelayMessage { id: MsgId, by: SimTime },
    /// Set a node's clock to read true time plus `offset` microseconds.
    ClockOffset { node: NodeId, offset: i64 },
    /// Set a node's clock drift, parts per million (positive runs fast).
    ClockDrift { node: NodeId, ppm: i32 },
    /// Step a node's clock by `delta` microseconds (negative goes back).
    ClockJump { node: NodeId, delta: i64 },
    /// Hand an input (a client request, a command) to a node.
    Input { node: NodeId, input: I },
}

impl<I> Action<I> {
    /// The same action with its input converted by `convert` (every other action is unchanged).
    pub fn try_map_input<J, E>(self, convert: impl FnOnce(I) -> Result<J, E>) -> Result<Action<J>, E> {
        Ok(match self {
            Action::Crash { node } => Action::Crash { node },
            Action::Restart { node } => Action::Restart { node },
            Action::Pause { node } => Action::Pause { node },
            Action::Resume { node } => Action::Resume { node },
            Action::LinkDown { from, to } => Action::LinkDown { from, to },
            Action::LinkUp { from, to } => Action::LinkUp { from, to },
            Action::Partition { groups } => Action::Partition { groups },
            Action::HealAll => Action::HealAll,
            Action::SetLatency { min, max } => Action::SetLatency { min, max },
            Action::SetLoss { ppm } => Action::SetLoss { ppm },
            Action::SetDuplication { ppm } => Action::SetDuplication { ppm },
            Action::SetReordering { ppm } => Action::SetReordering { ppm },
            Action::DropMessage { id } => Action::DropMessage { id },
            Action::DelayMessage { id, by } => Action::DelayMessage { id, by },
            Action::ClockOffset { node, offset } => Action::ClockOffset { node, offset },
            Action::ClockDrift { node, ppm } => Action::ClockDrift { node, ppm },
            Action::ClockJump { node, delta } => Action::ClockJump { node, delta },
            Action::Input { node, input } => Action::Input { node, input: convert(input)? },
        })
    }

    /// Every node id this action names, for range checks.
    pub fn nodes(&self) -> Vec<NodeId> {
        match self {
            Action::Crash { node }
            | Action::Restart { node }
            | Action::Pause { node }
            | Action::Resume { node }
            | Action::ClockOffset { node, .. }
            | Action::ClockDrift { node, .. }
            | Action::ClockJump { node, .. }
            | Action::Input { node, .. } => vec![*node],
            Action::LinkDown { from, to } | Action::LinkUp { from, to } => vec![*from, *to],
            Action::Partition { groups } => groups.iter().flatten().copied().collect(),
            Action::HealAll
            | Action::SetLatency { .. }
            | Action::SetLoss { .. }
            | Action::SetDuplication { .. }
            | Action::SetReordering { .. }
            | Action::DropMessage { .. }
            | Action::DelayMessage { .. } => Vec::new(),
        }
    }
}

/// An action with the virtual time at which it happens.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct TimedAction<I> {
    /// When, in virtual microseconds.
    pub at: SimTime,
    /// What.
    pub action: Action<I>,
}
