//! The cluster by side of the partition: each side a column with its servers (role, version and
//! value of every key) and its clients (the version they use, whether they started from cache),
//! the partition line between the sides.

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::config::view::{ClientRow, ServerRow};
use crate::sim::{NodeId, NodeStatus};
use crate::ui::i18n::config::{config_word, t, Key};
use crate::ui::i18n::{fill, status_name, use_lang};

/// Properties of [`SidesView`].
#[derive(Properties, PartialEq)]
pub struct SidesViewProps {
    /// The servers.
    pub servers: Rc<Vec<ServerRow>>,
    /// The clients.
    pub clients: Rc<Vec<ClientRow>>,
    /// The last partition's groups and whether it is in force.
    pub partition: Rc<Option<(Vec<Vec<NodeId>>, bool)>>,
    /// A node was clicked (to inspect it).
    pub on_select: Callback<NodeId>,
    /// Shown under the title (the run's CAP and BASE lesson).
    #[prop_or_default]
    pub children: Html,
}

/// A version as shown ("v3", "—" when absent).
pub fn version(v: u64) -> String {
    if v == 0 {
        "—".into()
    } else {
        format!("v{v}")
    }
}

/// The sides, the partition line between them, and every node's data.
#[component]
pub fn SidesView(props: &SidesViewProps) -> Html {
    let lang = use_lang();
    let sides = props.servers.iter().map(|s| s.side).chain(props.clients.iter().map(|c| c.side)).max().unwrap_or(0);
    let newest: Vec<u64> = (0..props.servers.first().map_or(0, |s| s.copies.len()))
        .map(|k| props.servers.iter().filter_map(|s| s.copies.get(k)).map(|c| c.version).max().unwrap_or(0))
        .collect();
    let state = match props.partition.as_ref() {
        None => "none",
        Some((_, true)) => "cut",
        Some((_, false)) => "healed",
    };
    let caption = match state {
        "none" => t(lang, Key::NoPartition),
        "cut" => t(lang, Key::PartitionNow),
        _ => t(lang, Key::PartitionHealed),
    };
    let server = |s: &ServerRow| {
        let node = s.node;
        let down = s.status != NodeStatus::Up;
        html! {
            <li class={classes!("copy", "server", format!("role-{}", s.role), down.then_some("down"))}
                data-testid="server-copy" data-node-copy={node.to_string()} data-role={s.role}
                data-version={s.copies.first().map_or(0, |c| c.version).to_string()}>
                <button type="button" class="who" onclick={props.on_select.reform(move |_: MouseEvent| node)}>
                    { format!("S{node}") }
                </button>
                <span class="role">{ if down { status_name(lang, s.status) } else { config_word(lang, s.role) } }</span>
                { for s.copies.iter().zip(&newest).map(|(c, &top)| html! {
                    <span class={classes!("value", (c.version < top).then_some("behind"))} title={c.key.clone()}>
                        <b>{ version(c.version) }</b>{ " " }{ c.value.clone() }
                        if let Some((gray, clients)) = &c.gray {
                            <small class="gray">{ format!(" · {gray} → {}", clients.iter().map(|c| format!("C{c}")).collect::<Vec<_>>().join(" ")) }</small>
                        }
                    </span>
                }) }
            </li>
        }
    };
    let client = |c: &ClientRow| {
        let node = c.node;
        let down = c.status != NodeStatus::Up;
        html! {
            <li class={classes!("copy", "client", down.then_some("down"))} data-testid="client-copy"
                data-node-copy={node.to_string()} data-version={c.config.first().map_or(0, |k| k.1).to_string()}
                data-from-cache={(c.from_cache == Some(true)).to_string()}>
                <button type="button" class="who" onclick={props.on_select.reform(move |_: MouseEvent| node)}>
                    { format!("C{node}") }
                </button>
                { for c.config.iter().zip(newest.iter().chain(std::iter::repeat(&0))).map(|((key, v, value), &top)| html! {
                    <span class={classes!("value", (*v < top).then_some("behind"))} title={key.clone()}>
                        <b>{ version(*v) }</b>{ " " }{ value.clone().unwrap_or_default() }
                    </span>
                }) }
                if c.from_cache == Some(true) {
                    <small class="cache">{ config_word(lang, "from_cache") }</small>
                }
            </li>
        }
    };
    html! {
        <section class="panel config-sides" data-testid="sides" data-partition={state} aria-label={t(lang, Key::Sides)}>
            <h2>{ t(lang, Key::Sides) }<span class="state">{ caption }</span></h2>
            { props.children.clone() }
            <div class="columns" style={format!("--sides: {}", sides + 1)}>
                { for (0..=sides).map(|side| html! {
                    <>
                        if side > 0 {
                            <div class={classes!("partition-line", state)} data-testid="partition-line" aria-hidden="true"></div>
                        }
                        <div class="side-column" data-testid="side" data-side={side.to_string()}>
                            if sides > 0 {
                                <h3>{ fill(t(lang, Key::SideN), &[("n", &side.to_string())]) }</h3>
                            }
                            <ul class="servers" aria-label={t(lang, Key::Servers)}>
                                { for props.servers.iter().filter(|s| s.side == side).map(server) }
                            </ul>
                            <ul class="clients" aria-label={t(lang, Key::Clients)}>
                                { for props.clients.iter().filter(|c| c.side == side).map(client) }
                            </ul>
                        </div>
                    </>
                }) }
            </div>
        </section>
    }
}
