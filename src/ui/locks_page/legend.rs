//! The locks legend: what the node outlines, the queue's arrows, the TTL bars and the red bars mean
//! (the shell's legend, drawn beside it, explains the messages and cut links).

use yew::prelude::*;

use crate::lock::Service;
use crate::ui::i18n::locks::{t, Key};
use crate::ui::i18n::use_lang;

/// Properties of [`LocksLegend`].
#[derive(Properties, PartialEq)]
pub struct LocksLegendProps {
    /// The lock service of the run: the legend lists only the marks it draws.
    pub service: Service,
}

/// The legend under the locks cluster view: the marks of this run's service only (etcd's leader
/// and followers for etcd, the queue's watch arrows for etcd and ZooKeeper).
#[component]
pub fn LocksLegend(props: &LocksLegendProps) -> Html {
    let (etcd, queue) = (props.service == Service::Etcd, props.service != Service::Redis);
    let lang = use_lang();
    let item = |class: &'static str, glyph: Html, key: Key| {
        html! {
            <li class={class} data-legend={key_id(key)}>
                <svg viewBox="-12 -12 24 24" width="22" height="22" aria-hidden="true">{ glyph }</svg>
                <span>{ t(lang, key) }</span>
            </li>
        }
    };
    let disc = || html! { <circle class="disc" r="9" /> };
    html! {
        <ul class="legend locks-legend" data-testid="locks-legend">
            { item("node role-storage", disc(), Key::LegendStorage) }
            if etcd {
                { item("node role-leader", html! { <rect class="disc" x="-9" y="-9" width="18" height="18" rx="3" /> }, Key::LegendEtcdLeader) }
                { item("node role-follower", disc(), Key::LegendEtcdFollower) }
            } else {
                { item("node role-redis", disc(), Key::LegendServer) }
            }
            { item("node role-client", disc(), Key::LegendClient) }
            { item("node state-paused", disc(), Key::LegendPaused) }
            { item("node flagged", html! { <circle class="halo" r="9" /> }, Key::LegendFlagged) }
            if queue {
                { item("arrow", html! { <text class="glyph" dy="0.35em" text-anchor="middle">{ "⟵" }</text> }, Key::LegendWatch) }
            }
            { item("ttl", html! { <rect class="ttl-glyph" x="-10" y="-3" width="14" height="6" /> }, Key::LegendTtl) }
            { item("overlap", html! { <rect class="overlap-glyph" x="-10" y="-4" width="20" height="8" /> }, Key::LegendOverlap) }
        </ul>
    }
}

/// A stable hook for each legend entry.
fn key_id(key: Key) -> &'static str {
    match key {
        Key::LegendStorage => "storage",
        Key::LegendServer => "server",
        Key::LegendEtcdLeader => "etcd-leader",
        Key::LegendEtcdFollower => "etcd-follower",
        Key::LegendClient => "client",
        Key::LegendPaused => "paused",
        Key::LegendFlagged => "flagged",
        Key::LegendWatch => "watch",
        Key::LegendTtl => "ttl",
        _ => "overlap",
    }
}
