//! A set of every ID issued, with who issued each and when, that scales to millions: a small
//! sorted buffer in front of sorted runs merged like a binary counter (a log-structured merge).
//! Runs are shared between clones (checkpoints), so a clone costs the buffer, not the set.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::sim::{NodeId, SimTime};

/// Entries held in the buffer before it becomes a run.
const BUFFER: usize = 2_048;

/// Who issued an ID, and when (true virtual time).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The node that got the ID.
    pub node: NodeId,
    /// When.
    pub t: SimTime,
}

/// One stored ID, packed into three words (node in the low 8 bits of the third, time above).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    hi: u64,
    lo: u64,
    origin: u64,
}

impl Entry {
    fn new(id: u128, origin: Origin) -> Self {
        Self { hi: (id >> 64) as u64, lo: id as u64, origin: origin.t << 8 | u64::from(origin.node & 0xff) }
    }

    fn key(&self) -> (u64, u64) {
        (self.hi, self.lo)
    }

    fn origin(&self) -> Origin {
        Origin { node: (self.origin & 0xff) as NodeId, t: self.origin >> 8 }
    }
}

/// Every ID seen so far.
#[derive(Clone, Debug, Default)]
pub struct IdSet {
    buffer: BTreeMap<u128, Origin>,
    runs: Vec<Option<Rc<Vec<Entry>>>>,
    len: u64,
}

impl IdSet {
    /// Add `id`; if it was already there, its first origin (and nothing changes).
    pub fn insert(&mut self, id: u128, origin: Origin) -> Option<Origin> {
        if let Some(first) = self.get(id) {
            return Some(first);
        }
        self.buffer.insert(id, origin);
        self.len += 1;
        if self.buffer.len() >= BUFFER {
            self.flush();
        }
        None
    }

    /// The origin of `id`, if it was seen.
    pub fn get(&self, id: u128) -> Option<Origin> {
        if let Some(&o) = self.buffer.get(&id) {
            return Some(o);
        }
        let key = ((id >> 64) as u64, id as u64);
        self.runs.iter().flatten().find_map(|run| {
            // A run's first and last keys bound it: time-ordered IDs, newer than every run, skip
            // each with two comparisons instead of a binary search through cold memory.
            if key < run.first()?.key() || key > run.last()?.key() {
                return None;
            }
            let at = run.binary_search_by(|e| e.key().cmp(&key)).ok()?;
            Some(run[at].origin())
        })
    }

    /// How many distinct IDs.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether no ID was seen.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Turn the buffer into a run and merge equal-sized runs upward.
    fn flush(&mut self) {
        let mut run: Vec<Entry> =
            std::mem::take(&mut self.buffer).into_iter().map(|(id, o)| Entry::new(id, o)).collect();
        for slot in self.runs.iter_mut() {
            match slot.take() {
                None => {
                    *slot = Some(Rc::new(run));
                    return;
                }
                Some(older) => run = merge(&older, &run),
            }
        }
        self.runs.push(Some(Rc::new(run)));
    }
}

fn merge(a: &[Entry], b: &[Entry]) -> Vec<Entry> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].key() <= b[j].key() {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_insert_names_the_first_origin_across_merged_runs() {
        let mut set = IdSet::default();
        for i in 0..10_000u128 {
            assert_eq!(set.insert(i * 7, Origin { node: (i % 5) as NodeId, t: i as SimTime }), None);
        }
        assert_eq!(set.len(), 10_000);
        assert_eq!(set.insert(7 * 3, Origin { node: 9, t: 99_999 }), Some(Origin { node: 3, t: 3 }));
        assert_eq!(set.insert(7 * 9_999, Origin { node: 9, t: 1 }), Some(Origin { node: 4, t: 9_999 }));
        assert_eq!(set.get(8), None);
    }
}
