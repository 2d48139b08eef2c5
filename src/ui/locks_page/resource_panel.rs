//! The protected resource and the run's counters: stock per segment, sales, oversold items, rejected
//! stale writes; acquisitions, messages per acquisition, wasted requests, notifications per release.

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::locks::view::{Counters, Resource};
use crate::ui::i18n::locks::{t, Key};
use crate::ui::i18n::use_lang;

/// Properties of [`ResourcePanel`].
#[derive(Properties, PartialEq)]
pub struct ResourcePanelProps {
    /// The stock.
    pub resource: Rc<Resource>,
    /// The counters.
    pub counters: Rc<Counters>,
}

fn ratio(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |v| format!("{v:.1}"))
}

/// The stock and the counters.
#[component]
pub fn ResourcePanel(props: &ResourcePanelProps) -> Html {
    let lang = use_lang();
    let (r, c) = (&props.resource, &props.counters);
    let per_segment = (r.initial / r.segments.len().max(1) as i64).max(1);
    let stat = |testid: &'static str, key: Key, value: String, bad: bool| {
        html! {
            <div class={classes!("stat", bad.then_some("bad"))} data-testid={testid} data-value={value.clone()}>
                <dt>{ t(lang, key) }</dt><dd>{ value }</dd>
            </div>
        }
    };
    html! {
        <section class="panel lock-resource">
            <h2>{ t(lang, Key::Resource) }</h2>
            <ul class="stock">
                { for r.segments.iter().enumerate().map(|(i, &stock)| html! {
                    <li key={i} data-testid="stock" data-segment={i.to_string()} data-value={stock.to_string()}>
                        <span>{ format!("{} {i}", t(lang, Key::Segment)) }</span>
                        <span class="stock-bar"><span style={format!("width:{:.0}%", (stock.max(0) as f64 / per_segment as f64 * 100.0).min(100.0))} /></span>
                        <strong>{ stock }</strong>
                    </li>
                }) }
            </ul>
            <dl class="stats">
                { stat("sales", Key::Sales, r.sales.to_string(), false) }
                { stat("oversold", Key::Oversold, r.oversold.to_string(), r.oversold > 0) }
                { stat("rejected", Key::Rejected, r.rejected.to_string(), false) }
            </dl>
            <h2>{ t(lang, Key::Counters) }</h2>
            <dl class="stats">
                { stat("acquisitions", Key::Acquisitions, c.acquisitions.to_string(), false) }
                { stat("per-acquisition", Key::PerAcquisition, ratio(c.per_acquisition()), false) }
                { stat("wasted", Key::Wasted, c.wasted.to_string(), false) }
                { stat("notifications", Key::Notifications, c.notifications.to_string(), false) }
                { stat("per-release", Key::PerRelease, ratio(c.per_release()), false) }
                { stat("failed", Key::Failed, c.failed.to_string(), false) }
            </dl>
        </section>
    }
}
