//! The configuration-center legend: exactly the marks the page draws for its nodes (CP roles, AP
//! members, clients, down and flagged nodes), the partition line and a copy behind the newest version.

use yew::prelude::*;

use crate::ui::i18n::config::{t, Key};
use crate::ui::i18n::use_lang;
use crate::ui::shell::legend::{legend_disc, legend_item};

/// The legend under the cluster view, and the page's simplifications.
#[component]
pub fn ConfigLegend() -> Html {
    let lang = use_lang();
    let item = |class, id, glyph, key| legend_item(class, id, glyph, t(lang, key));
    let disc = legend_disc;
    html! {
        <>
            <ul class="legend config-legend" data-testid="config-legend">
                { item("node role-leader", "leader", html! { <rect class="disc" x="-8" y="-8" width="16" height="16" rx="4" /> }, Key::LegendLeader) }
                { item("node role-follower", "follower", disc(), Key::LegendFollower) }
                { item("node role-candidate", "candidate", html! { <polygon class="disc" points="8.6,0 4.3,7.5 -4.3,7.5 -8.6,0 -4.3,-7.5 4.3,-7.5" /> }, Key::LegendCandidate) }
                { item("node role-distro_member", "distro", disc(), Key::LegendDistro) }
                { item("node role-config_client", "client", disc(), Key::LegendClient) }
                { item("node state-down", "down", disc(), Key::LegendDown) }
                { item("node state-paused", "paused", html! {
                    <><circle class="disc" r="8" /><g class="pause-badge" transform="scale(0.55)"><circle r="12" /><rect x="-6" y="-7" width="4" height="14" /><rect x="2" y="-7" width="4" height="14" /></g></>
                }, Key::LegendPaused) }
                { item("node flagged", "flagged", html! { <circle class="halo" r="9" /> }, Key::LegendFlagged) }
                { item("side-line", "partition-line", html! { <line x1="0" y1="-10" x2="0" y2="10" /> }, Key::LegendSideLine) }
                { item("behind", "behind", html! { <rect x="-10" y="-6" width="20" height="12" rx="2" /> }, Key::LegendStale) }
            </ul>
            <p class="hint simplified" data-testid="simplified">{ t(lang, Key::Simplified) }</p>
        </>
    }
}
