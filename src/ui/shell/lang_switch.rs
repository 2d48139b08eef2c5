//! The language switch: one button that toggles English and Chinese.

use yew::prelude::*;

use crate::ui::i18n::{t, Key, Lang};

/// Properties of [`LangSwitch`].
#[derive(Properties, PartialEq)]
pub struct LangSwitchProps {
    /// The language in force.
    pub lang: Lang,
    /// The language asked for.
    pub on_change: Callback<Lang>,
}

/// A button labelled with the other language's name.
#[component]
pub fn LangSwitch(props: &LangSwitchProps) -> Html {
    let lang = props.lang;
    let onclick = props.on_change.reform(move |_: MouseEvent| lang.other());
    html! {
        <button type="button" class={classes!("btn", "lang")} data-testid="lang" data-lang={lang.tag()}
                title={t(lang, Key::SwitchLangTitle)} lang={lang.other().tag()} {onclick}>
            { t(lang, Key::SwitchLang) }
        </button>
    }
}
