//! The recipe panel: every switch of the lock, each with one sentence on what it guards against.
//! Changing one starts a fresh run with it.

use std::rc::Rc;

use yew::prelude::*;

use super::setup::{
    applies, is_on, Kind, Switch, INSTANCE_TIMEOUTS, LEASES, RESTS, RETRIES, SEGMENTS, SESSIONS, THINKS,
};
use crate::lab::locks::scenarios::Named;
use crate::lock::LockConfig;
use crate::ui::i18n::locks::{t, Key};
use crate::ui::i18n::{t as shell_t, use_lang, Key as ShellKey, Lang};
use crate::ui::shell::format;

/// Properties of [`RecipePanel`].
#[derive(Properties, PartialEq)]
pub struct RecipePanelProps {
    /// The run's configuration.
    pub config: Rc<LockConfig>,
    /// A switch was changed.
    pub on_switch: Callback<Switch>,
    /// Play the named scenario of what goes wrong without a safeguard (its lesson).
    pub on_lesson: Callback<Named>,
}

/// The named scenario that shows what goes wrong without a safeguard of the recipe (switched off).
pub fn failure_without(switch: Switch) -> Option<Named> {
    match switch {
        Switch::Atomic => Some(Named::SetNxCrash),
        Switch::CompareDelete => Some(Named::PlainDel),
        Switch::Watchdog | Switch::Fencing => Some(Named::LeaseTooShort),
        _ => None,
    }
}

fn kind_name(kind: Kind) -> Key {
    match kind {
        Kind::Redis => Key::ServiceRedis,
        Kind::Replica => Key::ServiceReplica,
        Kind::Redlock => Key::ServiceRedlock,
        Kind::ZooKeeper => Key::ServiceZk,
        Kind::Etcd => Key::ServiceEtcd,
    }
}

/// A select over `choices`, each a switch; the one on in `config` is selected.
fn choice<T: Copy + 'static>(
    lang: Lang,
    (testid, name, why): (&'static str, Key, Key),
    props: &RecipePanelProps,
    choices: &[T],
    switch: fn(T) -> Switch,
    label: impl Fn(T) -> String,
) -> Html {
    let options: Vec<T> = choices.to_vec();
    let onchange = {
        let (options, on_switch) = (options.clone(), props.on_switch.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(&value) = select.value().parse::<usize>().ok().and_then(|i| options.get(i)) {
                on_switch.emit(switch(value));
            }
        })
    };
    html! {
        <li class="switch" data-switch={testid}>
            <label>
                <span class="name">{ t(lang, name) }</span>
                <select data-testid={format!("switch-{testid}")} {onchange}>
                    { for options.iter().enumerate().map(|(i, &value)| html! {
                        <option value={i.to_string()} selected={is_on(&props.config, switch(value))}>{ label(value) }</option>
                    }) }
                </select>
            </label>
            <p class="why">{ t(lang, why) }</p>
        </li>
    }
}

/// The recipe's switches.
#[component]
pub fn RecipePanel(props: &RecipePanelProps) -> Html {
    let lang = use_lang();
    let config = &props.config;
    let toggle = |switch: Switch, testid: &'static str, name: Key, why: Key| {
        if !applies(config, switch) {
            return Html::default();
        }
        let onchange = props.on_switch.reform(move |_: Event| switch);
        let lesson = failure_without(switch).map(|named| {
            let onclick = props.on_lesson.reform(move |_: MouseEvent| named);
            html! {
                <button type="button" class="btn lesson" data-testid={format!("lesson-{testid}")}
                        title={shell_t(lang, ShellKey::PlayFailureTitle)} {onclick}>{ shell_t(lang, ShellKey::PlayFailure) }</button>
            }
        });
        html! {
            <li class="switch" data-switch={testid}>
                <label>
                    <input type="checkbox" data-testid={format!("switch-{testid}")} checked={is_on(config, switch)} {onchange} />
                    <span class="name">{ t(lang, name) }</span>
                </label>
                <p class="why">{ t(lang, why) }</p>
                { for lesson }
            </li>
        }
    };
    html! {
        <section class="panel lock-recipe" data-testid="recipe">
            <h2>{ t(lang, Key::Recipe) }</h2>
            <p class="hint">{ t(lang, Key::RecipeHint) }</p>
            <ul>
                { choice(lang, ("service", Key::Service, Key::ServiceWhy), props, &Kind::ALL, Switch::Service, |k| t(lang, kind_name(k)).to_string()) }
                { toggle(Switch::Atomic, "atomic", Key::Atomic, Key::AtomicWhy) }
                { toggle(Switch::CompareDelete, "compare-delete", Key::CompareDelete, Key::CompareDeleteWhy) }
                { toggle(Switch::Watchdog, "watchdog", Key::Watchdog, Key::WatchdogWhy) }
                { toggle(Switch::Fencing, "fencing", Key::Fencing, Key::FencingWhy) }
                { toggle(Switch::Watch, "watch", Key::WatchRelease, Key::WatchReleaseWhy) }
                if Kind::of(config) == Kind::Etcd {
                    { toggle(Switch::Herd, "herd", Key::HerdEtcd, Key::HerdEtcdWhy) }
                } else {
                    { toggle(Switch::Herd, "herd", Key::Herd, Key::HerdWhy) }
                }
                { toggle(Switch::Aof, "aof", Key::Aof, Key::AofWhy) }
                if applies(config, Switch::Lease(0)) {
                    { choice(lang, ("lease", Key::Lease, Key::LeaseWhy), props, &LEASES, Switch::Lease, |d| format::duration(lang, d)) }
                }
                if applies(config, Switch::Session(0)) {
                    { choice(lang, ("session", Key::Session, Key::SessionWhy), props, &SESSIONS, Switch::Session, |d| format::duration(lang, d)) }
                }
                { choice(lang, ("think", Key::Think, Key::ThinkWhy), props, &THINKS, Switch::Think, |d| format::duration(lang, d)) }
                if applies(config, Switch::Retry(0)) {
                    { choice(lang, ("retry", Key::Retry, Key::RetryWhy), props, &RETRIES, Switch::Retry, |d| format::duration(lang, d)) }
                }
                { choice(lang, ("rest", Key::Rest, Key::RestWhy), props, &RESTS, Switch::Rest, |d| format::duration(lang, d)) }
                if applies(config, Switch::InstanceTimeout(0)) {
                    { choice(lang, ("instance-timeout", Key::InstanceTimeout, Key::InstanceTimeoutWhy), props, &INSTANCE_TIMEOUTS, Switch::InstanceTimeout, |d| format::duration(lang, d)) }
                }
                { choice(lang, ("segments", Key::Segments, Key::SegmentsWhy), props, &SEGMENTS, Switch::Segments, |n| n.to_string()) }
            </ul>
        </section>
    }
}
