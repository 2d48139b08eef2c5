//! Faults: the actions every lab shares (everything but a lab's own inputs), as the shell emits them.

use std::convert::Infallible;

use crate::sim::Action;

/// An action with no lab input: what the shell's controls can ask for.
pub type Fault = Action<Infallible>;

/// The same action for a lab whose input type is `I`.
pub fn widen<I>(fault: Fault) -> Action<I> {
    match fault {
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
        Action::Input { input, .. } => match input {},
    }
}

/// Cut every link to and from `node` in a cluster of `nodes`.
pub fn isolate(node: u32, nodes: u32) -> Fault {
    let rest = (0..nodes).filter(|&n| n != node).collect();
    Action::Partition { groups: vec![vec![node], rest] }
}
