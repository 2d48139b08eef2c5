//! The cluster view: nodes on a ring, every link direction, messages in flight and recent drops, in SVG.

use std::rc::Rc;

use yew::prelude::*;

use super::fault::Fault;
use super::geometry::{DENSE_FROM, VIEW_SIZE};
use super::link_line::LinkLine;
use super::message_dot::{DropCross, MessageDot};
use super::node_glyph::NodeGlyph;
use crate::lab::view::{ClusterModel, MessageModel};
use crate::sim::{MsgId, NodeId};
use crate::ui::i18n::{t, use_lang, Key};

/// Properties of [`ClusterView`].
#[derive(Properties, PartialEq)]
pub struct ClusterViewProps {
    /// What to draw.
    pub model: Rc<ClusterModel>,
    /// Message kinds drawn as replies (the lab names them, e.g. `["Pong"]`).
    pub reply_kinds: &'static [&'static str],
    /// The inspected node.
    pub selected: Option<NodeId>,
    /// A node was clicked.
    pub on_select: Callback<NodeId>,
    /// A link or a message was clicked.
    pub on_fault: Callback<Fault>,
    /// The message to draw emphasised, if any.
    #[prop_or_default]
    pub highlight: Option<MsgId>,
    /// The mouse entered (`Some`) or left (`None`) a message.
    #[prop_or_default]
    pub on_hover_message: Callback<Option<MsgId>>,
    /// When set, clicking a message inspects it instead of dropping it.
    #[prop_or_default]
    pub on_inspect_message: Option<Callback<MsgId>>,
    /// Per node id, the fraction of its election timer left (drawn as an arc), if the lab has one.
    #[prop_or_default]
    pub timers: Rc<Vec<Option<f64>>>,
    /// Per message of `model.messages`, same order: a label and its tone ("ok", "fail", "").
    #[prop_or_default]
    pub tags: Rc<Vec<(String, &'static str)>>,
    /// Nodes to flag (named in an invariant violation).
    #[prop_or_default]
    pub flagged: Rc<Vec<NodeId>>,
}

/// The whole cluster as one SVG picture (messages waiting at a paused node sit under its badges).
#[component]
pub fn ClusterView(props: &ClusterViewProps) -> Html {
    let lang = use_lang();
    let model = &props.model;
    let count = model.nodes.len() as u32;
    let dot = |(i, message): (usize, &MessageModel)| {
        html! {
            <MessageDot key={message.id} message={message.clone()} {count}
                        reply={props.reply_kinds.contains(&message.kind)} on_fault={props.on_fault.clone()}
                        tag={props.tags.get(i).cloned()} highlighted={props.highlight == Some(message.id)}
                        on_hover={props.on_hover_message.clone()} on_inspect={props.on_inspect_message.clone()} />
        }
    };
    html! {
        <svg class={classes!("cluster", (count >= DENSE_FROM).then_some("dense"))} viewBox={format!("0 0 {VIEW_SIZE} {VIEW_SIZE}")} role="group"
             aria-label={t(lang, Key::ClusterLabel)}>
            <defs>
                <marker id="arrow-up" class="arrow up" viewBox="0 0 10 10" refX="9" refY="5"
                        markerWidth="6" markerHeight="6" orient="auto">
                    <path d="M0,0L10,5L0,10z" />
                </marker>
                <marker id="arrow-down" class="arrow down" viewBox="0 0 10 10" refX="9" refY="5"
                        markerWidth="6" markerHeight="6" orient="auto">
                    <path d="M0,0L10,5L0,10z" />
                </marker>
            </defs>
            <g class="links">
                { for model.links.iter().map(|&link| html! {
                    <LinkLine key={format!("{}-{}", link.from, link.to)} {link} {count} on_fault={props.on_fault.clone()} />
                }) }
            </g>
            <g class="drops">
                { for model.drops.iter().map(|mark| html! {
                    <DropCross key={mark.id} mark={mark.clone()} {count} />
                }) }
            </g>
            <g class="waiting">
                { for model.messages.iter().enumerate().filter(|(_, m)| m.buffered).map(dot) }
            </g>
            <g class="nodes">
                { for model.nodes.iter().map(|node| html! {
                    <NodeGlyph key={node.id} node={node.clone()} {count} selected={props.selected == Some(node.id)}
                               on_select={props.on_select.clone()} timer={props.timers.get(node.id as usize).copied().flatten()}
                               flagged={props.flagged.contains(&node.id)} />
                }) }
            </g>
            <g class="messages">
                { for model.messages.iter().enumerate().filter(|(_, m)| !m.buffered).map(dot) }
            </g>
        </svg>
    }
}
