//! Faults: the actions every lab shares (everything but a lab's own inputs), as the shell emits them.

use std::convert::Infallible;

use crate::sim::Action;

/// An action with no lab input: what the shell's controls can ask for.
pub type Fault = Action<Infallible>;

/// The same action for a lab whose input type is `I`.
pub fn widen<I>(fault: Fault) -> Action<I> {
    let Ok(action) = fault.try_map_input::<I, Infallible>(|input| match input {});
    action
}

/// Cut every link to and from `node` in a cluster of `nodes`.
pub fn isolate(node: u32, nodes: u32) -> Fault {
    let rest = (0..nodes).filter(|&n| n != node).collect();
    Action::Partition { groups: vec![vec![node], rest] }
}
