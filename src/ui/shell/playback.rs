//! Playback controls: play/pause, step one event, speed on a log scale, the virtual time.

use yew::prelude::*;

use super::format;
use crate::sim::SimTime;
use crate::ui::i18n::{fill, t, use_lang, Key};

/// Slowest speed, as a slider position (tenths of a decade): 1/1000×.
pub const SPEED_MIN: i32 = -30;
/// Fastest speed, as a slider position: 100×.
pub const SPEED_MAX: i32 = 20;

const PLAY_ICON: &str = "M3,2L13,8L3,14Z";
const PAUSE_ICON: &str = "M3,2H6.5V14H3ZM9.5,2H13V14H9.5Z";
const STEP_ICON: &str = "M2,2L10,8L2,14ZM11,2H14V14H11Z";

/// A small inline icon (no font needed).
fn glyph(path: &'static str) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true"><path d={path} fill="currentColor" /></svg>
    }
}

/// Properties of [`Playback`].
#[derive(Properties, PartialEq)]
pub struct PlaybackProps {
    /// Whether time is running.
    pub playing: bool,
    /// Virtual seconds per wall second.
    pub speed: f64,
    /// Virtual time now.
    pub now: SimTime,
    /// How many times slower than `speed` the run goes (its frames run out of budget).
    #[prop_or(1.0)]
    pub slowdown: f64,
    /// Play (true) or pause (false).
    pub on_play: Callback<bool>,
    /// Handle one event.
    pub on_step: Callback<()>,
    /// New speed factor.
    pub on_speed: Callback<f64>,
    /// Start over.
    pub on_reset: Callback<()>,
}

/// From this slowdown on, the bar says the run cannot keep up with its speed.
const HEAVY_SLOWDOWN: f64 = 1.5;

/// The playback bar.
#[component]
pub fn Playback(props: &PlaybackProps) -> Html {
    let lang = use_lang();
    let playing = props.playing;
    let toggle = props.on_play.reform(move |_: MouseEvent| !playing);
    let step = props.on_step.reform(|_: MouseEvent| ());
    let reset = props.on_reset.reform(|_: MouseEvent| ());
    let on_speed = props.on_speed.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        if let Ok(position) = input.value().parse::<i32>() {
            on_speed.emit(format::speed_from_slider(position.clamp(SPEED_MIN, SPEED_MAX)));
        }
    });
    let (testid, label, icon) =
        if playing { ("pause", t(lang, Key::Pause), PAUSE_ICON) } else { ("play", t(lang, Key::Play), PLAY_ICON) };
    html! {
        <div class="playback">
            <button type="button" class={classes!("btn", "primary", "play-toggle")} data-testid={testid}
                    aria-pressed={playing.to_string()} onclick={toggle}>
                { glyph(icon) }{ label }
            </button>
            <button type="button" class="btn" data-testid="step" title={t(lang, Key::StepTitle)} onclick={step}>
                { glyph(STEP_ICON) }{ t(lang, Key::Step) }
            </button>
            <label class="speed" title={t(lang, Key::SpeedTitle)}>
                <span>{ t(lang, Key::Speed) }</span>
                <input type="range" data-testid="speed" min={SPEED_MIN.to_string()} max={SPEED_MAX.to_string()} step="1"
                       value={format::slider_from_speed(props.speed).to_string()} {oninput} />
                <output data-testid="speed-value">{ format::speed(props.speed) }</output>
            </label>
            <div class="clock">
                <span class="caption">{ t(lang, Key::Time) }</span>
                <output class="time" data-testid="time" data-us={props.now.to_string()}>{ format::seconds(lang, props.now) }</output>
            </div>
            <button type="button" class={classes!("btn", "quiet")} data-testid="reset" onclick={reset}>{ t(lang, Key::Reset) }</button>
            if playing && props.slowdown >= HEAVY_SLOWDOWN {
                <output class="heavy-run" role="status" data-testid="heavy-run" data-slowdown={format!("{:.0}", props.slowdown)}>
                    { fill(t(lang, Key::HeavyRun), &[("n", &format!("{:.0}", props.slowdown))]) }
                </output>
            }
        </div>
    }
}

/// Virtual time the "+0.5 s" control runs.
pub const ADVANCE: SimTime = crate::sim::ms(500);

/// Properties of [`AdvanceButton`].
#[derive(Properties, PartialEq)]
pub struct AdvanceButtonProps {
    /// Run this much virtual time at once ([`ADVANCE`]).
    pub on_advance: Callback<SimTime>,
}

/// The "+0.5 s" button (`data-testid="advance"`): half a second of virtual time at once.
#[component]
pub fn AdvanceButton(props: &AdvanceButtonProps) -> Html {
    let lang = use_lang();
    html! {
        <button type="button" class="btn" data-testid="advance" title={t(lang, Key::AdvanceTitle)}
                onclick={props.on_advance.reform(|_: MouseEvent| ADVANCE)}>
            { t(lang, Key::Advance) }
        </button>
    }
}
