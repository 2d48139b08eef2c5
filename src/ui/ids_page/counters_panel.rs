//! The run's counters (IDs issued, distinct, failed requests, round trips per ID, gaps, duplicates),
//! its measures (latency percentiles, how far from time order the merged stream is) and the index
//! model (keys, leaf pages, page splits, average page fill).

use yew::prelude::*;

use crate::idgen::index::IndexStats;
use crate::lab::ids::view::Counters;
use crate::ui::i18n::ids::{t, Key};
use crate::ui::i18n::use_lang;
use crate::ui::shell::format::millis;

fn stat(label: &str, testid: &'static str, value: String, bad: bool) -> Html {
    html! {
        <div class={classes!("stat", bad.then_some("bad"))} data-testid={testid} data-value={value.clone()}>
            <dt>{ label.to_string() }</dt><dd>{ value }</dd>
        </div>
    }
}

/// Round trips per thousand IDs as round trips per ID ("0.001").
fn per_id(per_kilo: u64) -> String {
    format!("{}.{:03}", per_kilo / 1_000, per_kilo % 1_000)
}

/// Parts per million as a percentage with one decimal ("54.8 %").
fn percent(ppm: u64) -> String {
    format!("{}.{} %", ppm / 10_000, (ppm / 1_000) % 10)
}

/// Properties of [`CountersPanel`].
#[derive(Properties, PartialEq)]
pub struct CountersPanelProps {
    /// The counters.
    pub counters: Counters,
}

/// The counters.
#[component]
pub fn CountersPanel(props: &CountersPanelProps) -> Html {
    let lang = use_lang();
    let c = props.counters;
    html! {
        <section class="panel id-counters" data-testid="counters">
            <h2>{ t(lang, Key::Counters) }</h2>
            <dl class="stats">
                { stat(t(lang, Key::Issued), "issued", c.issued.to_string(), false) }
                { stat(t(lang, Key::Distinct), "distinct", c.distinct.to_string(), false) }
                { stat(t(lang, Key::Failed), "failed", c.failed.to_string(), c.failed > 0) }
                { stat(t(lang, Key::RoundTrips), "round-trips", per_id(c.round_trips_per_kilo_id), false) }
                { stat(t(lang, Key::Gaps), "gaps", c.gaps.to_string(), false) }
                { stat(t(lang, Key::DuplicateCount), "duplicate-count", c.duplicates.to_string(), c.duplicates > 0) }
                { stat(t(lang, Key::Latency), "latency", c.latency.map(millis).join(" · "), false) }
                { stat(t(lang, Key::OutOfOrder), "out-of-order", percent(c.out_of_order_ppm), false) }
                { stat(t(lang, Key::MaxLate), "max-late", millis(c.max_late), false) }
            </dl>
            <p class="hint">{ t(lang, Key::MeasuresHint) }</p>
        </section>
    }
}

/// Properties of [`IndexPanel`].
#[derive(Properties, PartialEq)]
pub struct IndexPanelProps {
    /// The index model's statistics.
    pub index: IndexStats,
}

/// The primary-key index: splits and fill, with a fill bar.
#[component]
pub fn IndexPanel(props: &IndexPanelProps) -> Html {
    let lang = use_lang();
    let i = props.index;
    let fill = i.fill_ppm as f64 / 10_000.0;
    html! {
        <section class="panel id-index" data-testid="index">
            <h2>{ t(lang, Key::IndexHeading) }</h2>
            <dl class="stats">
                { stat(t(lang, Key::IndexKeys), "index-keys", i.keys.to_string(), false) }
                { stat(t(lang, Key::IndexPages), "index-pages", i.pages.to_string(), false) }
                { stat(t(lang, Key::IndexSplits), "index-splits", i.splits.to_string(), false) }
                { stat(t(lang, Key::IndexFill), "index-fill", format!("{fill:.1} %"), false) }
            </dl>
            <div class="fill-bar" role="img" aria-label={format!("{fill:.1} %")}>
                <span style={format!("width:{:.1}%", fill.clamp(0.0, 100.0))} />
                <i class="mark-69" title="69 %" />
            </div>
            <p class="hint">{ t(lang, Key::IndexHint) }</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trips_per_id_read_from_per_thousand() {
        assert_eq!(super::per_id(1_000), "1.000");
        assert_eq!(super::per_id(1), "0.001");
        assert_eq!(super::per_id(0), "0.000");
    }

    #[test]
    fn parts_per_million_read_as_a_percentage() {
        assert_eq!(super::percent(547_848), "54.7 %");
        assert_eq!(super::percent(1_000_000), "100.0 %");
        assert_eq!(super::percent(0), "0.0 %");
    }
}
