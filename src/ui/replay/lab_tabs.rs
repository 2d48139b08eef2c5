//! The lab switch: one tab per lab page of [`crate::ui::labs::PAGES`], chosen by `?lab=` in the URL.

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
    html! {
        <div class="lab-tabs" role="tablist" aria-label={t(lang, Key::LabsLabel)}>
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
