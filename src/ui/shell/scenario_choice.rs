//! A lab's named scenarios on its page: the picker (a select and the chosen scenario's lesson) and
//! the hook that loads the run a choice, a switch or Reset asks for. One copy for every lab.

use yew::prelude::*;

use super::lesson::{play_lesson, LessonWatch};
use super::run::{Opening, Run, RunAction};
use crate::lab::lesson::FIND_WITHIN;
use crate::sim::{Checker, ClusterConfig, Process, ScenarioError, ScenarioOf, Timeline};
use crate::ui::i18n::{t, use_lang, Key, Lang};

/// A lab's named scenarios, as the picker lists them.
pub trait NamedScenario: Copy + PartialEq + 'static {
    /// Every one, in the order the picker lists them.
    fn all() -> Vec<Self>;
    /// Its stable id (the select's value, test hooks).
    fn id(self) -> &'static str;
    /// Its title and one sentence on what it teaches, in `lang`.
    fn text(self, lang: Lang) -> (&'static str, &'static str);
    /// Whether it ends with an invariant broken (marked ✗ in the list).
    fn breaks(self) -> bool {
        false
    }
    /// More under the lesson: the expected outcome, what the lesson scales.
    fn details(self, _lang: Lang) -> Html {
        html! {}
    }
    /// What to watch, in `lang`, if the scenario is a lesson: chosen, it opens a little before its
    /// first invariant violation and plays slowly into it ([`play_lesson`]).
    fn watch(self, _lang: Lang) -> Option<&'static str> {
        None
    }
}

/// Properties of [`ScenarioWatch`].
#[derive(Properties, PartialEq)]
pub struct ScenarioWatchProps<N: NamedScenario> {
    /// What is chosen.
    pub current: Choice<N>,
}

/// The chosen scenario's "what to watch" line, if it is a lesson.
#[component]
pub fn ScenarioWatch<N: NamedScenario>(props: &ScenarioWatchProps<N>) -> Html {
    let lang = use_lang();
    match props.current {
        Choice::Named(named) => match named.watch(lang) {
            Some(text) => html! { <LessonWatch id={named.id()} text={text} /> },
            None => html! {},
        },
        _ => html! {},
    }
}

/// What the picker shows as chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice<N> {
    /// The default run.
    Default,
    /// A named scenario.
    Named(N),
    /// A run of the user's own switches.
    Custom,
}

/// Properties of [`ScenarioPicker`].
#[derive(Properties, PartialEq)]
pub struct ScenarioPickerProps<N: NamedScenario> {
    /// What is chosen.
    pub current: Choice<N>,
    /// What the default run is, in the page's language ("Default: the complete recipe").
    pub default_label: AttrValue,
    /// A choice was made (never [`Choice::Custom`]).
    pub on_choose: Callback<Choice<N>>,
}

/// The select and the chosen scenario's lesson.
#[component]
pub fn ScenarioPicker<N: NamedScenario>(props: &ScenarioPickerProps<N>) -> Html {
    let lang = use_lang();
    let onchange = props.on_choose.reform(|e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        let value = select.value();
        N::all().into_iter().find(|n| n.id() == value).map_or(Choice::Default, Choice::Named)
    });
    let value = match props.current {
        Choice::Default => "default",
        Choice::Named(named) => named.id(),
        Choice::Custom => "custom",
    };
    // An option the user once picked ignores its `selected` attribute from then on (HTML's
    // dirtiness flag): the select's value is set after each change of choice, too.
    let select = use_node_ref();
    {
        let select = select.clone();
        use_effect_with(value, move |value| {
            if let Some(select) = select.cast::<web_sys::HtmlSelectElement>() {
                select.set_value(value);
            }
        });
    }
    html! {
        <div class="scenario-picker">
            <label>
                <span>{ t(lang, Key::Scenario) }</span>
                <select data-testid="scenario" ref={select} {onchange}>
                    <option value="default" selected={value == "default"}>{ props.default_label.clone() }</option>
                    if props.current == Choice::Custom {
                        <option value="custom" selected=true disabled=true>{ t(lang, Key::ScenarioCustom) }</option>
                    }
                    { for N::all().into_iter().map(|named| html! {
                        <option value={named.id()} selected={value == named.id()}>
                            { format!("{}{}", if named.breaks() { "✗ " } else { "" }, named.text(lang).0) }
                        </option>
                    }) }
                </select>
            </label>
            if let Choice::Named(named) = props.current {
                <p class="scenario-what" data-testid="scenario-what" data-scenario={named.id()}>{ named.text(lang).1 }</p>
                { named.details(lang) }
            }
        </div>
    }
}

/// How a lab's page makes its runs.
pub struct ScenarioRuns<P: Process, C: Checker<P>, N> {
    /// The default run.
    pub default_run: fn() -> Timeline<P, C>,
    /// The run of a named scenario.
    pub named_run: fn(N) -> Timeline<P, C>,
    /// A fresh run of a configuration (refused: nothing changes).
    pub fresh: fn(P::Config) -> Result<Timeline<P, C>, ScenarioError>,
    /// The named scenario a scenario is, if it is one.
    pub named_of: fn(&ScenarioOf<P>) -> Option<N>,
    /// Whether a scenario is the default run (untouched).
    pub is_default: fn(&ScenarioOf<P>) -> bool,
}

/// The page's choice and the callbacks that change it: choose a scenario, make a fresh run of
/// another configuration (a switch), or start the current choice over (Reset).
pub struct ScenarioChoice<P: Process, N> {
    /// What is chosen.
    pub current: Choice<N>,
    /// A scenario was chosen in the picker.
    pub on_choose: Callback<Choice<N>>,
    /// A switch asks for a fresh run of this configuration (a custom run).
    pub on_config: Callback<P::Config>,
    /// Start over: the chosen scenario again, or a fresh run of the current configuration.
    pub on_reset: Callback<()>,
    /// Play this scenario from 0 s (a variant of the current one, say): the choice becomes the
    /// named scenario it is, else custom. Refused (invalid): nothing changes.
    pub on_scenario: Callback<ScenarioOf<P>>,
}

/// The choice a page opens with: the named scenario or default run its run is, else custom.
#[hook]
pub fn use_scenario_choice<P, C, N>(
    run: &UseReducerHandle<Run<P, C>>,
    runs: ScenarioRuns<P, C, N>,
) -> ScenarioChoice<P, N>
where
    P: Process + 'static,
    P::Config: ClusterConfig,
    C: Checker<P> + 'static,
    N: NamedScenario,
{
    let choice = {
        let timeline = run.timeline.clone();
        use_state(move || {
            let timeline = timeline.borrow();
            let scenario = timeline.scenario();
            match (runs.named_of)(scenario) {
                Some(named) => Choice::Named(named),
                None if (runs.is_default)(scenario) => Choice::Default,
                None => Choice::Custom,
            }
        })
    };
    let dispatch = run.dispatcher();
    let load = {
        let dispatch = dispatch.clone();
        Callback::from(move |timeline: Timeline<P, C>| dispatch.dispatch(RunAction::Load(Box::new(timeline))))
    };
    // The choice's run, loaded (and left paused: Reset starts over at 0 s).
    let choose = {
        let (load, choice) = (load.clone(), choice.clone());
        Callback::from(move |next: Choice<N>| {
            load.emit(match next {
                Choice::Named(named) => (runs.named_run)(named),
                _ => (runs.default_run)(),
            });
            choice.set(next);
        })
    };
    // The speed the run had before a lesson slowed it, given back when a run that is not a lesson
    // is chosen.
    let before_lesson = use_mut_ref(|| None::<f64>);
    let speed = run.speed;
    // A scenario picked in the list starts playing at once: the lesson is in watching it. A
    // lesson opens a little before its failure and plays slowly.
    let on_choose = {
        let (choose, choice, before_lesson) = (choose.clone(), choice.clone(), before_lesson.clone());
        Callback::from(move |next: Choice<N>| match next {
            Choice::Named(named) if named.watch(Lang::En).is_some() => {
                before_lesson.borrow_mut().get_or_insert(speed);
                let reform = dispatch.clone();
                let dispatch = Callback::from(move |a| reform.dispatch(a));
                play_lesson(&dispatch, (runs.named_run)(named), Opening::BeforeViolation(FIND_WITHIN));
                choice.set(next);
            }
            _ => {
                choose.emit(next);
                if let Some(speed) = before_lesson.borrow_mut().take() {
                    dispatch.dispatch(RunAction::SetSpeed(speed));
                }
                dispatch.dispatch(RunAction::SetPlaying(matches!(next, Choice::Named(_))));
            }
        })
    };
    let on_config = {
        let (load, choice, reducer) = (load.clone(), choice.clone(), run.dispatcher());
        Callback::from(move |config: P::Config| {
            if let Ok(timeline) = (runs.fresh)(config) {
                load.emit(timeline);
                choice.set(Choice::Custom);
                if let Some(speed) = before_lesson.borrow_mut().take() {
                    reducer.dispatch(RunAction::SetSpeed(speed));
                }
            }
        })
    };
    let on_scenario = {
        let (load, choice, retention) = (load.clone(), choice.clone(), run.timeline.borrow().retention());
        Callback::from(move |scenario: ScenarioOf<P>| {
            let named = (runs.named_of)(&scenario);
            if let Ok(timeline) = Timeline::new(scenario, retention) {
                load.emit(timeline);
                choice.set(named.map_or(Choice::Custom, Choice::Named));
            }
        })
    };
    let on_reset = {
        let (choose, current, timeline) = (choose, *choice, run.timeline.clone());
        Callback::from(move |()| match current {
            Choice::Custom => {
                let config = timeline.borrow().scenario().config.clone();
                if let Ok(fresh) = (runs.fresh)(config) {
                    load.emit(fresh);
                }
            }
            other => choose.emit(other),
        })
    };
    ScenarioChoice { current: *choice, on_choose, on_config, on_reset, on_scenario }
}
