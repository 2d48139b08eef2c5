//! A lab page's header: title and subtitle, the node-count choice, the scenario's action count,
//! and whatever else the page adds (its children).

use yew::prelude::*;

use crate::ui::i18n::{t, use_lang, Key};

/// Properties of [`PageHead`].
#[derive(Properties, PartialEq)]
pub struct PageHeadProps {
    /// The page's title.
    pub title: AttrValue,
    /// One line under it.
    pub subtitle: AttrValue,
    /// Node counts offered, each with its label.
    pub choices: Vec<(u32, AttrValue)>,
    /// The node count of the run shown.
    pub count: u32,
    /// A node count was chosen (one of `choices`).
    pub on_count: Callback<u32>,
    /// Actions in the run's scenario.
    pub actions: usize,
    /// More controls, after the action count.
    #[prop_or_default]
    pub children: Html,
}

/// The header of a lab page.
#[component]
pub fn PageHead(props: &PageHeadProps) -> Html {
    let lang = use_lang();
    let onchange = {
        let (on_count, counts) = (props.on_count.clone(), props.choices.iter().map(|c| c.0).collect::<Vec<_>>());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(n) = select.value().parse::<u32>().ok().filter(|n| counts.contains(n)) {
                on_count.emit(n);
            }
        })
    };
    html! {
        <header class="page-head">
            <div>
                <h1>{ props.title.clone() }</h1>
                <p class="subtitle">{ props.subtitle.clone() }</p>
            </div>
            <div class="page-settings">
                <label class="node-count">
                    <span>{ t(lang, Key::NodeCount) }</span>
                    <select data-testid="nodes" {onchange}>
                        { for props.choices.iter().map(|(n, label)| html! {
                            <option value={n.to_string()} selected={*n == props.count}>{ label.clone() }</option>
                        }) }
                    </select>
                </label>
                <span class="action-count" data-testid="action-count" data-value={props.actions.to_string()}>
                    { format!("{}: {}", t(lang, Key::Actions), props.actions) }
                </span>
                { props.children.clone() }
            </div>
        </header>
    }
}
