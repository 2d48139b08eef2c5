//! The event log: the most recent trace lines, newest first, event names translated.

use std::rc::Rc;

use yew::prelude::*;

use super::format;
use crate::lab::view::LogLine;
use crate::ui::i18n::{note_text, t, use_lang, word, Key};

/// Properties of [`EventLog`].
#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    /// Recent lines, oldest first.
    pub lines: Rc<Vec<LogLine>>,
}

/// A scrolling list of trace lines.
#[component]
pub fn EventLog(props: &EventLogProps) -> Html {
    let lang = use_lang();
    html! {
        <section class="panel event-log" data-testid="event-log">
            <h2>{ t(lang, Key::EventLog) }</h2>
            <ol>
                { for props.lines.iter().rev().map(|line| html! {
                    <li key={line.seq} class={classes!("log-line", line.kind.as_str())} data-event={line.event}>
                        <span class="t">{ format!("{} {}", format::millis(line.t), t(lang, Key::Ms)) }</span>
                        <span class="who">{ line.node.map(|n| format!("N{n}")).unwrap_or_default() }</span>
                        <span class="what">{ word(lang, line.event) }</span>
                        <span class="detail">{ detail(lang, line) }</span>
                    </li>
                }) }
            </ol>
        </section>
    }
}

/// The line's details followed by its translated notes in parentheses.
fn detail(lang: crate::ui::i18n::Lang, line: &LogLine) -> String {
    let notes: Vec<String> = line.notes.iter().map(|n| note_text(lang, n)).collect();
    match (line.detail.is_empty(), notes.is_empty()) {
        (_, true) => line.detail.clone(),
        (true, false) => notes.join(", "),
        (false, false) => format!("{} ({})", line.detail, notes.join(", ")),
    }
}
