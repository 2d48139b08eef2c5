//! Role lanes: one lane per node over the last seconds of virtual time, coloured by role, new terms marked.

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::raft::view::{Segment, LANE_SPAN};
use crate::sim::SimTime;
use crate::ui::i18n::raft::{t, Key};
use crate::ui::i18n::use_lang;

const WIDTH: f64 = 600.0;
const LANE: f64 = 22.0;
/// The narrowest time span shown (early in a run the lanes stretch over what has happened).
const MIN_SPAN: SimTime = 2_000_000;
const LABEL: f64 = 34.0;

/// Properties of [`RoleLanes`].
#[derive(Properties, PartialEq)]
pub struct RoleLanesProps {
    /// One lane per node.
    pub lanes: Rc<Vec<Vec<Segment>>>,
    /// Virtual time now (the right edge).
    pub now: SimTime,
}

/// The lanes, scrolling with the run.
#[component]
pub fn RoleLanes(props: &RoleLanesProps) -> Html {
    let lang = use_lang();
    let span = props.now.clamp(MIN_SPAN, LANE_SPAN);
    let start = props.now.saturating_sub(span);
    let x = |t: SimTime| LABEL + (t.saturating_sub(start) as f64 / span as f64) * (WIDTH - LABEL);
    let height = LANE * props.lanes.len() as f64 + 4.0;
    html! {
        <section class="panel role-lanes" data-testid="role-lanes">
            <h2>{ t(lang, Key::RoleLanes) }</h2>
            <svg viewBox={format!("0 0 {WIDTH} {height}")} class="lanes" role="img" aria-label={t(lang, Key::RoleLanes)}>
                { for props.lanes.iter().enumerate().map(|(node, lane)| {
                    let y = LANE * node as f64 + 2.0;
                    html! {
                        <g key={node} class="lane" data-lane={node.to_string()}>
                            <text class="lane-label" x="2" y={format!("{:.1}", y + LANE * 0.7)}>{ format!("N{node}") }</text>
                            { for lane.iter().enumerate().map(|(k, s)| {
                                let end = lane.get(k + 1).map_or(props.now, |n| n.start);
                                let (x0, x1) = (x(s.start.max(start)), x(end));
                                let new_term = k > 0 && lane[k - 1].term != s.term;
                                html! {
                                    <g key={s.start} class={classes!("seg", s.state.as_str())} data-state={s.state.as_str()} data-term={s.term.to_string()}>
                                        <rect x={format!("{x0:.1}")} y={format!("{:.1}", y + 2.0)} width={format!("{:.1}", (x1 - x0).max(0.5))}
                                              height={format!("{:.1}", LANE - 4.0)} />
                                        if new_term && s.start >= start {
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
            </svg>
            <p class="hint">{ t(lang, Key::RoleLanesHint) }</p>
        </section>
    }
}
