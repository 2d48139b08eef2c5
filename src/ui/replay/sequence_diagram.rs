//! The sequence (Lamport) diagram: one lifeline per node, time going down, each recent message an
//! arrow from its sender at its send time to its receiver at its delivery, a cross for a drop. When
//! the lab groups its messages ([`crate::sim::Process::message_group`], a global transaction's id
//! say), each group is also a lane: a labelled bar beside the time axis spanning its messages,
//! which selects the group when clicked (its arrows stand out under a band, the others fade).

use std::fmt::Write as _;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::sequence::{Arrow, Fate, SequenceModel};
use super::sequence_labels::{self, Bounds, Placed, Wanted};
use crate::sim::{MsgId, SimTime};
use crate::ui::i18n::replay::{t, Key};
use crate::ui::i18n::{fill, use_lang, Lang};
use crate::ui::shell::format;
use crate::ui::shell::keyed_markup::use_keyed_markup;
use crate::ui::shell::markup::Markup;
use crate::ui::shell::message_dot::message_id_at;

const WIDTH: f64 = 380.0;
const HEIGHT: f64 = 470.0;
/// Room for the node labels above the lifelines.
const HEAD: f64 = 26.0;
/// Room for the time labels left of the first lifeline.
const LEFT: f64 = 58.0;
const RIGHT: f64 = 24.0;
/// The baselines of the time labels at the window's top and bottom, and their type's size (as
/// styles/replay.css sets it, with room for a wider CJK unit).
const TOP_LABEL_Y: f64 = HEAD + 10.0;
const BOTTOM_LABEL_Y: f64 = HEIGHT - 4.0;
const TIME_FONT: f64 = 13.0;
/// Half the size of a drop's cross.
const CROSS: f64 = 5.0;
/// A lane bar's width and the step between lane columns, left of the first lifeline.
const LANE_BAR: f64 = 7.0;
const LANE_STEP: f64 = 9.0;
/// Where the lanes' labels start (right of the last column) and the least room between two.
const LANE_LABEL_X: f64 = 4.0 + LANE_STEP * LANE_COLUMNS as f64 + 1.0;
const LANE_LABEL_GAP: f64 = 10.0;
/// Lane columns; more concurrent groups than this share columns (drawn over each other).
const LANE_COLUMNS: u32 = 4;
/// Colours of the lanes, by group id (the lane's label says the id in words too).
const LANE_HUES: u64 = 6;

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
    /// What one group of messages is called ("global transaction"), if the lab groups them: each
    /// group is then drawn as a lane.
    #[prop_or_default]
    pub group_word: Option<AttrValue>,
    /// The selected group: its arrows stand out, the others fade.
    #[prop_or_default]
    pub selected_group: Option<u64>,
    /// A lane or a grouped arrow was clicked: select its group (`None`: unselect).
    #[prop_or_default]
    pub on_select_group: Callback<Option<u64>>,
}

/// One group of messages as a lane: its id, the times its messages span, its column.
#[derive(Clone, Debug, PartialEq)]
struct Lane {
    group: u64,
    start: SimTime,
    end: SimTime,
    column: u32,
}

/// The lanes of the arrows' groups, oldest first, each in the first column free at its start.
fn lanes(arrows: &[Arrow]) -> Vec<Lane> {
    let mut spans: std::collections::BTreeMap<u64, (SimTime, SimTime)> = std::collections::BTreeMap::new();
    for a in arrows {
        if let Some(g) = a.kind.group {
            let span = spans.entry(g).or_insert((a.sent, a.end));
            *span = (span.0.min(a.sent), span.1.max(a.end));
        }
    }
    let mut lanes: Vec<Lane> =
        spans.into_iter().map(|(group, (start, end))| Lane { group, start, end, column: 0 }).collect();
    lanes.sort_by_key(|l| (l.start, l.group));
    let mut busy_until = [None::<SimTime>; LANE_COLUMNS as usize];
    for (i, lane) in lanes.iter_mut().enumerate() {
        let free = busy_until.iter().position(|b| b.is_none_or(|until| until < lane.start));
        let column = free.unwrap_or(i % LANE_COLUMNS as usize);
        busy_until[column] = Some(lane.end);
        lane.column = column as u32;
    }
    lanes
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

/// How one arrow is drawn: the message, the picture's frame and the emphasis.
#[derive(Clone, PartialEq)]
struct ArrowLook {
    arrow: Arrow,
    /// Lifelines in the picture.
    lanes: u32,
    /// The time origin of the picture's coordinates.
    origin: SimTime,
    /// Virtual time the picture spans.
    span: SimTime,
    highlighted: bool,
    reply: bool,
    /// In the selected group (`Some(true)`), in another group or none while one is selected
    /// (`Some(false)`), or nothing is selected (`None`).
    chosen: Option<bool>,
    lang: Lang,
    /// The label drawn on it, placed by [`sequence_labels::place`]: the kind, with "×n" for a
    /// broadcast (one label per broadcast, on its first arrow, so that four heartbeats sent at
    /// once do not write "HeartbeatHeartbeat").
    label: Option<Placed>,
}

/// One message's arrow as markup: a line from its sender at its send time to its receiver at its
/// delivery (arrowhead), or to where it was dropped (a cross), its kind written along it. The
/// coordinates stay put while the diagram scrolls, so an arrow is written once unless its fate changes.
fn write_arrow(look: &ArrowLook, out: &mut Markup) {
    let arrow = &look.arrow;
    let scale = Scale { lanes: look.lanes, origin: look.origin, span: look.span as f64 };
    let (x1, y1) = (scale.x(arrow.from), scale.y(arrow.sent));
    let x2 = x1 + (scale.x(arrow.to) - x1) * arrow.reach;
    let y2 = scale.y(arrow.end);
    let fate = arrow.fate.as_str();
    out.tag("<g class=\"").tag(&arrow_class(look));
    let _ = write!(out, "\" data-msg-arrow=\"{}\" data-fate=\"{fate}\"", arrow.id);
    if let Some(group) = arrow.kind.group {
        let _ = write!(out, " data-group=\"{group}\"");
    }
    out.tag("><title>");
    let title = fill(
        t(look.lang, Key::ArrowTitle),
        &[
            ("kind", arrow.kind.name),
            ("id", &arrow.id.to_string()),
            ("from", &arrow.from.to_string()),
            ("to", &arrow.to.to_string()),
        ],
    );
    out.text(&title).tag("</title>");
    let ends = format!("x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\"");
    let _ = write!(out, "<line class=\"hit\" {ends}/><line class=\"shaft\" {ends}");
    if arrow.fate == Fate::Delivered {
        out.tag(" marker-end=\"url(#seq-head)\"");
    }
    out.tag("/>");
    if let Fate::Dropped(_) = arrow.fate {
        let _ = write!(
            out,
            "<path class=\"cross\" d=\"M{:.1},{:.1}L{:.1},{:.1}M{:.1},{:.1}L{:.1},{:.1}\"/>",
            x2 - CROSS,
            y2 - CROSS,
            x2 + CROSS,
            y2 + CROSS,
            x2 - CROSS,
            y2 + CROSS,
            x2 + CROSS,
            y2 - CROSS
        );
    }
    if let Some(label) = &look.label {
        let anchor = if label.end { "end" } else { "start" };
        let _ = write!(out, "<text class=\"kind\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">", label.x, label.y);
        out.text(&label.text).tag("</text>");
    }
    out.tag("</g>");
}

/// Properties of [`LaneBar`].
#[derive(Properties, PartialEq)]
struct LaneBarProps {
    lane: Lane,
    word: AttrValue,
    chosen: bool,
    labelled: bool,
    origin: SimTime,
    span: SimTime,
}

/// One lane: a bar over its messages' times, its id beside it (one component each, so that the
/// lanes that did not change are not redrawn).
#[component]
fn LaneBar(props: &LaneBarProps) -> Html {
    let LaneBarProps { lane, word, chosen, labelled, origin, span } = props;
    let scale = Scale { lanes: 0, origin: *origin, span: *span as f64 };
    let (top, bottom) = (scale.y(lane.start), scale.y(lane.end).max(scale.y(lane.start) + 6.0));
    let x = 4.0 + f64::from(lane.column) * LANE_STEP;
    let class = format!("lane hue-{}{}", lane.group % LANE_HUES, if *chosen { " chosen" } else { "" });
    let label_y = top + 8.0;
    html! {
        <g {class} data-group={lane.group.to_string()} data-testid="sequence-lane">
            <title>{ format!("{word} #{}", lane.group) }</title>
            <rect class="bar" x={format!("{x:.1}")} y={format!("{top:.1}")} width={LANE_BAR.to_string()}
                  height={format!("{:.1}", bottom - top)} rx="2" />
            if *labelled {
                <text class="lane-gid" x={LANE_LABEL_X.to_string()} y={format!("{label_y:.1}")}>
                    { format!("#{}", lane.group) }
                </text>
            }
        </g>
    }
}

/// The lanes' bars and labels, and the selected lane's band, in the diagram's coordinates.
fn lane_markup(lanes: &[Lane], word: &str, selected: Option<u64>, origin: SimTime, span: SimTime) -> Html {
    let scale = Scale { lanes: 0, origin, span: span as f64 };
    // A lane's label sits right of the columns at its top, unless it would cover the previous one.
    let mut last_label = f64::NEG_INFINITY;
    let lane_bars: Vec<Html> = lanes
        .iter()
        .map(|lane| {
            let chosen = selected == Some(lane.group);
            let label_y = scale.y(lane.start) + 8.0;
            let labelled = chosen || label_y - last_label >= LANE_LABEL_GAP;
            if labelled {
                last_label = label_y;
            }
            let word = AttrValue::from(word.to_string());
            html! { <LaneBar key={lane.group} lane={lane.clone()} {word} {chosen} {labelled} {origin} {span} /> }
        })
        .collect();
    let band = lanes.iter().find(|l| selected == Some(l.group)).map(|lane| {
        let (top, bottom) = (scale.y(lane.start), scale.y(lane.end));
        html! {
            <rect class={format!("lane-band hue-{}", lane.group % LANE_HUES)} x={(LEFT - 8.0).to_string()}
                  y={format!("{top:.1}")} width={(WIDTH - LEFT - RIGHT + 16.0).to_string()}
                  height={format!("{:.1}", (bottom - top).max(1.0))} />
        }
    });
    html! { <>{ for band }{ for lane_bars.into_iter() }</> }
}

/// The group of the lane or grouped arrow under the pointer, by `data-group`.
fn group_at(e: &MouseEvent) -> Option<u64> {
    let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    target.closest("[data-group]").ok()??.get_attribute("data-group")?.parse().ok()
}

/// An arrow's classes: its fate, reply, emphasis.
fn arrow_class(look: &ArrowLook) -> String {
    let reply = if look.reply { " reply" } else { "" };
    let highlight = if look.highlighted { " highlight" } else { "" };
    let chosen = match look.chosen {
        Some(true) => " chosen",
        Some(false) => " faded",
        None => "",
    };
    format!("seq-arrow {}{reply}{highlight}{chosen}", look.arrow.fate.as_str())
}

/// An arrow drawn in flight that arrived when due, in place: its line already ends where it
/// arrived, so only its classes, `data-fate` and arrowhead change (most arrows, every frame).
fn arrive(old: &ArrowLook, new: &ArrowLook, element: &web_sys::Element) -> bool {
    let arrived = old.arrow.fate == Fate::InFlight
        && new.arrow.fate == Fate::Delivered
        && *new == ArrowLook { arrow: Arrow { fate: Fate::Delivered, ..old.arrow.clone() }, ..old.clone() };
    let Some(shaft) = arrived.then(|| element.query_selector(".shaft").ok().flatten()).flatten() else {
        return false;
    };
    let _ = element.set_attribute("class", &arrow_class(new));
    let _ = element.set_attribute("data-fate", new.arrow.fate.as_str());
    shaft.set_attribute("marker-end", "url(#seq-head)").is_ok()
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
    let onclick = {
        let (on_select, selected) = (props.on_select_group.clone(), props.selected_group);
        Callback::from(move |e: MouseEvent| {
            let group = group_at(&e);
            if group.is_some() {
                on_select.emit(if group == selected { None } else { group });
            }
        })
    };
    let lanes = props.group_word.as_ref().map(|_| lanes(&model.arrows)).unwrap_or_default();
    let lane_count = lanes.len();
    // Lanes keep their coordinates while the diagram scrolls: redrawn only when one changes.
    let lane_markup = use_memo(
        (lanes, props.group_word.clone().unwrap_or_default(), props.selected_group, origin, span),
        |(lanes, word, selected, origin, span)| lane_markup(lanes, word, *selected, *origin, *span),
    );
    let lifelines = (0..model.nodes).map(|node| {
        let x = scale.x(node).to_string();
        html! {
            <g key={node} class="lifeline" data-lifeline={node.to_string()}>
                <text class="lane-label" x={x.clone()} y="16">{ node }</text>
                <line x1={x.clone()} y1={HEAD.to_string()} x2={x} y2={HEIGHT.to_string()} />
            </g>
        }
    });
    // Arrows of one broadcast (same sender, kind and send time) share one label.
    let mut broadcasts = std::collections::BTreeMap::<(u32, SimTime, &'static str), (MsgId, u32)>::new();
    for arrow in &model.arrows {
        broadcasts.entry((arrow.from, arrow.sent, arrow.kind.name)).or_insert((arrow.id, 0)).1 += 1;
    }
    let label_of = |arrow: &Arrow| match broadcasts.get(&(arrow.from, arrow.sent, arrow.kind.name)) {
        Some(&(first, n)) if first == arrow.id && n > 1 => Some(format!("{} ×{n}", arrow.kind.name)),
        Some(&(first, _)) if first == arrow.id => Some(arrow.kind.name.to_string()),
        _ => None,
    };
    // Each label beside its arrow's start, then laid out so that none covers another or leaves
    // the window.
    let wanted = model.arrows.iter().filter_map(|arrow| {
        let text = label_of(arrow)?;
        let (x1, y1) = (scale.x(arrow.from), scale.y(arrow.sent));
        let x2 = x1 + (scale.x(arrow.to) - x1) * arrow.reach;
        let y2 = scale.y(arrow.end);
        let (x, y) = (x1 + (x2 - x1) * 0.12, y1 + (y2 - y1) * 0.12 - 3.0);
        Some(Wanted { id: arrow.id, text, x, y, leftwards: x2 < x1 })
    });
    let bounds = Bounds { width: WIDTH, top: HEAD, bottom: HEIGHT, shift: scale.scroll(model.top) };
    let (top_label, bottom_label) = (format::seconds(lang, model.top), format::seconds(lang, model.bottom));
    // The time labels stay in the window's corners: no arrow label covers them.
    let reserved = [
        sequence_labels::fixed_box(top_label.chars().count(), 4.0, TOP_LABEL_Y, TIME_FONT),
        sequence_labels::fixed_box(bottom_label.chars().count(), 4.0, BOTTOM_LABEL_Y, TIME_FONT),
    ];
    let (mut placed, left_out) = sequence_labels::place(wanted, bounds, &reserved);
    let arrows = model
        .arrows
        .iter()
        .map(|arrow| {
            let look = ArrowLook {
                arrow: arrow.clone(),
                lanes: model.nodes,
                origin,
                span,
                highlighted: props.highlight == Some(arrow.id),
                reply: arrow.kind.is_reply(),
                chosen: props.selected_group.map(|g| arrow.kind.group == Some(g)),
                lang,
                label: placed.remove(&arrow.id),
            };
            (arrow.id, look)
        })
        .collect();
    let drawn = use_node_ref();
    use_keyed_markup(drawn.clone(), arrows, write_arrow, arrive);
    let empty = model.arrows.is_empty().then(|| html! { <p class="hint">{ t(lang, Key::SequenceEmpty) }</p> });
    let crowded = (left_out > 0).then(|| {
        html! {
            <p class="hint seq-left-out" data-testid="labels-left-out">
                { fill(t(lang, Key::LabelsLeftOut), &[("n", &left_out.to_string())]) }
            </p>
        }
    });
    html! {
        <section class="panel sequence-panel">
            <h2>{ t(lang, Key::SequenceTitle) }</h2>
            <svg class="sequence" data-testid="sequence-diagram" data-arrows={model.arrows.len().to_string()}
                 data-labels-left-out={left_out.to_string()}
                 viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-label={t(lang, Key::SequenceLabel)}>
                <defs>
                    <marker id="seq-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
                        <path d="M0,0L10,5L0,10z" />
                    </marker>
                    <clipPath id="seq-plot"><rect x="0" y={HEAD.to_string()} width={WIDTH.to_string()} height={(HEIGHT - HEAD).to_string()} /></clipPath>
                </defs>
                <g class="lanes" clip-path="url(#seq-plot)" data-lanes={lane_count.to_string()} onclick={onclick.clone()}>
                    <g transform={format!("translate(0,{:.1})", scale.scroll(model.top))}>{ (*lane_markup).clone() }</g>
                </g>
                <text class="time-label" x="4" y={TOP_LABEL_Y.to_string()}>{ top_label }</text>
                <text class="time-label" x="4" y={BOTTOM_LABEL_Y.to_string()}>{ bottom_label }</text>
                <g class="lifelines">{ for lifelines }</g>
                <g class="arrows" clip-path="url(#seq-plot)" {onmouseover} {onmouseleave} {onclick}>
                    <g transform={format!("translate(0,{:.1})", scale.scroll(model.top))} ref={drawn} />
                </g>
            </svg>
            { for empty }
            { for crowded }
        </section>
    }
}
