//! The banner that shows why an action was refused, until dismissed.

use yew::prelude::*;

use crate::ui::i18n::{t, use_lang, Key};

/// Properties of [`ErrorBanner`].
#[derive(Properties, PartialEq)]
pub struct ErrorBannerProps {
    /// The refusal's reason, if any.
    pub message: Option<String>,
    /// Hide it.
    pub on_dismiss: Callback<()>,
}

/// A dismissable alert; nothing when there is no error.
#[component]
pub fn ErrorBanner(props: &ErrorBannerProps) -> Html {
    let lang = use_lang();
    let Some(message) = &props.message else {
        return html! {};
    };
    let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="error-banner" role="alert" data-testid="error">
            <strong>{ t(lang, Key::Refused) }</strong>
            <span class="message">{ message.clone() }</span>
            <button type="button" class={classes!("btn", "quiet")} data-testid="error-dismiss" onclick={dismiss}
                    aria-label={t(lang, Key::Dismiss)}>{ "×" }</button>
        </div>
    }
}
