//! The invariant panel: each of a lab's invariants live, green while it holds, red with the
//! violation's story in the page's language.

use std::rc::Rc;

use yew::prelude::*;

use crate::sim::Violation;
use crate::ui::i18n::{fill, t, use_lang, Key, Lang};
use crate::ui::shell::format;

/// Properties of [`InvariantPanel`].
#[derive(Properties)]
pub struct InvariantPanelProps {
    /// Every invariant with its violation, if broken.
    pub invariants: Rc<Vec<(&'static str, Option<Violation>)>>,
    /// An invariant's name in a language (the lab's vocabulary).
    pub name: NameIn,
    /// A violation's sentence in a language (from its code and facts).
    pub explain: ExplainIn,
}

/// Props are equal when the invariants are: a page always hands the same two functions (and
/// function pointers cannot be compared reliably).
impl PartialEq for InvariantPanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.invariants == other.invariants
    }
}

/// How a lab names an invariant in a language.
pub type NameIn = fn(Lang, &'static str) -> &'static str;

/// How a lab tells a violation in a language.
pub type ExplainIn = fn(Lang, &Violation) -> String;

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
                            <span class="name">{ (props.name)(lang, name) }</span>
                            <span class="verdict">{ t(lang, if ok { Key::Holds } else { Key::Broken }) }</span>
                            if let Some(v) = violation {
                                <p class="story">
                                    { fill(t(lang, Key::ViolationAt), &[
                                        ("t", &format::seconds(lang, v.t)),
                                        ("nodes", &v.nodes.iter().map(|n| format!("N{n}")).collect::<Vec<_>>().join(", ")),
                                    ]) }
                                    <br />
                                    <span class="explanation">{ (props.explain)(lang, v) }</span>
                                </p>
                            }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
