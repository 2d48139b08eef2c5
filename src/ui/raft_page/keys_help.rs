//! The list of keyboard shortcuts, shown with '?'.

use yew::prelude::*;

use crate::ui::i18n::raft::{t, Key};
use crate::ui::i18n::use_lang;
use crate::ui::i18n::{t as shell_t, Key as ShellKey};

/// Properties of [`KeysHelp`].
#[derive(Properties, PartialEq)]
pub struct KeysHelpProps {
    /// Hide it.
    pub on_close: Callback<()>,
}

/// A dialog listing every key.
#[component]
pub fn KeysHelp(props: &KeysHelpProps) -> Html {
    let lang = use_lang();
    let keys = [
        ("Space / .", Key::KeyPlay),
        ("→ / S", Key::KeyStep),
        ("K", Key::KeyKill),
        ("H", Key::KeyHeal),
        ("C", Key::KeyClient),
        ("?", Key::KeyHelp),
    ];
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="keys-help" role="dialog" aria-modal="false" data-testid="keys-help">
            <h2>{ t(lang, Key::Keys) }</h2>
            <dl>
                { for keys.iter().map(|(k, what)| html! { <div class="row"><dt><kbd>{ *k }</kbd></dt><dd>{ t(lang, *what) }</dd></div> }) }
            </dl>
            <button type="button" class="btn" data-testid="keys-close" onclick={close}>{ shell_t(lang, ShellKey::Close) }</button>
        </div>
    }
}
