//! Presentation mode for projectors (large type, high contrast), remembered in local storage.

use yew::prelude::*;

use super::browser;
use crate::ui::i18n::replay::{t, Key};
use crate::ui::i18n::use_lang;

/// The local storage key that remembers presentation mode.
pub const STORAGE_KEY: &str = "distlab.presentation";

/// Whether presentation mode is on, and a callback that toggles it (and remembers the choice).
#[hook]
pub fn use_presentation() -> (bool, Callback<()>) {
    let on = use_state(|| browser::stored(STORAGE_KEY).as_deref() == Some("on"));
    let toggle = {
        let on = on.clone();
        Callback::from(move |()| {
            let next = !*on;
            browser::store(STORAGE_KEY, if next { "on" } else { "off" });
            on.set(next);
        })
    };
    (*on, toggle)
}

/// Properties of [`PresentationToggle`].
#[derive(Properties, PartialEq)]
pub struct PresentationToggleProps {
    /// Whether presentation mode is on.
    pub on: bool,
    /// Toggle it.
    pub on_toggle: Callback<()>,
}

/// A toggle button (`data-testid="presentation"`, `aria-pressed`).
#[component]
pub fn PresentationToggle(props: &PresentationToggleProps) -> Html {
    let lang = use_lang();
    html! {
        <button type="button" class={classes!("btn", "presentation-toggle")} data-testid="presentation"
                aria-pressed={props.on.to_string()} title={t(lang, Key::PresentationTitle)}
                onclick={props.on_toggle.reform(|_: MouseEvent| ())}>
            { t(lang, Key::Presentation) }
        </button>
    }
}
