//! The root component: the language, page-link and run-stash contexts, the top bar (lab tabs,
//! presentation mode, language), and the chosen lab page.

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::share::PageLink;
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
    let link = use_state(|| Rc::new(PageLink::parse(&browser::query())));
    let stash = use_memo((), |()| RunStash::default());
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
    // Each lab's page is its own component type: switching labs mounts the new page afresh.
    let page = (current.page)();
    html! {
        <ContextProvider<Lang> context={*lang}>
            <ContextProvider<Rc<PageLink>> context={(*link).clone()}>
            <ContextProvider<RunStash> context={(*stash).clone()}>
                <div class={classes!("app", presenting.then_some("presentation"))} lang={lang.tag()}
                     data-testid="app" data-lab={current.name}>
                    <nav class="top-bar">
                        <span class="brand">{ t(*lang, Key::AppName) }</span>
                        <LabTabs current={current.name} {on_switch} />
                        <div class="top-actions">
                            <PresentationToggle on={presenting} {on_toggle} />
                            <LangSwitch lang={*lang} {on_change} />
                        </div>
                    </nav>
                    { page }
                </div>
            </ContextProvider<RunStash>>
            </ContextProvider<Rc<PageLink>>>
        </ContextProvider<Lang>>
    }
}
