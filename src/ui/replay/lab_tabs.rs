//! The lab switch: one tab per lab page of [`crate::ui::labs::PAGES`], chosen by `?lab=` in the URL.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::ui::i18n::replay::{t, Key};
use crate::ui::i18n::use_lang;
use crate::ui::labs::{LabPage, PAGES};

/// Properties of [`LabTabs`].
#[derive(Properties, PartialEq)]
pub struct LabTabsProps {
    /// The lab shown (its name).
    pub current: &'static str,
    /// A tab was chosen (its lab's name).
    pub on_switch: Callback<&'static str>,
}

/// A tab list with one tab per lab (`data-testid="lab-network"`, `"lab-raft"`, `"lab-locks"`...).
#[component]
pub fn LabTabs(props: &LabTabsProps) -> Html {
    let lang = use_lang();
    let list = use_node_ref();
    // On a narrow screen the tab row scrolls: bring the current tab into it.
    use_effect_with((props.current, list.clone()), |(_, list)| {
        if let Some(list) = list.cast::<web_sys::Element>() {
            let tab = list.query_selector(".tab.current").ok().flatten();
            if let Some(tab) = tab.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                let end = tab.offset_left() + tab.offset_width();
                if end > list.scroll_left() + list.client_width() {
                    list.set_scroll_left(end - list.client_width());
                }
            }
        }
    });
    html! {
        <div class="lab-tabs" role="tablist" aria-label={t(lang, Key::LabsLabel)} ref={list}>
            { for PAGES.iter().map(|&LabPage { name, title, .. }| {
                let current = name == props.current;
                html! {
                    <button key={name} type="button" role="tab" class={classes!("tab", current.then_some("current"))}
                            data-testid={format!("lab-{name}")} aria-selected={current.to_string()}
                            onclick={props.on_switch.reform(move |_: MouseEvent| name)}>
                        { t(lang, title) }
                    </button>
                }
            }) }
        </div>
    }
}
