//! The mode switch (CP or AP, replaying the same scenario) and the lesson line under it: which
//! letter of CAP the run gives up and which BASE property it shows.

use yew::prelude::*;

use crate::config_center::Mode;
use crate::lab::config::scenarios::{Base, Cap};
use crate::ui::i18n::config::{base_text, cap_text, t, Key};
use crate::ui::i18n::use_lang;

/// Properties of [`ModeSwitch`].
#[derive(Properties, PartialEq)]
pub struct ModeSwitchProps {
    /// The servers' mode.
    pub mode: Mode,
    /// A mode was chosen.
    pub on_mode: Callback<Mode>,
}

/// Two pressed-or-not buttons: CP or AP.
#[component]
pub fn ModeSwitch(props: &ModeSwitchProps) -> Html {
    let lang = use_lang();
    let button = |mode: Mode, label: Key, title: Key, id: &'static str| {
        let pressed = props.mode == mode;
        html! {
            <button type="button" class={classes!("btn", "mode", pressed.then_some("on"))} data-testid={id}
                    aria-pressed={pressed.to_string()} title={t(lang, title)}
                    onclick={props.on_mode.reform(move |_: MouseEvent| mode)}>
                { t(lang, label) }
            </button>
        }
    };
    let mode = match props.mode {
        Mode::Cp => "cp",
        Mode::Ap => "ap",
    };
    html! {
        <div class="config-mode mode-buttons" data-testid="mode-switch" data-mode={mode} role="group"
             aria-label={t(lang, Key::Mode)} title={t(lang, Key::ModeHint)}>
            <span class="caption">{ t(lang, Key::Mode) }</span>
            { button(Mode::Cp, Key::ModeCp, Key::ModeCpTitle, "mode-cp") }
            { button(Mode::Ap, Key::ModeAp, Key::ModeApTitle, "mode-ap") }
        </div>
    }
}

/// Properties of [`LessonLine`].
#[derive(Properties, PartialEq)]
pub struct LessonLineProps {
    /// The CAP letter given up and the BASE property shown.
    pub lesson: (Cap, Base),
}

/// Which letter of CAP the run gives up, and which BASE property it shows.
#[component]
pub fn LessonLine(props: &LessonLineProps) -> Html {
    let lang = use_lang();
    let (cap, base) = props.lesson;
    html! {
        <dl class="cap-base" data-testid="lesson">
            <div data-testid="cap-letter" data-cap={cap.name()}>
                <dt>{ t(lang, Key::CapLine) }</dt><dd>{ cap_text(lang, cap) }</dd>
            </div>
            <div data-testid="base-property" data-base={base.name()}>
                <dt>{ t(lang, Key::BaseLine) }</dt><dd>{ base_text(lang, base) }</dd>
            </div>
        </dl>
    }
}
