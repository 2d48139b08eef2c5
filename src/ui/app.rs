//! The root component: the language context, the top bar, and the lesson page.

use yew::prelude::*;

use crate::ui::i18n::{t, Key, Lang};
use crate::ui::network_page::NetworkPage;
use crate::ui::shell::lang_switch::LangSwitch;

/// The whole app.
#[component]
pub fn App() -> Html {
    let lang = use_state(Lang::default);
    let on_change = {
        let lang = lang.clone();
        Callback::from(move |next: Lang| lang.set(next))
    };
    use_effect_with(*lang, |lang| {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", lang.tag());
        }
    });
    html! {
        <ContextProvider<Lang> context={*lang}>
            <div class="app" lang={lang.tag()}>
                <nav class="top-bar">
                    <span class="brand">{ t(*lang, Key::AppName) }</span>
                    <LangSwitch lang={*lang} {on_change} />
                </nav>
                <NetworkPage />
            </div>
        </ContextProvider<Lang>>
    }
}
