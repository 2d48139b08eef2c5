//! The Raft lab page (being built).

use yew::prelude::*;

/// The Raft lab page.
#[component]
pub fn RaftPage() -> Html {
    html! { <main class="raft-page" data-testid="raft-page" /> }
}
