//! The clients: each one's state (waiting, holding, in its critical section, paused, done), its
//! fencing token, segment and purchases.

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::locks::view::ClientRow;
use crate::ui::i18n::locks::{lock_word, t, Key};
use crate::ui::i18n::use_lang;

/// Properties of [`ClientsPanel`].
#[derive(Properties, PartialEq)]
pub struct ClientsPanelProps {
    /// The clients.
    pub clients: Rc<Vec<ClientRow>>,
}

/// A table of clients.
#[component]
pub fn ClientsPanel(props: &ClientsPanelProps) -> Html {
    let lang = use_lang();
    html! {
        <section class="panel lock-clients">
            <h2>{ t(lang, Key::Clients) }</h2>
            <ul>
                { for props.clients.iter().map(|c| html! {
                    <li key={c.node} class={classes!("client-row", c.state)} data-testid="client"
                        data-node={c.node.to_string()} data-state={c.state}>
                        <strong>{ format!("N{}", c.node) }</strong>
                        <span class="state-chip">{ lock_word(lang, c.state) }</span>
                        <span>{ format!("{} {}", t(lang, Key::Fence), c.fence.map_or_else(|| "–".to_string(), |f| f.to_string())) }</span>
                        <span>{ format!("{} {}", t(lang, Key::Segment), c.segment) }</span>
                        <span>{ format!("{} {}", t(lang, Key::Bought), c.bought) }</span>
                    </li>
                }) }
            </ul>
        </section>
    }
}
