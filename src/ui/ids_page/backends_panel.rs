//! Where IDs come from: each database's tables (the ticket counter and its step, `leaf_alloc.max_id`,
//! `WORKER_NODE`), each Raft store member's role, term and `max_id`, each Redis node's counter in
//! memory and on disk (and the button that promotes a replica, as Sentinel would), the
//! coordinator's worker-id nodes, each segment server's two buffers.

use std::rc::Rc;

use yew::prelude::*;

use super::frame::Backends;
use super::id_picture::utc;
use crate::idgen::segment::Range;
use crate::idgen::{Generator, IdInput};
use crate::lab::ids::view::{CoordinatorState, DatabaseState, RedisState, Role, SegmentState, StoreState};
use crate::sim::{Action, NodeStatus};
use crate::ui::i18n::ids::{id_word, persistence_name, t, Key};
use crate::ui::i18n::{fill, status_name, use_lang, Lang};

/// Properties of [`BackendsPanel`].
#[derive(Properties, PartialEq)]
pub struct BackendsPanelProps {
    /// The generator (what its databases' tables mean).
    pub generator: Generator,
    /// The state behind it.
    pub backends: Rc<Backends>,
    /// A button asked for an action (promote a replica).
    pub on_act: Callback<Action<IdInput>>,
}

fn stat(label: &str, testid: &'static str, value: String) -> Html {
    html! {
        <div class="stat" data-testid={testid} data-value={value.clone()}>
            <dt>{ label.to_string() }</dt><dd>{ value }</dd>
        </div>
    }
}

/// Every backend of the run; a note when IDs are made in process.
#[component]
pub fn BackendsPanel(props: &BackendsPanelProps) -> Html {
    let lang = use_lang();
    let b = &props.backends;
    let none = b.databases.is_empty()
        && b.store.is_empty()
        && b.redis.is_empty()
        && b.coordinator.is_none()
        && b.segment_servers.is_empty();
    html! {
        <section class="panel id-backends" data-testid="backends">
            <h2>{ t(lang, Key::Backends) }</h2>
            if none {
                <p class="hint">{ t(lang, Key::InProcess) }</p>
            }
            { for b.databases.iter().map(|d| database(lang, props.generator, d)) }
            if !b.store.is_empty() {
                <p class="hint">{ t(lang, Key::StoreHint) }</p>
            }
            { for b.store.iter().map(|m| store_member(lang, m)) }
            { for b.redis.iter().map(|r| redis(lang, r, &props.on_act)) }
            { for b.coordinator.iter().map(|c| coordinator(lang, c)) }
            { for b.segment_servers.iter().map(|s| segment_server(lang, s)) }
        </section>
    }
}

fn card_head(lang: Lang, title: String, status: crate::sim::NodeStatus) -> Html {
    html! {
        <header>
            <strong>{ title }</strong>
            <span class={classes!("status", status.as_str())}>{ status_name(lang, status) }</span>
        </header>
    }
}

fn database(lang: Lang, generator: Generator, d: &DatabaseState) -> Html {
    html! {
        <article key={d.node} class={classes!("backend", "database", d.status.as_str())} data-testid="database" data-node={d.node.to_string()}>
            { card_head(lang, fill(t(lang, Key::DatabaseOf), &[("n", &d.node.to_string())]), d.status) }
            <dl class="stats">
                if generator == Generator::Database {
                    { stat(t(lang, Key::NextTicket), "next-ticket", d.next_ticket.to_string()) }
                    { stat(t(lang, Key::Increment), "increment", d.increment.to_string()) }
                }
                if generator == Generator::Segment {
                    { stat(t(lang, Key::MaxId), "max-id", d.max_id.to_string()) }
                    { stat(t(lang, Key::StepShort), "db-step", d.step.to_string()) }
                }
                if generator == Generator::Baidu {
                    { stat(t(lang, Key::NextWorker), "next-worker", d.next_worker.to_string()) }
                }
            </dl>
        </article>
    }
}

fn store_member(lang: Lang, m: &StoreState) -> Html {
    let role = m.raft_role.unwrap_or("down");
    let title = fill(t(lang, Key::StoreMemberOf), &[("n", &m.node.to_string())]);
    html! {
        <article key={m.node} class={classes!("backend", "store-member", m.status.as_str(), format!("role-{role}"))}
                 data-testid="store-member" data-node={m.node.to_string()} data-role={role} data-term={m.term.to_string()}>
            { card_head(lang, format!("{title} · {}", id_word(lang, role)), m.status) }
            <dl class="stats">
                { stat(t(lang, Key::RaftTerm), "store-term", m.term.to_string()) }
                { stat(t(lang, Key::RaftCommit), "store-commit", m.commit_index.to_string()) }
                { stat(t(lang, Key::MaxId), "store-max-id", m.max_id.map_or_else(|| "–".to_string(), |v| v.to_string())) }
            </dl>
        </article>
    }
}

fn redis(lang: Lang, r: &RedisState, on_act: &Callback<Action<IdInput>>) -> Html {
    let or_lost = |v: Option<u64>, missing: Key| v.map_or_else(|| t(lang, missing).to_string(), |v| v.to_string());
    let node = r.node;
    let promotable = r.role == Role::RedisReplica && r.status == NodeStatus::Up;
    let promote = on_act.reform(move |_: MouseEvent| Action::Input { node, input: IdInput::Promote });
    html! {
        <article key={r.node} class={classes!("backend", "redis", r.status.as_str())} data-testid="redis" data-node={r.node.to_string()} data-role={r.role.name()}>
            { card_head(lang, format!("{} · {}", fill(t(lang, Key::RedisOf), &[("n", &r.node.to_string())]), id_word(lang, r.role.name())), r.status) }
            <dl class="stats">
                { stat(t(lang, Key::InMemory), "redis-value", or_lost(r.value, Key::Lost)) }
                { stat(t(lang, Key::OnDisk), "redis-persisted", or_lost(r.persisted, Key::Nothing)) }
                { stat(t(lang, Key::PersistenceLabel), "redis-persistence", persistence_name(lang, r.persistence).to_string()) }
            </dl>
            if r.role == Role::RedisReplica {
                <button type="button" class="btn small promote" data-testid={format!("promote-{node}")}
                        title={t(lang, Key::PromoteTitle)} disabled={!promotable} onclick={promote}>
                    { t(lang, Key::Promote) }
                </button>
            }
        </article>
    }
}

fn coordinator(lang: Lang, c: &CoordinatorState) -> Html {
    html! {
        <article key={c.node} class={classes!("backend", "coordinator", c.status.as_str())} data-testid="coordinator" data-node={c.node.to_string()}>
            { card_head(lang, fill(t(lang, Key::CoordinatorOf), &[("n", &c.node.to_string())]), c.status) }
            if c.workers.is_empty() {
                <p class="hint">{ t(lang, Key::NoWorkers) }</p>
            } else {
                <table class="worker-nodes">
                    <thead><tr>
                        <th>{ t(lang, Key::Address) }</th><th>{ t(lang, Key::WorkerIdCol) }</th><th>{ t(lang, Key::Reported) }</th>
                    </tr></thead>
                    <tbody>
                        { for c.workers.iter().map(|w| html! {
                            <tr key={w.address} data-testid="worker-node" data-address={w.address.to_string()} data-worker={w.worker_id.to_string()}>
                                <td>{ format!("N{}", w.address) }</td>
                                <td><code>{ format!("/leaf/forever/N{}-{:010}", w.address, w.worker_id) }</code>{ format!(" → {}", w.worker_id) }</td>
                                <td>{ if w.reported_ms == 0 { "–".to_string() } else { utc(w.reported_ms)[11..23].to_string() } }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </article>
    }
}

fn range(lang: Lang, testid: &'static str, label: Key, r: Option<Range>) -> Html {
    let Some(r) = r else {
        return html! {
            <div class="segment-buffer empty" data-testid={testid}>
                <span class="label">{ t(lang, label) }</span><span class="hint">{ t(lang, Key::NoSegment) }</span>
            </div>
        };
    };
    let used = (r.next - r.start) as f64 / (r.end - r.start).max(1) as f64;
    html! {
        <div class="segment-buffer" data-testid={testid} data-start={r.start.to_string()} data-next={r.next.to_string()} data-end={r.end.to_string()}>
            <span class="label">{ t(lang, label) }</span>
            <code>{ format!("[{}, {})", r.start, r.end) }</code>
            <span class="segment-bar" role="img" aria-hidden="true"><span style={format!("width:{:.0}%", used.clamp(0.0, 1.0) * 100.0)} /></span>
            <span class="next">{ format!("→ {}", r.next) }</span>
        </div>
    }
}

fn segment_server(lang: Lang, s: &SegmentState) -> Html {
    html! {
        <article key={s.node} class={classes!("backend", "segment-server", s.status.as_str())} data-testid="segment-server" data-node={s.node.to_string()}>
            { card_head(lang, fill(t(lang, Key::SegmentOf), &[("n", &s.node.to_string())]), s.status) }
            { range(lang, "segment-current", Key::Current, s.current) }
            { range(lang, "segment-next", Key::NextSeg, s.next) }
            if s.waiting > 0 {
                <p class="waiting" data-testid="segment-waiting">{ format!("{}: {}", t(lang, Key::Waiting), s.waiting) }</p>
            }
        </article>
    }
}
