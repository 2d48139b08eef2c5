//! The event log: the most recent trace lines, newest first, event names translated.

use std::fmt::Write as _;
use std::rc::Rc;

use yew::prelude::*;

use super::format;
use super::markup::{use_inner_html, Markup};
use crate::lab::view::LogLine;
use crate::ui::i18n::{note_text, t, use_lang, word, Key, Lang};

/// Properties of [`EventLog`].
#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    /// Recent lines, oldest first.
    pub lines: Rc<Vec<LogLine>>,
}

/// A scrolling list of trace lines. A busy run replaces every line every frame, so the list is
/// written as one piece of markup (see [`super::markup`]).
#[component]
pub fn EventLog(props: &EventLogProps) -> Html {
    let lang = use_lang();
    let ms = t(lang, Key::Ms);
    let mut list = Markup::with_capacity(props.lines.len() * 160);
    for line in props.lines.iter().rev() {
        list.tag("<li class=\"log-line ").tag(line.kind.as_str()).tag("\" data-event=\"").text(line.event);
        let _ = write!(list.tag("\"><span class=\"t\">"), "{} {ms}", format::millis(line.t));
        list.tag("</span><span class=\"who\">");
        if let Some(n) = line.node {
            let _ = write!(list, "N{n}");
        }
        list.tag("</span><span class=\"what\">").text(word(lang, line.event));
        list.tag("</span><span class=\"detail\">").text(&detail(lang, line)).tag("</span></li>");
    }
    let list = use_inner_html(list.into_value());
    html! {
        <section class="panel event-log" data-testid="event-log">
            <h2>{ t(lang, Key::EventLog) }</h2>
            <ol ref={list} />
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
