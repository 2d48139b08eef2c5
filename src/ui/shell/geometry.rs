//! Where things are drawn: nodes on a ring, each link direction as its own offset segment.

use crate::sim::NodeId;

/// Width and height of the cluster view's coordinate system.
pub const VIEW_SIZE: f64 = 640.0;
/// Radius of a node's disc in a small cluster.
pub const NODE_RADIUS: f64 = 30.0;
/// Above this many nodes the cluster is drawn dense: smaller nodes, fainter links.
pub const DENSE_FROM: u32 = 12;
/// Distance between the two directions of a link.
const LANE_OFFSET: f64 = 7.0;

/// A point in view coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// Left to right.
    pub x: f64,
    /// Top to bottom.
    pub y: f64,
}

/// The centre of node `id` of `n`, clockwise from the top.
pub fn node_center(id: NodeId, n: u32) -> Point {
    let c = VIEW_SIZE / 2.0;
    let radius = VIEW_SIZE * 0.36;
    let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * f64::from(id) / f64::from(n.max(1));
    Point { x: c + radius * angle.cos(), y: c + radius * angle.sin() }
}

/// Radius of a node's disc in a cluster of `n`: [`NODE_RADIUS`], smaller when the ring gets crowded.
pub fn node_radius(n: u32) -> f64 {
    let ring = std::f64::consts::TAU * VIEW_SIZE * 0.36;
    NODE_RADIUS.min(ring / f64::from(n.max(1)) * 0.36)
}

/// The lane of direction `from -> to`: shifted to the right of travel, trimmed to the node discs.
pub fn lane(from: NodeId, to: NodeId, n: u32) -> (Point, Point) {
    let (a, b) = (node_center(from, n), node_center(to, n));
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let (ux, uy) = (dx / len, dy / len);
    let (ox, oy) = (-uy * LANE_OFFSET, ux * LANE_OFFSET);
    let trim = node_radius(n) + 4.0;
    (
        Point { x: a.x + ux * trim + ox, y: a.y + uy * trim + oy },
        Point { x: b.x - ux * trim + ox, y: b.y - uy * trim + oy },
    )
}

/// The point at `progress` (0 to 1) along the lane `from -> to`.
pub fn along(from: NodeId, to: NodeId, n: u32, progress: f64) -> Point {
    let (a, b) = lane(from, to, n);
    let p = progress.clamp(0.0, 1.0);
    Point { x: a.x + (b.x - a.x) * p, y: a.y + (b.y - a.y) * p }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_directions_of_a_link_do_not_overlap() {
        let (a, _) = lane(0, 1, 5);
        let (_, b) = lane(1, 0, 5);
        assert!(((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt() > 10.0);
    }

    #[test]
    fn crowded_rings_get_smaller_nodes_that_do_not_touch() {
        assert_eq!(node_radius(5), NODE_RADIUS);
        let (a, b) = (node_center(0, 25), node_center(1, 25));
        let gap = ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt();
        assert!(2.0 * node_radius(25) < gap);
    }

    #[test]
    fn node_zero_is_at_the_top() {
        let p = node_center(0, 5);
        assert!((p.x - VIEW_SIZE / 2.0).abs() < 1e-9 && p.y < VIEW_SIZE / 2.0);
    }
}
