//! The transactions page's inspector rows: a node's status, life and clock, then its role's state
//! (the manager's log, a service's tables, an application's requests), as translatable notes.

use super::{GuardTable, Role, TxRow};
use crate::lab::view::{millis, node_header_rows, Note};
use crate::sim::{NodeId, World};
use crate::txn::db::Db;
use crate::txn::TxnNode;

/// Every field of node `id` now; empty if there is no such node.
pub fn node_rows(world: &World<TxnNode>, id: NodeId) -> Vec<Note> {
    let (Some(n), Some(mut rows)) = (world.node(id), node_header_rows(world, id)) else { return Vec::new() };
    let config = world.config();
    rows.push(Note::worded("role", Role::of(config, id).name()));
    match (Role::of(config, id), n.durable) {
        (Role::Manager, Some(disk)) => {
            rows.push(Note::new("retries", disk.log.retries.to_string()));
            for (gid, record) in &disk.log.txns {
                let row = TxRow::of(*gid, record);
                let took = row.settle_time.map(millis).unwrap_or_default();
                rows.push(Note::new(row.state.name(), format!("#{gid} {took}")));
            }
        }
        (Role::Service(service), Some(disk)) => {
            db_rows(&disk.db, GuardTable::of_service(&disk.db, config, service).0, &mut rows)
        }
        (Role::Broker, Some(disk)) => {
            for (gid, m) in &disk.broker.messages {
                rows.push(Note::new(m.state.name(), format!("#{gid} ×{}", m.checks)));
            }
        }
        _ => {}
    }
    if let Some(app) = n.process.and_then(TxnNode::app) {
        rows.push(Note::new("remaining", app.remaining.to_string()));
        rows.push(Note::new("sent", app.sent.to_string()));
        rows.push(Note::new("succeeded", app.succeeded.to_string()));
        rows.push(Note::new("failed", app.failed.to_string()));
    }
    rows
}

fn db_rows(db: &Db, table: GuardTable, rows: &mut Vec<Note>) {
    rows.push(Note::new("available", db.holding.available.to_string()));
    rows.push(Note::new("frozen", db.holding.frozen.to_string()));
    for (gid, status) in &db.orders {
        rows.push(Note::new("order", format!("#{gid} {}", status.name())));
    }
    let word = table.name();
    match table {
        GuardTable::None | GuardTable::NoProcessed => rows.push(Note::word(word)),
        GuardTable::Outbox(r) => rows
            .extend(r.iter().map(|(gid, row)| Note::new(word, format!("#{gid} {} {}", row.amount, row.status.name())))),
        GuardTable::TxRecords(r) | GuardTable::Processed(r) => {
            rows.extend(r.iter().map(|gid| Note::new(word, format!("#{gid}"))))
        }
        GuardTable::StatusRows(r) | GuardTable::Barrier(r) => {
            rows.extend(r.iter().map(|(gid, op)| Note::new(word, format!("#{gid} {}", op.name()))))
        }
        GuardTable::Fence(r) => rows.extend(r.iter().map(|(gid, s)| Note::new(word, format!("#{gid} {}", s.name())))),
        GuardTable::Xa(r) => rows.extend(r.iter().map(|(gid, s)| Note::new(word, format!("#{gid} {}", s.name())))),
    }
    rows.push(Note::new("ledger", db.ledger.len().to_string()));
}
