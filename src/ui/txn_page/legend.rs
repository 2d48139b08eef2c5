//! The transactions legend: the roles drawn distinctly (the TX Manager, the broker, the services,
//! the application), paused and flagged nodes, and the frozen part of a holding.

use yew::prelude::*;

use crate::ui::i18n::txn::{t, Key};
use crate::ui::i18n::use_lang;
use crate::ui::shell::legend::{legend_disc, legend_item};

/// The legend under the transactions cluster view.
#[component]
pub fn TxnLegend() -> Html {
    let lang = use_lang();
    let item = |class, id, glyph, key| legend_item(class, id, glyph, t(lang, key));
    let disc = legend_disc;
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
