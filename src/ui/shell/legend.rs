//! The legend under the cluster view: what each mark means.

use yew::prelude::*;

use super::link_line::CUT_GLYPH;
use crate::ui::i18n::{t, use_lang, Key};

/// Properties of [`Legend`].
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// The page's own request names, in its language ("Ping"; "SET NX PX, read, create"): what its
    /// request dots carry.
    #[prop_or_default]
    pub requests: Option<AttrValue>,
    /// Whether the page draws suspicion badges (the failure-detector lesson only).
    #[prop_or_default]
    pub suspects: bool,
}

/// The legend of the marks every lab draws (messages and their fates, cut links), and suspicion
/// badges where a page draws them.
#[component]
pub fn Legend(props: &LegendProps) -> Html {
    let lang = use_lang();
    let item = |class: &'static str, glyph: Html, key: Key| {
        html! {
            <li class={class}>
                <svg viewBox="-12 -12 24 24" width="22" height="22" aria-hidden="true">{ glyph }</svg>
                <span>{ t(lang, key) }</span>
            </li>
        }
    };
    let request = match &props.requests {
        Some(names) => format!("{} ({names})", t(lang, Key::LegendPing)),
        None => t(lang, Key::LegendPing).to_string(),
    };
    html! {
        <ul class="legend" data-testid="legend">
            <li class="msg">
                <svg viewBox="-12 -12 24 24" width="22" height="22" aria-hidden="true"><circle class="body" r="6.5" /></svg>
                <span>{ request }</span>
            </li>
            { item("msg", html! { <rect class="body" x="-5.5" y="-5.5" width="11" height="11" transform="rotate(45)" /> }, Key::LegendPong) }
            { item("msg doomed", html! { <circle class="body" r="6.5" /> }, Key::LegendDoomed) }
            { item("msg duplicate", html! { <><circle class="copy-ring" r="10" /><circle class="body" r="6.5" /></> }, Key::LegendDuplicate) }
            { item("msg buffered", html! { <circle class="body" r="6.5" /> }, Key::LegendBuffered) }
            if props.suspects {
                { item("node role-suspicious", html! { <g class="suspect-badge"><circle r="10" /><text dy="0.35em">{ "?" }</text></g> }, Key::LegendSuspicious) }
            }
            { item("link down", html! { <><line class="wire" x1="-10" y1="0" x2="10" y2="0" /><path class="cut" d={CUT_GLYPH} /></> }, Key::LegendCut) }
        </ul>
    }
}

/// One entry of a lab's own legend: a node glyph as the cluster view draws it (`class` gives its
/// role or state), a test hook `id`, and its words.
pub fn legend_item(class: &'static str, id: &'static str, glyph: Html, label: &str) -> Html {
    html! {
        <li class={class} data-legend={id}>
            <svg viewBox="-12 -12 24 24" width="22" height="22" aria-hidden="true">{ glyph }</svg>
            <span>{ label.to_string() }</span>
        </li>
    }
}

/// The plain node disc of a legend entry.
pub fn legend_disc() -> Html {
    html! { <circle class="disc" r="8" /> }
}
