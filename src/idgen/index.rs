//! An index model: every issued ID inserted as a primary key into the leaf level of a B+ tree
//! with pages of K keys, split as InnoDB splits them (`btr_page_get_split_rec_to_right`): when
//! the new key goes at the page's right edge, or right after the page's last inserted key (a
//! sequential insert), the page is split at the insert point, so the old page stays full; any
//! other split moves half the page. Sequential keys fill pages to nearly 100 %, random keys to
//! about 69 % (ln 2). Several interleaved sequential streams (Snowflake on three servers) fall in
//! between: a stream's first key of each millisecond lands mid-page and splits it in half.
//!
//! Pages are shared between clones (a timeline's checkpoints) and copied only when changed.

use std::collections::BTreeMap;
use std::rc::Rc;

/// Keys per page unless configured (a 16 KiB InnoDB page holds a few hundred short rows).
pub const DEFAULT_PAGE_KEYS: u32 = 100;

/// The leaf pages of a B+ tree, keyed by their lower bound.
#[derive(Clone, Debug, Default)]
pub struct IndexModel {
    page_keys: usize,
    pages: BTreeMap<u128, Rc<Page>>,
    keys: u64,
    splits: u64,
}

/// One leaf page: its keys in order and the last key inserted into it (InnoDB's `PAGE_LAST_INSERT`).
#[derive(Clone, Debug, Default)]
struct Page {
    keys: Vec<u128>,
    last_insert: Option<u128>,
}

/// What the index looks like now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IndexStats {
    /// Keys stored.
    pub keys: u64,
    /// Leaf pages.
    pub pages: u64,
    /// Page splits so far.
    pub splits: u64,
    /// Average page fill in parts per million of `K`.
    pub fill_ppm: u64,
}

impl IndexModel {
    /// An empty index with pages of `page_keys` keys (at least 2).
    pub fn new(page_keys: u32) -> Self {
        Self { page_keys: page_keys.max(2) as usize, ..Self::default() }
    }

    /// Insert a primary key; a key already present is refused (returns false), as a duplicate key is.
    pub fn insert(&mut self, key: u128) -> bool {
        if self.page_keys == 0 {
            self.page_keys = DEFAULT_PAGE_KEYS as usize;
        }
        if self.pages.is_empty() {
            self.pages.insert(0, Rc::new(Page::default()));
        }
        let (_, page) = self.pages.range_mut(..=key).next_back().expect("the first page bounds every key");
        let at = match page.keys.binary_search(&key) {
            Ok(_) => return false,
            Err(at) => at,
        };
        self.keys += 1;
        let sequential = at == page.keys.len() || (at > 0 && page.last_insert == Some(page.keys[at - 1]));
        let page = Rc::make_mut(page);
        page.keys.insert(at, key);
        if page.keys.len() <= self.page_keys {
            page.last_insert = Some(key);
            return true;
        }
        self.splits += 1;
        let split_at = if sequential { at } else { page.keys.len() / 2 };
        let right = page.keys.split_off(split_at);
        let right_last = (at >= split_at).then_some(key);
        page.last_insert = if right_last.is_some() { None } else { Some(key) };
        self.pages.insert(right[0], Rc::new(Page { keys: right, last_insert: right_last }));
        true
    }

    /// Keys, pages, splits and fill.
    pub fn stats(&self) -> IndexStats {
        let pages = self.pages.len() as u64;
        let capacity = pages * self.page_keys as u64;
        let fill_ppm = (self.keys * 1_000_000).checked_div(capacity).unwrap_or(0);
        IndexStats { keys: self.keys, pages, splits: self.splits, fill_ppm }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::SimRng;

    #[test]
    fn sequential_keys_fill_pages_to_nearly_one_hundred_percent() {
        let mut index = IndexModel::new(100);
        (1..=20_000u128).for_each(|k| assert!(index.insert(k)));
        let s = index.stats();
        assert_eq!((s.keys, s.pages, s.splits), (20_000, 200, 199));
        assert_eq!(s.fill_ppm, 1_000_000, "every page full: InnoDB leaves the old page full at the right edge");
    }

    #[test]
    fn random_keys_fill_pages_to_about_sixty_nine_percent() {
        let mut index = IndexModel::new(100);
        let mut rng = SimRng::new(7);
        for _ in 0..50_000 {
            index.insert(u128::from(rng.next_u64()) << 64 | u128::from(rng.next_u64()));
        }
        let fill = index.stats().fill_ppm;
        assert!((660_000..=730_000).contains(&fill), "random inserts fill about ln 2 = 69 %, got {fill} ppm");
    }

    #[test]
    fn a_duplicate_key_is_refused_and_clones_share_untouched_pages() {
        let mut index = IndexModel::new(4);
        (0..10u128).for_each(|k| {
            index.insert(k);
        });
        assert!(!index.insert(3));
        let copy = index.clone();
        index.insert(100);
        assert_eq!((copy.stats().keys, index.stats().keys), (10, 11));
    }
}

#[cfg(test)]
mod interleaved {
    use super::*;

    #[test]
    fn three_interleaved_sequential_streams_fill_pages_between_random_and_sequential() {
        let mut index = IndexModel::new(100);
        for t in 0..2_000u128 {
            for w in [2u128, 0, 1] {
                for s in 0..5u128 {
                    index.insert(t << 22 | w << 12 | s);
                }
            }
        }
        let fill = index.stats().fill_ppm;
        assert!((600_000..=700_000).contains(&fill), "{:?}", index.stats());
    }
}
