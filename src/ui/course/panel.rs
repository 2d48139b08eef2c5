//! The lesson panel beside the lab: the step's text, its question, whether it is done and why,
//! and Back / Next / Restart.

use yew::prelude::*;

use super::nav::CourseNav;
use super::observer::RunObserver;
use super::progress::{Progress, ProgressAction};
use crate::ui::i18n::course::{t, text, Key};
use crate::ui::i18n::{fill, use_lang, Lang};

/// Properties of [`CoursePanel`].
#[derive(Properties, PartialEq)]
pub struct CoursePanelProps {
    /// Where the student is.
    pub nav: CourseNav,
    /// Bumped each time a step is entered (entering the same step again starts it over).
    pub visit: u64,
    /// The page mount the step's run is on (a step that loads a run remounts the page).
    pub mount: u64,
    /// Go to a step, loading what it needs; `true`: opened on its own (Back, Restart).
    pub on_go: Callback<(CourseNav, bool)>,
    /// Close the lesson (and show the contents when asked).
    pub on_close: Callback<bool>,
    /// The lab whose page is shown (the student may have switched tabs).
    pub shown: &'static str,
}

/// A lesson text, or its id when missing (a test fails on a missing one).
fn say(lang: Lang, id: &str) -> String {
    text(lang, id).map_or_else(|| id.to_string(), str::to_string)
}

/// The panel of the lesson step shown.
#[component]
pub fn CoursePanel(props: &CoursePanelProps) -> Html {
    let lang = use_lang();
    let progress = use_reducer(Progress::default);
    let observer = use_context::<RunObserver>();
    {
        let dispatch = progress.dispatcher();
        use_effect_with((), move |()| {
            let observer = observer.unwrap_or_default();
            let sink = {
                let dispatch = dispatch.clone();
                Callback::from(move |o| dispatch.dispatch(ProgressAction::Observe(o)))
            };
            // A report that came before the panel listened (the page may report first) counts.
            if let Some(latest) = observer.listen(Some(sink)) {
                dispatch.dispatch(ProgressAction::Observe(latest));
            }
            move || {
                observer.listen(None);
            }
        });
    }
    let CourseNav { lesson, step: index } = props.nav;
    let step = lesson.step(index);
    {
        let dispatch = progress.dispatcher();
        use_effect_with((props.visit, props.mount), move |&(_, mount)| {
            dispatch.dispatch(ProgressAction::Begin { step, lab: lesson.lab, from_mount: mount });
        });
    }
    let nav = props.nav;
    let back = props.on_go.reform(move |_: MouseEvent| (nav.moved(-1), true));
    let restart = props.on_go.reform(move |_: MouseEvent| (nav.moved(-(nav.step as isize)), true));
    let next = match nav.is_last() {
        true => props.on_close.reform(|_: MouseEvent| true),
        false => props.on_go.reform(move |_: MouseEvent| (nav.moved(1), false)),
    };
    let close = props.on_close.reform(|_: MouseEvent| false);
    let done = progress.done;
    let next_label = match (nav.is_last(), done) {
        (true, _) => t(lang, Key::Contents),
        (false, true) => t(lang, Key::Next),
        (false, false) => t(lang, Key::Skip),
    };
    let count = fill(t(lang, Key::StepOf), &[("i", &(index + 1).to_string()), ("n", &lesson.steps.len().to_string())]);
    let choices = (0..step.choices).map(|k| {
        let pick = progress.dispatcher();
        let picked = progress.answer == Some(k);
        html! {
            <button type="button" class={classes!("btn", "course-choice", picked.then_some("picked"))}
                    data-testid={format!("course-choice-{k}")} aria-pressed={picked.to_string()}
                    onclick={Callback::from(move |_: MouseEvent| pick.dispatch(ProgressAction::Answer(k)))}>
                { say(lang, &format!("{}.c{k}", step.id)) }
            </button>
        }
    });
    html! {
        <aside class="course-panel" data-testid="course-panel" data-lesson={lesson.id} data-step={index.to_string()}
               data-done={done.to_string()} aria-label={t(lang, Key::Course)}>
            <header class="course-head">
                <div>
                    <p class="course-count">{ count }</p>
                    <h2 class="course-title">{ say(lang, &format!("lesson.{}", lesson.id)) }</h2>
                </div>
                <button type="button" class="btn quiet course-close" data-testid="course-close"
                        aria-label={t(lang, Key::Close)} title={t(lang, Key::Close)} onclick={close}>{ "×" }</button>
            </header>
            <progress class="course-progress" max={lesson.steps.len().to_string()} value={(index + usize::from(done)).to_string()}
                      aria-label={count_label(lang, index, lesson.steps.len())} />
            if props.shown != lesson.lab {
                <div class="course-elsewhere" data-testid="course-elsewhere">
                    <p>{ fill(t(lang, Key::Elsewhere), &[("lab", &lab_title(lang, lesson.lab))]) }</p>
                    <button type="button" class="btn" data-testid="course-return"
                            onclick={props.on_go.reform(move |_: MouseEvent| (nav, true))}>{ t(lang, Key::ReturnTo) }</button>
                </div>
            }
            if step.setup.is_some() {
                <p class="course-loads">{ t(lang, Key::Loads) }</p>
            }
            <p class="course-text" data-testid="course-text">{ say(lang, step.id) }</p>
            if step.choices > 0 {
                <div class="course-choices" role="group" aria-label={say(lang, step.id)}>{ for choices }</div>
            }
            <div class="course-status" role="status" aria-live="polite">
                if done {
                    <div class="course-done" data-testid="course-done">
                        <strong>{ t(lang, if nav.is_last() { Key::Finished } else { Key::Done }) }</strong>
                        { " " }{ say(lang, &format!("{}.done", step.id)) }
                    </div>
                } else if progress.answer.is_some() {
                    <p class="course-wrong" data-testid="course-wrong">{ t(lang, Key::Wrong) }</p>
                } else if step.choices == 0 {
                    <p class="course-waiting">{ t(lang, Key::Waiting) }</p>
                }
            </div>
            <nav class="course-nav">
                <button type="button" class="btn" data-testid="course-back" disabled={index == 0} onclick={back}>{ t(lang, Key::Back) }</button>
                <button type="button" class="btn" data-testid="course-restart" onclick={restart}>{ t(lang, Key::Restart) }</button>
                <button type="button" class={classes!("btn", done.then_some("primary"))} data-testid="course-next" onclick={next}>{ next_label }</button>
            </nav>
        </aside>
    }
}

/// The title of lab `name`'s tab.
fn lab_title(lang: Lang, name: &str) -> String {
    crate::ui::labs::page(name)
        .map_or_else(|| name.to_string(), |p| crate::ui::i18n::replay::t(lang, p.title).to_string())
}

fn count_label(lang: Lang, index: usize, steps: usize) -> String {
    fill(t(lang, Key::StepOf), &[("i", &(index + 1).to_string()), ("n", &steps.to_string())])
}
