//! The inspector: the selected node's details (rows the lab supplies) and its fault buttons.

use yew::prelude::*;

use super::buttons::fault_button;
use super::fault::{isolate, Fault};
use crate::sim::{Action, NodeId, MICROS_PER_MS};
use crate::ui::i18n::{t, use_lang, Key, Lang};

/// How far the clock buttons jump, microseconds.
pub const CLOCK_JUMP: i64 = 100 * MICROS_PER_MS as i64;

/// Properties of [`Inspector`].
#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    /// The node.
    pub node: NodeId,
    /// Nodes in the cluster (to isolate this one).
    pub count: u32,
    /// Label and value rows, already translated and formatted.
    pub rows: Vec<(String, String)>,
    /// A button asked for a fault.
    pub on_fault: Callback<Fault>,
    /// Close the inspector.
    pub on_close: Callback<()>,
    /// More buttons a lab adds (after the shared ones).
    #[prop_or_default]
    pub children: Html,
}

/// An inspector's heading with its close button, then its label/value rows.
pub fn heading_and_rows(lang: Lang, title: String, rows: &[(String, String)], on_close: &Callback<()>) -> Html {
    let close = on_close.reform(|_: MouseEvent| ());
    html! {
        <>
            <header>
                <h2>{ title }</h2>
                <button type="button" class={classes!("btn", "quiet")} data-testid="inspector-close" onclick={close}>
                    { t(lang, Key::Close) }
                </button>
            </header>
            <dl>
                { for rows.iter().map(|(label, value)| html! {
                    <div class="row"><dt>{ label.clone() }</dt><dd>{ value.clone() }</dd></div>
                }) }
            </dl>
        </>
    }
}

/// The inspector panel.
#[component]
pub fn Inspector(props: &InspectorProps) -> Html {
    let lang = use_lang();
    let node = props.node;
    let f = &props.on_fault;
    html! {
        <section class="panel inspector" data-testid="inspector" data-inspected={node.to_string()}>
            { heading_and_rows(lang, format!("{} {node}", t(lang, Key::Node)), &props.rows, &props.on_close) }
            <div class="buttons">
                { fault_button(t(lang, Key::Kill), "kill".into(), "danger", Action::Crash { node }, f) }
                { fault_button(t(lang, Key::Restart), "restart".into(), "", Action::Restart { node }, f) }
                { fault_button(t(lang, Key::PauseNode), "pause-node".into(), "", Action::Pause { node }, f) }
                { fault_button(t(lang, Key::ResumeNode), "resume-node".into(), "", Action::Resume { node }, f) }
                { fault_button(t(lang, Key::Isolate), "isolate".into(), "", isolate(node, props.count), f) }
                { fault_button(t(lang, Key::ClockBack), "clock-back".into(), "", Action::ClockJump { node, delta: -CLOCK_JUMP }, f) }
                { fault_button(t(lang, Key::ClockForward), "clock-forward".into(), "", Action::ClockJump { node, delta: CLOCK_JUMP }, f) }
                { props.children.clone() }
            </div>
        </section>
    }
}
