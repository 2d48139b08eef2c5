//! The root component: the language, page-link, run-stash and run-observer contexts, the top bar
//! (lab tabs, the course, presentation mode, language), the chosen lab page and the course panel.

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::share::PageLink;
use crate::ui::course::contents::Contents;
use crate::ui::course::nav::CourseNav;
use crate::ui::course::observer::RunObserver;
use crate::ui::course::panel::CoursePanel;
use crate::ui::i18n::course::{t as course_t, Key as CourseKey};
use crate::ui::i18n::{t, Key, Lang};
use crate::ui::labs::{self, PAGES};
use crate::ui::replay::browser;
use crate::ui::replay::lab_tabs::LabTabs;
use crate::ui::replay::presentation::{use_presentation, PresentationToggle};
use crate::ui::replay::stash::RunStash;
use crate::ui::shell::lang_switch::LangSwitch;

/// The whole app. The URL's query picks the lab (`?lab=raft`) and may carry a shared scenario
/// (`?scenario=<code>&t=<µs>`), which the lab's page opens.
#[component]
pub fn App() -> Html {
    let lang = use_state(Lang::default);
    let course = use_state(|| CourseNav::parse(&browser::query()));
    let link = use_state(|| Rc::new(opening_link(PageLink::parse(&browser::query()), *course)));
    let stash = use_memo((), |()| RunStash::default());
    // The page mount: a step that loads its own run remounts the page on it.
    let mount = use_state(|| 0u64);
    // Bumped on every step entered, so that entering the same step again starts it over.
    let visit = use_state(|| 0u64);
    let contents = use_state(|| false);
    let observer = use_memo((), |()| RunObserver::default());
    let observer = observer.at(course.is_some(), *mount);
    let on_go = {
        let (course, link, mount, visit, contents) =
            (course.clone(), link.clone(), mount.clone(), visit.clone(), contents.clone());
        Callback::from(move |(nav, on_its_own): (CourseNav, bool)| {
            match nav.lesson.step(nav.step).loads(on_its_own) {
                Some(setup) => {
                    let run = setup.run();
                    link.set(Rc::new(PageLink::shared(run.lab, run.code, run.at)));
                    mount.set(*mount + 1);
                }
                None if link.lab.as_deref() != Some(nav.lesson.lab) => {
                    link.set(Rc::new(PageLink::of_lab(nav.lesson.lab)));
                }
                None => {}
            }
            browser::replace_course_query(&nav.params());
            course.set(Some(nav));
            visit.set(*visit + 1);
            contents.set(false);
        })
    };
    let on_close = {
        let (course, contents) = (course.clone(), contents.clone());
        Callback::from(move |show_contents: bool| {
            browser::replace_course_query("");
            course.set(None);
            contents.set(show_contents);
        })
    };
    let on_contents = {
        let contents = contents.clone();
        Callback::from(move |_: MouseEvent| contents.set(!*contents))
    };
    let (presenting, on_toggle) = use_presentation();
    let on_change = {
        let lang = lang.clone();
        Callback::from(move |next: Lang| lang.set(next))
    };
    use_effect_with(*lang, |lang| {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", lang.tag());
        }
    });
    use_effect_with(presenting, |&presenting| {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.class_list().toggle_with_force("presentation", presenting);
        }
    });
    let current = link.lab.as_deref().and_then(labs::page).unwrap_or(&PAGES[0]);
    let on_switch = {
        let (link, current) = (link.clone(), current.name);
        Callback::from(move |next: &'static str| {
            if next != current {
                let fresh = PageLink::of_lab(next);
                browser::replace_query(&fresh.to_query());
                link.set(Rc::new(fresh));
            }
        })
    };
    // Each lab's page is its own component type: switching labs mounts the new page afresh, and
    // so does a new mount (a lesson step's run).
    let page = html! { <PageSlot key={*mount} lab={current.name} /> };
    html! {
        <ContextProvider<Lang> context={*lang}>
            <ContextProvider<Rc<PageLink>> context={(*link).clone()}>
            <ContextProvider<RunStash> context={(*stash).clone()}>
            <ContextProvider<RunObserver> context={observer}>
                <div class={classes!("app", presenting.then_some("presentation"), course.is_some().then_some("with-course"))} lang={lang.tag()}
                     data-testid="app" data-lab={current.name}>
                    <nav class="top-bar">
                        <span class="brand">{ t(*lang, Key::AppName) }</span>
                        <LabTabs current={current.name} {on_switch} />
                        <div class="top-actions">
                            <button type="button" class="btn lang course-open" data-testid="course-open"
                                    aria-expanded={contents.to_string()} onclick={on_contents}>
                                { course_t(*lang, CourseKey::Course) }
                            </button>
                            <PresentationToggle on={presenting} {on_toggle} />
                            <LangSwitch lang={*lang} {on_change} />
                        </div>
                    </nav>
                    if let Some(nav) = *course {
                        <CoursePanel {nav} visit={*visit} mount={*mount} on_go={on_go.clone()} {on_close} shown={current.name} />
                    }
                    if *contents {
                        <Contents on_open={on_go.reform(|nav| (nav, true))}
                                  on_close={Callback::from(move |()| contents.set(false))} />
                    }
                    { page }
                </div>
            </ContextProvider<RunObserver>>
            </ContextProvider<RunStash>>
            </ContextProvider<Rc<PageLink>>>
        </ContextProvider<Lang>>
    }
}

/// The link the app opens with: a lesson's step run, if the query names a step that loads one,
/// else the query's own link (on the lesson's lab when it names a lesson).
fn opening_link(link: PageLink, course: Option<CourseNav>) -> PageLink {
    let Some(nav) = course else { return link };
    match nav.lesson.step(nav.step).loads(true) {
        Some(setup) => {
            let run = setup.run();
            PageLink::shared(run.lab, run.code, run.at)
        }
        None if link.lab.as_deref() == Some(nav.lesson.lab) => link,
        None => PageLink::of_lab(nav.lesson.lab),
    }
}

/// Properties of [`PageSlot`].
#[derive(Properties, PartialEq)]
struct PageSlotProps {
    lab: &'static str,
}

/// A lab's page, keyed by the app so that it can be mounted afresh.
#[component]
fn PageSlot(props: &PageSlotProps) -> Html {
    labs::page(props.lab).map_or_else(Html::default, |page| (page.page)())
}
