//! The application servers' clocks, made prominent since rollback is the Snowflake lesson: each
//! server's skew, worker id and status, and buttons that jump its clock back 10 ms or 2 s, step it
//! forward, or make it drift.

use std::rc::Rc;

use yew::prelude::*;

use crate::idgen::IdInput;
use crate::lab::ids::view::AppRow;
use crate::sim::{ms, secs, Action};
use crate::ui::i18n::ids::{id_word, t, Key};
use crate::ui::i18n::{fill, use_lang, Lang};
use crate::ui::shell::format;

/// How far the "back" buttons jump.
pub const BACK_SMALL: i64 = ms(10) as i64;
/// How far the big "back" button jumps.
pub const BACK_BIG: i64 = secs(2) as i64;
/// How far the "forward" button steps.
pub const FORWARD: i64 = secs(1) as i64;
/// A fast clock's drift, parts per million.
pub const DRIFT_FAST: i32 = 100_000;

/// Properties of [`ClockPanel`].
#[derive(Properties, PartialEq)]
pub struct ClockPanelProps {
    /// The application servers.
    pub apps: Rc<Vec<AppRow>>,
    /// A clock button asked for an action.
    pub on_act: Callback<Action<IdInput>>,
}

/// One row per application server.
#[component]
pub fn ClockPanel(props: &ClockPanelProps) -> Html {
    let lang = use_lang();
    html! {
        <section class="panel id-clocks" data-testid="clocks">
            <h2>{ t(lang, Key::Clocks) }</h2>
            <p class="hint">{ t(lang, Key::ClocksHint) }</p>
            <ul>
                { for props.apps.iter().map(|a| row(lang, a, &props.on_act)) }
            </ul>
        </section>
    }
}

fn row(lang: Lang, app: &AppRow, on_act: &Callback<Action<IdInput>>) -> Html {
    let node = app.node;
    let button = |testid: &str, class: &'static str, label: Key, title: Key, action: Action<IdInput>| {
        let onclick = on_act.reform(move |_: MouseEvent| action.clone());
        html! {
            <button type="button" class={classes!("btn", "small", class)} data-testid={format!("{testid}-{node}")}
                    title={t(lang, title)} {onclick}>
                { t(lang, label) }
            </button>
        }
    };
    let skew_class = match app.skew {
        s if s < 0 => "behind",
        s if s > 0 => "ahead",
        _ => "exact",
    };
    html! {
        <li key={node} class={classes!("clock-row", app.status.name())} data-testid="clock-row" data-node={node.to_string()}
            data-skew={app.skew.to_string()} data-state={app.status.name()}>
            <div class="clock-who">
                <strong>{ format!("N{node}") }</strong>
                <span class={classes!("state-chip", app.status.name())}>{ id_word(lang, app.status.name()) }</span>
                if let Some(w) = app.worker {
                    <span class="worker">{ fill(t(lang, Key::WorkerOf), &[("w", &w.to_string())]) }</span>
                }
                if app.pending > 0 {
                    <span class="pending">{ fill(t(lang, Key::Pending), &[("n", &app.pending.to_string())]) }</span>
                }
                <span class={classes!("skew", skew_class)} data-testid={format!("skew-{node}")}>
                    { fill(t(lang, Key::ClockOf), &[("skew", &format::signed_ms(lang, app.skew))]) }
                </span>
            </div>
            <div class="clock-buttons">
                { button("jump-back-10ms", "rollback", Key::Back10, Key::Back10Title, Action::ClockJump { node, delta: -BACK_SMALL }) }
                { button("jump-back-2s", "rollback", Key::Back2s, Key::Back2sTitle, Action::ClockJump { node, delta: -BACK_BIG }) }
                { button("jump-forward", "", Key::Forward, Key::ForwardTitle, Action::ClockJump { node, delta: FORWARD }) }
                { button("drift-fast", "", Key::DriftFast, Key::DriftFastTitle, Action::ClockDrift { node, ppm: DRIFT_FAST }) }
                { button("drift-none", "quiet", Key::DriftNone, Key::DriftNoneTitle, Action::ClockDrift { node, ppm: 0 }) }
            </div>
        </li>
    }
}
