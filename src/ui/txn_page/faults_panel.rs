//! The fault controls that cause the classic failures on purpose: crash and restart the TX Manager
//! (before or after it logs its decision, by when you press it), delay every message past the Try
//! timeout, delay exactly one Try past it (hanging, on purpose), drop one reply, duplicate every message, pause or partition one participant, heal; and
//! start a payment now. Every control is an action recorded in the scenario.

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::txn::view::{Role, ServiceView};
use crate::sim::{ms, secs, Action, MsgId, NetworkConfig, NodeId, NodeStatus};
use crate::txn::{Pattern, TxnInput, CONSUMER, MANAGER};
use crate::ui::i18n::txn::{t, txn_word, Key};
use crate::ui::i18n::{fill, use_lang};
use crate::ui::shell::fault::isolate;

/// The latency that makes every Try time out (the Try timeout is 500 ms).
pub const SLOW: u64 = secs(2);
/// The named scenarios' fixed hop.
pub const FAST: u64 = ms(10);

/// Properties of [`FaultsPanel`].
#[derive(Properties, PartialEq)]
pub struct FaultsPanelProps {
    /// The TX Manager's status (the broker's under transactional messages).
    pub manager: NodeStatus,
    /// The pattern: the message patterns crash the producer and the broker, and fail the consumer.
    #[prop_or_default]
    pub pattern: Pattern,
    /// The services.
    pub services: Rc<Vec<ServiceView>>,
    /// The first application node, if any.
    pub app: Option<NodeId>,
    /// Nodes in the cluster.
    pub count: u32,
    /// The network in force.
    pub network: NetworkConfig,
    /// The first answer on its way to the TX Manager.
    pub reply: Option<MsgId>,
    /// A branch's first call on its way (message, transaction), and the call's name.
    pub first_call: Option<(MsgId, u64)>,
    /// The name of a branch's first call in this pattern ("Try", "Action", "XA PREPARE").
    pub first_op: &'static str,
    /// A control asked for an action.
    pub on_act: Callback<Action<TxnInput>>,
}

/// The buttons.
#[component]
pub fn FaultsPanel(props: &FaultsPanelProps) -> Html {
    let lang = use_lang();
    let button = |testid: String,
                  label: String,
                  title: Key,
                  class: Option<&'static str>,
                  action: Option<Action<TxnInput>>| {
        let disabled = action.is_none();
        let onclick = props.on_act.reform(move |_: MouseEvent| action.clone().unwrap_or(Action::HealAll));
        html! {
            <button type="button" class={classes!("btn", class)} data-testid={testid} title={t(lang, title)} {disabled} {onclick}>
                { label }
            </button>
        }
    };
    let down = props.manager == NodeStatus::Down;
    let slow = props.network.latency_min >= SLOW;
    let duplicating = props.network.duplicate_ppm > 0;
    let pay = props.app.map(|node| Action::Input { node, input: TxnInput::Pay { amount: 100, quantity: 1 } });
    // Duplicate every message (or stop), and heal the network: the same under every pattern.
    let duplicate_and_heal = html! {
        <>
            if duplicating {
                { button("no-duplicate".into(), t(lang, Key::NoDuplicate).into(), Key::DuplicateTitle, None, Some(Action::SetDuplication { ppm: 0 })) }
            } else {
                { button("duplicate".into(), t(lang, Key::Duplicate).into(), Key::DuplicateTitle, None, Some(Action::SetDuplication { ppm: 1_000_000 })) }
            }
            { button("heal".into(), t(lang, Key::HealAll).into(), Key::HealAllTitle, None, Some(Action::HealAll)) }
        </>
    };
    if props.pattern.by_message() {
        let crash = |node: NodeId, status: NodeStatus, role: &'static str| {
            let name = txn_word(lang, role);
            let (key, action, class) = match status {
                NodeStatus::Down => (Key::RestartNode, Action::Restart { node }, None),
                _ => (Key::CrashNode, Action::Crash { node }, Some("danger")),
            };
            button(
                format!("crash-node-{node}"),
                fill(t(lang, key), &[("node", name)]),
                Key::CrashNodeTitle,
                class,
                Some(action),
            )
        };
        let producer = props.services.first().map(|s| (s.node, s.status));
        let fail = Action::Input { node: CONSUMER, input: TxnInput::FailConsume { times: 1 } };
        return html! {
            <section class="panel txn-faults" data-testid="faults">
                <h2>{ t(lang, Key::Faults) }</h2>
                <div class="fault-row">
                    { button("pay".into(), t(lang, Key::Pay).into(), Key::PayTitle, Some("primary"), pay) }
                    if let Some((node, status)) = producer { { crash(node, status, "bank_1") } }
                    if props.pattern == Pattern::TxMessage { { crash(MANAGER, props.manager, "broker") } }
                    { button("fail-consume".into(), t(lang, Key::FailConsume).into(), Key::FailConsumeTitle, None, Some(fail)) }
                </div>
                <div class="fault-row">
                    { duplicate_and_heal.clone() }
                </div>
                { service_row(lang, props, &button) }
                <p class="hint">{ t(lang, Key::FaultsHint) }</p>
            </section>
        };
    }
    html! {
        <section class="panel txn-faults" data-testid="faults">
            <h2>{ t(lang, Key::Faults) }</h2>
            <div class="fault-row">
                { button("pay".into(), t(lang, Key::Pay).into(), Key::PayTitle, Some("primary"), pay) }
                if down {
                    { button("restart-manager".into(), t(lang, Key::RestartManager).into(), Key::RestartManagerTitle, None, Some(Action::Restart { node: MANAGER })) }
                } else {
                    { button("crash-manager".into(), t(lang, Key::CrashManager).into(), Key::CrashManagerTitle, Some("danger"), Some(Action::Crash { node: MANAGER })) }
                }
            </div>
            <div class="fault-row">
                if slow {
                    { button("fast-network".into(), t(lang, Key::FastNetwork).into(), Key::FastNetworkTitle, None, Some(Action::SetLatency { min: FAST, max: FAST })) }
                } else {
                    { button("slow-network".into(), t(lang, Key::SlowNetwork).into(), Key::SlowNetworkTitle, None, Some(Action::SetLatency { min: SLOW, max: SLOW })) }
                }
                { button("delay-try".into(), match props.first_call {
                    Some((_, gid)) => fill(t(lang, Key::DelayTry), &[("op", props.first_op), ("gid", &gid.to_string())]),
                    None => fill(t(lang, Key::NoTry), &[("op", props.first_op)]),
                }, Key::DelayTryTitle, None, props.first_call.map(|(id, _)| Action::DelayMessage { id, by: SLOW })) }
                { button("drop-reply".into(), t(lang, if props.reply.is_some() { Key::DropReply } else { Key::NoReply }).into(), Key::DropReplyTitle, None, props.reply.map(|id| Action::DropMessage { id })) }
                { duplicate_and_heal }
            </div>
            { service_row(lang, props, &button) }
            <p class="hint">{ t(lang, Key::FaultsHint) }</p>
        </section>
    }
}

/// Pause or resume, and partition, each service.
fn service_row(
    lang: crate::ui::i18n::Lang,
    props: &FaultsPanelProps,
    button: &dyn Fn(String, String, Key, Option<&'static str>, Option<Action<TxnInput>>) -> Html,
) -> Html {
    html! {
        <div class="fault-row services">
            { for props.services.iter().map(|s| {
                let node = s.node;
                let name = txn_word(lang, Role::Service(s.service).name());
                let paused = s.status == NodeStatus::Paused;
                let (key, action) = if paused {
                    (Key::ResumeService, Action::Resume { node })
                } else {
                    (Key::PauseService, Action::Pause { node })
                };
                let testid = if paused { format!("resume-service-{node}") } else { format!("pause-service-{node}") };
                html! {
                    <span class="service-faults" key={node}>
                        { button(testid, fill(t(lang, key), &[("service", name)]), Key::PauseServiceTitle, None, Some(action)) }
                        { button(format!("isolate-service-{node}"), fill(t(lang, Key::IsolateService), &[("service", name)]), Key::IsolateServiceTitle, None, Some(crate::ui::shell::fault::widen(isolate(node, props.count)))) }
                    </span>
                }
            }) }
        </div>
    }
}
