//! The protected resource: a stock counter in a storage service, which clients decrement inside
//! their critical section. With fencing on, it rejects a write whose token is lower than one it
//! has already accepted (Kleppmann's fencing tokens).

use std::collections::BTreeSet;

use serde::Serialize;

use crate::sim::NodeId;

/// The answer of the storage service.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum StorageResult {
    /// The stock now.
    Value { stock: i64 },
    /// The write was applied.
    Written,
    /// The write carried a token lower than `highest`, already accepted: refused.
    Rejected { highest: u64 },
}

/// The storage service's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Storage {
    /// Items in stock.
    pub stock: i64,
    /// Items at the start.
    pub initial: i64,
    /// Whether writes are checked against fencing tokens.
    pub fencing: bool,
    /// Highest fencing token seen (in a read or a write).
    pub highest_token: Option<u64>,
    /// The token of every accepted write, in order.
    pub accepted_tokens: Vec<u64>,
    /// Writes applied: each one is a sale.
    pub sales: u64,
    /// Writes refused for a stale token.
    pub rejected: u64,
    /// Requests already applied, so a duplicated message is not a second sale.
    applied: BTreeSet<(NodeId, u64)>,
}

impl Storage {
    /// A store with `stock` items.
    pub fn new(stock: i64, fencing: bool) -> Self {
        Self {
            stock,
            initial: stock,
            fencing,
            highest_token: None,
            accepted_tokens: Vec::new(),
            sales: 0,
            rejected: 0,
            applied: BTreeSet::new(),
        }
    }

    /// Items sold more than once: sales beyond what the stock went down by.
    pub fn oversold(&self) -> u64 {
        self.sales.saturating_sub((self.initial - self.stock).max(0) as u64)
    }

    /// With fencing, refuse a request whose token is below the highest seen (reads count too: a
    /// newer holder's read makes an older holder's pending write stale), else remember the token.
    fn fence(&mut self, token: Option<u64>) -> Result<(), StorageResult> {
        if !self.fencing {
            return Ok(());
        }
        match (token, self.highest_token) {
            (Some(t), Some(highest)) if t < highest => Err(StorageResult::Rejected { highest }),
            (None, Some(highest)) => Err(StorageResult::Rejected { highest }),
            (Some(t), _) => {
                self.highest_token = Some(t);
                Ok(())
            }
            (None, None) => Ok(()),
        }
    }

    /// Handle a read carrying `token`.
    pub fn read(&mut self, token: Option<u64>) -> StorageResult {
        match self.fence(token) {
            Ok(()) => StorageResult::Value { stock: self.stock },
            Err(rejected) => {
                self.rejected += 1;
                rejected
            }
        }
    }

    /// Handle a write of `value` from `from` (request `req`) carrying `token`.
    pub fn write(&mut self, from: NodeId, req: u64, value: i64, token: Option<u64>) -> StorageResult {
        if self.applied.contains(&(from, req)) {
            return StorageResult::Written;
        }
        if let Err(rejected) = self.fence(token) {
            self.rejected += 1;
            return rejected;
        }
        if let (true, Some(t)) = (self.fencing, token) {
            self.accepted_tokens.push(t);
        }
        self.applied.insert((from, req));
        self.stock = value;
        self.sales += 1;
        StorageResult::Written
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_clients_writing_the_same_read_value_oversell_one_item() {
        let mut s = Storage::new(100, false);
        s.write(2, 1, 99, None);
        s.write(3, 1, 99, None);
        assert_eq!((s.stock, s.sales, s.oversold()), (99, 2, 1));
    }

    #[test]
    fn fencing_rejects_a_lower_token_after_a_higher_one() {
        let mut s = Storage::new(100, true);
        assert_eq!(s.write(3, 1, 99, Some(34)), StorageResult::Written);
        assert_eq!(s.write(2, 1, 99, Some(33)), StorageResult::Rejected { highest: 34 });
        assert_eq!((s.stock, s.oversold(), s.rejected), (99, 0, 1));
    }

    #[test]
    fn a_newer_holders_read_makes_an_older_holders_write_stale() {
        let mut s = Storage::new(100, true);
        assert_eq!(s.read(Some(5)), StorageResult::Value { stock: 100 });
        assert_eq!(s.read(Some(6)), StorageResult::Value { stock: 100 });
        assert_eq!(s.write(2, 1, 99, Some(5)), StorageResult::Rejected { highest: 6 });
        assert_eq!(s.write(3, 1, 99, Some(6)), StorageResult::Written);
        assert_eq!(s.oversold(), 0);
    }

    #[test]
    fn a_duplicated_write_is_not_a_second_sale() {
        let mut s = Storage::new(100, false);
        s.write(2, 7, 99, None);
        s.write(2, 7, 99, None);
        assert_eq!((s.sales, s.oversold()), (1, 0));
    }
}
