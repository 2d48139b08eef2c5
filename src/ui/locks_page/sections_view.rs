//! The resource timeline: one lane per client, a bar while it believed it held the lock; bars that
//! overlap another client's on the same segment are red and hatched.

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::locks::sections::Bar;
use crate::sim::{secs, NodeId, SimTime};
use crate::ui::i18n::locks::{t, Key};
use crate::ui::i18n::use_lang;

/// Virtual time the timeline spans.
const SPAN: SimTime = secs(4);
/// Drawing width.
const WIDTH: f64 = 600.0;
/// Lane height.
const LANE: f64 = 18.0;
/// Room for the lane labels.
const LABEL: f64 = 36.0;

/// Properties of [`SectionsView`].
#[derive(Properties, PartialEq)]
pub struct SectionsViewProps {
    /// Critical sections, with whether each overlaps another.
    pub bars: Rc<Vec<(Bar, bool)>>,
    /// The clients, one lane each.
    pub clients: Rc<Vec<NodeId>>,
    /// Virtual time now.
    pub now: SimTime,
}

/// The timeline, in SVG.
#[component]
pub fn SectionsView(props: &SectionsViewProps) -> Html {
    let lang = use_lang();
    let from = props.now.saturating_sub(SPAN);
    let x = |t: SimTime| LABEL + (t.saturating_sub(from) as f64 / SPAN as f64) * (WIDTH - LABEL);
    let height = LANE * props.clients.len() as f64 + 4.0;
    let lane = |client: NodeId| props.clients.iter().position(|&c| c == client).unwrap_or(0) as f64 * LANE;
    let overlaps = props.bars.iter().any(|(_, o)| *o);
    html! {
        <section class="panel lock-sections" data-testid="sections" data-overlap={overlaps.to_string()}>
            <h2>{ t(lang, Key::Sections) }</h2>
            <p class="hint">{ t(lang, Key::SectionsHint) }</p>
            if props.bars.is_empty() {
                <p class="hint">{ t(lang, Key::NoSections) }</p>
            }
            <svg viewBox={format!("0 0 {WIDTH} {height}")} role="img" aria-label={t(lang, Key::Sections)}>
                <defs>
                    <pattern id="overlap-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="6" height="6" class="hatch-bg" />
                        <line x1="0" y1="0" x2="0" y2="6" class="hatch-line" />
                    </pattern>
                </defs>
                { for props.clients.iter().map(|&c| html! {
                    <text key={format!("l{c}")} class="lane-label" x="2" y={format!("{:.0}", lane(c) + LANE * 0.7)}>{ format!("N{c}") }</text>
                }) }
                { for props.bars.iter().filter(|(b, _)| b.end.is_none_or(|e| e >= from)).map(|(b, overlap)| {
                    let (x0, x1) = (x(b.start.max(from)), x(b.end.unwrap_or(props.now)));
                    html! {
                        <rect key={format!("{}-{}", b.client, b.start)} class={classes!("bar", overlap.then_some("overlap"))}
                              data-testid="section" data-client={b.client.to_string()} data-overlap={overlap.to_string()}
                              x={format!("{x0:.1}")} y={format!("{:.1}", lane(b.client) + 2.0)}
                              width={format!("{:.1}", (x1 - x0).max(1.5))} height={format!("{:.1}", LANE - 4.0)}>
                            <title>{ format!("N{} · {} {}", b.client, t(lang, Key::Segment), b.segment) }</title>
                        </rect>
                    }
                }) }
            </svg>
        </section>
    }
}
