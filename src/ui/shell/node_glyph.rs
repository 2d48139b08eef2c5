//! One node of the cluster view: a coloured disc with its id, greyed and crossed when down, a pause glyph when paused.

use yew::prelude::*;

use super::buttons::on_activate_key;
use super::geometry::{node_center, NODE_RADIUS};
use super::palette;
use crate::lab::view::NodeModel;
use crate::sim::{NodeId, NodeStatus};
use crate::ui::i18n::{self, use_lang, Key};

/// Properties of [`NodeGlyph`].
#[derive(Properties, PartialEq)]
pub struct NodeGlyphProps {
    /// The node.
    pub node: NodeModel,
    /// Nodes in the cluster (for the ring position).
    pub count: u32,
    /// Whether it is shown in the inspector.
    pub selected: bool,
    /// Clicked.
    pub on_select: Callback<NodeId>,
}

/// A node on the ring.
#[component]
pub fn NodeGlyph(props: &NodeGlyphProps) -> Html {
    let lang = use_lang();
    let node = &props.node;
    let id = node.id;
    let at = node_center(id, props.count);
    let state = node.status.as_str();
    let (fill, ink) = match node.status {
        NodeStatus::Down => ("#c9c9c9", "#555555"),
        _ => (palette::fill(id), palette::ink(id)),
    };
    let select = props.on_select.reform(move |()| id);
    let onclick = select.reform(|_: MouseEvent| ());
    let onkeydown = on_activate_key(select);
    let title = format!("{} {id} · {}", i18n::t(lang, Key::Node), i18n::status_name(lang, node.status));
    let r = NODE_RADIUS;
    html! {
        <g class={classes!("node", format!("state-{state}"), format!("role-{}", node.role), props.selected.then_some("selected"))}
           data-node={id.to_string()} data-role={node.role} data-state={state}
           transform={format!("translate({:.1},{:.1})", at.x, at.y)}
           tabindex="0" role="button" aria-label={title.clone()} {onclick} {onkeydown}>
            <title>{ title }</title>
            <circle class="halo" r={(r + 7.0).to_string()} />
            <circle class="disc" r={r.to_string()} fill={fill} />
            if node.status == NodeStatus::Down {
                <path class="cross" d={format!("M{a},{a}L{b},{b}M{b},{a}L{a},{b}", a = -r * 0.7, b = r * 0.7)} />
            }
            <text class="label" dy="0.35em" fill={ink}>{ id }</text>
            if node.status == NodeStatus::Paused {
                <g class="pause-badge" transform={format!("translate({:.1},{:.1})", r * 0.8, -r * 0.8)}>
                    <circle r="12" />
                    <rect x="-6" y="-7" width="4" height="14" />
                    <rect x="2" y="-7" width="4" height="14" />
                </g>
            }
            if node.role == "suspicious" {
                <g class="suspect-badge" transform={format!("translate({:.1},{:.1})", -r * 0.8, -r * 0.8)}>
                    <circle r="12" />
                    <text dy="0.35em">{ "?" }</text>
                </g>
            }
            { for node.lines.iter().enumerate().map(|(i, line)| html! {
                <text class="line" y={format!("{:.0}", r + 18.0 + 16.0 * i as f64)}>{ i18n::note_text(lang, line) }</text>
            }) }
        </g>
    }
}
