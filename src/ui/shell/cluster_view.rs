//! The cluster view: nodes on a ring, every link direction, messages in flight and recent drops, in SVG.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, SvgElement};
use yew::prelude::*;

use super::fault::Fault;
use super::geometry::{DENSE_FROM, VIEW_SIZE};
use super::link_line::LinkLine;
use super::message_dot::{message_at, DropCross};
use super::message_layer::{use_message_layer, MessageDraw};
use super::node_glyph::NodeGlyph;
use super::roving;
use crate::lab::view::{ClusterModel, LinkModel};
use crate::sim::{Action, MsgId, NodeId};
use crate::ui::i18n::{t, use_lang, Key};

/// Properties of [`ClusterView`].
#[derive(Properties, PartialEq)]
pub struct ClusterViewProps {
    /// What to draw.
    pub model: Rc<ClusterModel>,
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
    // Messages are drawn by hand into two groups (waiting ones under the nodes, moving ones above).
    let draw = MessageDraw { model: model.clone(), tags: props.tags.clone(), count, highlight: props.highlight };
    let (waiting, moving) = (use_node_ref(), use_node_ref());
    use_message_layer(waiting.clone(), draw.clone(), true);
    use_message_layer(moving.clone(), draw, false);
    // One set of listeners for every message (they are plain markup): found by `data-msg`.
    let onclick = {
        let (on_fault, on_inspect) = (props.on_fault.clone(), props.on_inspect_message.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(id) = message_at(&e) else { return };
            e.stop_propagation();
            match &on_inspect {
                Some(inspect) => inspect.emit(id),
                None => on_fault.emit(Action::DropMessage { id }),
            }
        })
    };
    let hovered = use_mut_ref(|| None::<MsgId>);
    let onmouseover = {
        let (on_hover, hovered) = (props.on_hover_message.clone(), hovered.clone());
        Callback::from(move |e: MouseEvent| {
            let id = message_at(&e);
            if *hovered.borrow() != id {
                *hovered.borrow_mut() = id;
                on_hover.emit(id);
            }
        })
    };
    let onmouseleave = {
        let on_hover = props.on_hover_message.clone();
        Callback::from(move |_: MouseEvent| {
            if hovered.borrow_mut().take().is_some() {
                on_hover.emit(None);
            }
        })
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
            <Links links={Rc::new(model.links.clone())} {count} on_fault={props.on_fault.clone()} />
            <g class="drops">
                { for model.drops.iter().map(|mark| html! {
                    <DropCross key={mark.id} mark={mark.clone()} {count} />
                }) }
            </g>
            <g class="waiting" ref={waiting} onclick={onclick.clone()} onmouseover={onmouseover.clone()} onmouseleave={onmouseleave.clone()} />
            <g class="nodes">
                { for model.nodes.iter().map(|node| html! {
                    <NodeGlyph key={node.id} node={node.clone()} {count} selected={props.selected == Some(node.id)}
                               on_select={props.on_select.clone()} timer={props.timers.get(node.id as usize).copied().flatten()}
                               flagged={props.flagged.contains(&node.id)} />
                }) }
            </g>
            <g class="messages" ref={moving} {onclick} {onmouseover} {onmouseleave} />
        </svg>
    }
}

/// Properties of [`Links`].
#[derive(Properties, PartialEq)]
struct LinksProps {
    links: Rc<Vec<LinkModel>>,
    count: u32,
    on_fault: Callback<Fault>,
}

/// Every link direction; redrawn only when a link changes (at 25 nodes there are 600). The group
/// is one Tab stop: the arrow keys move between directions (a page's nodes come next, not after
/// twenty links).
#[component]
fn Links(props: &LinksProps) -> Html {
    let lang = use_lang();
    let active = use_state(|| 0usize);
    let group = use_node_ref();
    let onkeydown = {
        let (active, group, len) = (active.clone(), group.clone(), props.links.len());
        Callback::from(move |e: KeyboardEvent| {
            let Some(next) = roving::step(&e.key(), *active, len) else { return };
            e.prevent_default();
            active.set(next);
            let target = group.cast::<Element>().and_then(|g| g.children().item(next as u32));
            if let Some(target) = target.and_then(|t| t.dyn_into::<SvgElement>().ok()) {
                let _ = target.focus();
            }
        })
    };
    // A link focused by the pointer or by Tab becomes the group's Tab stop.
    let onfocusin = {
        let (active, links) = (active.clone(), props.links.clone());
        Callback::from(move |e: FocusEvent| {
            let Some(name) = e.target_dyn_into::<Element>().and_then(|t| t.get_attribute("data-link")) else { return };
            if let Some(at) = links.iter().position(|l| format!("{}-{}", l.from, l.to) == name) {
                active.set(at);
            }
        })
    };
    let stop = (*active).min(props.links.len().saturating_sub(1));
    html! {
        <g class="links" ref={group} role="group" aria-label={t(lang, Key::LinksLabel)} {onkeydown} {onfocusin}>
            { for props.links.iter().enumerate().map(|(at, &link)| html! {
                <LinkLine key={format!("{}-{}", link.from, link.to)} {link} count={props.count} on_fault={props.on_fault.clone()}
                          tab_stop={at == stop} />
            }) }
        </g>
    }
}
