//! A lesson on any lab's page: a recorded failure replayed to a little before it happens, then
//! played slowly, with one line saying what to watch. The Raft bug toggles, the locks and IDs
//! failure scenarios (and any lab that asks) open this way.

use yew::prelude::*;

use super::run::{Opening, RunAction};
use crate::lab::lesson::LESSON_SPEED;
use crate::sim::{Checker, Process, Timeline};

/// Play `timeline` as a lesson: replace the run by it, replay it to `opening` (in slices if that is
/// far), then play on at [`LESSON_SPEED`]; and scroll the page to the top, where the cluster and the
/// "what to watch" line are (the button that asked may sit below the first screen).
pub fn play_lesson<P: Process, C: Checker<P>>(
    dispatch: &Callback<RunAction<P, C>>,
    timeline: Timeline<P, C>,
    opening: Opening,
) {
    dispatch.emit(RunAction::SetSpeed(LESSON_SPEED));
    dispatch.emit(RunAction::Land(Box::new(timeline), opening, true));
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Properties of [`LessonWatch`].
#[derive(Properties, PartialEq)]
pub struct LessonWatchProps {
    /// The lesson's stable id (`data-lesson`: a bug toggle's or a scenario's name).
    pub id: AttrValue,
    /// What to watch, in the page's language.
    pub text: AttrValue,
}

/// The lesson's "what to watch" line, announced to screen readers when it appears.
#[component]
pub fn LessonWatch(props: &LessonWatchProps) -> Html {
    html! {
        <p class="lesson-watch" role="status" data-testid="lesson-watch" data-lesson={props.id.clone()}>
            { props.text.clone() }
        </p>
    }
}
