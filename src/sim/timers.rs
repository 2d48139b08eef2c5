//! A node's armed timers, found by id (the queue's entries name them) and by value (setting a
//! timer re-arms an equal one), each through a B-tree: a node with thousands of armed timers (a TX
//! Manager with a timeout per transaction in flight) pays a logarithm per operation, not a scan.
//! A node with a few timers (a Raft member) is searched by value directly, without hashing.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::Hash;

use super::hash::stable_hash;
use super::time::SimTime;

/// The id the world gives each arming of a new timer, in order.
pub type TimerId = u64;

/// One armed timer.
#[derive(Clone, Debug)]
pub struct ArmedTimer<T> {
    /// Its id.
    pub id: TimerId,
    /// The timer as the process set it.
    pub timer: T,
    /// True time it comes due.
    pub due: SimTime,
    /// Time of its live queue entry. Re-arming later leaves that entry in place; when it comes up,
    /// the timer is queued again at `due` (one queue operation per expiry, not per re-arm).
    pub queued_at: SimTime,
}

/// Above this many armed timers, a node's timers are indexed by value.
const INDEX_FROM: usize = 16;

/// The armed timers of one node.
#[derive(Clone, Debug)]
pub struct Timers<T> {
    by_id: BTreeMap<TimerId, ArmedTimer<T>>,
    /// (stable hash of the value, id) of every armed timer, once there were more than
    /// [`INDEX_FROM`]: the ids whose value may equal a given one.
    by_value: Option<BTreeSet<(u64, TimerId)>>,
}

impl<T> Default for Timers<T> {
    fn default() -> Self {
        Self { by_id: BTreeMap::new(), by_value: None }
    }
}

impl<T: PartialEq + Hash> Timers<T> {
    /// The timer with this id.
    pub fn get(&self, id: TimerId) -> Option<&ArmedTimer<T>> {
        self.by_id.get(&id)
    }

    /// The timer with this id, to change.
    pub fn get_mut(&mut self, id: TimerId) -> Option<&mut ArmedTimer<T>> {
        self.by_id.get_mut(&id)
    }

    /// The id of the armed timer equal to `timer`, if any.
    fn id_of(&self, timer: &T) -> Option<TimerId> {
        let Some(index) = &self.by_value else {
            return self.by_id.values().find(|t| t.timer == *timer).map(|t| t.id);
        };
        let key = stable_hash(timer);
        let mut ids = index.range((key, 0)..=(key, TimerId::MAX)).map(|&(_, id)| id);
        ids.find(|id| self.by_id.get(id).is_some_and(|t| t.timer == *timer))
    }

    /// The armed timer equal to `timer`, to re-arm.
    pub fn find_mut(&mut self, timer: &T) -> Option<&mut ArmedTimer<T>> {
        let id = self.id_of(timer)?;
        self.by_id.get_mut(&id)
    }

    /// Arm a new timer (none equal to it is armed).
    pub fn insert(&mut self, armed: ArmedTimer<T>) {
        if self.by_value.is_none() && self.by_id.len() >= INDEX_FROM {
            self.by_value = Some(self.by_id.values().map(|t| (stable_hash(&t.timer), t.id)).collect());
        }
        if let Some(index) = &mut self.by_value {
            index.insert((stable_hash(&armed.timer), armed.id));
        }
        self.by_id.insert(armed.id, armed);
    }

    /// Disarm the timer with this id, returning it.
    pub fn remove(&mut self, id: TimerId) -> Option<ArmedTimer<T>> {
        let armed = self.by_id.remove(&id)?;
        if let Some(index) = &mut self.by_value {
            index.remove(&(stable_hash(&armed.timer), id));
        }
        Some(armed)
    }

    /// Disarm the timer equal to `timer`, if one is armed.
    pub fn cancel(&mut self, timer: &T) {
        if let Some(id) = self.id_of(timer) {
            self.remove(id);
        }
    }

    /// Disarm every timer.
    pub fn clear(&mut self) {
        self.by_id.clear();
        self.by_value = None;
    }

    /// Every armed timer, in the order they were first armed.
    pub fn iter(&self) -> impl Iterator<Item = &ArmedTimer<T>> {
        self.by_id.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn armed(id: TimerId, timer: u32) -> ArmedTimer<u32> {
        ArmedTimer { id, timer, due: 10 * id, queued_at: 10 * id }
    }

    #[test]
    fn many_timers_are_indexed_by_value_and_found_as_a_scan_finds_them() {
        let mut timers = Timers::default();
        for id in 0..40 {
            timers.insert(armed(id, (id * 7 % 40) as u32));
        }
        assert!(timers.by_value.is_some());
        for value in 0..45u32 {
            let scan = timers.iter().find(|t| t.timer == value).map(|t| t.id);
            assert_eq!(timers.find_mut(&value).map(|t| t.id), scan);
        }
        for value in (0..40u32).step_by(3) {
            timers.cancel(&value);
            assert!(timers.find_mut(&value).is_none());
        }
        assert_eq!(timers.iter().count(), 26);
    }

    #[test]
    fn timers_are_found_by_id_and_by_value_and_cancelled_by_value() {
        let mut timers = Timers::default();
        for (id, value) in [(1, 7), (2, 9), (3, 11)] {
            timers.insert(armed(id, value));
        }
        assert_eq!(timers.find_mut(&9).map(|t| t.id), Some(2));
        assert!(timers.find_mut(&8).is_none());
        timers.cancel(&9);
        timers.cancel(&8);
        assert!(timers.get(2).is_none());
        assert_eq!(timers.remove(1).map(|t| t.timer), Some(7));
        assert_eq!(timers.iter().map(|t| (t.id, t.timer)).collect::<Vec<_>>(), vec![(3, 11)]);
        assert!(timers.find_mut(&7).is_none());
        timers.clear();
        assert_eq!(timers.iter().count(), 0);
    }
}
