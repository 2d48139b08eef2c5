//! How the course panel sees the run of whatever lab page is shown: the app provides a
//! [`RunObserver`]; every page's run hook reports its run's facts to it while a lesson is open.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::lab::course::{observe, RunFacts};
use crate::sim::{Checker, ClusterConfig, Process};
use crate::ui::shell::run::Run;

/// One look at a page's run.
#[derive(Debug, PartialEq)]
pub struct Observation {
    /// The page mount it comes from (the app remounts the page to load a step's run).
    pub mount: u64,
    /// Which run of that page (a reset or an import makes another).
    pub run: usize,
    /// Whether the run is still replaying toward the time it opens at.
    pub landing: bool,
    /// What the run shows.
    pub facts: RunFacts,
}

#[derive(Default)]
struct Shared {
    latest: RefCell<Option<Rc<Observation>>>,
    sink: RefCell<Option<Callback<Rc<Observation>>>>,
}

/// The app's observer of the page's run: whether a lesson watches, the current page mount, and
/// where observations go.
#[derive(Clone, Default)]
pub struct RunObserver {
    /// Whether a lesson is open (pages compute nothing otherwise).
    pub active: bool,
    /// The page mount now shown.
    pub mount: u64,
    shared: Rc<Shared>,
}

impl PartialEq for RunObserver {
    fn eq(&self, other: &Self) -> bool {
        self.active == other.active && self.mount == other.mount && Rc::ptr_eq(&self.shared, &other.shared)
    }
}

impl RunObserver {
    /// The same observer, watching or not, with the page mount now shown.
    pub fn at(&self, active: bool, mount: u64) -> Self {
        Self { active, mount, shared: self.shared.clone() }
    }

    /// A page's report: kept as the latest, and handed to the listener.
    pub fn report(&self, observation: Observation) {
        let observation = Rc::new(observation);
        *self.shared.latest.borrow_mut() = Some(observation.clone());
        let sink = self.shared.sink.borrow().clone();
        if let Some(sink) = sink {
            sink.emit(observation);
        }
    }

    /// Send every report to `sink` (or to nobody); the latest one so far, if any.
    pub fn listen(&self, sink: Option<Callback<Rc<Observation>>>) -> Option<Rc<Observation>> {
        *self.shared.sink.borrow_mut() = sink;
        self.shared.latest.borrow().clone()
    }
}

/// Report a page's run to the app's observer after every change while a lesson watches.
#[hook]
pub fn use_observed_run<P, C>(lab: &'static str, run: &Run<P, C>)
where
    P: Process + 'static,
    P::Config: ClusterConfig,
    C: Checker<P> + 'static,
{
    let observer = use_context::<RunObserver>();
    let mount = *use_state(|| observer.as_ref().map_or(0, |o| o.mount));
    let active = observer.as_ref().is_some_and(|o| o.active);
    let landing = run.landing.is_some();
    let id = Rc::as_ptr(&run.timeline) as *const () as usize;
    let timeline = run.timeline.clone();
    use_effect_with((run.version, active, landing, id), move |_| {
        if let Some(observer) = observer.filter(|o| o.active) {
            let facts = observe(lab, &timeline.borrow());
            observer.report(Observation { mount, run: id, landing, facts });
        }
    });
}
