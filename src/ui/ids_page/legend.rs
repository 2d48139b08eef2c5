//! The IDs legend: what each node outline means (the shell's legend, drawn beside it, explains the
//! messages and cut links).

use yew::prelude::*;

use crate::ui::i18n::ids::{t, Key};
use crate::ui::i18n::use_lang;

/// The legend under the IDs cluster view.
#[component]
pub fn IdsLegend() -> Html {
    let lang = use_lang();
    let item = |role: &'static str, key: Key| {
        html! {
            <li class={classes!("node", format!("role-{role}"))} data-legend={role}>
                <svg viewBox="-12 -12 24 24" width="22" height="22" aria-hidden="true"><circle class="disc" r="9" /></svg>
                <span>{ t(lang, key) }</span>
            </li>
        }
    };
    html! {
        <ul class="legend ids-legend" data-testid="ids-legend">
            { item("app", Key::LegendApp) }
            { item("database", Key::LegendDatabase) }
            { item("redis", Key::LegendRedis) }
            { item("replica", Key::LegendReplica) }
            { item("coordinator", Key::LegendCoordinator) }
            { item("segment_server", Key::LegendSegment) }
            { item("leader", Key::LegendStoreLeader) }
            { item("follower", Key::LegendStoreFollower) }
            <li class="node flagged" data-legend="flagged">
                <svg viewBox="-12 -12 24 24" width="22" height="22" aria-hidden="true"><circle class="halo" r="9" /></svg>
                <span>{ t(lang, Key::LegendFlagged) }</span>
            </li>
        </ul>
    }
}
