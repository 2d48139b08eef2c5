//! Each application server's IDs against virtual time, as a small SVG plot: a rising line is
//! trend-increasing, a scatter is not. An ID issued twice is marked in red at both origins, joined.

use std::fmt::Write as _;
use std::rc::Rc;

use yew::prelude::*;

use crate::idgen::history::Point;
use crate::lab::ids::decode::IdFormat;
use crate::lab::ids::view::{DuplicateRow, Stream};
use crate::sim::{ms, secs, SimTime};
use crate::ui::i18n::ids::{t, Key};
use crate::ui::i18n::{fill, use_lang, Lang};
use crate::ui::shell::{format, palette};

/// Windows of virtual time offered (0: everything kept).
const WINDOWS: [SimTime; 4] = [ms(50), ms(200), secs(1), 0];
/// The window at first.
const DEFAULT_WINDOW: SimTime = ms(200);
/// Duplicates listed.
const LISTED: usize = 5;

const W: f64 = 600.0;
const H: f64 = 210.0;
const LEFT: f64 = 8.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 22.0;

/// Properties of [`StreamPlot`].
#[derive(Properties, PartialEq)]
pub struct StreamPlotProps {
    /// Virtual time now.
    pub now: SimTime,
    /// The IDs' format (random UUIDs are drawn as dots only).
    pub format: IdFormat,
    /// Each server's IDs against time.
    pub streams: Rc<Vec<Stream>>,
    /// The most recent duplicates.
    pub duplicates: Rc<Vec<DuplicateRow>>,
    /// Every duplicate so far.
    pub duplicate_count: u64,
}

/// The plot's scales: virtual time and ID to picture coordinates.
struct Scale {
    t0: SimTime,
    t1: SimTime,
    lo: u128,
    hi: u128,
}

impl Scale {
    fn x(&self, t: SimTime) -> f64 {
        let span = (self.t1 - self.t0).max(1) as f64;
        LEFT + (t.saturating_sub(self.t0)) as f64 / span * (W - LEFT - RIGHT)
    }
    fn y(&self, id: u128) -> f64 {
        let span = (self.hi - self.lo).max(1) as f64;
        H - BOTTOM - (id.saturating_sub(self.lo)) as f64 / span * (H - TOP - BOTTOM)
    }
}

/// The plot and the list of duplicates.
#[component]
pub fn StreamPlot(props: &StreamPlotProps) -> Html {
    let lang = use_lang();
    let window = use_state(|| DEFAULT_WINDOW);
    let now = props.now;
    let span = *window;
    let visible = |p: &Point| span == 0 || p.t + span >= now;
    let t0 = if span == 0 {
        props.streams.iter().flat_map(|s| s.points.first()).map(|p| p.t).min().unwrap_or(0)
    } else {
        now.saturating_sub(span)
    };
    let t1 = if span == 0 { now.max(t0 + 1) } else { t0 + span };
    let ids = props
        .streams
        .iter()
        .flat_map(|s| s.points.iter().filter(|p| visible(p)).map(|p| p.id))
        .chain(props.duplicates.iter().filter(|d| d.second.t >= t0).map(|d| d.id.id));
    let (lo, hi) = ids.fold((u128::MAX, 0u128), |(lo, hi), id| (lo.min(id), hi.max(id)));
    let empty = lo > hi;
    let scale = Scale { t0, t1, lo: if empty { 0 } else { lo }, hi: if empty { 1 } else { hi } };
    let dots_only = props.format == IdFormat::UuidV4;
    let lines = props.streams.iter().map(|s| {
        let mut line = String::with_capacity(s.points.len() * 14);
        let mut dots = String::with_capacity(s.points.len() * 16);
        for p in s.points.iter().filter(|p| visible(p)) {
            let (x, y) = (scale.x(p.t), scale.y(p.id));
            let _ = write!(line, "{x:.1},{y:.1} ");
            let _ = write!(dots, "M{x:.1},{y:.1}h0");
        }
        let colour = palette::fill(s.node);
        html! {
            <g key={s.node} class="stream" data-testid="stream" data-node={s.node.to_string()} data-points={s.points.iter().filter(|p| visible(p)).count().to_string()}>
                if !dots_only {
                    <polyline class="line" points={line} stroke={colour} />
                }
                <path class="dots" d={dots} stroke={colour} />
            </g>
        }
    });
    let marks = props.duplicates.iter().filter(|d| d.second.t >= t0).map(|d| {
        let (x1, x2, y) = (scale.x(d.first.t.max(t0)), scale.x(d.second.t), scale.y(d.id.id));
        html! {
            <g class="duplicate-mark" data-testid="plot-duplicate" data-id={d.id.text.clone()}
               data-first={d.first.node.to_string()} data-second={d.second.node.to_string()}>
                <line x1={format!("{x1:.1}")} x2={format!("{x2:.1}")} y1={format!("{y:.1}")} y2={format!("{y:.1}")} />
                if d.first.t >= t0 {
                    <circle class="first" cx={format!("{x1:.1}")} cy={format!("{y:.1}")} r="5" />
                }
                <circle class="second" cx={format!("{x2:.1}")} cy={format!("{y:.1}")} r="6" />
            </g>
        }
    });
    let onchange = {
        let window = window.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(&w) = select.value().parse::<usize>().ok().and_then(|i| WINDOWS.get(i)) {
                window.set(w);
            }
        })
    };
    html! {
        <section class="panel id-streams" data-testid="streams">
            <header class="panel-head">
                <h2>{ t(lang, Key::Streams) }</h2>
                <label class="window">
                    <span>{ t(lang, Key::Window) }</span>
                    <select data-testid="plot-window" {onchange}>
                        { for WINDOWS.iter().enumerate().map(|(i, &w)| html! {
                            <option value={i.to_string()} selected={w == span}>{ window_label(lang, w) }</option>
                        }) }
                    </select>
                </label>
            </header>
            <svg class="stream-plot" viewBox={format!("0 0 {W} {H}")} role="img" aria-label={t(lang, Key::PlotLabel)}>
                <rect class="frame" x={LEFT.to_string()} y={TOP.to_string()} width={(W - LEFT - RIGHT).to_string()} height={(H - TOP - BOTTOM).to_string()} />
                { for lines }
                { for marks }
                if empty {
                    <text class="empty" x={(W / 2.0).to_string()} y={(H / 2.0).to_string()}>{ t(lang, Key::NoPoints) }</text>
                } else {
                    <text class="axis id-hi" x={(LEFT + 4.0).to_string()} y={(TOP - 4.0).to_string()}>{ short(hi) }</text>
                    <text class="axis id-lo" x={(LEFT + 4.0).to_string()} y={(H - BOTTOM - 4.0).to_string()}>{ short(lo) }</text>
                }
                <text class="axis t0" x={LEFT.to_string()} y={(H - 6.0).to_string()}>{ format::seconds(lang, t0) }</text>
                <text class="axis t1" x={(W - RIGHT).to_string()} y={(H - 6.0).to_string()}>{ format::seconds(lang, t1) }</text>
            </svg>
            <ul class="stream-keys">
                { for props.streams.iter().map(|s| html! {
                    <li key={s.node}><span class="swatch" style={format!("background:{}", palette::fill(s.node))} />{ format!("N{}", s.node) }</li>
                }) }
            </ul>
            <p class="hint">{ t(lang, Key::StreamsHint) }</p>
            { duplicates(lang, &props.duplicates, props.duplicate_count) }
        </section>
    }
}

fn window_label(lang: Lang, w: SimTime) -> String {
    match w {
        0 => "∞".to_string(),
        w => format::duration(lang, w),
    }
}

/// An ID for an axis label: whole if short, else its first and last digits.
fn short(id: u128) -> String {
    let text = id.to_string();
    if text.len() <= 12 {
        text
    } else {
        format!("{}…{}", &text[..5], &text[text.len() - 5..])
    }
}

/// The most recent duplicates, newest first, with both origins.
fn duplicates(lang: Lang, rows: &[DuplicateRow], count: u64) -> Html {
    html! {
        <div class={classes!("duplicates", (count > 0).then_some("bad"))} data-testid="duplicates" data-count={count.to_string()}>
            if count == 0 {
                <p class="hint">{ t(lang, Key::NoDuplicates) }</p>
            } else {
                <h3>{ fill(t(lang, Key::Duplicates), &[("n", &count.to_string())]) }</h3>
                <ul>
                    { for rows.iter().rev().take(LISTED).map(|d| html! {
                        <li data-testid="duplicate" data-id={d.id.text.clone()} data-first={d.first.node.to_string()} data-second={d.second.node.to_string()}>
                            { fill(t(lang, Key::DuplicateRow), &[
                                ("id", &d.id.text),
                                ("first", &d.first.node.to_string()),
                                ("t1", &format::seconds(lang, d.first.t)),
                                ("second", &d.second.node.to_string()),
                                ("t2", &format::seconds(lang, d.second.t)),
                            ]) }
                        </li>
                    }) }
                </ul>
            }
        </div>
    }
}
