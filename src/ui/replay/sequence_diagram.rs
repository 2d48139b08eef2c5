//! The sequence (Lamport) diagram: one lifeline per node, time going down, each recent message an
//! arrow from its sender at its send time to its receiver at its delivery, a cross for a drop.

use std::rc::Rc;

use yew::prelude::*;

use super::sequence::{Arrow, Fate, SequenceModel};
use crate::sim::{MsgId, SimTime};
use crate::ui::i18n::replay::{t, Key};
use crate::ui::i18n::{fill, use_lang};
use crate::ui::shell::format;
use crate::ui::shell::message_dot::message_id_at;

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 380.0;
/// Room for the node labels above the lifelines.
const HEAD: f64 = 26.0;
/// Room for the time labels left of the first lifeline.
const LEFT: f64 = 70.0;
const RIGHT: f64 = 24.0;
/// Half the size of a drop's cross.
const CROSS: f64 = 5.0;

/// Properties of [`SequenceDiagram`].
#[derive(Properties, PartialEq, Clone)]
pub struct SequenceDiagramProps {
    /// What to draw (see [`super::sequence::sequence`]).
    pub model: Rc<SequenceModel>,
    /// The message to emphasise (hovered here or in the cluster view).
    #[prop_or_default]
    pub highlight: Option<MsgId>,
    /// The pointer entered an arrow (`Some(id)`) or left it (`None`).
    #[prop_or_default]
    pub on_hover: Callback<Option<MsgId>>,
    /// Message kinds drawn as replies (the lab names them, e.g. `["Pong"]`).
    #[prop_or_default]
    pub reply_kinds: &'static [&'static str],
}

/// Maps node ids and times to the picture's coordinates. Times are measured from `origin`, which
/// moves only every [`ORIGIN_SPANS`] windows: as the diagram scrolls, one transform moves the
/// arrows and their own coordinates stay put (so a frame patches only the arrows that changed).
struct Scale {
    lanes: u32,
    origin: SimTime,
    span: f64,
}

/// How many windows the time origin stays put for.
const ORIGIN_SPANS: u64 = 64;

impl Scale {
    fn x(&self, node: u32) -> f64 {
        if self.lanes <= 1 {
            return LEFT;
        }
        LEFT + f64::from(node) * (WIDTH - LEFT - RIGHT) / f64::from(self.lanes - 1)
    }

    fn y(&self, t: SimTime) -> f64 {
        HEAD + (t as f64 - self.origin as f64) / self.span * (HEIGHT - HEAD)
    }

    /// The vertical shift that brings time `top` to the top of the plot.
    fn scroll(&self, top: SimTime) -> f64 {
        HEAD - self.y(top)
    }
}

/// A coordinate as SVG text (a tenth of a unit is finer than a pixel here).
fn coord(v: f64) -> String {
    format!("{v:.1}")
}

/// Properties of [`ArrowView`].
#[derive(Properties, PartialEq)]
struct ArrowProps {
    arrow: Arrow,
    /// Lifelines in the picture.
    lanes: u32,
    /// The time origin of the picture's coordinates.
    origin: SimTime,
    /// Virtual time the picture spans.
    span: SimTime,
    highlighted: bool,
    reply: bool,
}

/// One message's arrow: its own component, so that a frame redraws only the arrows that changed
/// (the coordinates stay put while the diagram scrolls).
#[component]
fn ArrowView(props: &ArrowProps) -> Html {
    let lang = use_lang();
    let (arrow, highlighted, reply) = (&props.arrow, props.highlighted, props.reply);
    let scale = Scale { lanes: props.lanes, origin: props.origin, span: props.span as f64 };
    let (x1, y1) = (scale.x(arrow.from), scale.y(arrow.sent));
    let x2 = x1 + (scale.x(arrow.to) - x1) * arrow.reach;
    let y2 = scale.y(arrow.end);
    let id = arrow.id;
    let title = fill(
        t(lang, Key::ArrowTitle),
        &[
            ("kind", arrow.kind),
            ("id", &id.to_string()),
            ("from", &arrow.from.to_string()),
            ("to", &arrow.to.to_string()),
        ],
    );
    let end = match arrow.fate {
        Fate::Dropped(_) => html! {
            <path class="cross" d={format!("M{:.1},{:.1}L{:.1},{:.1}M{:.1},{:.1}L{:.1},{:.1}", x2 - CROSS, y2 - CROSS, x2 + CROSS, y2 + CROSS,
                                           x2 - CROSS, y2 + CROSS, x2 + CROSS, y2 - CROSS)} />
        },
        _ => html! {},
    };
    let head = (arrow.fate == Fate::Delivered).then_some("url(#seq-head)");
    let label_x = x1 + (x2 - x1) * 0.18;
    let label_y = y1 + (y2 - y1) * 0.18 - 3.0;
    let (x1, y1, x2, y2) = (coord(x1), coord(y1), coord(x2), coord(y2));
    html! {
        <g class={classes!("seq-arrow", arrow.fate.as_str(), reply.then_some("reply"), highlighted.then_some("highlight"))}
           data-msg-arrow={id.to_string()} data-fate={arrow.fate.as_str()}>
            <title>{ title }</title>
            <line class="hit" x1={x1.clone()} y1={y1.clone()} x2={x2.clone()} y2={y2.clone()} />
            <line class="shaft" {x1} {y1} {x2} {y2} marker-end={head} />
            { end }
            <text class="kind" x={coord(label_x)} y={coord(label_y)}>{ arrow.kind }</text>
        </g>
    }
}

/// The diagram of recent messages, scrolling with the run (now is at the bottom).
#[component]
pub fn SequenceDiagram(props: &SequenceDiagramProps) -> Html {
    let lang = use_lang();
    let model = &props.model;
    let span = model.bottom.saturating_sub(model.top).max(1);
    let origin = model.top - model.top % (span * ORIGIN_SPANS);
    let scale = Scale { lanes: model.nodes, origin, span: span as f64 };
    // One set of listeners for every arrow, found by `data-msg-arrow`.
    let hovered = use_mut_ref(|| None::<MsgId>);
    let onmouseover = {
        let (on_hover, hovered) = (props.on_hover.clone(), hovered.clone());
        Callback::from(move |e: MouseEvent| {
            let id = message_id_at(&e, "data-msg-arrow");
            if *hovered.borrow() != id {
                *hovered.borrow_mut() = id;
                on_hover.emit(id);
            }
        })
    };
    let onmouseleave = {
        let on_hover = props.on_hover.clone();
        Callback::from(move |_: MouseEvent| {
            if hovered.borrow_mut().take().is_some() {
                on_hover.emit(None);
            }
        })
    };
    let lifelines = (0..model.nodes).map(|node| {
        let x = scale.x(node).to_string();
        html! {
            <g key={node} class="lifeline" data-lifeline={node.to_string()}>
                <text class="lane-label" x={x.clone()} y="16">{ node }</text>
                <line x1={x.clone()} y1={HEAD.to_string()} x2={x} y2={HEIGHT.to_string()} />
            </g>
        }
    });
    let arrows = model.arrows.iter().map(|arrow| {
        html! {
            <ArrowView key={arrow.id} arrow={arrow.clone()} lanes={model.nodes} {origin} {span}
                       highlighted={props.highlight == Some(arrow.id)} reply={props.reply_kinds.contains(&arrow.kind)} />
        }
    });
    let empty = model.arrows.is_empty().then(|| html! { <p class="hint">{ t(lang, Key::SequenceEmpty) }</p> });
    html! {
        <section class="panel sequence-panel">
            <h2>{ t(lang, Key::SequenceTitle) }</h2>
            <svg class="sequence" data-testid="sequence-diagram" data-arrows={model.arrows.len().to_string()}
                 viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-label={t(lang, Key::SequenceLabel)}>
                <defs>
                    <marker id="seq-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
                        <path d="M0,0L10,5L0,10z" />
                    </marker>
                    <clipPath id="seq-plot"><rect x="0" y={HEAD.to_string()} width={WIDTH.to_string()} height={(HEIGHT - HEAD).to_string()} /></clipPath>
                </defs>
                <text class="time-label" x="4" y={(HEAD + 10.0).to_string()}>{ format::seconds(model.top) }</text>
                <text class="time-label" x="4" y={(HEIGHT - 4.0).to_string()}>{ format::seconds(model.bottom) }</text>
                <g class="lifelines">{ for lifelines }</g>
                <g class="arrows" clip-path="url(#seq-plot)" {onmouseover} {onmouseleave}>
                    <g transform={format!("translate(0,{:.1})", scale.scroll(model.top))}>{ for arrows }</g>
                </g>
            </svg>
            { for empty }
        </section>
    }
}
