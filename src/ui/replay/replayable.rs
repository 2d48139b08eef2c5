//! One hook gives a lab page a replayable run: opened from the page link (`?scenario=`), with the
//! state and callbacks of the scrub bar and the share panel.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::history::use_history;
use super::scrub_bar::ScrubBar;
use super::scrub_bar::ScrubBarProps;
use super::share_panel::{SharePanelProps, SharedLink};
use super::stash::{use_run_stash, use_stash_on_leave};
use crate::lab::share::{self, PageLink, ShareError};
use crate::sim::{Checker, ClusterConfig, Process, Retention, ScenarioError, ScenarioOf, SimTime, Timeline};
use crate::ui::i18n::replay::{t, Key};
use crate::ui::i18n::{fill, Lang};
use crate::ui::shell::format;
use crate::ui::shell::frame_loop::{use_advance_requests, use_frame_loop};
use crate::ui::shell::playback::Playback;
use crate::ui::shell::run::{Landing, Opening, Run, RunAction};

/// The page link in force, provided by the app (the default link when there is no provider).
#[hook]
pub fn use_page_link() -> Rc<PageLink> {
    use_context::<Rc<PageLink>>().unwrap_or_default()
}

/// Why opening a link or importing a file failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplayError {
    /// The page link's share code.
    Link(ShareError),
    /// An imported scenario file.
    File(ScenarioError),
}

impl ReplayError {
    /// The message for the error banner, in `lang` (the field at fault stays as the scenario names it).
    pub fn text(&self, lang: Lang) -> String {
        let (template, why) = match self {
            ReplayError::Link(e) => (Key::BadLink, share_error_text(lang, e)),
            ReplayError::File(e) => (Key::BadFile, e.to_string()),
        };
        fill(t(lang, template), &[("why", &why)])
    }
}

fn share_error_text(lang: Lang, error: &ShareError) -> String {
    let key = match error {
        ShareError::NotBase64(_) => Key::NotBase64,
        ShareError::Truncated => Key::Truncated,
        ShareError::NotDeflate(_) => Key::NotDeflate,
        ShareError::TooLarge => Key::TooLarge,
        ShareError::NotText => Key::NotText,
        ShareError::Scenario(e) => return fill(t(lang, Key::BadScenario), &[("why", &e.to_string())]),
    };
    t(lang, key).to_string()
}

/// A page's replay state and controls; spread them into the components:
/// `<ScrubBar ..replay.scrub.clone() />`, `<SharePanel ..replay.share.clone() />`.
#[derive(Clone, PartialEq)]
pub struct Replay {
    /// The scrub bar's properties.
    pub scrub: ScrubBarProps,
    /// The share panel's properties.
    pub share: SharePanelProps,
    /// A bad link or file, until dismissed.
    pub error: Option<ReplayError>,
    /// Hide the error banner (this error and the run's refused action alike).
    pub on_dismiss_error: Callback<()>,
}

impl Replay {
    /// What the page's error banner says: the run's refused action, else a bad link, in `lang` (a
    /// bad file is told in the share panel, where it was imported).
    pub fn banner(&self, lang: Lang, run_error: Option<&String>) -> Option<String> {
        let link = self.error.as_ref().filter(|e| matches!(e, ReplayError::Link(_)));
        run_error.cloned().or_else(|| link.map(|e| e.text(lang)))
    }
}

/// How a page's run starts: its lab's name, the trace it keeps, its speed, and its default run.
pub struct LabRun<P: Process, C: Checker<P>> {
    /// The lab's name in scenarios and links.
    pub lab: &'static str,
    /// The trace window the page keeps.
    pub retention: Retention,
    /// Playback speed at first.
    pub speed: f64,
    /// The default run (when the link carries none, or a bad one).
    pub fresh: fn() -> Timeline<P, C>,
}

/// A timeline of an imported `scenario` at 0 s, and the time it lands at (its `until`, where the
/// exported run was, else its last action).
fn landing<P: Process, C: Checker<P>>(
    scenario: ScenarioOf<P>,
    retention: Retention,
) -> Result<(Timeline<P, C>, SimTime), ScenarioError>
where
    P::Config: ClusterConfig,
{
    let timeline = Timeline::new(scenario, retention)?;
    let target = share::landing_time(&timeline, None);
    Ok((timeline, target))
}

/// Every event of the run from 0 to `now` as NDJSON: the scenario replayed with the whole trace kept.
fn full_trace<P: Process, C: Checker<P>>(scenario: &ScenarioOf<P>, now: crate::sim::SimTime) -> String
where
    P::Config: ClusterConfig,
{
    let Ok(mut timeline) = Timeline::<P, C>::new(scenario.clone(), Retention::All) else { return String::new() };
    timeline.seek(now);
    timeline.world().trace().entries().map(|e| e.to_json_line() + "\n").collect()
}

/// The page's run, opened from the page link if it carries a scenario of this lab (a bad one
/// leaves the default run and an error), else the run left when the user switched labs, else the
/// default run; and its replay controls.
#[hook]
pub fn use_replayable_run<P, C>(lab: LabRun<P, C>) -> (UseReducerHandle<Run<P, C>>, Replay)
where
    P: Process + 'static,
    P::Config: ClusterConfig,
    C: Checker<P> + 'static,
{
    let link = use_page_link();
    let stash = use_run_stash();
    let opening = use_mut_ref(|| match link.open_at_start::<P, C>(lab.lab, lab.retention) {
        Some(Ok((timeline, target))) => (Some((timeline, target)), None),
        Some(Err(e)) => (Some(((lab.fresh)(), 0)), Some(ReplayError::Link(e))),
        None => (Some((stash.and_then(|s| s.take(lab.lab, lab.retention)).unwrap_or_else(lab.fresh), 0)), None),
    });
    let run = use_reducer(|| match opening.borrow_mut().0.take() {
        Some((timeline, target)) if target > timeline.now() => Run::landing(timeline, lab.speed, target),
        Some((timeline, _)) => Run::new(timeline, lab.speed),
        None => Run::new((lab.fresh)(), lab.speed),
    });
    let latest = use_mut_ref(|| run.timeline.clone());
    *latest.borrow_mut() = run.timeline.clone();
    use_stash_on_leave(lab.lab, latest);
    let error = use_state(|| opening.borrow().1.clone());
    let shared = use_state(|| None::<SharedLink>);

    let (now, fingerprint, actions, last_at) = {
        let timeline = run.timeline.borrow();
        let actions = &timeline.scenario().actions;
        (timeline.now(), timeline.world().fingerprint(), actions.len(), actions.last().map(|a| a.at))
    };
    let run_id = Rc::as_ptr(&run.timeline) as *const () as usize;
    let history = use_history(run_id, now, actions, last_at);
    // Another run (reset, import, node count) makes the address bar's shared scenario stale.
    let opened = use_mut_ref(|| run_id);
    use_effect_with(run_id, move |&id| {
        if *opened.borrow() != id {
            browser::replace_query(&PageLink::of_lab(lab.lab).to_query());
        }
    });

    let dispatch = run.dispatcher();
    let timeline = run.timeline.clone();
    // Share and export first finish every event due now, as a replay to now does: the page then
    // shows exactly the run the link or the trace file holds.
    let settle = {
        let (dispatch, timeline) = (dispatch.clone(), timeline.clone());
        move || {
            dispatch.dispatch(RunAction::Seek(now));
            timeline.borrow().scenario().clone()
        }
    };
    let on_share = {
        let (settle, shared) = (settle.clone(), shared.clone());
        Callback::from(move |()| {
            let code = share::encode(&settle());
            browser::replace_query(&PageLink::shared(lab.lab, code, now).to_query());
            let url = browser::href();
            let copied = browser::copy(&url);
            shared.set(Some(SharedLink { url, copied }));
        })
    };
    let on_export_scenario = {
        let timeline = timeline.clone();
        Callback::from(move |()| {
            // The file says where the run was (`until`): importing it lands there again.
            let mut scenario = timeline.borrow().scenario().clone();
            scenario.until = Some(now);
            let json = scenario.to_json();
            browser::download(&format!("distlab-{}-scenario.json", lab.lab), "application/json", &json);
        })
    };
    let on_export_trace = Callback::from(move |()| {
        let ndjson = full_trace::<P, C>(&settle(), now);
        browser::download(&format!("distlab-{}-trace.ndjson", lab.lab), "application/x-ndjson", &ndjson);
    });
    let on_import = {
        let (dispatch, error, shared) = (dispatch.clone(), error.clone(), shared.clone());
        Callback::from(move |text: String| {
            match ScenarioOf::<P>::from_json(&text, lab.lab).and_then(|s| landing::<P, C>(s, lab.retention)) {
                Ok((timeline, target)) => {
                    dispatch.dispatch(RunAction::Land(Box::new(timeline), Opening::At(target), false));
                    error.set(None);
                    shared.set(None);
                }
                Err(e) => error.set(Some(ReplayError::File(e))),
            }
        })
    };
    let replay = Replay {
        scrub: ScrubBarProps {
            now,
            furthest: history.furthest,
            fork: history.fork,
            on_seek: dispatch.clone().to_callback().reform(RunAction::Seek),
        },
        share: SharePanelProps {
            link: (*shared).clone(),
            import_error: (*error).clone().filter(|e| matches!(e, ReplayError::File(_))),
            fingerprint,
            on_share,
            on_export_scenario,
            on_import,
            on_export_trace,
        },
        error: (*error).clone(),
        on_dismiss_error: Callback::from(move |()| {
            dispatch.dispatch(RunAction::DismissError);
            error.set(None);
        }),
    };
    (run, replay)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::network::{default_scenario, Heartbeat};
    use crate::sim::{ms, Action, NoChecker};

    #[test]
    fn the_exported_trace_is_the_whole_run_to_now_exactly() {
        let mut page = Timeline::<Heartbeat>::new(default_scenario(1), Retention::Window(50)).unwrap();
        page.run_until(ms(700));
        page.act(Action::Crash { node: 1 }).unwrap();
        for _ in 0..37 {
            page.step();
        }
        page.seek(page.now()); // what Share and Export do first
        let ndjson = full_trace::<Heartbeat, NoChecker>(page.scenario(), page.now());
        let lines: Vec<&str> = ndjson.lines().collect();
        assert_eq!(lines.len() as u64, page.world().trace().total());
        assert!(
            lines[0].starts_with("{\"pos\":0,")
                && lines.last().unwrap().contains(&format!("\"pos\":{}", lines.len() - 1))
        );
        let kept: Vec<String> = page.world().trace().entries().map(|e| e.to_json_line()).collect();
        assert_eq!(lines[lines.len() - kept.len()..], kept[..], "the page's window is the tail of the export");
    }

    #[test]
    fn errors_read_in_both_languages() {
        let e = ReplayError::Link(ShareError::TooLarge);
        assert!(e.text(Lang::En).contains("1 MB") && e.text(Lang::Zh).contains("1 MB"));
        let field = ScenarioError { field: "actions[2].at".into(), message: "out of order".into() };
        assert!(ReplayError::File(field).text(Lang::Zh).contains("actions[2].at"));
    }
}

/// A lab page's run, as every page starts it: opened from the page link (see
/// [`use_replayable_run`]), driven by the frame loop while playing, and by the automation event.
#[hook]
pub fn use_lab_run<P, C>(lab: LabRun<P, C>) -> (UseReducerHandle<Run<P, C>>, Replay)
where
    P: Process + 'static,
    P::Config: ClusterConfig,
    C: Checker<P> + 'static,
{
    let name = lab.lab;
    let (run, replay) = use_replayable_run(lab);
    // The course panel, when a lesson is open, sees this run through the app's observer.
    crate::ui::course::observer::use_observed_run(name, &run);
    let dispatch = run.dispatcher();
    let (frames, advances) = (dispatch.clone(), dispatch);
    // Frames drive play, and a replay to a far time in slices.
    use_frame_loop(
        run.playing || run.landing.is_some(),
        Callback::from(move |ms| frames.dispatch(RunAction::Frame(ms))),
    );
    use_advance_requests(Callback::from(move |us| advances.dispatch(RunAction::Advance(us))));
    (run, replay)
}

/// The playback bar and the scrub bar of a page's run.
pub fn transport<P, C>(
    run: &Run<P, C>,
    now: crate::sim::SimTime,
    on_reset: Callback<()>,
    replay: &Replay,
    dispatch: &Callback<RunAction<P, C>>,
) -> Html
where
    P: Process + 'static,
    P::Config: ClusterConfig,
    C: Checker<P> + 'static,
{
    html! {
        <>
            <Playback playing={run.playing} speed={run.speed} slowdown={run.slowdown} {now}
                      on_play={dispatch.reform(RunAction::SetPlaying)}
                      on_step={dispatch.reform(|()| RunAction::Step)}
                      on_speed={dispatch.reform(RunAction::SetSpeed)}
                      {on_reset} />
            <ScrubBar ..replay.scrub.clone() />
            if let Some(landing) = run.landing {
                <LandingProgress {landing} {now} on_cancel={dispatch.reform(|()| RunAction::CancelLanding)} />
            }
        </>
    }
}

/// Properties of [`LandingProgress`].
#[derive(Properties, PartialEq)]
pub struct LandingProgressProps {
    /// The replay in progress.
    pub landing: Landing,
    /// Where it is now.
    pub now: crate::sim::SimTime,
    /// Stop it where it is.
    pub on_cancel: Callback<()>,
}

/// A replay to a far time on its way: how far it is, and a button that stops it there.
#[component]
pub fn LandingProgress(props: &LandingProgressProps) -> Html {
    let lang = crate::ui::i18n::use_lang();
    let percent = props.landing.percent(props.now);
    let text = fill(
        t(lang, if props.landing.before_violation { Key::LandingLesson } else { Key::Landing }),
        &[("target", &format::seconds(lang, props.landing.target)), ("percent", &percent.to_string())],
    );
    html! {
        <div class="landing" role="status" data-testid="landing" data-target={props.landing.target.to_string()}>
            <span>{ text }</span>
            <progress max="100" value={percent.to_string()} aria-label={t(lang, Key::LandingLabel)} />
            <button type="button" class="btn" data-testid="landing-cancel" onclick={props.on_cancel.reform(|_: MouseEvent| ())}>
                { t(lang, Key::LandingCancel) }
            </button>
        </div>
    }
}
