//! The client panel: put / get / delete / compare-and-set sent to a chosen node, and the history of requests.

use std::fmt::Write as _;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::lab::raft::view::{ClientRequest, Outcome};
use crate::raft::KvOp;
use crate::sim::NodeId;
use crate::ui::i18n::raft::{t, Key};
use crate::ui::i18n::{fill, note_text, use_lang, Lang};
use crate::ui::shell::format;
use crate::ui::shell::keyed_list::use_keyed_list;
use crate::ui::shell::markup::Markup;

/// The operation chosen in the form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OpKind {
    /// Put key=value.
    #[default]
    Put,
    /// Get key.
    Get,
    /// Delete key.
    Delete,
    /// Compare-and-set key from expected to value.
    Cas,
}

impl OpKind {
    const ALL: [(OpKind, &'static str, Key); 4] = [
        (OpKind::Put, "put", Key::OpPut),
        (OpKind::Get, "get", Key::OpGet),
        (OpKind::Delete, "delete", Key::OpDelete),
        (OpKind::Cas, "cas", Key::OpCas),
    ];
}

/// What the client form holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientForm {
    /// The operation.
    pub op: OpKind,
    /// The key.
    pub key: String,
    /// The value (put) or the new value (compare-and-set).
    pub value: String,
    /// The expected value of a compare-and-set (empty: the key must be absent).
    pub expected: String,
    /// The node to send to; `None`: the leader (or node 0 when there is none).
    pub node: Option<NodeId>,
}

impl Default for ClientForm {
    fn default() -> Self {
        Self { op: OpKind::Put, key: "x".into(), value: "1".into(), expected: String::new(), node: None }
    }
}

impl ClientForm {
    /// The operation to send.
    pub fn op(&self) -> KvOp {
        let key = self.key.clone();
        match self.op {
            OpKind::Put => KvOp::Put { key, value: self.value.clone() },
            OpKind::Get => KvOp::Get { key },
            OpKind::Delete => KvOp::Delete { key },
            OpKind::Cas => {
                let expected = (!self.expected.is_empty()).then(|| self.expected.clone());
                KvOp::Cas { key, expected, new: self.value.clone() }
            }
        }
    }
}

/// Properties of [`ClientPanel`].
#[derive(Properties, PartialEq)]
pub struct ClientPanelProps {
    /// The form's contents.
    pub form: ClientForm,
    /// Nodes in the cluster.
    pub count: u32,
    /// Recent requests, oldest first.
    pub requests: Rc<Vec<ClientRequest>>,
    /// The form changed.
    pub on_form: Callback<ClientForm>,
    /// Send this form's request (the form as its fields show it when Send was pressed).
    pub on_send: Callback<ClientForm>,
    /// Send `op` again to `node` (following a redirect).
    pub on_retry: Callback<(NodeId, KvOp)>,
}

fn input_value(e: &Event) -> String {
    let input: web_sys::HtmlInputElement = e.target_unchecked_into();
    input.value()
}

/// The client form and history.
#[component]
pub fn ClientPanel(props: &ClientPanelProps) -> Html {
    let lang = use_lang();
    html! {
        <section class="panel client-panel" data-testid="client-panel">
            <h2>{ t(lang, Key::Client) }</h2>
            <FormView form={props.form.clone()} count={props.count} on_form={props.on_form.clone()} on_send={props.on_send.clone()} />
            <h2>{ t(lang, Key::History) }</h2>
            <History requests={props.requests.clone()} on_retry={props.on_retry.clone()} />
        </section>
    }
}

/// Properties of [`FormView`].
#[derive(Properties, PartialEq)]
struct FormProps {
    form: ClientForm,
    count: u32,
    on_form: Callback<ClientForm>,
    on_send: Callback<ClientForm>,
}

/// The form as its fields show it now: a value typed and sent at once (the field's change and the
/// click in one turn, before the page redraws) is the value sent.
fn form_shown(form: &web_sys::Element, held: &ClientForm) -> ClientForm {
    let field = |testid: &str| {
        form.query_selector(&format!("[data-testid=\"{testid}\"]"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|input| input.value())
    };
    ClientForm {
        key: field("client-key").unwrap_or_else(|| held.key.clone()),
        value: field("client-value").unwrap_or_else(|| held.value.clone()),
        expected: field("client-expected").unwrap_or_else(|| held.expected.clone()),
        ..held.clone()
    }
}

/// The request form (redrawn only when it changes, not with every frame of the run).
#[component]
fn FormView(props: &FormProps) -> Html {
    let lang = use_lang();
    let form = &props.form;
    let edit = |change: fn(&mut ClientForm, String)| {
        let (form, on_form) = (form.clone(), props.on_form.clone());
        Callback::from(move |e: Event| {
            let mut next = form.clone();
            change(&mut next, input_value(&e));
            on_form.emit(next);
        })
    };
    // Text fields update the form as the user types, not when they lose the focus.
    let typed = |change: fn(&mut ClientForm, String)| edit(change).reform(|e: InputEvent| e.into());
    let on_op = edit(|f, v| f.op = OpKind::ALL.iter().find(|(_, name, _)| *name == v).map_or(OpKind::Put, |o| o.0));
    let on_node = edit(|f, v| f.node = v.parse().ok());
    let send = {
        let (form, on_form, on_send) = (form.clone(), props.on_form.clone(), props.on_send.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let shown = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .map_or_else(|| form.clone(), |f| form_shown(&f, &form));
            if shown != form {
                on_form.emit(shown.clone());
            }
            on_send.emit(shown);
        })
    };
    let needs_value = matches!(form.op, OpKind::Put | OpKind::Cas);
    html! {
            <form class="client-form" onsubmit={send}>
                <label><span>{ t(lang, Key::Operation) }</span>
                    <select data-testid="client-op" onchange={on_op}>
                        { for OpKind::ALL.iter().map(|&(op, name, key)| html! {
                            <option value={name} selected={op == form.op}>{ t(lang, key) }</option>
                        }) }
                    </select>
                </label>
                <label><span>{ t(lang, Key::KeyName) }</span>
                    <input data-testid="client-key" value={form.key.clone()} oninput={typed(|f, v| f.key = v)} />
                </label>
                if form.op == OpKind::Cas {
                    <label><span>{ t(lang, Key::Expected) }</span>
                        <input data-testid="client-expected" value={form.expected.clone()} oninput={typed(|f, v| f.expected = v)} />
                    </label>
                }
                if needs_value {
                    <label><span>{ t(lang, Key::Value) }</span>
                        <input data-testid="client-value" value={form.value.clone()} oninput={typed(|f, v| f.value = v)} />
                    </label>
                }
                <label><span>{ t(lang, Key::SendTo) }</span>
                    <select data-testid="client-node" onchange={on_node}>
                        <option value="leader" selected={form.node.is_none()}>{ t(lang, Key::LeaderIs) }</option>
                        { for (0..props.count).map(|n| html! {
                            <option value={n.to_string()} selected={form.node == Some(n)}>{ format!("N{n}") }</option>
                        }) }
                    </select>
                </label>
                <button type="submit" class={classes!("btn", "primary")} data-testid="client-send">{ t(lang, Key::Send) }</button>
            </form>
    }
}

/// Properties of [`History`].
#[derive(Properties, PartialEq)]
struct HistoryProps {
    requests: Rc<Vec<ClientRequest>>,
    on_retry: Callback<(NodeId, KvOp)>,
}

/// The requests sent, newest first, with their outcomes.
#[component]
fn History(props: &HistoryProps) -> Html {
    let lang = use_lang();
    let rows = use_node_ref();
    use_keyed_list(rows.clone(), history_rows(lang, &props.requests));
    html! {
        if props.requests.is_empty() {
            <p class="hint">{ t(lang, Key::NoRequests) }</p>
        } else {
            <table class="history" data-testid="client-history">
                <thead><tr>
                    <th>{ "#" }</th><th>{ t(lang, Key::SentAt) }</th><th>{ "N" }</th><th>{ t(lang, Key::Operation) }</th>
                    <th>{ t(lang, Key::Outcome) }</th><th>{ t(lang, Key::Latency) }</th>
                </tr></thead>
                <tbody ref={rows} onclick={on_retry_click(props.requests.clone(), props.on_retry.clone())} />
            </table>
        }
    }
}

/// The history's rows, newest first, as markup keyed by sequence number (a busy run adds rows every
/// frame); a redirected request has a retry button, handled by the table body's one listener.
fn history_rows(lang: Lang, requests: &[ClientRequest]) -> Vec<(u64, String)> {
    let mut rows = Vec::with_capacity(requests.len());
    for r in requests.iter().rev() {
        let mut out = Markup::with_capacity(300);
        let note = r.outcome.note();
        let _ = write!(
            out.tag("<tr data-testid=\"request\" "),
            "data-seq=\"{}\" data-outcome=\"{}\" class=\"outcome {}\"",
            r.seq,
            note.word,
            note.word
        );
        let _ = write!(out.tag("><td>"), "{}", r.seq);
        let _ = write!(out.tag("</td><td>"), "{}", format::seconds(lang, r.sent_at));
        let _ = write!(out.tag("</td><td>"), "N{}", r.node);
        out.tag("</td><td class=\"op\">").text(&r.op.to_string());
        out.tag("</td><td class=\"result\">").text(&note_text(lang, &note));
        if let Outcome::Redirected(leader) = r.outcome {
            out.tag("<button type=\"button\" class=\"btn quiet\" data-testid=\"client-retry\">");
            out.text(&fill(t(lang, Key::RetryAt), &[("n", &leader.to_string())])).tag("</button>");
        }
        out.tag("</td><td>");
        if let Some(l) = r.latency {
            out.text(&format::ms(lang, l));
        }
        out.tag("</td></tr>");
        rows.push((r.seq, out.into_string()));
    }
    rows
}

/// A click on a retry button: the redirected request sent again to the leader it named.
fn on_retry_click(requests: Rc<Vec<ClientRequest>>, on_retry: Callback<(NodeId, KvOp)>) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        let Some(row) = target
            .closest("[data-testid=\"client-retry\"]")
            .ok()
            .flatten()
            .and_then(|b| b.closest("tr").ok().flatten())
        else {
            return;
        };
        let seq = row.get_attribute("data-seq").and_then(|s| s.parse::<u64>().ok());
        if let Some(r) = requests.iter().find(|r| Some(r.seq) == seq) {
            if let Outcome::Redirected(leader) = r.outcome {
                on_retry.emit((leader, r.op.clone()));
            }
        }
    })
}
