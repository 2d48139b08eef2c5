//! The node list: every node's state with kill / restart / pause / resume buttons reachable without selecting.

use std::rc::Rc;

use yew::prelude::*;

use super::buttons::fault_button_if;
use super::fault::Fault;
use super::palette;
use crate::lab::view::NodeModel;
use crate::sim::{Action, NodeId, NodeStatus};
use crate::ui::i18n::{status_name, t, use_lang, Key};

/// Properties of [`NodeList`].
#[derive(Properties, PartialEq)]
pub struct NodeListProps {
    /// The nodes, in id order.
    pub nodes: Rc<Vec<NodeModel>>,
    /// The inspected node.
    pub selected: Option<NodeId>,
    /// A node's name was clicked.
    pub on_select: Callback<NodeId>,
    /// A button asked for a fault.
    pub on_fault: Callback<Fault>,
    /// One more button per running node, if the lab wants one: label, test id prefix, what it does.
    #[prop_or_default]
    pub extra: Option<(AttrValue, &'static str, Callback<NodeId>)>,
}

/// One row per node.
#[component]
pub fn NodeList(props: &NodeListProps) -> Html {
    let lang = use_lang();
    html! {
        <section class="panel node-list">
            <h2>{ t(lang, Key::Nodes) }</h2>
            <ul>
                { for props.nodes.iter().map(|node| {
                    let id = node.id;
                    let select = props.on_select.reform(move |_: MouseEvent| id);
                    let up_or_paused = node.status != NodeStatus::Down;
                    let buttons = [
                        (Key::Kill, "kill", up_or_paused, Action::Crash { node: id }),
                        (Key::Restart, "restart", node.status == NodeStatus::Down, Action::Restart { node: id }),
                        (Key::PauseNode, "pause", node.status == NodeStatus::Up, Action::Pause { node: id }),
                        (Key::ResumeNode, "resume", node.status == NodeStatus::Paused, Action::Resume { node: id }),
                    ];
                    html! {
                        <li key={id} class={classes!("node-row", node.status.as_str(), (props.selected == Some(id)).then_some("selected"))}
                            data-row={id.to_string()}>
                            <button type="button" class="node-name" data-testid={format!("select-{id}")} onclick={select}>
                                <span class="swatch" style={format!("background:{}", palette::fill(id))} />
                                { format!("{} {id}", t(lang, Key::Node)) }
                            </button>
                            <span class={classes!("status", node.status.as_str())}>{ status_name(lang, node.status) }</span>
                            <span class="row-buttons">
                                { for buttons.into_iter().map(|(key, name, enabled, fault)| {
                                    fault_button_if(enabled, t(lang, key), format!("{name}-{id}"), "", fault, &props.on_fault)
                                }) }
                                if let Some((label, prefix, action)) = &props.extra {
                                    <button type="button" class="btn" data-testid={format!("{prefix}-{id}")} disabled={!up_or_paused}
                                            onclick={action.reform(move |_: MouseEvent| id)}>{ label.clone() }</button>
                                }
                            </span>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
