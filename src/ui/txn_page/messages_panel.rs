//! The message patterns' panel, in the TX Manager's place: under the local message table, bank 1's
//! message table with each row's status and sends, and what the relay and the monitor do; under
//! transactional messages, the broker's messages (half, committed, consumed, rolled back,
//! discarded, dead-lettered) with their check-backs and redeliveries, and RocketMQ's times in
//! force. Then the application nodes.

use std::rc::Rc;

use yew::prelude::*;

use super::manager_panel::apps_list;
use crate::lab::txn::view::{AppRow, BrokerView, RelayView};
use crate::sim::NodeStatus;
use crate::ui::i18n::txn::{t, txn_word, Key};
use crate::ui::i18n::{fill, status_name, use_lang, Lang};

/// Properties of [`MessagesPanel`].
#[derive(Properties, PartialEq)]
pub struct MessagesPanelProps {
    /// The broker, under transactional messages.
    pub broker: Option<Rc<BrokerView>>,
    /// The relay, under the local message table.
    pub relay: Option<Rc<RelayView>>,
    /// The application nodes.
    pub apps: Rc<Vec<AppRow>>,
}

/// The relay's or the broker's table, then the applications.
#[component]
pub fn MessagesPanel(props: &MessagesPanelProps) -> Html {
    let lang = use_lang();
    html! {
        <section class="panel txn-manager txn-messages" data-testid="messages">
            if let Some(relay) = &props.relay { { relay_table(lang, relay) } }
            if let Some(broker) = &props.broker { { broker_table(lang, broker) } }
            { apps_list(lang, &props.apps) }
        </section>
    }
}

fn heading(lang: Lang, title: Key, status: NodeStatus) -> Html {
    html! {
        <h2>
            { t(lang, title) }
            <span class={classes!("status", status.as_str())}>{ status_name(lang, status) }</span>
        </h2>
    }
}

fn relay_table(lang: Lang, r: &RelayView) -> Html {
    let params = fill(
        t(lang, Key::RelayParams),
        &[("relay", &(r.relay_interval / 1000).to_string()), ("monitor", &(r.monitor_interval / 1000).to_string())],
    );
    html! {
        <div class="relay" data-testid="relay" data-rows={r.total.to_string()} data-pending={r.pending.to_string()}>
            { heading(lang, Key::RelayTitle, r.status) }
            <p class="hint">{ params }</p>
            if r.rows.is_empty() {
                <p class="hint">{ t(lang, Key::NoMessages) }</p>
            } else {
                <table class="tx-log">
                    <thead><tr>
                        <th>{ t(lang, Key::Gid) }</th><th>{ t(lang, Key::Amount) }</th>
                        <th>{ t(lang, Key::TxState) }</th><th>{ t(lang, Key::SendsCol) }</th>
                    </tr></thead>
                    <tbody>
                        { for r.rows.iter().map(|(gid, row, sends)| {
                            let state = row.status.name();
                            html! {
                                <tr key={*gid} class={classes!("msg", state)} data-testid="outbox-row" data-gid={gid.to_string()} data-state={state}>
                                    <td><code>{ format!("#{gid}") }</code></td>
                                    <td class="num">{ row.amount }</td>
                                    <td><span class={classes!("chip", state)}>{ txn_word(lang, state) }</span></td>
                                    <td class="num">{ sends }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
        </div>
    }
}

fn broker_table(lang: Lang, b: &BrokerView) -> Html {
    let params = fill(
        t(lang, Key::BrokerParams),
        &[
            ("timeout", &(b.timeout / 1000).to_string()),
            ("interval", &(b.interval / 1000).to_string()),
            ("max", &b.check_max.to_string()),
        ],
    );
    html! {
        <div class="broker" data-testid="broker" data-rows={b.total.to_string()} data-half={b.half.to_string()}>
            { heading(lang, Key::BrokerTitle, b.status) }
            if b.status == NodeStatus::Down {
                <p class="warn">{ t(lang, Key::BrokerDown) }</p>
            }
            <p class="hint">{ params }</p>
            if b.messages.is_empty() {
                <p class="hint">{ t(lang, Key::NoMessages) }</p>
            } else {
                <table class="tx-log">
                    <thead><tr>
                        <th>{ t(lang, Key::Gid) }</th><th>{ t(lang, Key::Amount) }</th><th>{ t(lang, Key::TxState) }</th>
                        <th>{ t(lang, Key::ChecksCol) }</th><th>{ t(lang, Key::ReconsumeCol) }</th>
                    </tr></thead>
                    <tbody>
                        { for b.messages.iter().map(|(gid, m)| {
                            let state = m.state.name();
                            html! {
                                <tr key={*gid} class={classes!("msg", state)} data-testid="broker-message" data-gid={gid.to_string()}
                                    data-state={state} data-checks={m.checks.to_string()}>
                                    <td><code>{ format!("#{gid}") }</code></td>
                                    <td class="num">{ m.amount }</td>
                                    <td><span class={classes!("chip", state)}>{ txn_word(lang, state) }</span></td>
                                    <td class="num">{ format!("{} / {}", m.checks, b.check_max) }</td>
                                    <td class="num">{ m.reconsume_times }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
        </div>
    }
}
