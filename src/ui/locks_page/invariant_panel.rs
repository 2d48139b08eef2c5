//! The invariant panel: each lock invariant live, green while it holds, red with the violation's story.

use std::rc::Rc;

use yew::prelude::*;

use crate::sim::Violation;
use crate::ui::i18n::locks::{lock_word, t, violation_text, Key};
use crate::ui::i18n::{fill, use_lang};
use crate::ui::shell::format;

/// Properties of [`InvariantPanel`].
#[derive(Properties, PartialEq)]
pub struct InvariantPanelProps {
    /// Every invariant with its violation, if broken.
    pub invariants: Rc<Vec<(&'static str, Option<Violation>)>>,
}

/// The list of invariants.
#[component]
pub fn InvariantPanel(props: &InvariantPanelProps) -> Html {
    let lang = use_lang();
    let broken = props.invariants.iter().any(|(_, v)| v.is_some());
    html! {
        <section class={classes!("panel", "invariants", broken.then_some("broken"))} data-testid="invariants"
                 data-state={if broken { "red" } else { "green" }} aria-live="polite">
            <h2>{ t(lang, Key::Invariants) }</h2>
            <ul>
                { for props.invariants.iter().map(|(name, violation)| {
                    let ok = violation.is_none();
                    html! {
                        <li key={*name} class={classes!("invariant", if ok { "ok" } else { "violated" })}
                            data-testid="invariant" data-name={*name} data-ok={ok.to_string()}>
                            <span class="mark" aria-hidden="true">{ if ok { "✓" } else { "✗" } }</span>
                            <span class="name">{ lock_word(lang, name) }</span>
                            <span class="verdict">{ t(lang, if ok { Key::Holds } else { Key::Broken }) }</span>
                            if let Some(v) = violation {
                                <p class="story">
                                    { fill(t(lang, Key::ViolationAt), &[
                                        ("t", &format::seconds(v.t)),
                                        ("nodes", &v.nodes.iter().map(|n| format!("N{n}")).collect::<Vec<_>>().join(", ")),
                                    ]) }
                                    <br />
                                    <span class="explanation">{ violation_text(lang, v) }</span>
                                </p>
                            }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
