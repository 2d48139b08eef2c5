//! Every node's log as rows of entries coloured by term, with commit and apply markers, the leader's
//! nextIndex and matchIndex per follower, and each node's applied key-value state.

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::raft::view::{LogCell, LogRow};
use crate::sim::NodeId;
use crate::ui::i18n::raft::{t, Key};
use crate::ui::i18n::{status_name, use_lang, word, Lang};

/// Distinct term colours (Okabe–Ito); the term number is always written too.
pub const TERM_COLOURS: usize = 8;

/// Properties of [`LogsPanel`].
#[derive(Properties, PartialEq)]
pub struct LogsPanelProps {
    /// One row per node.
    pub rows: Rc<Vec<LogRow>>,
    /// The first index shown (the same for every row).
    pub first: u64,
    /// Entries named by an invariant violation: (node, index), drawn with a warning ring.
    #[prop_or_default]
    pub flagged: Rc<Vec<(NodeId, u64)>>,
}

/// The logs table.
#[component]
pub fn LogsPanel(props: &LogsPanelProps) -> Html {
    let lang = use_lang();
    let last = props.rows.iter().map(|r| r.last_index).max().unwrap_or(0);
    let indexes: Vec<u64> = (props.first..=last).collect();
    html! {
        <section class="panel logs-panel" data-testid="logs">
            <h2>{ t(lang, Key::Logs) }</h2>
            <p class="hint">{ t(lang, Key::LogsHint) }</p>
            <div class="log-grid" style={format!("--columns:{}", indexes.len().max(1))}>
                <div class="log-head">
                    <span class="who" />
                    { for indexes.iter().map(|i| html! { <span class="index" key={*i}>{ i }</span> }) }
                </div>
                { for props.rows.iter().map(|row| log_row(lang, row, props.first, indexes.len(), &props.flagged)) }
            </div>
        </section>
    }
}

fn log_row(lang: Lang, row: &LogRow, first: u64, width: usize, flagged: &[(NodeId, u64)]) -> Html {
    let mut slots: Vec<Option<&LogCell>> = vec![None; width];
    for cell in &row.cells {
        if let Some(slot) = slots.get_mut((cell.index - first) as usize) {
            *slot = Some(cell);
        }
    }
    let kv = if row.kv.is_empty() {
        t(lang, Key::Empty).to_string()
    } else {
        let shown: Vec<String> = row.kv.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let more = row.kv_len.saturating_sub(row.kv.len());
        let more = if more > 0 { format!(" +{more} {}", t(lang, Key::MoreKeys)) } else { String::new() };
        format!("{}{more}", shown.join(", "))
    };
    html! {
        <div key={row.node} class={classes!("log-row", row.status.as_str(), format!("role-{}", row.role))}
             data-log-node={row.node.to_string()} data-commit={row.commit_index.to_string()}
             data-applied={row.last_applied.to_string()}>
            <div class="cells">
            <span class="who">
                <strong>{ format!("N{}", row.node) }</strong>
                <small>{ if row.status.as_str() == "up" { word(lang, row.role) } else { status_name(lang, row.status) } }</small>
            </span>
            { for slots.iter().enumerate().map(|(k, cell)| match cell {
                Some(c) => entry(c, row, flagged.contains(&(row.node, c.index))),
                None => html! { <span key={format!("e{k}")} class="entry none" /> },
            }) }
            </div>
            <div class="row-extra">
                if !row.progress.is_empty() {
                    <span class="progress" data-testid="progress">
                        { for row.progress.iter().map(|p| html! {
                            <span class="peer" data-peer={p.peer.to_string()} data-next={p.next.to_string()}
                                  data-match={p.matched.to_string()}>
                                { format!("N{}: {} {} · {} {}", p.peer, t(lang, Key::NextIndex), p.next, t(lang, Key::MatchIndex), p.matched) }
                            </span>
                        }) }
                    </span>
                }
                <span class="kv" data-testid={format!("kv-{}", row.node)}>
                    <em>{ t(lang, Key::StateMachine) }{ ": " }</em>{ kv }
                </span>
            </div>
        </div>
    }
}

fn entry(c: &LogCell, row: &LogRow, flagged: bool) -> Html {
    let committed = c.index <= row.commit_index;
    let applied = c.index <= row.last_applied;
    html! {
        <span key={c.index} class={classes!("entry", format!("term-{}", c.term as usize % TERM_COLOURS),
                                           committed.then_some("committed"), applied.then_some("applied"),
                                           flagged.then_some("flagged"))}
              data-index={c.index.to_string()} data-term={c.term.to_string()} title={format!("#{} T{} {}", c.index, c.term, c.text)}>
            { c.term }
        </span>
    }
}
