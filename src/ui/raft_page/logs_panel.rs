//! Every node's log as rows of entries coloured by term, with commit and apply markers, the leader's
//! nextIndex and matchIndex per follower, and each node's applied key-value state.

use std::fmt::Write as _;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::ui::shell::markup::{use_inner_html, Markup};

use crate::lab::raft::view::{LogCell, LogRow};
use crate::sim::NodeId;
use crate::ui::i18n::raft::{t, Key};
use crate::ui::i18n::{fill, status_name, use_lang, word, Lang};

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

/// The logs table. A busy run shifts every row every frame, so the grid is written as one piece of
/// markup (see [`crate::ui::shell::markup`]).
#[component]
pub fn LogsPanel(props: &LogsPanelProps) -> Html {
    let lang = use_lang();
    let last = props.rows.iter().map(|r| r.last_index).max().unwrap_or(0);
    let width = (last + 1).saturating_sub(props.first) as usize;
    let mut grid = Markup::with_capacity(props.rows.len() * (width * 120 + 600) + 400);
    grid.tag("<div class=\"log-head\"><span class=\"who\"></span>");
    for i in props.first..=last {
        let _ = write!(grid.tag("<span class=\"index\">"), "{i}");
        grid.tag("</span>");
    }
    grid.tag("</div>");
    for row in props.rows.iter() {
        log_row(&mut grid, lang, row, props.first, width, &props.flagged);
    }
    let grid = use_inner_html(grid.into_value());
    html! {
        <section class="panel logs-panel" data-testid="logs">
            <h2>{ t(lang, Key::Logs) }</h2>
            <p class="hint">{ t(lang, Key::LogsHint) }</p>
            <div class="log-grid" style={format!("--columns:{}", width.max(1))} ref={grid}
                 onmouseover={entry_titles(props.rows.clone())} />
        </section>
    }
}

/// An entry's tooltip (index, term, command), written when the pointer reaches it rather than for
/// every entry of every frame.
fn entry_titles(rows: Rc<Vec<LogRow>>) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        let Some(entry) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        if entry.has_attribute("title") {
            return;
        }
        let index = entry.get_attribute("data-index").and_then(|i| i.parse::<u64>().ok());
        let node = entry.closest("[data-log-node]").ok().flatten().and_then(|r| r.get_attribute("data-log-node"));
        let node = node.and_then(|n| n.parse::<NodeId>().ok());
        let cell =
            rows.iter().find(|r| Some(r.node) == node).and_then(|r| r.cells.iter().find(|c| Some(c.index) == index));
        if let Some(c) = cell {
            let _ = entry.set_attribute("title", &format!("#{} T{} {}", c.index, c.term, c.text));
        }
    })
}

fn log_row(out: &mut Markup, lang: Lang, row: &LogRow, first: u64, width: usize, flagged: &[(NodeId, u64)]) {
    let mut slots: Vec<Option<&LogCell>> = vec![None; width];
    for cell in &row.cells {
        if let Some(slot) = cell.index.checked_sub(first).and_then(|k| slots.get_mut(k as usize)) {
            *slot = Some(cell);
        }
    }
    let _ = write!(
        out.tag("<div class=\"log-row "),
        "{} role-{}\" data-log-node=\"{}\" data-commit=\"{}\" data-applied=\"{}",
        row.status.as_str(),
        row.role,
        row.node,
        row.commit_index,
        row.last_applied
    );
    let state = if row.status.as_str() == "up" { word(lang, row.role) } else { status_name(lang, row.status) };
    let _ = write!(out.tag("\"><div class=\"cells\"><span class=\"who\"><strong>"), "N{}", row.node);
    out.tag("</strong><small>").text(state).tag("</small></span>");
    let (snapshot_index, snapshot_term) = row.snapshot;
    for (k, cell) in slots.iter().enumerate() {
        let index = first + k as u64;
        match cell {
            Some(c) => entry(out, c, row, flagged.contains(&(row.node, c.index))),
            // Compacted into the snapshot: present, but no longer in the log.
            None if index <= snapshot_index => {
                let edge = if index == snapshot_index { " edge" } else { "" };
                let _ = write!(out.tag("<span class=\"entry compacted"), "{edge}\" data-index=\"{index}\"></span>");
            }
            None => {
                out.tag("<span class=\"entry none\"></span>");
            }
        }
    }
    out.tag("</div><div class=\"row-extra\">");
    if !row.progress.is_empty() {
        out.tag("<span class=\"progress\" data-testid=\"progress\">");
        for p in &row.progress {
            let _ = write!(
                out.tag("<span class=\"peer\" "),
                "data-peer=\"{}\" data-next=\"{}\" data-match=\"{}\"",
                p.peer,
                p.next,
                p.matched
            );
            let _ = write!(
                out.tag(">"),
                "N{}: {} {} · {} {}",
                p.peer,
                t(lang, Key::NextIndex),
                p.next,
                t(lang, Key::MatchIndex),
                p.matched
            );
            out.tag("</span>");
        }
        out.tag("</span>");
    }
    if snapshot_index > 0 {
        let _ = write!(out.tag("<span class=\"snapshot\" data-snapshot=\""), "{snapshot_index}");
        let text = fill(
            t(lang, Key::SnapshotAt),
            &[("index", &snapshot_index.to_string()), ("term", &snapshot_term.to_string())],
        );
        out.tag("\">").text(&text).tag("</span>");
    }
    let _ = write!(out.tag("<span class=\"kv\" data-testid=\"kv-"), "{}", row.node);
    out.tag("\"><em>").text(t(lang, Key::StateMachine)).tag(": </em>");
    if row.kv.is_empty() {
        out.text(t(lang, Key::Empty));
    } else {
        for (k, (key, value)) in row.kv.iter().enumerate() {
            out.tag(if k > 0 { ", " } else { "" }).text(key).tag("=").text(value);
        }
        let more = row.kv_len.saturating_sub(row.kv.len());
        if more > 0 {
            let _ = write!(out, " +{more} {}", t(lang, Key::MoreKeys));
        }
    }
    out.tag("</span></div></div>");
}

fn entry(out: &mut Markup, c: &LogCell, row: &LogRow, flagged: bool) {
    let flags =
        [(c.index <= row.commit_index, " committed"), (c.index <= row.last_applied, " applied"), (flagged, " flagged")];
    let _ = write!(out.tag("<span class=\"entry term-"), "{}", c.term as usize % TERM_COLOURS);
    flags.iter().filter(|(on, _)| *on).for_each(|(_, class)| {
        out.tag(class);
    });
    let _ = write!(out.tag("\" "), "data-index=\"{}\" data-term=\"{}\"", c.index, c.term);
    let _ = write!(out.tag(">"), "{}", c.term);
    out.tag("</span>");
}
