//! Settings: the classic mistakes as toggles, each explained in one sentence.

use std::rc::Rc;

use yew::prelude::*;

use crate::raft::Bug;
use crate::ui::i18n::raft::{bug_text, t, Key};
use crate::ui::i18n::use_lang;

/// Properties of [`Settings`].
#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    /// Mistakes switched on.
    pub bugs: Rc<Vec<Bug>>,
    /// A toggle was flipped.
    pub on_toggle: Callback<Bug>,
}

/// One checkbox per bug toggle.
#[component]
pub fn Settings(props: &SettingsProps) -> Html {
    let lang = use_lang();
    html! {
        <section class="panel settings" data-testid="settings">
            <h2>{ t(lang, Key::Settings) }</h2>
            <p class="hint">{ t(lang, Key::SettingsHint) }</p>
            { for Bug::ALL.into_iter().map(|bug| {
                let (name, why) = bug_text(lang, bug);
                let onchange = props.on_toggle.reform(move |_: Event| bug);
                html! {
                    <label class="bug" key={bug.name()}>
                        <input type="checkbox" data-testid={format!("bug-{}", bug.name())}
                               checked={props.bugs.contains(&bug)} {onchange} />
                        <span><strong>{ name }</strong><br /><small>{ why }</small></span>
                    </label>
                }
            }) }
        </section>
    }
}
