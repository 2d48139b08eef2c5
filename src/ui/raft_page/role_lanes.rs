//! Role lanes: one lane per node over the run's time (a window that grows with the run up to the
//! kept history), coloured by role and lettered (L, C, F) so that the role is not told by colour
//! alone, new terms marked.

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::raft::view::{Segment, LANE_SPAN};
use crate::sim::{secs, SimTime};
use crate::ui::i18n::raft::{t, Key};
use crate::ui::i18n::use_lang;

const WIDTH: f64 = 600.0;
const LANE: f64 = 22.0;
const LABEL: f64 = 34.0;
/// Room for the time axis under the lanes.
const AXIS: f64 = 14.0;

/// The window the lanes show at `now`: the shortest of a few round spans that holds the whole run,
/// so that a minute of demo fills the panel; past [`LANE_SPAN`] it scrolls.
pub fn lane_window(now: SimTime) -> SimTime {
    const SPANS: [SimTime; 7] = [secs(2), secs(5), secs(10), secs(20), secs(30), secs(60), LANE_SPAN];
    SPANS.into_iter().find(|&s| s >= now).unwrap_or(LANE_SPAN)
}

/// A segment's role as a letter, drawn on it when it is wide enough.
fn letter(state: &str) -> &'static str {
    match state {
        "leader" => "L",
        "candidate" => "C",
        "follower" => "F",
        _ => "×",
    }
}

/// Properties of [`RoleLanes`].
#[derive(Properties, PartialEq)]
pub struct RoleLanesProps {
    /// One lane per node.
    pub lanes: Rc<Vec<Vec<Segment>>>,
    /// Virtual time now (the right edge).
    pub now: SimTime,
}

/// How many windows the time origin stays put for: between two moves, scrolling is one transform
/// and only the lanes' last segments change.
const ORIGIN_SPANS: u64 = 4;

/// The lanes, scrolling with the run (a fixed window of [`LANE_SPAN`], now at the right edge).
#[component]
pub fn RoleLanes(props: &RoleLanesProps) -> Html {
    let lang = use_lang();
    let span = lane_window(props.now);
    let start = props.now.saturating_sub(span);
    let origin = start - start % (span * ORIGIN_SPANS);
    let plot = WIDTH - LABEL;
    // Times map to x from `origin`; the plot is shifted so that `start` is at its left edge.
    let x = |t: SimTime| LABEL + (t.saturating_sub(origin) as f64 / span as f64) * plot;
    let scroll = LABEL - x(start);
    let lanes_height = LANE * props.lanes.len() as f64 + 4.0;
    let height = lanes_height + AXIS;
    html! {
        <section class="panel role-lanes" data-testid="role-lanes">
            <h2>{ t(lang, Key::RoleLanes) }</h2>
            <svg viewBox={format!("0 0 {WIDTH} {height}")} class="lanes" role="img" aria-label={t(lang, Key::RoleLanes)}>
                <defs>
                    <clipPath id="lanes-plot"><rect x={LABEL.to_string()} y="0" width={plot.to_string()} height={lanes_height.to_string()} /></clipPath>
                </defs>
                { for (0..props.lanes.len()).map(|node| html! {
                    <text key={format!("label{node}")} class="lane-label" x="2" y={format!("{:.1}", LANE * node as f64 + 2.0 + LANE * 0.7)}>
                        { format!("N{node}") }
                    </text>
                }) }
                <g clip-path="url(#lanes-plot)">
                <g transform={format!("translate({scroll:.1},0)")}>
                { for props.lanes.iter().enumerate().map(|(node, lane)| {
                    let y = LANE * node as f64 + 2.0;
                    html! {
                        <g key={node} class="lane" data-lane={node.to_string()}>
                            { for lane.iter().enumerate().map(|(k, s)| {
                                let end = lane.get(k + 1).map_or(props.now, |n| n.start);
                                let (x0, x1) = (x(s.start.max(origin)), x(end));
                                let new_term = k > 0 && lane[k - 1].term != s.term;
                                html! {
                                    <g key={s.start} class={classes!("seg", s.state.as_str())} data-state={s.state.as_str()} data-term={s.term.to_string()}>
                                        <rect x={format!("{x0:.1}")} y={format!("{:.1}", y + 2.0)} width={format!("{:.1}", (x1 - x0).max(0.5))}
                                              height={format!("{:.1}", LANE - 4.0)} />
                                        if x1 - x0 >= 30.0 {
                                            <text class="role-letter" x={format!("{:.1}", (x0 + x1) / 2.0)} y={format!("{:.1}", y + LANE * 0.7)}>
                                                { letter(s.state.as_str()) }
                                            </text>
                                        }
                                        if new_term && s.start >= origin {
                                            <line class="term-mark" x1={format!("{x0:.1}")} x2={format!("{x0:.1}")}
                                                  y1={format!("{y:.1}")} y2={format!("{:.1}", y + LANE)} />
                                            <text class="term-label" x={format!("{:.1}", x0 + 2.0)} y={format!("{:.1}", y + LANE * 0.72)}>
                                                { s.term }
                                            </text>
                                        }
                                    </g>
                                }
                            }) }
                        </g>
                    }
                }) }
                </g>
                </g>
                <text class="axis-label" x={LABEL.to_string()} y={format!("{:.1}", lanes_height + AXIS - 2.0)}>
                    { crate::ui::shell::format::seconds(lang, start) }
                </text>
                <text class="axis-label end" x={WIDTH.to_string()} y={format!("{:.1}", lanes_height + AXIS - 2.0)}>
                    { crate::ui::shell::format::seconds(lang, start + span) }
                </text>
            </svg>
            <p class="hint">{ t(lang, Key::RoleLanesHint) }</p>
        </section>
    }
}
