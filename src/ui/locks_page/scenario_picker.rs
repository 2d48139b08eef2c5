//! The named scenarios: a select, and the chosen one's sentence on what it shows.

use yew::prelude::*;

use crate::lab::locks::scenarios::Named;
use crate::ui::i18n::locks::{scenario_text, t, Key};
use crate::ui::i18n::use_lang;

/// What the picker shows as chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// The default run.
    Default,
    /// A named scenario.
    Named(Named),
    /// A run of the user's own switches.
    Custom,
}

/// Properties of [`ScenarioPicker`].
#[derive(Properties, PartialEq)]
pub struct ScenarioPickerProps {
    /// What is chosen.
    pub current: Choice,
    /// A choice was made (never [`Choice::Custom`]).
    pub on_choose: Callback<Choice>,
}

/// The select and the description.
#[component]
pub fn ScenarioPicker(props: &ScenarioPickerProps) -> Html {
    let lang = use_lang();
    let onchange = props.on_choose.reform(|e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        Named::from_id(&select.value()).map_or(Choice::Default, Choice::Named)
    });
    let value = match props.current {
        Choice::Default => "default",
        Choice::Named(named) => named.id(),
        Choice::Custom => "custom",
    };
    html! {
        <div class="scenario-picker">
            <label>
                <span>{ t(lang, Key::Scenario) }</span>
                <select data-testid="scenario" {onchange}>
                    <option value="default" selected={value == "default"}>{ t(lang, Key::Default) }</option>
                    if props.current == Choice::Custom {
                        <option value="custom" selected=true disabled=true>{ t(lang, Key::Custom) }</option>
                    }
                    { for Named::ALL.iter().map(|&named| html! {
                        <option value={named.id()} selected={value == named.id()}>{ scenario_text(lang, named).0 }</option>
                    }) }
                </select>
            </label>
            if let Choice::Named(named) = props.current {
                <p class="scenario-what" data-testid="scenario-what">{ scenario_text(lang, named).1 }</p>
            }
        </div>
    }
}
