//! Runs left behind when the user switches labs: switching back resumes the same run at the same
//! time (paused), instead of starting over. The app provides the stash; each page's run hook puts
//! its run in when the page goes away and takes it back when the page comes again.

use std::any::Any;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::sim::{Checker, ClusterConfig, Process, Retention, ScenarioOf, SimTime, Timeline};

/// The scenario of a left run and the virtual time it was at.
struct LeftRun<P: Process> {
    scenario: ScenarioOf<P>,
    now: SimTime,
}

/// The runs left behind, by lab name (shared: every clone is the same stash).
#[derive(Clone, Default)]
pub struct RunStash(Rc<RefCell<BTreeMap<&'static str, Box<dyn Any>>>>);

impl PartialEq for RunStash {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl RunStash {
    /// Keep `lab`'s run (its scenario, at `now`), replacing one kept before.
    pub fn put<P: Process + 'static>(&self, lab: &'static str, scenario: ScenarioOf<P>, now: SimTime) {
        let left: Box<dyn Any> = Box::new(LeftRun::<P> { scenario, now });
        self.0.borrow_mut().insert(lab, left);
    }

    /// Take `lab`'s kept run back, replayed to the time it was left at (`None` if none was kept).
    pub fn take<P, C>(&self, lab: &'static str, retention: Retention) -> Option<Timeline<P, C>>
    where
        P: Process + 'static,
        P::Config: ClusterConfig,
        C: Checker<P>,
    {
        let left = self.0.borrow_mut().remove(lab)?.downcast::<LeftRun<P>>().ok()?;
        let mut timeline = Timeline::new(left.scenario, retention).ok()?;
        timeline.seek(left.now);
        Some(timeline)
    }
}

/// The app's stash, if the page runs inside the app (tests may mount a page alone).
#[hook]
pub fn use_run_stash() -> Option<RunStash> {
    use_context::<RunStash>()
}

/// A page's run in force, as its reducer shares it.
pub type SharedTimeline<P, C> = Rc<RefCell<Timeline<P, C>>>;

/// Put the page's run in the stash when the page goes away; `latest` always holds the run in force.
#[hook]
pub fn use_stash_on_leave<P, C>(lab: &'static str, latest: Rc<RefCell<SharedTimeline<P, C>>>)
where
    P: Process + 'static,
    P::Config: ClusterConfig,
    C: Checker<P> + 'static,
{
    let stash = use_run_stash();
    use_effect_with((), move |()| {
        move || {
            if let Some(stash) = stash {
                let run = latest.borrow();
                let timeline = run.borrow();
                stash.put::<P>(lab, timeline.scenario().clone(), timeline.now());
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::network::{default_scenario, Heartbeat};
    use crate::raft::{RaftChecker, RaftNode};
    use crate::sim::{ms, Action, NoChecker};

    #[test]
    fn a_kept_run_comes_back_at_the_same_time_with_the_same_trace_once() {
        let mut left = Timeline::<Heartbeat>::new(default_scenario(3), Retention::Window(100)).unwrap();
        left.run_until(ms(900));
        left.act(Action::Crash { node: 1 }).unwrap();
        left.run_until(ms(1_300));
        let stash = RunStash::default();
        stash.put::<Heartbeat>("network", left.scenario().clone(), left.now());
        let back = stash.take::<Heartbeat, NoChecker>("network", Retention::Window(100)).unwrap();
        assert_eq!((back.now(), back.world().fingerprint()), (left.now(), left.world().fingerprint()));
        assert!(stash.take::<Heartbeat, NoChecker>("network", Retention::Window(100)).is_none(), "taken once");
    }

    #[test]
    fn another_labs_run_or_an_unknown_lab_gives_nothing() {
        let stash = RunStash::default();
        stash.put::<Heartbeat>("network", default_scenario(1), ms(10));
        assert!(stash.take::<RaftNode, RaftChecker>("raft", Retention::Window(10)).is_none());
        assert!(stash.take::<RaftNode, RaftChecker>("network", Retention::Window(10)).is_none(), "wrong type");
    }
}
