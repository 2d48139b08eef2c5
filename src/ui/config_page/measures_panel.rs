//! Availability and staleness per side of the partition, as bars (writes accepted or refused;
//! reads answered, refused or stale), the run's times (convergence, publish to every client), and
//! the same scenario's measures at its end in each mode, side by side.

use std::rc::Rc;

use yew::prelude::*;

use crate::config_center::measures::{ClientTally, Durations};
use crate::config_center::Mode;
use crate::lab::config::view::ModeMeasures;
use crate::ui::i18n::config::{t, Key};
use crate::ui::i18n::{fill, use_lang};
use crate::ui::shell::format;

/// Properties of [`MeasuresPanel`].
#[derive(Properties, PartialEq)]
pub struct MeasuresPanelProps {
    /// This run's measures so far.
    pub measures: Rc<ModeMeasures>,
    /// The same scenario to its end in each mode (CP first).
    pub both: Rc<Vec<ModeMeasures>>,
}

/// The longest duration as seconds ("1.234 s"), or "not yet" when none took any time (the
/// cluster is converged from the start: only a heal after diverging copies takes time).
fn took(lang: crate::ui::i18n::Lang, d: Durations) -> String {
    if d.max == 0 {
        t(lang, Key::NotYet).to_string()
    } else {
        format::seconds(lang, d.max)
    }
}

fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Cp => "CP",
        Mode::Ap => "AP",
    }
}

/// One bar: its segments (class, count, label) drawn in proportion to `scale`.
fn bar(segments: &[(&'static str, u64, &'static str)], scale: u64, testid: &'static str) -> Html {
    let total: u64 = segments.iter().map(|s| s.1).sum();
    html! {
        <div class="bar" data-testid={testid} data-total={total.to_string()}>
            { for segments.iter().filter(|s| s.1 > 0).map(|&(class, n, label)| html! {
                <span class={classes!("segment", class)} data-kind={class} data-value={n.to_string()}
                      style={format!("width: {:.1}%", 100.0 * n as f64 / scale.max(1) as f64)} title={format!("{label}: {n}")}>
                    { n }
                </span>
            }) }
        </div>
    }
}

/// The bars and numbers.
#[component]
pub fn MeasuresPanel(props: &MeasuresPanelProps) -> Html {
    let lang = use_lang();
    let m = &props.measures;
    let scale = m
        .sides
        .iter()
        .map(|s| {
            let t = s.tally;
            (t.writes_acked + t.writes_failed).max(t.reads + t.reads_failed)
        })
        .max()
        .unwrap_or(0);
    let stat = |testid: &'static str, key: Key, value: String| {
        html! {
            <div class="stat" data-testid={testid} data-value={value.clone()}>
                <dt>{ t(lang, key) }</dt><dd>{ value }</dd>
            </div>
        }
    };
    let tally_cells = |tally: ClientTally| {
        format!(
            "{} / {} · {} / {} / {}",
            tally.writes_acked, tally.writes_failed, tally.reads, tally.reads_failed, tally.stale_reads
        )
    };
    html! {
        <section class="panel config-measures" data-testid="measures" data-mode={mode_name(m.mode)}>
            <h2>{ t(lang, Key::Measures) }</h2>
            <ul class="legend bars-legend">
                <li><span class="swatch accepted"></span>{ t(lang, Key::WritesAccepted) }</li>
                <li><span class="swatch refused"></span>{ t(lang, Key::WritesRefused) }</li>
                <li><span class="swatch answered"></span>{ t(lang, Key::ReadsAnswered) }</li>
                <li><span class="swatch read-refused"></span>{ t(lang, Key::ReadsRefused) }</li>
                <li><span class="swatch stale"></span>{ t(lang, Key::ReadsStale) }</li>
            </ul>
            { for m.sides.iter().map(|s| {
                let tally = s.tally;
                html! {
                    <div class="side-bars" data-testid="side-measures" data-side={s.side.to_string()}
                         data-accepted={tally.writes_acked.to_string()} data-refused={tally.writes_failed.to_string()}
                         data-stale={tally.stale_reads.to_string()} data-reads-refused={tally.reads_failed.to_string()}>
                        <h3>{ fill(t(lang, Key::SideN), &[("n", &s.side.to_string())]) }
                            <small>{ format!(" · {}", s.servers.iter().map(|n| format!("S{n}")).chain(s.clients.iter().map(|n| format!("C{n}"))).collect::<Vec<_>>().join(" ")) }</small></h3>
                        { bar(&[("accepted", tally.writes_acked, t(lang, Key::WritesAccepted)),
                                ("refused", tally.writes_failed, t(lang, Key::WritesRefused))], scale, "write-bar") }
                        { bar(&[("answered", tally.reads - tally.stale_reads, t(lang, Key::ReadsAnswered)),
                                ("stale", tally.stale_reads, t(lang, Key::ReadsStale)),
                                ("read-refused", tally.reads_failed, t(lang, Key::ReadsRefused))], scale, "read-bar") }
                        if tally.stale_reads > 0 {
                            <p class="hint">{ format!("{}: {}", t(lang, Key::Staleness), format::seconds(lang, tally.staleness_max)) }</p>
                        }
                    </div>
                }
            }) }
            <dl class="stats">
                { stat("convergence", Key::Convergence, took(lang, m.convergence)) }
                { stat("propagation", Key::Propagation, took(lang, m.propagation)) }
                { stat("lost-to-skew", Key::LostSkew, m.lost_to_clock_skew.to_string()) }
                { stat("from-cache", Key::FromCache, m.started_from_cache.to_string()) }
            </dl>
            <table class="both-modes" data-testid="both-modes">
                <caption>{ t(lang, Key::BothModes) }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ t(lang, Key::ModeCol) }</th>
                        { for props.both.first().into_iter().flat_map(|b| b.sides.iter()).map(|s| html! {
                            <th scope="col">{ fill(t(lang, Key::MinorityCol), &[("n", &s.side.to_string())]) }</th>
                        }) }
                        <th scope="col">{ t(lang, Key::Convergence) }</th>
                        <th scope="col">{ t(lang, Key::Propagation) }</th>
                        <th scope="col">{ t(lang, Key::Verdict) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for props.both.iter().map(|b| html! {
                        <tr data-testid="mode-row" data-mode={mode_name(b.mode)} class={classes!((b.mode == m.mode).then_some("this-mode"))}>
                            <th scope="row">{ mode_name(b.mode) }</th>
                            { for b.sides.iter().map(|s| html! { <td>{ tally_cells(s.tally) }</td> }) }
                            <td>{ took(lang, b.convergence) }</td>
                            <td>{ took(lang, b.propagation) }</td>
                            <td class={classes!(if b.violation.is_some() { "bad" } else { "good" })}>
                                { b.violation.as_ref().map_or_else(|| t(lang, Key::AllHold).to_string(),
                                    |v| crate::ui::i18n::config::config_word(lang, v.invariant).to_string()) }
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
