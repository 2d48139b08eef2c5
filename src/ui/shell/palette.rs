//! Node colours: Paul Tol's "muted" scheme, nine hues told apart with the common colour-vision deficiencies.

use crate::sim::NodeId;

const FILLS: [(&str, &str); 9] = [
    ("#88CCEE", "#0b2a3a"),
    ("#CC6677", "#ffffff"),
    ("#DDCC77", "#2b2406"),
    ("#117733", "#ffffff"),
    ("#332288", "#ffffff"),
    ("#AA4499", "#ffffff"),
    ("#44AA99", "#06231e"),
    ("#999933", "#1d1d05"),
    ("#882255", "#ffffff"),
];

/// Fill colour of node `id`.
pub fn fill(id: NodeId) -> &'static str {
    FILLS[id as usize % FILLS.len()].0
}

/// Text colour that reads on [`fill`] of node `id`.
pub fn ink(id: NodeId) -> &'static str {
    FILLS[id as usize % FILLS.len()].1
}
