//! One node of the cluster view: a coloured shape (by role) with its id, greyed and crossed when down, a pause
//! glyph when paused, an optional draining election-timer arc.

use yew::prelude::*;

use super::buttons::on_activate_key;
use super::geometry::{node_center, node_radius};
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
    /// Fraction of an election timer left, drawn as a draining arc around the node.
    #[prop_or_default]
    pub timer: Option<f64>,
    /// Named in an invariant violation: drawn with a warning ring.
    #[prop_or_default]
    pub flagged: bool,
}

/// The node's outline: a rounded square for a leader, a hexagon for a candidate or a pre-candidate
/// (the latter dashed, by CSS on `data-role`), a disc otherwise.
fn body(role: &str, r: f64, fill: &'static str) -> Html {
    match role {
        "leader" => html! {
            <rect class="disc" x={(-r).to_string()} y={(-r).to_string()} width={(2.0 * r).to_string()}
                  height={(2.0 * r).to_string()} rx="7" fill={fill} />
        },
        "candidate" | "pre_candidate" => {
            let points: Vec<String> = (0..6)
                .map(|k| {
                    let a = std::f64::consts::FRAC_PI_3 * f64::from(k);
                    format!("{:.1},{:.1}", r * 1.08 * a.cos(), r * 1.08 * a.sin())
                })
                .collect();
            html! { <polygon class="disc" points={points.join(" ")} fill={fill} /> }
        }
        _ => html! { <circle class="disc" r={r.to_string()} fill={fill} /> },
    }
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
    let lines: Vec<String> = node.lines.iter().map(|line| i18n::note_text(lang, line)).collect();
    let title = format!("{} {id} · {}", i18n::t(lang, Key::Node), i18n::status_name(lang, node.status));
    // The accessible name holds the visible text (the id, then the lines under it) in reading order.
    let name =
        format!("{} {id} {} · {}", i18n::t(lang, Key::Node), lines.join(" "), i18n::status_name(lang, node.status));
    let r = node_radius(props.count);
    html! {
        <g class={classes!("node", format!("state-{state}"), format!("role-{}", node.role), props.selected.then_some("selected"), props.flagged.then_some("flagged"))}
           data-node={id.to_string()} data-role={node.role} data-state={state}
           data-term={node.term.map(|t| t.to_string())}
           transform={format!("translate({:.1},{:.1})", at.x, at.y)}
           tabindex="0" role="button" aria-label={name} {onclick} {onkeydown}>
            <title>{ title }</title>
            <circle class="halo" r={(r + 7.0).to_string()} />
            if let Some(left) = props.timer {
                <circle class="timer" r={(r + 9.0).to_string()} pathLength="1" transform="rotate(-90)"
                        stroke-dasharray={format!("{:.3} 1", left.clamp(0.0, 1.0))} data-timer={format!("{left:.2}")} />
            }
            { body(node.role, r, fill) }
            if node.status == NodeStatus::Down {
                <path class="cross" d={format!("M{a},{a}L{b},{b}M{b},{a}L{a},{b}", a = -r * 0.7, b = r * 0.7)} />
            }
            // Each text ends with a space (not drawn): read together, the texts stay separate words.
            <text class="label" dy="0.35em" fill={ink}>{ format!("{id} ") }</text>
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
            { for lines.into_iter().enumerate().map(|(i, line)| html! {
                // Spaced in ems, so that the lines stay apart when presentation mode enlarges them.
                <text class="line" y={format!("{:.0}", r + 6.0)} dy={format!("{:.2}em", 1.0 + 1.25 * i as f64)}>
                    { format!("{line} ") }
                </text>
            }) }
        </g>
    }
}
