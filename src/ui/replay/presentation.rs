//! Presentation mode for projectors (large type, high contrast), remembered in local storage; a
//! link with `present=1` (or `present=0`) opens the page in it (or out of it), for a teacher's slides.

use yew::prelude::*;

use super::browser;
use crate::ui::i18n::replay::{t, Key};
use crate::ui::i18n::use_lang;

/// The local storage key that remembers presentation mode.
pub const STORAGE_KEY: &str = "distlab.presentation";

/// What a page query says of presentation mode (`present=1` or `present=0`), if anything.
pub fn present_in_query(query: &str) -> Option<bool> {
    query.trim_start_matches('?').split('&').find_map(|pair| match pair {
        "present=1" | "present=on" => Some(true),
        "present=0" | "present=off" => Some(false),
        _ => None,
    })
}

/// Whether presentation mode is on, and a callback that toggles it (and remembers the choice).
#[hook]
pub fn use_presentation() -> (bool, Callback<()>) {
    let on = use_state(|| {
        present_in_query(&browser::query()).unwrap_or_else(|| browser::stored(STORAGE_KEY).as_deref() == Some("on"))
    });
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

#[cfg(test)]
mod tests {
    use super::present_in_query;

    #[test]
    fn a_link_can_open_or_close_presentation_mode() {
        assert_eq!(present_in_query("?lab=raft&present=1"), Some(true));
        assert_eq!(present_in_query("present=0&lab=raft"), Some(false));
        assert_eq!(present_in_query("?lab=raft&presented=1"), None);
        assert_eq!(present_in_query(""), None);
    }
}
