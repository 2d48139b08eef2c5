//! The protected resource: a stock counter in a storage service (split into segments for the
//! segmented lock), which clients decrement inside their critical section. With fencing on, a
//! segment refuses a request whose token is lower than one it has already seen (Kleppmann's
//! fencing tokens: reads count too, so a newer holder's read makes an older holder's write stale).

use std::collections::BTreeSet;

use serde::Serialize;

use crate::sim::NodeId;

/// The answer of the storage service.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum StorageResult {
    /// The segment's stock now.
    Value { stock: i64 },
    /// The write was applied.
    Written,
    /// The request carried a token lower than `highest`, already seen: refused.
    Rejected { highest: u64 },
}

/// One segment of the stock, with its own fencing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Items in stock.
    pub stock: i64,
    /// Highest fencing token seen (in a read or a write).
    pub highest_token: Option<u64>,
    /// The token of every accepted write, in order.
    pub accepted_tokens: Vec<u64>,
}

/// The storage service's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Storage {
    /// The segments (one for an unsegmented stock).
    pub segments: Vec<Segment>,
    /// Items at the start, in all.
    pub initial: i64,
    /// Whether requests are checked against fencing tokens.
    pub fencing: bool,
    /// Items sold, as the accepted writes claim.
    pub sales: u64,
    /// Requests refused for a stale token.
    pub rejected: u64,
    /// Requests already applied, so a duplicated message is not a second sale.
    applied: BTreeSet<(NodeId, u64)>,
}

impl Storage {
    /// A store with `stock` items split evenly into `segments` (the first ones get the remainder).
    pub fn new(stock: i64, segments: u32, fencing: bool) -> Self {
        let n = i64::from(segments.max(1));
        let segments = (0..n)
            .map(|i| Segment {
                stock: stock / n + i64::from(i < stock % n),
                highest_token: None,
                accepted_tokens: Vec::new(),
            })
            .collect();
        Self { segments, initial: stock, fencing, sales: 0, rejected: 0, applied: BTreeSet::new() }
    }

    /// Items in stock, in all segments.
    pub fn stock(&self) -> i64 {
        self.segments.iter().map(|s| s.stock).sum()
    }

    /// Items sold more than once: sales beyond what the stock went down by.
    pub fn oversold(&self) -> u64 {
        self.sales.saturating_sub((self.initial - self.stock()).max(0) as u64)
    }

    /// With fencing, refuse a request whose token is below the segment's highest, else remember it.
    fn fence(&mut self, segment: usize, token: Option<u64>) -> Result<(), StorageResult> {
        if !self.fencing {
            return Ok(());
        }
        let seg = &mut self.segments[segment];
        match (token, seg.highest_token) {
            (Some(t), Some(highest)) if t < highest => Err(StorageResult::Rejected { highest }),
            (None, Some(highest)) => Err(StorageResult::Rejected { highest }),
            (Some(t), _) => {
                seg.highest_token = Some(t);
                Ok(())
            }
            (None, None) => Ok(()),
        }
    }

    fn segment_index(&self, segment: u32) -> usize {
        (segment as usize).min(self.segments.len() - 1)
    }

    /// Handle a read of `segment` carrying `token`.
    pub fn read(&mut self, segment: u32, token: Option<u64>) -> StorageResult {
        let i = self.segment_index(segment);
        match self.fence(i, token) {
            Ok(()) => StorageResult::Value { stock: self.segments[i].stock },
            Err(rejected) => {
                self.rejected += 1;
                rejected
            }
        }
    }

    /// Handle a write from `from` (request `req`) setting `segment` to `value`, selling `sold` items.
    pub fn write(
        &mut self,
        from: NodeId,
        req: u64,
        segment: u32,
        value: i64,
        sold: i64,
        token: Option<u64>,
    ) -> StorageResult {
        if self.applied.contains(&(from, req)) {
            return StorageResult::Written;
        }
        let i = self.segment_index(segment);
        if let Err(rejected) = self.fence(i, token) {
            self.rejected += 1;
            return rejected;
        }
        if let (true, Some(t)) = (self.fencing, token) {
            self.segments[i].accepted_tokens.push(t);
        }
        self.applied.insert((from, req));
        self.segments[i].stock = value;
        self.sales += sold.max(0) as u64;
        StorageResult::Written
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_clients_writing_the_same_read_value_oversell_one_item() {
        let mut s = Storage::new(100, 1, false);
        s.write(2, 1, 0, 99, 1, None);
        s.write(3, 1, 0, 99, 1, None);
        assert_eq!((s.stock(), s.sales, s.oversold()), (99, 2, 1));
    }

    #[test]
    fn fencing_rejects_a_lower_token_after_a_higher_one() {
        let mut s = Storage::new(100, 1, true);
        assert_eq!(s.write(3, 1, 0, 99, 1, Some(34)), StorageResult::Written);
        assert_eq!(s.write(2, 1, 0, 99, 1, Some(33)), StorageResult::Rejected { highest: 34 });
        assert_eq!((s.stock(), s.oversold(), s.rejected), (99, 0, 1));
    }

    #[test]
    fn a_newer_holders_read_makes_an_older_holders_write_stale() {
        let mut s = Storage::new(100, 1, true);
        assert_eq!(s.read(0, Some(5)), StorageResult::Value { stock: 100 });
        assert_eq!(s.read(0, Some(6)), StorageResult::Value { stock: 100 });
        assert_eq!(s.write(2, 1, 0, 99, 1, Some(5)), StorageResult::Rejected { highest: 6 });
        assert_eq!(s.write(3, 1, 0, 99, 1, Some(6)), StorageResult::Written);
        assert_eq!(s.oversold(), 0);
    }

    #[test]
    fn a_duplicated_write_is_not_a_second_sale() {
        let mut s = Storage::new(100, 1, false);
        s.write(2, 7, 0, 99, 1, None);
        s.write(2, 7, 0, 99, 1, None);
        assert_eq!((s.sales, s.oversold()), (1, 0));
    }

    #[test]
    fn the_stock_is_split_evenly_and_fenced_per_segment() {
        let mut s = Storage::new(10, 4, true);
        let stocks: Vec<i64> = s.segments.iter().map(|g| g.stock).collect();
        assert_eq!(stocks, vec![3, 3, 2, 2]);
        assert_eq!(s.write(2, 1, 0, 2, 1, Some(9)), StorageResult::Written);
        assert_eq!(s.write(3, 1, 1, 2, 1, Some(1)), StorageResult::Written, "another segment, its own tokens");
    }
}
