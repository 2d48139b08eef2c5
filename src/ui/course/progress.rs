//! A step's progress: the run it started from, and whether the student did what it asks.

use std::rc::Rc;

use yew::prelude::*;

use super::observer::Observation;
use crate::lab::course::{Check, Step};

/// The progress of the step shown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    step: Option<&'static Step>,
    lab: &'static str,
    /// Observations of page mounts before this one belong to an earlier run.
    from_mount: u64,
    latest: Option<Rc<Observation>>,
    start: Option<Rc<Observation>>,
    /// Whether the step is done (it stays done).
    pub done: bool,
    /// The choice picked for the step's question, if any.
    pub answer: Option<u8>,
}

/// What happens to a step's progress.
pub enum ProgressAction {
    /// A step of a lesson on `lab` begins, on the run of page mount `from_mount` or later.
    Begin { step: &'static Step, lab: &'static str, from_mount: u64 },
    /// The page's run changed.
    Observe(Rc<Observation>),
    /// The student picked a choice.
    Answer(u8),
}

impl Progress {
    /// Take `observation` into account: the first acceptable one is where the step starts from.
    fn observe(&mut self, observation: Rc<Observation>) {
        self.latest = Some(observation.clone());
        let Some(step) = self.step else { return };
        if observation.landing || observation.facts.lab != self.lab || observation.mount < self.from_mount {
            return;
        }
        // A reset or an imported run starts the step over from that run.
        if self.start.as_ref().is_none_or(|s| s.run != observation.run || s.mount != observation.mount) {
            self.start = Some(observation.clone());
        }
        let start = self.start.as_ref().expect("set above");
        self.done |= step.check.done(&observation.facts, &start.facts, self.answer);
    }
}

impl Reducible for Progress {
    type Action = ProgressAction;

    fn reduce(self: Rc<Self>, action: ProgressAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ProgressAction::Begin { step, lab, from_mount } => {
                next = Progress { step: Some(step), lab, from_mount, ..Progress::default() };
                if let Some(latest) = self.latest.clone() {
                    next.observe(latest);
                }
            }
            ProgressAction::Observe(observation) => next.observe(observation),
            ProgressAction::Answer(choice) => {
                next.answer = Some(choice);
                if let Some(Check::Answer(right)) = next.step.map(|s| s.check) {
                    next.done |= choice == right;
                }
            }
        }
        Rc::new(next)
    }
}
