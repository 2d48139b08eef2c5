//! The client history panel: a read form (by log, ReadIndex, lease or local read, at any node) and
//! every operation as a bar from invocation to answer, judged for linearizability, the operation
//! that breaks it marked in red with the checker's sentence.

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::raft::view::{LinearizabilityView, OpRow, Verdict};
use crate::raft::ReadMode;
use crate::sim::{NodeId, SimTime};
use crate::ui::i18n::raft::{t, violation_text, Key};
use crate::ui::i18n::{fill, use_lang, Lang};
use crate::ui::shell::format;

/// How the page reads: through the log (a `get`), or outside it with a read mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadPath {
    /// A `get` appended to the log like a write.
    Log,
    /// A read outside the log.
    Mode(ReadMode),
}

impl ReadPath {
    /// Every path, as offered in the form.
    const ALL: [ReadPath; 4] = [
        ReadPath::Log,
        ReadPath::Mode(ReadMode::ReadIndex),
        ReadPath::Mode(ReadMode::Lease),
        ReadPath::Mode(ReadMode::Local),
    ];

    /// The name in `data-path` and the form's values.
    fn name(self) -> &'static str {
        match self {
            ReadPath::Log => "log",
            ReadPath::Mode(mode) => mode.name(),
        }
    }

    fn label(self, lang: Lang) -> &'static str {
        t(
            lang,
            match self {
                ReadPath::Log => Key::PathLog,
                ReadPath::Mode(ReadMode::ReadIndex) => Key::PathReadIndex,
                ReadPath::Mode(ReadMode::Lease) => Key::PathLease,
                ReadPath::Mode(ReadMode::Local) => Key::PathLocal,
            },
        )
    }
}

/// The short name of an operation's path (`data-path` value) in `lang`.
fn path_name(lang: Lang, path: &'static str) -> &'static str {
    let key = match path {
        "log" => Key::ShortLog,
        "read_index" => Key::ShortReadIndex,
        "lease" => Key::ShortLease,
        "local" => Key::ShortLocal,
        _ => return path,
    };
    t(lang, key)
}

/// A read the user asked for: the key, how, and at which node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadRequest {
    /// The key.
    pub key: String,
    /// How.
    pub path: ReadPath,
    /// The node it is sent to.
    pub node: NodeId,
}

/// Properties of [`HistoryPanel`].
#[derive(Properties, PartialEq)]
pub struct HistoryPanelProps {
    /// The history and its verdict.
    pub view: Rc<LinearizabilityView>,
    /// Virtual time now (pending bars run to it).
    pub now: SimTime,
    /// Nodes in the cluster.
    pub count: u32,
    /// The leader, the form's default node.
    pub leader: Option<NodeId>,
    /// A read was asked for.
    pub on_read: Callback<ReadRequest>,
}

/// The verdict line, its tone and `data-verdict`.
fn verdict_line(lang: Lang, verdict: &Verdict) -> (String, &'static str) {
    let n = |count: &usize| count.to_string();
    match verdict {
        Verdict::Empty => (t(lang, Key::VerdictEmpty).to_string(), "empty"),
        Verdict::Linearizable(ops) => (fill(t(lang, Key::VerdictOk), &[("n", &n(ops))]), "linearizable"),
        Verdict::Broken(violation) => {
            (format!("{} {}", t(lang, Key::VerdictBroken), violation_text(lang, violation)), "broken")
        }
        Verdict::Unknown(ops) => (fill(t(lang, Key::VerdictUnknown), &[("n", &n(ops))]), "unknown"),
        Verdict::TooLong(ops) => (fill(t(lang, Key::VerdictTooLong), &[("n", &n(ops))]), "too_long"),
    }
}

/// One operation's bar on the time axis from `start` to `now`, in percent.
fn bar(row: &OpRow, start: SimTime, now: SimTime) -> Html {
    let span = now.saturating_sub(start).max(1) as f64;
    let at = |t: SimTime| (t.saturating_sub(start) as f64 / span * 100.0).clamp(0.0, 100.0);
    let (left, right) = (at(row.invoke), at(row.returned.unwrap_or(now)));
    let style = format!("left:{left:.2}%;width:{:.2}%", (right - left).max(0.6));
    html! { <span class={classes!("op-bar", row.status)} {style}></span> }
}

/// The read form and the judged history.
#[component]
pub fn HistoryPanel(props: &HistoryPanelProps) -> Html {
    let lang = use_lang();
    let key = use_state(|| "x".to_string());
    let path = use_state(|| ReadPath::Log);
    let node = use_state(|| None::<NodeId>);
    let (line, tone) = verdict_line(lang, &props.view.verdict);
    let start = props.view.rows.iter().map(|r| r.invoke).min().unwrap_or(0);
    let on_key = {
        let key = key.clone();
        Callback::from(move |e: InputEvent| key.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let on_path = {
        let path = path.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            path.set(ReadPath::ALL.into_iter().find(|p| p.name() == value).unwrap_or(ReadPath::Log));
        })
    };
    let on_node = {
        let node = node.clone();
        Callback::from(move |e: Event| {
            node.set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value().parse().ok())
        })
    };
    let target = (*node).filter(|&n| n < props.count).or(props.leader).unwrap_or(0);
    let read = {
        let (key, path, on_read) = ((*key).clone(), *path, props.on_read.clone());
        Callback::from(move |_: MouseEvent| on_read.emit(ReadRequest { key: key.clone(), path, node: target }))
    };
    html! {
        <section class="panel history" data-testid="history" data-verdict={tone}>
            <h2>{ t(lang, Key::HistoryTitle) }</h2>
            <p class="hint">{ t(lang, Key::HistoryHint) }</p>
            <div class="read-form">
                <strong>{ t(lang, Key::ReadTitle) }</strong>
                <label>{ t(lang, Key::ReadKey) }
                    <input type="text" size="6" data-testid="read-key" value={(*key).clone()} oninput={on_key} />
                </label>
                <label>{ t(lang, Key::ReadVia) }
                    <select data-testid="read-path" onchange={on_path}>
                        { for ReadPath::ALL.into_iter().map(|p| html! {
                            <option value={p.name()} selected={p == *path}>{ p.label(lang) }</option>
                        }) }
                    </select>
                </label>
                <label>{ t(lang, Key::ReadAt) }
                    <select data-testid="read-node" onchange={on_node}>
                        { for (0..props.count).map(|n| html! {
                            <option value={n.to_string()} selected={n == target}>{ format!("N{n}") }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="btn primary" data-testid="read-send" onclick={read}>{ t(lang, Key::ReadSend) }</button>
            </div>
            <p class={classes!("verdict", tone)} data-testid="verdict">{ line }</p>
            <ol class="ops">
                { for props.view.rows.iter().rev().map(|row| html! {
                    <li key={row.index} class={classes!("op", row.broken.then_some("broken"))}
                        data-testid="op" data-path={row.path} data-status={row.status} data-broken={row.broken.to_string()}>
                        <span class="op-text">{ format!("c{}#{} {}", row.client, row.seq, row.text) }</span>
                        <span class="op-path">{ path_name(lang, row.path) }</span>
                        <span class="op-result">{ row.answered_by.map(|n| format!("{} @N{n}", row.result)).unwrap_or_default() }</span>
                        <span class="op-times">{ format!("{} → {}", format::seconds(lang, row.invoke), row.returned.map(|t| format::seconds(lang, t)).unwrap_or_else(|| "…".into())) }</span>
                        <span class="op-track">{ bar(row, start, props.now) }</span>
                    </li>
                }) }
            </ol>
        </section>
    }
}
