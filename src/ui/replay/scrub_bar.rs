//! The scrub bar: a slider over the whole run; dragging or arrow keys seek, and a notice says
//! when acting in the past forked the run.

use yew::prelude::*;

use super::history::Fork;
use crate::sim::{ms, secs, SimTime};
use crate::ui::i18n::replay::{t, Key};
use crate::ui::i18n::{fill, use_lang};
use crate::ui::shell::format;

/// How far an arrow key moves; with Shift, [`BIG_STEP`].
pub const SMALL_STEP: SimTime = ms(100);
/// How far Shift + arrow moves.
pub const BIG_STEP: SimTime = secs(1);

/// Properties of [`ScrubBar`].
#[derive(Properties, PartialEq, Clone)]
pub struct ScrubBarProps {
    /// Virtual time now.
    pub now: SimTime,
    /// The furthest time reached in this run (the bar spans `0..=max(now, furthest)`).
    pub furthest: SimTime,
    /// The last fork, shown as a notice.
    #[prop_or_default]
    pub fork: Option<Fork>,
    /// Go to a virtual time.
    pub on_seek: Callback<SimTime>,
}

/// Where a key press on the bar goes, if it is one of its keys.
fn key_target(key: &str, shift: bool, now: SimTime, end: SimTime) -> Option<SimTime> {
    let step = if shift { BIG_STEP } else { SMALL_STEP };
    match key {
        "ArrowLeft" | "ArrowDown" => Some(now.saturating_sub(step)),
        "ArrowRight" | "ArrowUp" => Some(now.saturating_add(step).min(end.max(now))),
        "Home" => Some(0),
        "End" => Some(end),
        _ => None,
    }
}

/// A range input over the run with the current and furthest times.
#[component]
pub fn ScrubBar(props: &ScrubBarProps) -> Html {
    let lang = use_lang();
    let (now, end) = (props.now, props.furthest.max(props.now));
    let oninput = props.on_seek.reform(|e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input.value().parse::<f64>().map_or(0, |v| v.max(0.0).round() as SimTime)
    });
    let on_seek = props.on_seek.clone();
    // Arrows move by virtual time, not by slider steps (and never reach the page's shortcuts).
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if let Some(target) = key_target(&e.key(), e.shift_key(), now, end) {
            e.prevent_default();
            e.stop_propagation();
            on_seek.emit(target);
        }
    });
    let notice = props.fork.map(|fork| {
        let text = fill(
            t(lang, Key::ForkNotice),
            &[("at", &format::seconds(lang, fork.at)), ("until", &format::seconds(lang, fork.until)), ("n", &fork.discarded.to_string())],
        );
        html! { <p class="fork-notice" role="status" data-testid="fork-notice" data-at={fork.at.to_string()}>{ text }</p> }
    });
    html! {
        <div class="scrub-bar">
            <input type="range" class="scrub" data-testid="scrub" min="0" max={end.to_string()} step="any"
                   value={now.to_string()} aria-label={t(lang, Key::ScrubLabel)} title={t(lang, Key::ScrubLabel)}
                   aria-valuetext={format::seconds(lang, now)} {oninput} {onkeydown} />
            <span class="scrub-times">
                <output data-testid="scrub-now" data-us={now.to_string()}>{ format::seconds(lang, now) }</output>
                { " / " }
                <output data-testid="scrub-end" data-us={end.to_string()} title={t(lang, Key::Furthest)}>
                    { format::seconds(lang, end) }
                </output>
            </span>
            { for notice }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_move_by_virtual_time_within_the_run() {
        assert_eq!(key_target("ArrowLeft", false, ms(250), secs(5)), Some(ms(150)));
        assert_eq!(key_target("ArrowLeft", true, ms(250), secs(5)), Some(0));
        assert_eq!(key_target("ArrowRight", true, ms(4_500), secs(5)), Some(secs(5)));
        assert_eq!(key_target("End", false, 0, secs(5)), Some(secs(5)));
        assert_eq!(key_target("a", false, 0, secs(5)), None);
    }
}
