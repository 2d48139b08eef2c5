//! The pattern and protection switches, each with one sentence on what it guards against.
//! Changing one starts a fresh run with it.

use std::rc::Rc;

use yew::prelude::*;

use super::setup::{applies, is_on, Switch, PATTERNS, PROTECTIONS, RELAY_INTERVALS, RETRY_POLICIES, WORKLOADS};
use crate::txn::guard::Protection;
use crate::txn::{Pattern, RetryPolicy, TxnConfig, Workload};
use crate::ui::i18n::txn::{t, Key};
use crate::ui::i18n::use_lang;

/// Properties of [`SwitchesPanel`].
#[derive(Properties, PartialEq)]
pub struct SwitchesPanelProps {
    /// The run's configuration.
    pub config: Rc<TxnConfig>,
    /// A switch was changed.
    pub on_switch: Callback<Switch>,
}

/// The translation key of a pattern's name.
pub fn pattern_name(p: Pattern) -> Key {
    match p {
        Pattern::Tcc => Key::PatternTcc,
        Pattern::Saga => Key::PatternSaga,
        Pattern::Xa => Key::PatternXa,
        Pattern::LocalMessage => Key::PatternLocalMessage,
        Pattern::TxMessage => Key::PatternTxMessage,
    }
}

fn pattern_id(p: Pattern) -> &'static str {
    match p {
        Pattern::Tcc => "tcc",
        Pattern::Saga => "saga",
        Pattern::Xa => "xa",
        Pattern::LocalMessage => "local_message",
        Pattern::TxMessage => "tx_message",
    }
}

fn protection_text(p: Protection) -> (&'static str, Key, Key) {
    match p {
        Protection::None => ("none", Key::ProtectionNone, Key::ProtectionNoneWhy),
        Protection::TryRecord => ("try_record", Key::ProtectionRecord, Key::ProtectionRecordWhy),
        Protection::Barrier => ("barrier", Key::ProtectionBarrier, Key::ProtectionBarrierWhy),
        Protection::Fence => ("fence", Key::ProtectionFence, Key::ProtectionFenceWhy),
    }
}

/// The select value of a relay interval.
fn relay_id(t: crate::sim::SimTime) -> &'static str {
    match t / 1000 {
        50 => "50",
        100 => "100",
        500 => "500",
        _ => "1000",
    }
}

fn workload_name(w: Workload) -> Key {
    match w {
        Workload::Payment => Key::WorkloadPayment,
        Workload::Transfer => Key::WorkloadTransfer,
    }
}

/// The switches.
#[component]
pub fn SwitchesPanel(props: &SwitchesPanelProps) -> Html {
    let lang = use_lang();
    let config = &props.config;
    let select = |testid: &'static str, switches: Vec<(Switch, &'static str, Key)>| {
        let onchange = {
            let (switches, on_switch) = (switches.clone(), props.on_switch.clone());
            Callback::from(move |e: Event| {
                let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                if let Some(&(switch, _, _)) = switches.iter().find(|(_, id, _)| *id == select.value()) {
                    on_switch.emit(switch);
                }
            })
        };
        html! {
            <select data-testid={format!("switch-{testid}")} {onchange}>
                { for switches.iter().map(|&(switch, id, name)| html! {
                    <option value={id} selected={is_on(config, switch)}>{ t(lang, name) }</option>
                }) }
            </select>
        }
    };
    let patterns = PATTERNS.iter().map(|&p| (Switch::Pattern(p), pattern_id(p), pattern_name(p))).collect();
    let workloads = WORKLOADS
        .iter()
        .map(|&w| (Switch::Workload(w), if w == Workload::Payment { "payment" } else { "transfer" }, workload_name(w)))
        .collect();
    let protections =
        PROTECTIONS.iter().map(|&p| (Switch::Protection(p), protection_text(p).0, protection_text(p).1)).collect();
    let on_parallel = props.on_switch.reform(|_: Event| Switch::ParallelTry);
    let on_idempotent = props.on_switch.reform(|_: Event| Switch::Idempotent);
    let intervals: Vec<(Switch, &'static str, String)> =
        RELAY_INTERVALS.iter().map(|&t| (Switch::RelayInterval(t), relay_id(t), format!("{} ms", t / 1000))).collect();
    let policies = RETRY_POLICIES
        .iter()
        .map(|&p| match p {
            RetryPolicy::Fixed => (Switch::RetryPolicy(p), "fixed", Key::RetryFixed),
            RetryPolicy::Backoff => (Switch::RetryPolicy(p), "backoff", Key::RetryBackoff),
        })
        .collect();
    let relay_select = {
        let onchange = {
            let (intervals, on_switch) = (intervals.clone(), props.on_switch.clone());
            Callback::from(move |e: Event| {
                let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                if let Some((switch, _, _)) = intervals.iter().find(|(_, id, _)| *id == select.value()) {
                    on_switch.emit(*switch);
                }
            })
        };
        html! {
            <select data-testid="switch-relay-interval" {onchange}>
                { for intervals.iter().map(|(switch, id, label)| html! {
                    <option value={*id} selected={is_on(config, *switch)}>{ label.clone() }</option>
                }) }
            </select>
        }
    };
    html! {
        <section class="panel txn-switches" data-testid="switches">
            <h2>{ t(lang, Key::Switches) }</h2>
            <p class="hint">{ t(lang, Key::SwitchesHint) }</p>
            <ul>
                <li class="switch" data-switch="pattern">
                    <label><span class="name">{ t(lang, Key::Pattern) }</span>{ select("pattern", patterns) }</label>
                    <p class="why">{ t(lang, Key::PatternWhy) }</p>
                    if config.pattern.by_message() {
                        <p class="why" data-testid="pattern-message-why">{ t(lang, Key::PatternMessageWhy) }</p>
                    }
                </li>
                if applies(config, Switch::Protection(Protection::None)) {
                    <li class="switch" data-switch="protection">
                        <label><span class="name">{ t(lang, Key::Protection) }</span>{ select("protection", protections) }</label>
                        <ul class="protections">
                            { for PROTECTIONS.iter().map(|&p| {
                                let (id, name, why) = protection_text(p);
                                html! {
                                    <li class={classes!("why", is_on(config, Switch::Protection(p)).then_some("chosen"))} data-protection={id}>
                                        <strong>{ t(lang, name) }</strong>{ " — " }{ t(lang, why) }
                                    </li>
                                }
                            }) }
                        </ul>
                    </li>
                }
                if applies(config, Switch::ParallelTry) {
                    <li class="switch" data-switch="parallel-try">
                        <label>
                            <input type="checkbox" data-testid="switch-parallel-try" checked={config.parallel_try} onchange={on_parallel} />
                            <span class="name">{ t(lang, Key::ParallelTry) }</span>
                        </label>
                        <p class="why">{ t(lang, Key::ParallelTryWhy) }</p>
                    </li>
                }
                if applies(config, Switch::Idempotent) {
                    <li class="switch" data-switch="idempotent">
                        <label>
                            <input type="checkbox" data-testid="switch-idempotent" checked={config.idempotent} onchange={on_idempotent} />
                            <span class="name">{ t(lang, Key::Idempotent) }</span>
                        </label>
                        <p class="why">{ t(lang, Key::IdempotentWhy) }</p>
                    </li>
                }
                if applies(config, Switch::RetryPolicy(RetryPolicy::Fixed)) {
                    <li class="switch" data-switch="relay-interval">
                        <label><span class="name">{ t(lang, Key::RelayInterval) }</span>{ relay_select }</label>
                        <p class="why">{ t(lang, Key::RelayIntervalWhy) }</p>
                    </li>
                    <li class="switch" data-switch="retry-policy">
                        <label><span class="name">{ t(lang, Key::RetryPolicy) }</span>{ select("retry-policy", policies) }</label>
                        <p class="why">{ t(lang, Key::RetryPolicyWhy) }</p>
                    </li>
                }
                if applies(config, Switch::Workload(Workload::Payment)) {
                    <li class="switch" data-switch="workload">
                        <label><span class="name">{ t(lang, Key::Workload) }</span>{ select("workload", workloads) }</label>
                        <p class="why">{ t(lang, Key::WorkloadWhy) }</p>
                    </li>
                }
            </ul>
        </section>
    }
}
