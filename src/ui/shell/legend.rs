//! The legend under the cluster view: what each mark means.

use yew::prelude::*;

use super::link_line::CUT_GLYPH;
use crate::ui::i18n::{t, use_lang, Key};

/// The legend.
#[component]
pub fn Legend() -> Html {
    let lang = use_lang();
    let item = |class: &'static str, glyph: Html, key: Key| {
        html! {
            <li class={class}>
                <svg viewBox="-12 -12 24 24" width="22" height="22" aria-hidden="true">{ glyph }</svg>
                <span>{ t(lang, key) }</span>
            </li>
        }
    };
    html! {
        <ul class="legend">
            { item("msg", html! { <circle class="body" r="6.5" /> }, Key::LegendPing) }
            { item("msg", html! { <rect class="body" x="-5.5" y="-5.5" width="11" height="11" transform="rotate(45)" /> }, Key::LegendPong) }
            { item("msg doomed", html! { <circle class="body" r="6.5" /> }, Key::LegendDoomed) }
            { item("msg duplicate", html! { <><circle class="copy-ring" r="10" /><circle class="body" r="6.5" /></> }, Key::LegendDuplicate) }
            { item("msg buffered", html! { <circle class="body" r="6.5" /> }, Key::LegendBuffered) }
            { item("node role-suspicious", html! { <g class="suspect-badge"><circle r="10" /><text dy="0.35em">{ "?" }</text></g> }, Key::LegendSuspicious) }
            { item("link down", html! { <><line class="wire" x1="-10" y1="0" x2="10" y2="0" /><path class="cut" d={CUT_GLYPH} /></> }, Key::LegendCut) }
        </ul>
    }
}
