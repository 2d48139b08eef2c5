//! Settings: the protocol's optional features and the classic mistakes as toggles, each
//! explained in one sentence.

use std::rc::Rc;

use yew::prelude::*;

use super::setup::Feature;
use crate::lab::raft::lessons::BugLesson;
use crate::raft::{Bug, RaftConfig};
use crate::ui::i18n::raft::{bug_text, feature_text, t, Key};
use crate::ui::i18n::{t as shell_t, use_lang, Key as ShellKey};

/// Properties of [`Settings`].
#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    /// This run's configuration.
    pub config: Rc<RaftConfig>,
    /// A mistake was switched.
    pub on_toggle: Callback<Bug>,
    /// A feature was switched.
    pub on_feature: Callback<Feature>,
    /// Play the recorded failure of a mistake (its lesson).
    pub on_lesson: Callback<Bug>,
}

/// One checkbox per bug toggle.
#[component]
pub fn Settings(props: &SettingsProps) -> Html {
    let lang = use_lang();
    html! {
        <section class="panel settings" data-testid="settings">
            <h2>{ t(lang, Key::Settings) }</h2>
            <p class="hint">{ t(lang, Key::SettingsHint) }</p>
            { for Feature::ALL
                .into_iter()
                .map(|(feature, testid)| {
                    let on = feature.is_on(&props.config);
                    let (name, why) = feature_text(lang, feature);
                    let onchange = props.on_feature.reform(move |_: Event| feature);
                    html! {
                        <label class="feature" key={testid}>
                            <input type="checkbox" data-testid={testid} checked={on} {onchange} />
                            <span><strong>{ name }</strong><br /><small>{ why }</small></span>
                        </label>
                    }
                }) }
            { for Bug::ALL.into_iter().map(|bug| {
                let (name, why) = bug_text(lang, bug);
                let onchange = props.on_toggle.reform(move |_: Event| bug);
                let lesson = BugLesson::of(bug).map(|_| {
                    let onclick = props.on_lesson.reform(move |_: MouseEvent| bug);
                    html! {
                        <button type="button" class="btn lesson" data-testid={format!("lesson-{}", bug.name())}
                                title={shell_t(lang, ShellKey::PlayFailureTitle)} {onclick}>{ shell_t(lang, ShellKey::PlayFailure) }</button>
                    }
                });
                html! {
                    <div class="bug-row" key={bug.name()}>
                        <label class="bug">
                            <input type="checkbox" data-testid={format!("bug-{}", bug.name())}
                                   checked={props.config.bugs.contains(&bug)} {onchange} />
                            <span><strong>{ name }</strong><br /><small>{ why }</small></span>
                        </label>
                        { for lesson }
                    </div>
                }
            }) }
        </section>
    }
}
