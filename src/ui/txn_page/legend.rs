//! The transactions legend: the roles drawn distinctly (the TX Manager, the broker, the services,
//! the application), paused and flagged nodes, and the frozen part of a holding.

use yew::prelude::*;

use crate::ui::i18n::txn::{t, Key};
use crate::ui::i18n::use_lang;

/// The legend under the transactions cluster view.
#[component]
pub fn TxnLegend() -> Html {
    let lang = use_lang();
    let item = |class: &'static str, id: &'static str, glyph: Html, key: Key| {
        html! {
            <li class={class} data-legend={id}>
                <svg viewBox="-12 -12 24 24" width="22" height="22" aria-hidden="true">{ glyph }</svg>
                <span>{ t(lang, key) }</span>
            </li>
        }
    };
    let disc = || html! { <circle class="disc" r="8" /> };
    html! {
        <ul class="legend txn-legend" data-testid="txn-legend">
            { item("node role-tx_manager", "manager", disc(), Key::LegendManager) }
            { item("node role-broker", "broker", disc(), Key::LegendBroker) }
            { item("node role-account_service", "service", disc(), Key::LegendService) }
            { item("node role-application", "application", disc(), Key::LegendApp) }
            { item("node state-paused", "paused", disc(), Key::LegendPaused) }
            { item("node flagged", "flagged", html! { <circle class="halo" r="9" /> }, Key::LegendFlagged) }
            { item("frozen", "frozen", html! { <rect class="frozen-glyph" x="-10" y="-4" width="20" height="8" /> }, Key::LegendFrozenBar) }
        </ul>
    }
}
