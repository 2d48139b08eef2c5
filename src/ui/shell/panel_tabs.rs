//! The lab's other panels, one click away: a row of tabs, one panel shown at a time. Every panel
//! stays mounted (hidden when not chosen), so that its state and its hooks survive a switch.

use yew::prelude::*;

/// One tab and its panel.
#[derive(Clone, PartialEq)]
pub struct Tab {
    /// Stable id (`data-testid="tab-<id>"`, the panel's element id).
    pub id: &'static str,
    /// The tab's label, in the page's language.
    pub label: AttrValue,
    /// What the panel holds.
    pub content: Html,
}

/// Properties of [`PanelTabs`].
#[derive(Properties, PartialEq)]
pub struct PanelTabsProps {
    /// The tabs, in order; the first is shown first.
    pub tabs: Vec<Tab>,
    /// A tab to bring forward when this changes to it (a lesson shows the panel it is about).
    #[prop_or_default]
    pub show: Option<&'static str>,
}

/// The tab row and the chosen panel.
#[component]
pub fn PanelTabs(props: &PanelTabsProps) -> Html {
    let first = props.tabs.first().map_or("", |t| t.id);
    let chosen = use_state(|| first);
    {
        let chosen = chosen.clone();
        use_effect_with(props.show, move |show| {
            if let Some(id) = *show {
                chosen.set(id);
            }
        });
    }
    html! {
        <section class="panel-tabs" data-testid="panel-tabs">
            <div class="tab-row" role="tablist">
                { for props.tabs.iter().map(|tab| {
                    let selected = *chosen == tab.id;
                    let onclick = {
                        let (chosen, id) = (chosen.clone(), tab.id);
                        Callback::from(move |_: MouseEvent| chosen.set(id))
                    };
                    html! {
                        <button type="button" role="tab" class={classes!("tab", selected.then_some("chosen"))}
                                id={format!("tab-{}", tab.id)} data-testid={format!("tab-{}", tab.id)}
                                aria-selected={selected.to_string()} aria-controls={format!("tabpanel-{}", tab.id)}
                                {onclick}>
                            { tab.label.clone() }
                        </button>
                    }
                }) }
            </div>
            { for props.tabs.iter().map(|tab| html! {
                <div class="tab-panel" role="tabpanel" id={format!("tabpanel-{}", tab.id)}
                     aria-labelledby={format!("tab-{}", tab.id)} hidden={*chosen != tab.id}>
                    { tab.content.clone() }
                </div>
            }) }
        </section>
    }
}
