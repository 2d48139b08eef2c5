//! The list of keyboard shortcuts, on every page: `?` shows or hides it, Escape hides it. The
//! shell's keys come first, then the page's own.

use yew::prelude::*;

use super::shortcuts::use_page_keys;
use crate::ui::i18n::{t, use_lang, Key};

/// A page's own key: what to press, and what it does (translated).
pub type PageKey = (&'static str, AttrValue);

/// Properties of [`KeysHelp`].
#[derive(Properties, PartialEq)]
pub struct KeysHelpProps {
    /// The page's own keys, after the shell's.
    pub page_keys: Vec<PageKey>,
    /// Hide it.
    pub on_close: Callback<()>,
}

/// A dialog listing every key.
#[component]
pub fn KeysHelp(props: &KeysHelpProps) -> Html {
    let lang = use_lang();
    let shell = [("Space / .", Key::KeyPlay), ("→ / S", Key::KeyStep), ("?", Key::KeyHelp)];
    let rows =
        shell.iter().map(|(k, what)| (*k, AttrValue::from(t(lang, *what)))).chain(props.page_keys.iter().cloned());
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="keys-help" role="dialog" aria-modal="false" aria-labelledby="keys-help-title" data-testid="keys-help">
            <h2 id="keys-help-title">{ t(lang, Key::Keys) }</h2>
            <dl>
                { for rows.map(|(k, what)| html! { <div class="row"><dt><kbd>{ k }</kbd></dt><dd>{ what }</dd></div> }) }
            </dl>
            <button type="button" class="btn" data-testid="keys-close" onclick={close}>{ t(lang, Key::Close) }</button>
        </div>
    }
}

/// The keys list of a page: its `?` button (for the page's head) and the list when shown.
pub struct KeysHelpParts {
    /// The button that shows or hides the list.
    pub button: Html,
    /// The list, or nothing.
    pub overlay: Html,
}

/// `?` and Escape wired to the list of keys, with the page's own keys listed after the shell's.
#[hook]
pub fn use_keys_help(page_keys: Vec<PageKey>) -> KeysHelpParts {
    let shown = use_state(|| false);
    {
        let shown = shown.clone();
        use_page_keys(Callback::from(move |key: String| match key.as_str() {
            "?" => {
                shown.set(!*shown);
                true
            }
            "Escape" if *shown => {
                shown.set(false);
                true
            }
            _ => false,
        }));
    }
    let toggle = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(!*shown))
    };
    let lang = use_lang();
    let button = html! {
        <button type="button" class={classes!("btn", "quiet")} data-testid="show-keys" title={t(lang, Key::Keys)}
                onclick={toggle}>{ "?" }</button>
    };
    let overlay = match *shown {
        true => {
            let shown = shown.clone();
            html! { <KeysHelp {page_keys} on_close={Callback::from(move |()| shown.set(false))} /> }
        }
        false => html! {},
    };
    KeysHelpParts { button, overlay }
}
