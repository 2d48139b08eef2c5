//! The Raft legend: role shapes, the election timer arc and a flagged node (messages and cut links
//! are in the shared legend beside it).

use yew::prelude::*;

use crate::ui::i18n::raft::{t, Key};
use crate::ui::i18n::use_lang;

/// The legend under the Raft cluster view.
#[component]
pub fn RaftLegend() -> Html {
    let lang = use_lang();
    let item = |class: &'static str, glyph: Html, label: &str| {
        html! {
            <li class={class}>
                <svg viewBox="-12 -12 24 24" width="22" height="22" aria-hidden="true">{ glyph }</svg>
                <span>{ label.to_string() }</span>
            </li>
        }
    };
    html! {
        <ul class="legend raft-legend">
            { item("node role-follower", html! { <circle class="disc" r="9" /> }, t(lang, Key::LegendFollower)) }
            { item("node role-candidate", html! { <polygon class="disc" points="10,0 5,8.7 -5,8.7 -10,0 -5,-8.7 5,-8.7" /> }, t(lang, Key::LegendCandidate)) }
            { item("node role-leader", html! { <rect class="disc" x="-9" y="-9" width="18" height="18" rx="3" /> }, t(lang, Key::LegendLeader)) }
            { item("node", html! { <circle class="timer" r="9" pathLength="1" stroke-dasharray="0.6 1" transform="rotate(-90)" /> }, t(lang, Key::LegendTimer)) }
            { item("node flagged", html! { <circle class="halo" r="9" /> }, t(lang, Key::LegendFlagged)) }
        </ul>
    }
}
