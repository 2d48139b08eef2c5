//! The network counters: sent, delivered, lost, dropped (by cause), duplicated, reordered.

use yew::prelude::*;

use crate::sim::NetStats;
use crate::ui::i18n::{t, use_lang, Key};

/// Properties of [`Counters`].
#[derive(Properties, PartialEq)]
pub struct CountersProps {
    /// The counts.
    pub stats: NetStats,
}

/// A row of labelled numbers; each carries `data-testid="counter-<name>"` and `data-value`.
#[component]
pub fn Counters(props: &CountersProps) -> Html {
    let lang = use_lang();
    let s = props.stats;
    let items = [
        ("sent", Key::Sent, s.sent),
        ("delivered", Key::Delivered, s.delivered),
        ("lost", Key::Lost, s.lost),
        ("dropped-link", Key::DroppedLink, s.dropped_link),
        ("dropped-node", Key::DroppedNode, s.dropped_node),
        ("dropped-manual", Key::DroppedManual, s.dropped_manual),
        ("duplicated", Key::Duplicated, s.duplicated),
        ("reordered", Key::Reordered, s.reordered),
    ];
    html! {
        <section class="panel counters">
            <h2>{ t(lang, Key::Counters) }</h2>
            <dl>
                { for items.iter().map(|&(name, key, value)| html! {
                    <div class={classes!("counter", name)} data-testid={format!("counter-{name}")} data-value={value.to_string()}>
                        <dt>{ t(lang, key) }</dt>
                        <dd>{ value }</dd>
                    </div>
                }) }
            </dl>
        </section>
    }
}
