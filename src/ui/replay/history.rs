//! What the scrub bar knows of a run's past: the furthest time reached, and the last fork.

use yew::prelude::*;

use crate::sim::SimTime;

/// The user acted at `at` after having been as far as `until`: the run after `at` was discarded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fork {
    /// Where the run forked.
    pub at: SimTime,
    /// How far the discarded future went.
    pub until: SimTime,
    /// Scripted actions that were after `at` and are gone.
    pub discarded: usize,
}

/// A run's history as seen render after render.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    /// The furthest virtual time reached, or scripted, since the run was loaded or last forked.
    pub furthest: SimTime,
    /// The last fork, if any.
    pub fork: Option<Fork>,
    run: usize,
    script: (usize, Option<SimTime>),
}

impl History {
    /// Take in the run as it is now. `run` identifies the timeline (a new one starts a new
    /// history); `actions` and `last_at` are its scenario's action count and last action time.
    pub fn observe(&mut self, run: usize, now: SimTime, actions: usize, last_at: Option<SimTime>) {
        let script = (actions, last_at);
        let reach = now.max(last_at.unwrap_or(0));
        if run != self.run {
            *self = History { furthest: reach, fork: None, run, script };
            return;
        }
        if script != self.script {
            // The scenario only changes when the user acts: in the past, that forks the run.
            if now < self.furthest {
                let discarded = (self.script.0 + 1).saturating_sub(actions);
                self.fork = Some(Fork { at: now, until: self.furthest, discarded });
                self.furthest = now;
            }
            self.script = script;
        }
        self.furthest = self.furthest.max(reach);
    }
}

/// The history of the run identified by `run`, updated with what it is now.
#[hook]
pub fn use_history(run: usize, now: SimTime, actions: usize, last_at: Option<SimTime>) -> History {
    let history = use_mut_ref(History::default);
    history.borrow_mut().observe(run, now, actions, last_at);
    let current = history.borrow().clone();
    current
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furthest_survives_scrubbing_back_and_a_past_action_forks() {
        let mut h = History::default();
        h.observe(1, 0, 0, None);
        h.observe(1, 5_000, 1, Some(1_000));
        h.observe(1, 9_000, 2, Some(7_000));
        h.observe(1, 2_000, 2, Some(7_000));
        assert_eq!((h.furthest, h.fork), (9_000, None), "scrubbing back keeps the furthest time");
        h.observe(1, 2_000, 2, Some(2_000));
        assert_eq!(h.fork, Some(Fork { at: 2_000, until: 9_000, discarded: 1 }));
        assert_eq!(h.furthest, 2_000);
        h.observe(1, 3_000, 3, Some(3_000));
        assert_eq!(h.fork.map(|f| f.at), Some(2_000), "acting at the present is no fork");
        h.observe(2, 0, 2, Some(5_000));
        assert_eq!(
            h,
            History { furthest: 5_000, fork: None, run: 2, script: (2, Some(5_000)) },
            "a new run, a new history"
        );
        h.observe(2, 0, 1, Some(0));
        assert_eq!(h.fork, Some(Fork { at: 0, until: 5_000, discarded: 2 }), "acting before the script's end forks it");
    }
}
