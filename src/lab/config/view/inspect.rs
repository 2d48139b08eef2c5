//! The configuration-center page's inspector rows: a node's status, life and clock, then its role's
//! state (a server's copies, a client's configuration and requests), as translatable notes.

use crate::config_center::ConfigNode;
use crate::lab::view::{node_header_rows, Note};
use crate::sim::{NodeId, World};

/// Every field of node `id` now; empty if there is no such node.
pub fn node_rows(world: &World<ConfigNode>, id: NodeId) -> Vec<Note> {
    let (Some(n), Some(mut rows)) = (world.node(id), node_header_rows(world, id)) else { return Vec::new() };
    match n.process {
        Some(ConfigNode::Server(s)) => {
            if let Some(cp) = s.cp() {
                rows.push(Note::worded("role", cp.raft.role.as_str()));
                rows.push(Note::new("term", cp.raft.term().to_string()));
            }
            if let Some(ap) = s.ap() {
                rows.push(Note::worded("role", "distro_member"));
                let alive = ap.alive(n.clock.local(world.now()));
                rows.push(Note::new("believes_alive", format!("{alive:?}")));
                rows.push(Note::new("repaired", ap.repaired.to_string()));
            }
            for (key, entry) in s.store().entries() {
                rows.push(Note::new(
                    "version",
                    format!("{key} v{} = {}", entry.revision.version, entry.current().value),
                ));
            }
            rows.push(Note::new("held_polls", s.holds.len().to_string()));
        }
        Some(ConfigNode::Client(c)) => {
            rows.push(Note::worded("role", "config_client"));
            rows.push(Note::new("home", c.home.to_string()));
            for (key, (version, value)) in &c.config {
                rows.push(Note::new("cached", format!("{key} v{version} = {}", value.as_deref().unwrap_or("—"))));
            }
            rows.push(Note::new("writes_acked", c.acked.to_string()));
            rows.push(Note::new("requests_failed", c.failed.to_string()));
        }
        None => {
            if let Some(disk) = n.durable {
                for (key, (version, value)) in &disk.cache {
                    rows.push(Note::new("cached", format!("{key} v{version} = {value}")));
                }
            }
        }
    }
    rows
}
