//! Every node's log as rows of entries coloured by term, with commit and apply markers, the leader's
//! nextIndex and matchIndex per follower, and each node's applied key-value state.

use std::fmt::Write as _;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use super::logs_grid::{Cell, Grid, Row};
use crate::ui::shell::markup::Markup;

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

/// The logs table. A busy run shifts every row every frame: the grid is patched in place (see
/// [`super::logs_grid`]), with markup for what is new.
#[component]
pub fn LogsPanel(props: &LogsPanelProps) -> Html {
    let lang = use_lang();
    let last = props.rows.iter().map(|r| r.last_index).max().unwrap_or(0);
    let width = (last + 1).saturating_sub(props.first) as usize;
    let grid = use_node_ref();
    let drawn = use_mut_ref(Grid::default);
    {
        let (grid, first) = (grid.clone(), props.first);
        let mut rows = Vec::with_capacity(props.rows.len() + 1);
        let head = (props.first..=last).map(Cell::Head).collect();
        let attrs = ("log-head".to_string(), 0, 0);
        rows.push(Row { node: None, attrs, who: String::new(), cells: head, extra: String::new() });
        rows.extend(props.rows.iter().map(|row| log_row(lang, row, props.first, width, &props.flagged)));
        use_effect(move || {
            if let Some(container) = grid.cast::<Element>() {
                drawn.borrow_mut().patch(container, first, rows, write_grid);
            }
        });
    }
    html! {
        <section class="panel logs-panel" data-testid="logs">
            <h2>{ t(lang, Key::Logs) }</h2>
            <p class="hint">{ t(lang, Key::LogsHint) }</p>
            <div class="log-grid" style={format!("--columns:{}", width.max(1))} ref={grid}
                 onmouseover={entry_titles(props.rows.clone())} />
        </section>
    }
}

/// The whole grid as markup: the header, then one row per node.
fn write_grid(rows: &[Row]) -> Markup {
    let cells: usize = rows.iter().map(|r| r.cells.len()).sum();
    let mut out = Markup::with_capacity(cells * 90 + rows.len() * 600);
    for row in rows {
        match row.node {
            None => out.tag("<div class=\"log-head\"><span class=\"who\">"),
            Some(node) => {
                let (class, commit, applied) = &row.attrs;
                let _ = write!(
                    out.tag("<div class=\"").tag(class),
                    "\" data-log-node=\"{node}\" data-commit=\"{commit}\" data-applied=\"{applied}\"><div class=\"cells\"><span class=\"who\">"
                );
                &mut out
            }
        };
        out.tag(&row.who).tag("</span>");
        row.cells.iter().for_each(|c| c.write(&mut out));
        match row.node {
            None => out.tag("</div>"),
            Some(_) => out.tag("</div><div class=\"row-extra\">").tag(&row.extra).tag("</div></div>"),
        };
    }
    out
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

/// A node's row: its attributes, label, cells from `first` and extra line.
fn log_row(lang: Lang, row: &LogRow, first: u64, width: usize, flagged: &[(NodeId, u64)]) -> Row {
    let mut slots: Vec<Option<&LogCell>> = vec![None; width];
    for cell in &row.cells {
        if let Some(slot) = cell.index.checked_sub(first).and_then(|k| slots.get_mut(k as usize)) {
            *slot = Some(cell);
        }
    }
    let class = format!("log-row {} role-{}", row.status.as_str(), row.role);
    let state = if row.status.as_str() == "up" { word(lang, row.role) } else { status_name(lang, row.status) };
    let mut who = Markup::with_capacity(64);
    let _ = write!(who.tag("<strong>"), "N{}", row.node);
    who.tag("</strong><small>").text(state).tag("</small>");
    let (snapshot_index, snapshot_term) = row.snapshot;
    let cells = slots
        .iter()
        .enumerate()
        .map(|(k, cell)| {
            let index = first + k as u64;
            match cell {
                Some(c) => entry(c, row, flagged.contains(&(row.node, c.index))),
                // Compacted into the snapshot: present, but no longer in the log.
                None if index <= snapshot_index => Cell::Compacted { index, edge: index == snapshot_index },
                None => Cell::Empty,
            }
        })
        .collect();
    let mut out = Markup::with_capacity(600);
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
    out.tag("</span>");
    Row {
        node: Some(row.node),
        attrs: (class, row.commit_index, row.last_applied),
        who: who.into_string(),
        cells,
        extra: out.into_string(),
    }
}

fn entry(c: &LogCell, row: &LogRow, flagged: bool) -> Cell {
    let flags =
        [(c.index <= row.commit_index, " committed"), (c.index <= row.last_applied, " applied"), (flagged, " flagged")];
    let flags = flags.iter().filter(|(on, _)| *on).map(|(_, class)| *class).collect();
    Cell::Entry { index: c.index, term: c.term, flags }
}
