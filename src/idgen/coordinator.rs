//! The coordinator Leaf uses for worker ids (ZooKeeper): a persistent sequential node per server
//! address under `/snowflake/{name}/forever`, whose sequence number is the worker id and whose
//! data is the server's last reported timestamp.

use std::collections::BTreeMap;

use super::log::IssueLog;
use super::{IdMessage, IdNode, IdWrite};
use crate::sim::{Ctx, NodeId};

/// What a server asks the coordinator.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ZkOp {
    /// Find or create the persistent sequential node of `address`.
    Register { address: NodeId },
    /// Write the server's current time into its node (every 3 s).
    Report { address: NodeId, unix_ms: u64 },
}

/// The coordinator's answer to `Register`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ZkReply {
    /// The worker id, and the timestamp last reported by this address (none for a new node).
    Registered { worker_id: u64, last_unix_ms: Option<u64> },
}

/// The `forever` nodes: address to (sequence number, last reported Unix ms).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ZkData {
    /// One persistent sequential node per address.
    pub nodes: BTreeMap<NodeId, (u64, u64)>,
    /// The parent's next sequence number.
    pub next_seq: u64,
}

/// The coordinator node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coordinator {
    /// Its data tree (persisted on every change).
    pub data: ZkData,
    /// Nothing is issued here; kept for the checker's uniform view.
    pub log: IssueLog,
}

impl Coordinator {
    /// Boot from disk.
    pub fn boot(disk: Option<&ZkData>) -> Self {
        Self { data: disk.cloned().unwrap_or_default(), log: IssueLog::default() }
    }

    /// Handle a request.
    pub fn execute(&mut self, from: NodeId, req: u64, op: ZkOp, ctx: &mut Ctx<IdNode>) {
        match op {
            ZkOp::Register { address } => {
                let (worker_id, last_unix_ms) = match self.data.nodes.get(&address) {
                    Some(&(seq, ts)) => (seq, Some(ts)),
                    None => {
                        let seq = self.data.next_seq;
                        self.data.next_seq += 1;
                        self.data.nodes.insert(address, (seq, 0));
                        ctx.persist(IdWrite::Zk(self.data.clone()));
                        (seq, None)
                    }
                };
                ctx.send(from, IdMessage::ZkReply { req, reply: ZkReply::Registered { worker_id, last_unix_ms } });
            }
            ZkOp::Report { address, unix_ms } => {
                if let Some(node) = self.data.nodes.get_mut(&address) {
                    node.1 = unix_ms;
                    ctx.persist(IdWrite::Zk(self.data.clone()));
                }
            }
        }
    }
}
