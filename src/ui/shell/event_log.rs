//! The event log: the most recent trace lines, newest first, event names translated.

use std::fmt::Write as _;
use std::rc::Rc;

use yew::prelude::*;

use super::format;
use super::keyed_list::use_keyed_list;
use super::markup::Markup;
use crate::lab::view::LogLine;
use crate::ui::i18n::{note_text, t, use_lang, word, Key, Lang};

/// Properties of [`EventLog`].
#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    /// Recent lines, oldest first.
    pub lines: Rc<Vec<LogLine>>,
}

/// A scrolling list of trace lines, written as markup kept by trace position (see
/// [`super::keyed_list`]): a busy run replaces every line every frame, a quiet one a few.
#[component]
pub fn EventLog(props: &EventLogProps) -> Html {
    let lang = use_lang();
    let ms = t(lang, Key::Ms);
    let mut items = Vec::with_capacity(props.lines.len());
    for line in props.lines.iter().rev() {
        let mut list = Markup::with_capacity(160);
        list.tag("<li class=\"log-line ").tag(line.kind.as_str()).tag("\" data-event=\"").text(line.event);
        let _ = write!(list.tag("\"><span class=\"t\">"), "{} {ms}", format::millis(line.t));
        list.tag("</span><span class=\"who\">");
        if let Some(n) = line.node {
            let _ = write!(list, "N{n}");
        }
        list.tag("</span><span class=\"what\">").text(word(lang, line.event));
        list.tag("</span><span class=\"detail\">").text(&detail(lang, line)).tag("</span></li>");
        items.push((line.seq, list.into_string()));
    }
    let list = use_node_ref();
    use_keyed_list(list.clone(), items);
    html! {
        <section class="panel event-log" data-testid="event-log">
            <h2 id="event-log-title">{ t(lang, Key::EventLog) }</h2>
            // Focusable, so that the keyboard can scroll it; named by its heading.
            <ol ref={list} tabindex="0" aria-labelledby="event-log-title" />
        </section>
    }
}

/// The line's details followed by its translated notes in parentheses.
fn detail(lang: Lang, line: &LogLine) -> String {
    let notes: Vec<String> = line.notes.iter().map(|n| note_text(lang, n)).collect();
    match (line.detail.is_empty(), notes.is_empty()) {
        (_, true) => line.detail.clone(),
        (true, false) => notes.join(", "),
        (false, false) => format!("{} ({})", line.detail, notes.join(", ")),
    }
}
