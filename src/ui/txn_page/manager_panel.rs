//! The TX Manager's transaction log: one row per global transaction with its state (trying,
//! confirming, cancelling, done), its outcome and how long it took; then the application nodes.

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::txn::view::{AppRow, ManagerView};
use crate::sim::NodeStatus;
use crate::ui::i18n::txn::{t, txn_word, Key};
use crate::ui::i18n::{status_name, use_lang, Lang};
use crate::ui::shell::format;

/// Properties of [`ManagerPanel`].
#[derive(Properties, PartialEq)]
pub struct ManagerPanelProps {
    /// The TX Manager and its log.
    pub manager: Rc<ManagerView>,
    /// The application nodes.
    pub apps: Rc<Vec<AppRow>>,
    /// The followed global transaction (its lane in the sequence diagram), if any.
    #[prop_or_default]
    pub selected: Option<u64>,
    /// A row was clicked: follow that transaction (`None`: stop following).
    #[prop_or_default]
    pub on_select: Callback<Option<u64>>,
}

/// The log as a table, newest last.
#[component]
pub fn ManagerPanel(props: &ManagerPanelProps) -> Html {
    let lang = use_lang();
    let m = &props.manager;
    html! {
        <section class={classes!("panel", "txn-manager", m.status.as_str())} data-testid="tx-log" data-state={m.status.as_str()}
                 data-rows={m.total.to_string()}>
            <h2>
                { t(lang, Key::Manager) }
                <span class={classes!("status", m.status.as_str())}>{ status_name(lang, m.status) }</span>
            </h2>
            if m.status == NodeStatus::Down {
                <p class="warn" data-testid="manager-down">{ t(lang, Key::ManagerDown) }</p>
            }
            if m.log.is_empty() {
                <p class="hint">{ t(lang, Key::NoTxns) }</p>
            } else {
                <table class="tx-log">
                    <thead><tr>
                        <th>{ t(lang, Key::Gid) }</th>
                        <th>{ t(lang, Key::Client) }</th>
                        <th>{ t(lang, Key::TxState) }</th>
                        <th>{ t(lang, Key::Outcome) }</th>
                        <th>{ t(lang, Key::Took) }</th>
                    </tr></thead>
                    <tbody>
                        { for m.log.iter().map(|r| {
                            let state = r.state.name();
                            let outcome = match r.succeeded {
                                Some(true) => ("success", t(lang, Key::OutcomeSucceeded)),
                                Some(false) => ("failure", t(lang, Key::OutcomeFailed)),
                                None => ("open", "–"),
                            };
                            let (gid, chosen) = (r.gid, props.selected == Some(r.gid));
                            let onclick = props.on_select.reform(move |_: MouseEvent| (!chosen).then_some(gid));
                            html! {
                                <tr key={r.gid} class={classes!("tx", state, outcome.0, chosen.then_some("chosen"))} data-testid="tx" data-gid={r.gid.to_string()}
                                    data-state={state} data-outcome={outcome.0} title={t(lang, Key::FollowTitle)} {onclick}>
                                    <td><code>{ format!("#{}", r.gid) }</code></td>
                                    <td>{ format!("N{}", r.client) }</td>
                                    <td><span class={classes!("chip", state)}>{ txn_word(lang, state) }</span></td>
                                    <td class="outcome">{ outcome.1 }</td>
                                    <td class="num">{ r.settle_time.map_or_else(|| "–".to_string(), |t| format::ms(lang, t)) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
            { apps_list(lang, &props.apps) }
        </section>
    }
}

/// The application nodes with their requests, under a heading.
pub fn apps_list(lang: Lang, apps: &[AppRow]) -> Html {
    html! {
        <>
            <h3>{ t(lang, Key::Apps) }</h3>
            <ul class="apps">
                { for apps.iter().map(|a| html! {
                    <li key={a.node} class={classes!("app", a.status.as_str())} data-testid="app" data-node={a.node.to_string()}>
                        <strong>{ format!("N{}", a.node) }</strong>
                        <span>{ format!("{} {}", t(lang, Key::Remaining), a.remaining) }</span>
                        <span>{ format!("{} {}", t(lang, Key::SentCol), a.sent) }</span>
                        <span class="ok">{ format!("{} {}", t(lang, Key::SucceededCol), a.succeeded) }</span>
                        <span class="ko">{ format!("{} {}", t(lang, Key::FailedCol), a.failed) }</span>
                    </li>
                }) }
            </ul>
        </>
    }
}
