//! The lock servers: each Redis instance's keys (holder, token, TTL draining), ZooKeeper's waiter
//! queue (znodes in order, who watches whom), or each etcd member's Raft role, revision, queue of
//! keys by create revision with the watches, and session leases draining; with clock controls.

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::locks::view::{KeyRow, LeaseRow, ServerState, Waiter};
use crate::lock::LockInput;
use crate::sim::{ms, secs, Action, NodeId, SimTime};
use crate::ui::i18n::locks::{lock_word, t, Key};
use crate::ui::i18n::{fill, status_name, use_lang, Lang};
use crate::ui::shell::format;

/// Properties of [`ServersPanel`].
#[derive(Properties, PartialEq)]
pub struct ServersPanelProps {
    /// The servers.
    pub servers: Rc<Vec<ServerState>>,
    /// The lease, for the TTL bars.
    pub lease: SimTime,
    /// A clock control or the promote button asked for an action.
    pub on_act: Callback<Action<LockInput>>,
}

/// One card per lock server.
#[component]
pub fn ServersPanel(props: &ServersPanelProps) -> Html {
    let lang = use_lang();
    html! {
        <section class="panel lock-servers" data-testid="servers">
            <h2>{ t(lang, Key::Servers) }</h2>
            { for props.servers.iter().map(|s| server(lang, s, props.lease, &props.on_act)) }
        </section>
    }
}

fn server(lang: Lang, s: &ServerState, lease: SimTime, on_act: &Callback<Action<LockInput>>) -> Html {
    let node = s.node;
    let button = |testid: &str, label: Key, title: Key, action: Action<LockInput>| {
        let onclick = on_act.reform(move |_: MouseEvent| action.clone());
        html! {
            <button type="button" class="btn small" data-testid={format!("{testid}-{node}")} title={t(lang, title)} {onclick}>
                { t(lang, label) }
            </button>
        }
    };
    let step = ms(100) as i64;
    html! {
        <article key={node} class={classes!("server", s.role, s.status.as_str())} data-server={node.to_string()} data-role={s.role}>
            <header>
                <strong>{ format!("N{node} · {}", lock_word(lang, s.role)) }</strong>
                <span class="status">{ status_name(lang, s.status) }</span>
                <span class="skew" data-skew={s.skew.to_string()}>{ fill(t(lang, Key::Clock), &[("skew", &format::signed_ms(lang, s.skew))]) }</span>
            </header>
            <div class="clock-controls">
                { button("clock-back", Key::ClockBack, Key::ClockOffsetTitle, Action::ClockOffset { node, offset: s.skew - step }) }
                { button("clock-forward", Key::ClockForward, Key::ClockOffsetTitle, Action::ClockOffset { node, offset: s.skew + step }) }
                { button("drift", Key::Drift, Key::DriftTitle, Action::ClockDrift { node, ppm: 100_000 }) }
                { button("jump", Key::Jump, Key::JumpTitle, Action::ClockJump { node, delta: secs(20) as i64 }) }
                if s.role == "replica" {
                    { button("promote", Key::Promote, Key::PromoteTitle, Action::Input { node, input: LockInput::Promote }) }
                }
            </div>
            if let Some((role, term)) = s.raft {
                <p class="raft-state" data-testid="raft-state" data-raft-role={role} data-term={term.to_string()}>
                    { fill(t(lang, Key::RaftState), &[("role", lock_word(lang, role)), ("term", &term.to_string()), ("revision", &s.revision.to_string())]) }
                </p>
            }
            if s.role == "zookeeper" || s.role == "etcd" {
                { queue(lang, &s.queue, if s.role == "etcd" { Key::EmptyEtcdQueue } else { Key::EmptyQueue }) }
            } else {
                { keys(lang, &s.keys, lease) }
            }
            if !s.leases.is_empty() {
                { leases(lang, &s.leases) }
            }
        </article>
    }
}

fn keys(lang: Lang, keys: &[KeyRow], lease: SimTime) -> Html {
    if keys.is_empty() {
        return html! { <p class="hint">{ t(lang, Key::NoKeys) }</p> };
    }
    html! {
        <ul class="keys">
            { for keys.iter().map(|k| {
                let left = k.ttl.map(|ttl| (ttl as f64 / lease.max(1) as f64).clamp(0.0, 1.0));
                html! {
                    <li key={k.key.clone()} class="key" data-testid="lock-key" data-key={k.key.clone()}
                        data-holder={k.holder.map(|h| h.to_string())} data-ttl={k.ttl.map(|t| t.to_string())}>
                        <code>{ &k.key }</code>{ " = " }<code>{ &k.value }</code>
                        <span class="ttl">{ k.ttl.map_or_else(|| t(lang, Key::NoExpiry).to_string(), |ttl| format::ms(lang, ttl)) }</span>
                        if let Some(left) = left {
                            <span class="ttl-bar" role="img" aria-hidden="true"><span style={format!("width:{:.0}%", left * 100.0)} /></span>
                        }
                    </li>
                }
            }) }
        </ul>
    }
}

/// Session leases with the leader's time left, draining (a follower's lessor never expires them).
fn leases(lang: Lang, leases: &[LeaseRow]) -> Html {
    html! {
        <ul class="leases" data-testid="leases">
            { for leases.iter().map(|l| {
                let who = l.client.map(|c| format!("N{c}")).unwrap_or_else(|| "?".into());
                let left = l.left.map(|left| (left as f64 / l.ttl.max(1) as f64).clamp(0.0, 1.0));
                html! {
                    <li key={l.id.to_string()} class="lease" data-testid="lease" data-lease={format!("{:x}", l.id)}
                        data-client={l.client.map(|c| c.to_string())} data-left={l.left.map(|t| t.to_string())}>
                        { fill(t(lang, Key::LeaseOf), &[("id", &format!("{:x}", l.id)), ("client", &who)]) }
                        <span class="ttl">{ l.left.map_or_else(|| t(lang, Key::NoExpiry).to_string(), |left| format::ms(lang, left)) }</span>
                        if let Some(left) = left {
                            <span class="ttl-bar" role="img" aria-hidden="true"><span style={format!("width:{:.0}%", left * 100.0)} /></span>
                        }
                    </li>
                }
            }) }
        </ul>
    }
}

fn queue(lang: Lang, queue: &[Waiter], empty: Key) -> Html {
    if queue.is_empty() {
        return html! { <p class="hint">{ t(lang, empty) }</p> };
    }
    let who = |client: Option<NodeId>| client.map(|c| format!("N{c}")).unwrap_or_else(|| "?".into());
    html! {
        <ol class="queue">
            { for queue.iter().map(|w| html! {
                <li key={w.znode.clone()} data-testid="znode" data-znode={w.znode.clone()}
                    data-client={w.client.map(|c| c.to_string())} data-watches={w.watches.clone()}>
                    <code>{ &w.znode }</code>
                    if let Some(revision) = w.revision {
                        <span class="revision" data-revision={revision.to_string()}>{ format!(" @{revision}") }</span>
                    }
                    { format!(" · {} · ", who(w.client)) }
                    { match &w.watches {
                        None => t(lang, Key::HoldsLock).to_string(),
                        Some(target) => format!("⟵ {}", fill(t(lang, Key::WatchesNode), &[("node", target)])),
                    } }
                </li>
            }) }
        </ol>
    }
}
