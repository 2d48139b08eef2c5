//! A page's frame: what it draws at the run's present, rebuilt when the run moves, with memory the
//! page keeps across frames (role lanes, client replies, lock sections) reset when the run is replaced.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::run::Run;
use crate::sim::{Checker, Process, Timeline};

/// The frame `build` makes of `run` (once per run version) and the page's memory across frames.
#[hook]
pub fn use_run_frame<P, C, S, F>(run: &Run<P, C>, build: fn(&Timeline<P, C>, &mut S) -> F) -> (Rc<F>, Rc<RefCell<S>>)
where
    P: Process + 'static,
    C: Checker<P> + 'static,
    S: Default + 'static,
    F: 'static,
{
    let memory = use_mut_ref(S::default);
    let owner = use_mut_ref(|| Rc::as_ptr(&run.timeline));
    let frame = {
        let (timeline, memory) = (run.timeline.clone(), memory.clone());
        use_memo(run.version, move |_| {
            // Another run (reset, import, a new node count): what was remembered is of the old one.
            if *owner.borrow() != Rc::as_ptr(&timeline) {
                *owner.borrow_mut() = Rc::as_ptr(&timeline);
                *memory.borrow_mut() = S::default();
            }
            build(&timeline.borrow(), &mut memory.borrow_mut())
        })
    };
    (frame, memory)
}
