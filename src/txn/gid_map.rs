//! A map keyed by global transaction id. The TX Manager gives ids in order from 0, so every table
//! keyed by them (the log, the orders, the checker's branches) is dense: a vector indexed by the id
//! is a B-tree's lookups and inserts at a fraction of the cost, iterated in the same (id) order.

use super::db::Gid;

/// A map from [`Gid`] to `T`, iterated in id order, with the `BTreeMap` methods the lab uses.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GidMap<T> {
    slots: Vec<Option<(Gid, T)>>,
    len: u64,
}

impl<T> Default for GidMap<T> {
    fn default() -> Self {
        Self { slots: Vec::new(), len: 0 }
    }
}

impl<T> GidMap<T> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of `gid`, if any.
    pub fn get(&self, gid: &Gid) -> Option<&T> {
        self.slots.get(usize::try_from(*gid).ok()?)?.as_ref().map(|(_, v)| v)
    }

    /// The value of `gid` to change, if any.
    pub fn get_mut(&mut self, gid: &Gid) -> Option<&mut T> {
        self.slots.get_mut(usize::try_from(*gid).ok()?)?.as_mut().map(|(_, v)| v)
    }

    /// Whether `gid` has a value.
    pub fn contains_key(&self, gid: &Gid) -> bool {
        self.get(gid).is_some()
    }

    /// Set the value of `gid`; the value it had, if any.
    pub fn insert(&mut self, gid: Gid, value: T) -> Option<T> {
        let i = usize::try_from(gid).expect("a global id fits in memory");
        if i >= self.slots.len() {
            self.slots.resize_with(i + 1, || None);
        }
        let old = self.slots[i].replace((gid, value)).map(|(_, v)| v);
        if old.is_none() {
            self.len += 1;
        }
        old
    }

    /// Take the value of `gid` out, if any.
    pub fn remove(&mut self, gid: &Gid) -> Option<T> {
        let old = self.slots.get_mut(usize::try_from(*gid).ok()?)?.take().map(|(_, v)| v);
        if old.is_some() {
            self.len -= 1;
        }
        old
    }

    /// The value of `gid`, inserted as `T::default()` first if there is none.
    pub fn entry_or_default(&mut self, gid: Gid) -> &mut T
    where
        T: Default,
    {
        if !self.contains_key(&gid) {
            self.insert(gid, T::default());
        }
        self.get_mut(&gid).expect("just inserted")
    }

    /// How many ids have a value.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether no id has a value.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every (id, value), in id order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&Gid, &T)> + '_ {
        self.slots.iter().filter_map(|s| s.as_ref().map(|(g, v)| (g, v)))
    }

    /// Every id with a value, in order.
    pub fn keys(&self) -> impl Iterator<Item = &Gid> + '_ {
        self.iter().map(|(g, _)| g)
    }

    /// Every value, in id order.
    pub fn values(&self) -> impl Iterator<Item = &T> + '_ {
        self.iter().map(|(_, v)| v)
    }

    /// One past the highest id that ever had a slot (ids below it may have none).
    pub fn end(&self) -> Gid {
        self.slots.len() as Gid
    }
}

impl<'a, T> IntoIterator for &'a GidMap<T> {
    type Item = (&'a Gid, &'a T);
    type IntoIter = Box<dyn Iterator<Item = (&'a Gid, &'a T)> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn behaves_as_a_btree_map_for_the_same_inserts_and_removes() {
        let mut map = GidMap::new();
        let mut model = BTreeMap::new();
        for (i, gid) in [5u64, 0, 9, 5, 2, 0, 7].into_iter().enumerate() {
            assert_eq!(map.insert(gid, i), model.insert(gid, i));
        }
        for gid in [9u64, 3, 0] {
            assert_eq!(map.remove(&gid), model.remove(&gid));
        }
        *map.entry_or_default(4) += 1;
        *model.entry(4).or_default() += 1;
        assert_eq!(map.iter().collect::<Vec<_>>(), model.iter().collect::<Vec<_>>());
        assert_eq!((map.len(), map.get(&5), map.get(&100), map.contains_key(&3)), (model.len(), Some(&3), None, false));
    }
}
