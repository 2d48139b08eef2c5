//! Network sliders (latency range, loss, duplication, reordering) and "heal all"; every change is a recorded action.

use yew::prelude::*;

use super::fault::Fault;
use super::format::{percent_to_ppm, ppm_to_percent};
use crate::sim::{Action, NetworkConfig, SimTime, MICROS_PER_MS};
use crate::ui::i18n::{t, use_lang, Key, Lang};

/// Largest latency the sliders offer, milliseconds.
pub const LATENCY_MAX_MS: u64 = 500;

/// Properties of [`NetworkControls`].
#[derive(Properties, PartialEq)]
pub struct NetworkControlsProps {
    /// The settings in force.
    pub config: NetworkConfig,
    /// Asks for a change.
    pub on_fault: Callback<Fault>,
}

struct Slider {
    testid: &'static str,
    label: Key,
    value: u64,
    max: u64,
    unit: &'static str,
    to_fault: fn(u64, &NetworkConfig) -> Fault,
}

fn ms_to_us(ms: u64) -> SimTime {
    ms * MICROS_PER_MS
}

fn percent(value: u64) -> u32 {
    percent_to_ppm(u32::try_from(value).unwrap_or(100))
}

fn slider(s: Slider, lang: Lang, config: &NetworkConfig, on_fault: &Callback<Fault>) -> Html {
    let config = config.clone();
    let to_fault = s.to_fault;
    let on_fault = on_fault.clone();
    let onchange = Callback::from(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        if let Ok(value) = input.value().parse::<u64>() {
            on_fault.emit(to_fault(value, &config));
        }
    });
    html! {
        <label class="slider">
            <span class="name">{ t(lang, s.label) }</span>
            <input type="range" data-testid={s.testid} min="0" max={s.max.to_string()} step="1"
                   value={s.value.to_string()} {onchange} />
            <output>{ format!("{} {}", s.value, s.unit) }</output>
        </label>
    }
}

/// The network panel.
#[component]
pub fn NetworkControls(props: &NetworkControlsProps) -> Html {
    let lang = use_lang();
    let c = &props.config;
    let ms = t(lang, Key::Ms);
    let sliders = [
        Slider {
            testid: "latency-min",
            label: Key::LatencyMin,
            value: c.latency_min / MICROS_PER_MS,
            max: LATENCY_MAX_MS,
            unit: ms,
            to_fault: |v, c| Action::SetLatency { min: ms_to_us(v), max: c.latency_max.max(ms_to_us(v)) },
        },
        Slider {
            testid: "latency-max",
            label: Key::LatencyMax,
            value: c.latency_max / MICROS_PER_MS,
            max: LATENCY_MAX_MS,
            unit: ms,
            to_fault: |v, c| Action::SetLatency { min: c.latency_min.min(ms_to_us(v)), max: ms_to_us(v) },
        },
        Slider {
            testid: "loss",
            label: Key::Loss,
            value: ppm_to_percent(c.loss_ppm).into(),
            max: 100,
            unit: "%",
            to_fault: |v, _| Action::SetLoss { ppm: percent(v) },
        },
        Slider {
            testid: "duplication",
            label: Key::Duplication,
            value: ppm_to_percent(c.duplicate_ppm).into(),
            max: 100,
            unit: "%",
            to_fault: |v, _| Action::SetDuplication { ppm: percent(v) },
        },
        Slider {
            testid: "reordering",
            label: Key::Reordering,
            value: ppm_to_percent(c.reorder_ppm).into(),
            max: 100,
            unit: "%",
            to_fault: |v, _| Action::SetReordering { ppm: percent(v) },
        },
    ];
    let heal = props.on_fault.reform(|_: MouseEvent| Action::HealAll);
    html! {
        <section class="panel network-controls">
            <h2>{ t(lang, Key::Network) }</h2>
            { for sliders.into_iter().map(|s| slider(s, lang, c, &props.on_fault)) }
            <button type="button" class="btn" data-testid="heal-all" onclick={heal}>{ t(lang, Key::HealAll) }</button>
        </section>
    }
}
