//! The generator and its switches, each with one sentence on what it guards against. Changing one
//! starts a fresh run with it.

use std::rc::Rc;

use yew::prelude::*;

use super::setup::{
    applies, is_on, Switch, APPS, DATABASES, GENERATORS, ID_SERVERS, PERSISTENCES, RATES, ROLLBACKS, STEPS,
};
use crate::idgen::{IdBug, IdConfig};
use crate::ui::i18n::ids::{bug_text, generator_text, persistence_name, rollback_name, t, Key};
use crate::ui::i18n::{fill, t as shell_t, use_lang, Key as ShellKey, Lang};

/// Properties of [`GeneratorPanel`].
#[derive(Properties, PartialEq)]
pub struct GeneratorPanelProps {
    /// The run's configuration.
    pub config: Rc<IdConfig>,
    /// A switch was changed.
    pub on_switch: Callback<Switch>,
    /// Play the failure scenario of a mistake (its lesson).
    pub on_lesson: Callback<IdBug>,
}

/// A select over `choices`, each a switch; the one on in `config` is selected.
fn choice<T: Copy + 'static>(
    (testid, name, why): (&'static str, &str, &str),
    props: &GeneratorPanelProps,
    choices: &[T],
    switch: fn(T) -> Switch,
    label: impl Fn(T) -> String,
    current: T,
) -> Html {
    if !applies(&props.config, switch(choices[0])) {
        return Html::default();
    }
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
                <span class="name">{ name.to_string() }</span>
                <select data-testid={format!("switch-{testid}")} {onchange}>
                    if !options.iter().any(|&value| is_on(&props.config, switch(value))) {
                        <option value="" selected=true disabled=true>{ label(current) }</option>
                    }
                    { for options.iter().enumerate().map(|(i, &value)| html! {
                        <option value={i.to_string()} selected={is_on(&props.config, switch(value))}>{ label(value) }</option>
                    }) }
                </select>
            </label>
            <p class="why">{ why.to_string() }</p>
        </li>
    }
}

fn per_second(lang: Lang, n: u32) -> String {
    fill(t(lang, Key::PerSecond), &[("n", &grouped(u64::from(n)))])
}

/// A number with thin groups of three digits ("100 000").
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// The generator's switches.
#[component]
pub fn GeneratorPanel(props: &GeneratorPanelProps) -> Html {
    let lang = use_lang();
    let config = &props.config;
    let toggle = |switch: Switch, testid: &'static str, name: &str, why: &str| {
        if !applies(config, switch) {
            return Html::default();
        }
        let onchange = props.on_switch.reform(move |_: Event| switch);
        let lesson = match switch {
            Switch::Bug(bug) => {
                let onclick = props.on_lesson.reform(move |_: MouseEvent| bug);
                html! {
                    <button type="button" class="btn lesson" data-testid={format!("lesson-{testid}")}
                            title={shell_t(lang, ShellKey::PlayFailureTitle)} {onclick}>{ shell_t(lang, ShellKey::PlayFailure) }</button>
                }
            }
            _ => Html::default(),
        };
        html! {
            <li class={classes!("switch", matches!(switch, Switch::Bug(_)).then_some("bug"))} data-switch={testid}>
                <label>
                    <input type="checkbox" data-testid={format!("switch-{testid}")} checked={is_on(config, switch)} {onchange} />
                    <span class="name">{ name.to_string() }</span>
                </label>
                <p class="why">{ why.to_string() }</p>
                { lesson }
            </li>
        }
    };
    let bug = |bug: IdBug, testid: &'static str| {
        let (name, why) = bug_text(lang, bug);
        toggle(Switch::Bug(bug), testid, name, why)
    };
    let (_, generator_why) = generator_text(lang, config.generator);
    html! {
        <section class="panel id-generator" data-testid="generator">
            <h2>{ t(lang, Key::GeneratorHeading) }</h2>
            <p class="hint">{ t(lang, Key::GeneratorHint) }</p>
            <ul>
                { choice(("generator", t(lang, Key::GeneratorLabel), generator_why), props, &GENERATORS, Switch::Generator, |g| generator_text(lang, g).0.to_string(), config.generator) }
                { choice(("rollback", t(lang, Key::RollbackLabel), t(lang, Key::RollbackWhy)), props, &ROLLBACKS, Switch::Rollback, |r| rollback_name(lang, r).to_string(), config.rollback) }
                { toggle(Switch::Coordinator, "coordinator", t(lang, Key::CoordinatorLabel), t(lang, Key::CoordinatorWhy)) }
                { bug(IdBug::DuplicateWorkerId, "duplicate-worker-id") }
                { choice(("databases", t(lang, Key::DatabasesLabel), t(lang, Key::DatabasesWhy)), props, &DATABASES, Switch::Databases, |n| n.to_string(), config.databases) }
                { bug(IdBug::AddedDatabaseNotRestepped, "added-database") }
                { choice(("id-servers", t(lang, Key::IdServersLabel), t(lang, Key::IdServersWhy)), props, &ID_SERVERS, Switch::IdServers, |n| n.to_string(), config.id_servers) }
                { choice(("step", t(lang, Key::StepLabel), t(lang, Key::StepWhy)), props, &STEPS, Switch::Step, grouped, config.step) }
                { bug(IdBug::NonAtomicSegment, "non-atomic-segment") }
                { bug(IdBug::NoDoubleBuffer, "no-double-buffer") }
                { choice(("persistence", t(lang, Key::PersistenceLabel), t(lang, Key::PersistenceWhy)), props, &PERSISTENCES, Switch::Persistence, |p| persistence_name(lang, p).to_string(), config.persistence) }
                { toggle(Switch::Replica, "replica", t(lang, Key::ReplicaLabel), t(lang, Key::ReplicaWhy)) }
                { choice(("apps", t(lang, Key::AppsLabel), t(lang, Key::AppsWhy)), props, &APPS, Switch::Apps, |n| n.to_string(), config.apps) }
                { choice(("rate", t(lang, Key::RateLabel), t(lang, Key::RateWhy)), props, &RATES, Switch::Rate, |n| per_second(lang, n), config.rate) }
            </ul>
        </section>
    }
}
